// CreateTopic, DeleteTopic, ListTopics, GetTopicAttributes, SetTopicAttributes.
#include "sns_errors.hpp"
#include "sns_form.hpp"
#include "sns_ops.hpp"
#include "sns_service.hpp"
#include "sns_topic_attributes.hpp"

namespace sns {

namespace {

constexpr std::size_t k_topics_per_page = 100;

/// The Attributes of a CreateTopic checked and normalized; FifoTopic=false is not kept.
AttributeMap creation_attributes(const Call& c, bool fifo) {
  AttributeMap out;
  for (const auto& [name, value] : entry_map(c.params, "Attributes"))
    out[name] = checked_topic_attribute(name, value, fifo, AttributeUse::create);
  if (const auto policy = c.optional("DataProtectionPolicy"))
    out["DataProtectionPolicy"] =
        checked_topic_attribute("DataProtectionPolicy", *policy, fifo, AttributeUse::create);
  if (auto it = out.find("FifoTopic"); it != out.end() && it->second == "false") out.erase(it);
  return out;
}

/// CreateTopic is idempotent only for the same request: every attribute it names must hold
/// the value the topic has (see test "CreateTopic again with other attributes fails").
void check_same_topic(const TopicRecord& existing, const AttributeMap& attributes,
                      const AttributeMap& tags, bool tags_given) {
  for (const auto& [name, value] : attributes) {
    const std::string current = name == "ContentBasedDeduplication"
                                    ? existing.attribute(name, "false")
                                    : existing.attribute(name);
    if (current != value)
      throw invalid_parameter("Attributes Reason: Topic already exists with different attributes");
  }
  if (!existing.fifo() && attributes.contains("FifoTopic"))
    throw invalid_parameter("Attributes Reason: Topic already exists with different attributes");
  if (tags_given && tags != existing.tags)
    throw invalid_parameter("Tags Reason: Topic already exists with different tags");
}

void create_topic(Call& c, ce::XmlWriter& w) {
  const std::string name = c.required("Name");
  const auto given = entry_map(c.params, "Attributes");
  const auto fifo_flag = given.find("FifoTopic");
  const bool fifo = fifo_flag != given.end() && parse_bool(fifo_flag->second) == "true";
  if (!valid_topic_name(name, fifo)) {
    if (fifo)
      throw invalid_parameter(
          "Fifo Topic names must end with .fifo and must be made up of only uppercase and "
          "lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and "
          "256 characters long.");
    throw invalid_parameter("Topic Name");
  }
  const AttributeMap attributes = creation_attributes(c, fifo);
  const bool tags_given = has_prefix(c.params, "Tags");
  const AttributeMap tags = parse_tags(c.params);

  TopicRecord topic;
  topic.account = c.account();
  topic.region = c.region();
  topic.name = name;
  topic.attributes = attributes;
  topic.tags = tags;
  topic.created_ms = c.svc.now_ms();
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (auto existing = c.svc.store().find_topic(txn, topic.ref())) {
      check_same_topic(*existing, attributes, tags, tags_given);
      return;
    }
    c.svc.store().put_topic(txn, topic);
  });
  w.element("TopicArn", topic.arn());
}

void delete_topic(Call& c, ce::XmlWriter&) {
  const std::string arn = c.required("TopicArn");
  const auto ref = parse_topic_arn(arn);
  if (!ref) throw invalid_parameter("TopicArn");
  // Deleting a topic that does not exist is not an error (DeleteTopic API reference).
  ce::with_write_txn(c.svc.ctx(),
                     [&](ce::WriteTxn& txn) { c.svc.store().delete_topic(txn, *ref); });
}

void list_topics(Call& c, ce::XmlWriter& w) {
  const std::string token = c.optional("NextToken").value_or("");
  ce::ReadTxn txn(c.svc.ctx());
  const auto page =
      c.svc.store().list_topics(txn, c.account(), c.region(), token, k_topics_per_page);
  if (!page) throw invalid_parameter("NextToken");
  w.open("Topics");
  for (const auto& t : page->items) w.open("member").element("TopicArn", t.arn()).close();
  w.close();
  if (!page->next_token.empty()) w.element("NextToken", page->next_token);
}

void get_topic_attributes(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const TopicRecord topic = c.require_topic(txn, "TopicArn");
  std::size_t confirmed = 0, pending = 0;
  for (const auto& s : c.svc.store().subscriptions_of(txn, topic.ref()))
    ++(s.confirmed ? confirmed : pending);
  w.open("Attributes");
  write_attribute_map(w, reported_topic_attributes(topic, confirmed, pending));
  w.close();
}

void set_topic_attributes(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("AttributeName");
  const std::string value = c.optional("AttributeValue").value_or("");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    TopicRecord topic = c.require_topic(txn, "TopicArn");
    topic.attributes[name] = checked_topic_attribute(name, value, topic.fifo(), AttributeUse::set);
    c.svc.store().put_topic(txn, topic);
  });
}

}  // namespace

void add_topic_ops(OpRegistry& ops) {
  ops.add("CreateTopic", &create_topic);
  ops.add("DeleteTopic", &delete_topic, false);
  ops.add("ListTopics", &list_topics);
  ops.add("GetTopicAttributes", &get_topic_attributes);
  ops.add("SetTopicAttributes", &set_topic_attributes, false);
}

}  // namespace sns
