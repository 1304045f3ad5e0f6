// SendMessage, SendMessageBatch: validation, FIFO deduplication and sequence numbers, and the
// wake-up of long polls waiting on the queue.
#include <algorithm>
#include <cstdio>

#include "sqs_batch.hpp"
#include "sqs_codec.hpp"
#include "sqs_errors.hpp"
#include "sqs_message_attributes.hpp"
#include "sqs_ops.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

constexpr int64_t k_dedup_window_ms = 5 * 60 * 1000;
constexpr int64_t k_max_delay_seconds = 900;
constexpr std::size_t k_max_batch_bytes = 262144;
// SequenceNumber is a large, growing decimal (20 digits on real queues).
constexpr uint64_t k_sequence_base = 18'000'000'000'000'000'000ULL;

OJson identity(const std::string& message_id, const std::string& md5_body,
               const std::string& md5_attributes, const std::string& md5_system,
               const std::string& sequence_number) {
  OJson out;
  out["MD5OfMessageBody"] = md5_body;
  if (!md5_attributes.empty()) out["MD5OfMessageAttributes"] = md5_attributes;
  if (!md5_system.empty()) out["MD5OfMessageSystemAttributes"] = md5_system;
  out["MessageId"] = message_id;
  if (!sequence_number.empty()) out["SequenceNumber"] = sequence_number;
  return out;
}

/// Validates one message (a SendMessage request or a batch entry) and appends it to q (whose
/// next_seq it advances; the caller stores q). Throws before writing anything.
OJson send_one(const Call& call, ce::WriteTxn& txn, QueueRecord& q, const Json& in, int64_t now) {
  const auto body = opt_string(in, "MessageBody");
  if (!body || body->empty()) throw err::missing_parameter("MessageBody");
  if (!valid_message_characters(*body))
    throw err::invalid_message_contents(
        "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to "
        "#xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
  const auto delay_param = opt_int(in, "DelaySeconds");
  if (delay_param && (*delay_param < 0 || *delay_param > k_max_delay_seconds))
    throw err::invalid_value("DelaySeconds", std::to_string(*delay_param),
                             "DelaySeconds must be >= 0 and <= 900.");
  if (delay_param && q.fifo())
    throw err::invalid_value("DelaySeconds", std::to_string(*delay_param),
                             "The request include parameter that is not valid for this queue "
                             "type.");
  const Json attributes = validated_message_attributes(
      in.contains("MessageAttributes") ? in["MessageAttributes"] : Json());
  const Json system = validated_system_attributes(
      in.contains("MessageSystemAttributes") ? in["MessageSystemAttributes"] : Json());
  const int64_t max_size = q.number("MaximumMessageSize", 262144);
  if (static_cast<int64_t>(body->size() + attributes_size(attributes)) > max_size)
    throw err::invalid_parameter_value(
        "One or more parameters are invalid. Reason: Message must "
        "be shorter than " +
        std::to_string(max_size) + " bytes.");

  MessageRecord m;
  m.body = *body;
  m.md5_body = md5_hex(*body);
  if (!attributes.empty()) {
    m.attributes_json = attributes.dump();
    m.md5_attributes = md5_of_attributes(attributes);
  }
  if (!system.empty()) {
    m.trace_header = system["AWSTraceHeader"].value("StringValue", std::string());
    m.md5_system = md5_of_attributes(system);
  }
  m.sender_id =
      std::string(call.req.access_key_id().empty() ? call.account : call.req.access_key_id());
  m.sent_ms = now;

  const auto group = opt_string(in, "MessageGroupId");
  auto dedup = opt_string(in, "MessageDeduplicationId");
  std::string dedup_scope;
  if (q.fifo()) {
    if (!group || group->empty()) throw err::missing_parameter("MessageGroupId");
    if (!dedup) {
      if (q.attribute("ContentBasedDeduplication") != "true")
        throw err::invalid_parameter_value(
            "The queue should either have ContentBasedDeduplication enabled or "
            "MessageDeduplicationId provided explicitly");
      dedup = sha256_hex(*body);
    }
    if (q.attribute("DeduplicationScope") == "messageGroup") dedup_scope = *group;
    if (const auto seen = call.store().find_dedup(txn, q.uid, dedup_scope, *dedup);
        seen && seen->expires_ms > now) {
      // A duplicate within five minutes is accepted and not enqueued again.
      return identity(seen->message_id, seen->md5_body, seen->md5_attributes, seen->md5_system,
                      seen->sequence_number);
    }
    m.group_id = *group;
    m.dedup_id = *dedup;
  } else if (dedup) {
    throw err::invalid_value("MessageDeduplicationId", *dedup,
                             "The request include parameter that is not valid for this queue "
                             "type.");
  }

  const int64_t delay = delay_param.value_or(q.number("DelaySeconds"));
  m.message_id = random_uuid();
  m.visible_at_ms = now + delay * 1000;
  m.delayed = delay > 0;
  const uint64_t seq = q.next_seq++;
  if (q.fifo()) {
    m.sequence_number = std::to_string(k_sequence_base + seq);
    call.store().put_dedup(txn, q.uid, dedup_scope, *dedup,
                           DedupRecord{m.message_id, m.sequence_number, m.md5_body,
                                       m.md5_attributes, m.md5_system, now + k_dedup_window_ms});
  }
  call.store().put_message(txn, q.uid, seq, m);
  return identity(m.message_id, m.md5_body, m.md5_attributes, m.md5_system, m.sequence_number);
}

OJson send_message(Call& call) {
  const QueueRef ref = queue_ref(call);
  const int64_t now = call.now_ms();
  OJson out = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord q = require_queue(call, txn, ref);
    OJson result = send_one(call, txn, q, call.input, now);
    call.store().put_queue(txn, q);
    return result;
  });
  call.svc.long_polls().wake(ref);
  return out;
}

OJson send_message_batch(Call& call) {
  const QueueRef ref = queue_ref(call);
  const auto entries = batch_entries(call, "SendMessageBatchRequestEntry");
  std::size_t total = 0;
  for (const auto& e : entries) {
    total += opt_string(e, "MessageBody").value_or("").size();
    if (e.contains("MessageAttributes")) total += attributes_size(e["MessageAttributes"]);
  }
  if (total > k_max_batch_bytes) throw err::batch_request_too_long(total);
  const int64_t now = call.now_ms();
  OJson out = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord q = require_queue(call, txn, ref);
    OJson result = run_batch(call, entries,
                             [&](const Json& entry) { return send_one(call, txn, q, entry, now); });
    call.store().put_queue(txn, q);
    return result;
  });
  call.svc.long_polls().wake(ref);
  return out;
}

}  // namespace

void add_send_ops(OpRegistry& ops) {
  ops.add("SendMessage", &send_message);
  ops.add("SendMessageBatch", &send_message_batch);
}

}  // namespace sqs
