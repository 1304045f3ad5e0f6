// Validation, FIFO sequencing and deduplication of one published message (sns_publish.hpp).
#include "sns_publish.hpp"

#include <openssl/sha.h>

#include <nlohmann/json.hpp>

#include "sns_delivery.hpp"
#include "sns_errors.hpp"
#include "sns_form.hpp"
#include "sns_service.hpp"

namespace sns {

namespace {

constexpr std::size_t k_max_message_bytes = 262144;
constexpr int64_t k_dedup_window_ms = 5 * 60 * 1000;

std::string sha256_hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char b : digest) {
    out += k_hex[b >> 4];
    out += k_hex[b & 0xF];
  }
  return out;
}

/// 1-128 characters of alphanumerics and punctuation (MessageGroupId, MessageDeduplicationId).
bool valid_fifo_id(std::string_view id) {
  if (id.empty() || id.size() > 128) return false;
  for (const char c : id)
    if (c < '!' || c > '~') return false;
  return true;
}

/// Subjects are ASCII text without line breaks, 1-100 characters.
bool valid_subject(std::string_view s) {
  if (s.empty() || s.size() > 100) return false;
  for (const char c : s)
    if (c < ' ' || c > '~') return false;
  return true;
}

/// SequenceNumber of FIFO topics: a 20-digit, increasing decimal.
std::string sequence_text(uint64_t n) {
  std::string digits = std::to_string(10000000000000000000ULL + n);
  return digits;
}

}  // namespace

PublishInput read_publish_input(const ce::Params& fields) {
  PublishInput in;
  in.message = field_or_empty(fields, "Message");
  in.subject = field(fields, "Subject");
  in.structure = field_or_empty(fields, "MessageStructure");
  in.attributes = parse_message_attributes(fields, "MessageAttributes");
  in.group_id = field(fields, "MessageGroupId");
  in.dedup_id = field(fields, "MessageDeduplicationId");
  return in;
}

void validate_publish(const PublishInput& in, const TopicRecord& topic) {
  if (in.message.empty()) throw invalid_parameter("Empty message");
  if (in.message.size() + message_attributes_size(in.attributes) > k_max_message_bytes)
    throw invalid_parameter("Message too long");
  if (in.subject && !valid_subject(*in.subject)) throw invalid_parameter("Subject");
  if (!in.structure.empty()) {
    if (in.structure != "json") throw invalid_parameter("MessageStructure");
    const auto doc = nlohmann::json::parse(in.message, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
      throw invalid_parameter("Message Structure - JSON message body failed to parse");
    const auto fallback = doc.find("default");
    if (fallback == doc.end() || !fallback->is_string())
      throw invalid_parameter("Message Structure - No default entry in JSON message body");
  }
  if (topic.fifo()) {
    if (!in.group_id)
      throw invalid_parameter("The MessageGroupId parameter is required for FIFO topics");
    if (!valid_fifo_id(*in.group_id)) throw invalid_parameter("MessageGroupId");
    if (in.dedup_id && !valid_fifo_id(*in.dedup_id))
      throw invalid_parameter("MessageDeduplicationId");
    if (!in.dedup_id && topic.attribute("ContentBasedDeduplication") != "true")
      throw invalid_parameter(
          "The topic should either have ContentBasedDeduplication enabled or "
          "MessageDeduplicationId provided explicitly");
  } else {
    if (in.group_id)
      throw invalid_parameter(
          "MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid "
          "for this topic type");
    if (in.dedup_id)
      throw invalid_parameter(
          "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter "
          "that is not valid for this topic type");
  }
}

PublishResult publish_to_topic(SnsService& svc, const TopicRef& topic_ref, const PublishInput& in,
                               const std::string& origin) {
  OutgoingMessage msg;
  msg.input = in;
  msg.message_id = random_uuid();
  msg.timestamp_ms = svc.now_ms();
  msg.origin = origin;
  std::vector<SubscriptionRecord> subscriptions;
  bool duplicate = false;
  PublishResult result;

  const auto load = [&](ce::Txn& txn) {
    auto topic = svc.store().find_topic(txn, topic_ref);
    if (!topic) throw topic_not_found();
    validate_publish(in, *topic);
    return std::move(*topic);
  };
  ce::ReadTxn read(svc.ctx());
  msg.topic = load(read);
  if (!msg.topic.fifo()) {
    subscriptions = svc.store().subscriptions_of(read, topic_ref);
    read.abort();
    result.message_id = msg.message_id;
  } else {
    read.abort();
    msg.dedup_id = in.dedup_id ? *in.dedup_id : sha256_hex(in.message);
    ce::with_write_txn(svc.ctx(), [&](ce::WriteTxn& txn) {
      msg.topic = load(txn);
      const auto seen = svc.store().find_dedup(txn, topic_ref, msg.dedup_id);
      if (seen && seen->expires_ms > msg.timestamp_ms) {
        // Within five minutes the same deduplication id is accepted and not delivered again.
        duplicate = true;
        result.message_id = seen->message_id;
        result.sequence_number = seen->sequence;
        return;
      }
      duplicate = false;
      msg.topic.last_sequence += 1;
      msg.sequence_number = sequence_text(msg.topic.last_sequence);
      svc.store().put_topic(txn, msg.topic);
      svc.store().put_dedup(
          txn, topic_ref, msg.dedup_id,
          DedupRecord{msg.timestamp_ms + k_dedup_window_ms, msg.message_id, *msg.sequence_number});
      subscriptions = svc.store().subscriptions_of(txn, topic_ref);
      result.message_id = msg.message_id;
      result.sequence_number = msg.sequence_number;
    });
  }
  if (!duplicate) deliver(svc, msg, subscriptions);
  return result;
}

}  // namespace sns
