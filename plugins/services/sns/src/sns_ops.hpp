// The per-request context handed to every SNS action, and the registry from Action name to
// handler. Each operation family registers its handlers in its own add_*_ops function; an action
// nobody registered answers InvalidAction, as SNS does.
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/url.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sns_arn.hpp"
#include "sns_store.hpp"

namespace sns {

class SnsService;

struct Call {
  SnsService& svc;
  ce::Request& req;
  const ce::Params& params;
  std::string action;

  std::string_view account() const { return req.account_id(); }
  std::string_view region() const { return req.region(); }
  /// A required parameter; InvalidParameter "<name>" ... when absent (boto3 checks too, but hand
  /// made requests and other SDKs do not).
  std::string required(std::string_view name) const;
  std::optional<std::string> optional(std::string_view name) const;
  /// The topic an ARN parameter names in this account and region: InvalidParameter for a
  /// malformed ARN, NotFound "Topic does not exist" when it is not there.
  TopicRecord require_topic(ce::Txn& txn, std::string_view arn_param) const;
  /// Origin of the URLs put in notifications: "http://<Host header>".
  std::string origin() const;
};

/// Writes the action's <...Result> children.
using Handler = void (*)(Call&, ce::XmlWriter&);

struct Operation {
  Handler handler = nullptr;
  bool with_result = true;  // false: the answer has no <ActionResult> (DeleteTopic)
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

 private:
  std::unordered_map<std::string, Operation> ops_;
};

// One per operation family (one file each).
void add_topic_ops(OpRegistry& ops);                   // sns_topic_ops.cpp
void add_tag_ops(OpRegistry& ops);                     // sns_tag_ops.cpp
void add_subscription_ops(OpRegistry& ops);            // sns_subscription_ops.cpp
void add_subscription_attribute_ops(OpRegistry& ops);  // sns_subscription_attribute_ops.cpp
void add_publish_ops(OpRegistry& ops);                 // sns_publish_ops.cpp

/// Tags.member.N.Key/Value, checked (key 1-128, value up to 256, at most 50): sns_tag_ops.cpp.
AttributeMap parse_tags(const ce::Params& params);

/// Writes <entry><key>k</key><value>v</value></entry> for each attribute.
void write_attribute_map(ce::XmlWriter& w, const AttributeMap& attributes);

}  // namespace sns
