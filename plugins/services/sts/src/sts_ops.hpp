// The per-request context handed to every STS action, and the registry from Action name to
// handler. An action nobody registered answers InvalidAction, as STS does.
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/url.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sts {

class StsService;

struct Call {
  StsService& svc;
  ce::Request& req;
  ce::Response& resp;
  const ce::Params& params;
  std::string action;

  std::string_view account() const { return req.account_id(); }
  /// A required parameter: ValidationError "Value null at '<name>'" when absent (hand-made
  /// requests; the SDKs check this themselves).
  std::string required(std::string_view name) const;
  std::optional<std::string> optional(std::string_view name) const;
  /// Sends the action's result document (most handlers end with it).
  void reply(const std::function<void(ce::XmlWriter&)>& fill);
};

using Handler = void (*)(Call&);

class OpRegistry {
 public:
  void add(std::string_view name, Handler h) { ops_.emplace(std::string(name), h); }
  Handler find(std::string_view name) const {
    const auto it = ops_.find(std::string(name));
    return it == ops_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string, Handler> ops_;
};

// One per operation family (one file each).
void add_assume_role_ops(OpRegistry& ops);  // sts_assume_role_ops.cpp
void add_token_ops(OpRegistry& ops);        // sts_token_ops.cpp
void add_identity_ops(OpRegistry& ops);     // sts_identity_ops.cpp

}  // namespace sts
