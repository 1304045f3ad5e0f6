// Publish and PublishBatch.
#include <set>

#include "sns_errors.hpp"
#include "sns_form.hpp"
#include "sns_ops.hpp"
#include "sns_publish.hpp"
#include "sns_service.hpp"

namespace sns {

namespace {

constexpr std::size_t k_max_batch_entries = 10;
constexpr std::size_t k_max_batch_bytes = 262144;

ce::AwsError batch_error(std::string code, std::string message) {
  return ce::AwsError::client(400, std::move(code), std::move(message));
}

bool valid_batch_id(std::string_view id) {
  if (id.empty() || id.size() > 80) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

/// SMS to a phone number: nothing is sent; the message is logged (docs/sns.md).
void publish_sms(Call& c, const std::string& phone, ce::XmlWriter& w) {
  const PublishInput in = read_publish_input(c.params);
  if (in.message.empty()) throw invalid_parameter("Empty message");
  std::string_view digits = phone;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  if (digits.size() < 7 || digits.size() > 15 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos)
    throw invalid_parameter("PhoneNumber Reason: " + phone + " is not valid to publish to");
  const std::string id = random_uuid();
  ce::log_info("sns", "SMS " + id + " to " + phone + " recorded, not sent: " + in.message);
  w.element("MessageId", id);
}

void publish(Call& c, ce::XmlWriter& w) {
  const auto topic_arn = c.optional("TopicArn");
  const auto target_arn = c.optional("TargetArn");
  const auto phone = c.optional("PhoneNumber");
  const int given = (topic_arn ? 1 : 0) + (target_arn ? 1 : 0) + (phone ? 1 : 0);
  if (given == 0)
    throw invalid_parameter("TopicArn or TargetArn Reason: no value for required parameter");
  if (given > 1)
    throw invalid_parameter(
        "TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be "
        "specified");
  if (phone) return publish_sms(c, *phone, w);
  const std::string arn = topic_arn ? *topic_arn : *target_arn;
  const auto ref = parse_topic_arn(arn);
  if (!ref) {
    // Platform application endpoints (mobile push) are not emulated.
    if (target_arn && arn.find(":endpoint/") != std::string::npos)
      throw ce::AwsError::not_found("EndpointDisabled", "Endpoint does not exist");
    throw invalid_parameter(topic_arn ? "TopicArn" : "TargetArn");
  }
  const PublishInput in = read_publish_input(c.params);
  const PublishResult r = publish_to_topic(c.svc, *ref, in, c.origin());
  w.element("MessageId", r.message_id);
  if (r.sequence_number) w.element("SequenceNumber", *r.sequence_number);
}

void publish_batch(Call& c, ce::XmlWriter& w) {
  const auto ref = parse_topic_arn(c.required("TopicArn"));
  if (!ref) throw invalid_parameter("TopicArn");
  {
    ce::ReadTxn txn(c.svc.ctx());
    if (!c.svc.store().find_topic(txn, *ref)) throw topic_not_found();
  }
  const auto entries = members(c.params, "PublishBatchRequestEntries");
  if (entries.empty())
    throw batch_error("EmptyBatchRequest", "The batch request doesn't contain any entries.");
  if (entries.size() > k_max_batch_entries)
    throw batch_error("TooManyEntriesInBatchRequest",
                      "The batch request contains more entries than permissible.");
  std::set<std::string> ids;
  std::size_t total = 0;
  for (const auto& e : entries) {
    const std::string id = field_or_empty(e, "Id");
    if (!valid_batch_id(id))
      throw batch_error("InvalidBatchEntryId",
                        "The Id of a batch entry in a batch request doesn't abide by the "
                        "specification.");
    if (!ids.insert(id).second)
      throw batch_error("BatchEntryIdsNotDistinct",
                        "Two or more batch entries in the request have the same Id.");
    total += field_or_empty(e, "Message").size();
  }
  if (total > k_max_batch_bytes)
    throw batch_error("BatchRequestTooLong",
                      "The length of all the messages put together is more than the limit.");

  struct Outcome {
    std::string id;
    std::optional<PublishResult> ok;
    std::optional<ce::AwsError> error;
  };
  std::vector<Outcome> outcomes;
  for (const auto& e : entries) {
    Outcome o;
    o.id = field_or_empty(e, "Id");
    try {
      o.ok = publish_to_topic(c.svc, *ref, read_publish_input(e), c.origin());
    } catch (const ce::AwsError& err) {
      // One bad entry fails alone (partial success); a missing topic is every entry's failure.
      if (err.http_status == 404) throw;
      o.error = err;
    }
    outcomes.push_back(std::move(o));
  }
  w.open("Successful");
  for (const auto& o : outcomes) {
    if (!o.ok) continue;
    w.open("member").element("Id", o.id).element("MessageId", o.ok->message_id);
    if (o.ok->sequence_number) w.element("SequenceNumber", *o.ok->sequence_number);
    w.close();
  }
  w.close().open("Failed");
  for (const auto& o : outcomes) {
    if (!o.error) continue;
    w.open("member")
        .element("Id", o.id)
        .element("Code", o.error->code)
        .element("Message", o.error->message)
        .element("SenderFault", o.error->sender_fault ? "true" : "false")
        .close();
  }
  w.close();
}

}  // namespace

void add_publish_ops(OpRegistry& ops) {
  ops.add("Publish", &publish);
  ops.add("PublishBatch", &publish_batch);
}

}  // namespace sns
