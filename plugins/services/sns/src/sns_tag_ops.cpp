// TagResource, UntagResource, ListTagsForResource (topics are SNS's only taggable resource).
#include "sns_errors.hpp"
#include "sns_form.hpp"
#include "sns_ops.hpp"
#include "sns_service.hpp"

namespace sns {

namespace {

constexpr std::size_t k_max_tags = 50;

/// The topic a ResourceArn names; ResourceNotFound when it is not there.
TopicRecord require_tagged_topic(Call& c, ce::Txn& txn) {
  const auto ref = parse_topic_arn(c.required("ResourceArn"));
  if (!ref) throw invalid_parameter("ResourceArn");
  auto topic = c.svc.store().find_topic(txn, *ref);
  if (!topic) throw resource_not_found();
  return std::move(*topic);
}

void check_tag_quota(const AttributeMap& tags) {
  if (tags.size() > k_max_tags)
    throw ce::AwsError::client(400, "TagLimitExceeded",
                               "Could not complete request: tag quota of per resource exceeded");
}

void tag_resource(Call& c, ce::XmlWriter&) {
  const AttributeMap added = parse_tags(c.params);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    TopicRecord topic = require_tagged_topic(c, txn);
    for (const auto& [k, v] : added) topic.tags[k] = v;
    check_tag_quota(topic.tags);
    c.svc.store().put_topic(txn, topic);
  });
}

void untag_resource(Call& c, ce::XmlWriter&) {
  const auto keys = member_values(c.params, "TagKeys");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    TopicRecord topic = require_tagged_topic(c, txn);
    for (const auto& k : keys) topic.tags.erase(k);
    c.svc.store().put_topic(txn, topic);
  });
}

void list_tags_for_resource(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const TopicRecord topic = require_tagged_topic(c, txn);
  w.open("Tags");
  for (const auto& [k, v] : topic.tags)
    w.open("member").element("Key", k).element("Value", v).close();
  w.close();
}

}  // namespace

AttributeMap parse_tags(const ce::Params& params) {
  AttributeMap out;
  for (const auto& tag : members(params, "Tags")) {
    const std::string key = field_or_empty(tag, "Key");
    const std::string value = field_or_empty(tag, "Value");
    if (key.empty() || key.size() > 128) throw invalid_parameter("Tags Reason: invalid tag key");
    if (value.size() > 256) throw invalid_parameter("Tags Reason: invalid tag value");
    out[key] = value;
  }
  check_tag_quota(out);
  return out;
}

void add_tag_ops(OpRegistry& ops) {
  // Both answer an empty <...Result/> element.
  ops.add("TagResource", &tag_resource);
  ops.add("UntagResource", &untag_resource);
  ops.add("ListTagsForResource", &list_tags_for_resource);
}

}  // namespace sns
