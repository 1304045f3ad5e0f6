// The per-request context handed to every IAM action, and the registry from Action name to
// handler. Each operation family registers its handlers in its own add_*_ops function; an action
// nobody registered answers InvalidAction, as IAM does.
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/url.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace iam {

class IamService;
class Store;

struct Call {
  IamService& svc;
  ce::Request& req;
  const ce::Params& params;
  std::string action;

  /// IAM is global: state is per account only, whatever the region.
  std::string account() const { return std::string(req.account_id()); }
  int64_t now_ms() const;
  Store& store() const;
  /// A required parameter: ValidationError "Value null at '<member>'" when absent or empty.
  std::string required(std::string_view name) const;
  std::optional<std::string> optional(std::string_view name) const;
  std::string optional_or(std::string_view name, std::string fallback) const {
    return optional(name).value_or(std::move(fallback));
  }
};

/// Writes the action's <...Result> children.
using Handler = void (*)(Call&, ce::XmlWriter&);

struct Operation {
  Handler handler = nullptr;
  bool with_result = true;  // false: the answer has no <ActionResult> (DeleteUser)
};

class OpRegistry {
 public:
  void add(std::string_view name, Handler h, bool with_result = true) {
    ops_.emplace(std::string(name), Operation{h, with_result});
  }
  const Operation* find(std::string_view name) const {
    const auto it = ops_.find(std::string(name));
    return it == ops_.end() ? nullptr : &it->second;
  }
  std::size_t size() const { return ops_.size(); }

 private:
  std::unordered_map<std::string, Operation> ops_;
};

// One per operation family (one file each).
void add_user_ops(OpRegistry& ops);              // iam_user_ops.cpp
void add_group_ops(OpRegistry& ops);             // iam_group_ops.cpp
void add_role_ops(OpRegistry& ops);              // iam_role_ops.cpp
void add_managed_policy_ops(OpRegistry& ops);    // iam_managed_policy_ops.cpp
void add_policy_version_ops(OpRegistry& ops);    // iam_policy_version_ops.cpp
void add_inline_policy_ops(OpRegistry& ops);     // iam_inline_policy_ops.cpp
void add_attached_policy_ops(OpRegistry& ops);   // iam_attached_policy_ops.cpp
void add_access_key_ops(OpRegistry& ops);        // iam_access_key_ops.cpp
void add_instance_profile_ops(OpRegistry& ops);  // iam_instance_profile_ops.cpp
void add_tag_ops(OpRegistry& ops);               // iam_tag_ops.cpp
void add_account_ops(OpRegistry& ops);           // iam_account_ops.cpp

}  // namespace iam
