#include "sqs_receive.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "sqs_codec.hpp"
#include "sqs_errors.hpp"
#include "sqs_message_attributes.hpp"
#include "sqs_queue_attributes.hpp"
#include "sqs_url.hpp"

namespace sqs {

namespace {

enum class Fate { deliver, expire, dead_letter };

struct Taken {
  uint64_t seq;
  MessageRecord message;
  Fate fate;
};

bool wants(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return n == "All" || n == name; });
}

OJson system_attributes(const MessageRecord& m, const std::vector<std::string>& names) {
  OJson out = OJson::object();
  const auto put = [&](std::string_view name, const std::string& value) {
    if (wants(names, name)) out[std::string(name)] = value;
  };
  put("SenderId", m.sender_id);
  put("SentTimestamp", std::to_string(m.sent_ms));
  put("ApproximateReceiveCount", std::to_string(m.receive_count));
  put("ApproximateFirstReceiveTimestamp", std::to_string(m.first_receive_ms));
  if (!m.group_id.empty()) {
    put("MessageDeduplicationId", m.dedup_id);
    put("MessageGroupId", m.group_id);
    put("SequenceNumber", m.sequence_number);
  }
  if (!m.trace_header.empty()) put("AWSTraceHeader", m.trace_header);
  if (!m.dead_letter_source_arn.empty()) put("DeadLetterQueueSourceArn", m.dead_letter_source_arn);
  return out;
}

OJson message_document(const QueueRecord& q, uint64_t seq, const MessageRecord& m,
                       const ReceiveRequest& request) {
  OJson doc;
  doc["MessageId"] = m.message_id;
  doc["ReceiptHandle"] = make_receipt_handle({q.uid, seq, m.receipt_nonce});
  doc["MD5OfBody"] = m.md5_body;
  doc["Body"] = m.body;
  OJson attrs = system_attributes(m, request.system_attribute_names);
  if (!attrs.empty()) doc["Attributes"] = std::move(attrs);
  if (!m.attributes_json.empty() && !request.message_attribute_names.empty()) {
    const Json selected =
        select_message_attributes(Json::parse(m.attributes_json), request.message_attribute_names);
    if (!selected.empty()) {
      doc["MD5OfMessageAttributes"] = md5_of_attributes(selected);
      doc["MessageAttributes"] = OJson::parse(selected.dump());
    }
  }
  return doc;
}

/// Appends a message to the dead-letter queue named by the policy; false when it is gone.
bool move_to_dead_letter_queue(const Store& store, ce::WriteTxn& txn, const QueueRecord& source,
                               const RedrivePolicy& policy, MessageRecord m, int64_t now) {
  const auto target = parse_queue_arn(policy.dead_letter_target_arn);
  if (!target) return false;
  auto dlq = store.find_queue(txn, target->account, target->region, target->name);
  if (!dlq || dlq->uid == source.uid) return false;
  m.visible_at_ms = now;
  m.delayed = false;
  m.dead_letter_source_arn = queue_arn(source.region, source.account, source.name);
  store.put_message(txn, dlq->uid, dlq->next_seq++, m);
  store.put_queue(txn, *dlq);
  return true;
}

}  // namespace

OJson receive_now(const Store& store, int64_t now, const ReceiveRequest& request) {
  return ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    const auto q =
        store.find_queue(txn, request.queue.account, request.queue.region, request.queue.name);
    if (!q) throw err::queue_does_not_exist();
    const auto policy = redrive_policy(*q);
    const int64_t visibility =
        request.visibility_timeout.value_or(q->number("VisibilityTimeout", 30));
    std::vector<Taken> taken;
    std::set<std::string> blocked_groups;  // FIFO groups with a message in flight or delayed
    std::size_t delivering = 0;
    store.scan_messages(txn, q->uid, [&](uint64_t seq, const MessageRecord& m) {
      if (expired(*q, m.sent_ms, now)) {
        taken.push_back({seq, m, Fate::expire});
        return true;
      }
      const bool fifo_blocked = q->fifo() && blocked_groups.contains(m.group_id);
      if (m.visible_at_ms > now) {
        if (q->fifo()) blocked_groups.insert(m.group_id);
        return true;
      }
      if (fifo_blocked) return true;
      if (policy && m.receive_count >= policy->max_receive_count) {
        taken.push_back({seq, m, Fate::dead_letter});
        return true;
      }
      taken.push_back({seq, m, Fate::deliver});
      return ++delivering < static_cast<std::size_t>(request.max_messages);
    });

    OJson messages = OJson::array();
    for (auto& t : taken) {
      if (t.fate == Fate::expire) {
        store.delete_message(txn, q->uid, t.seq);
      } else if (t.fate == Fate::dead_letter) {
        // The receive beyond maxReceiveCount moves the message instead of delivering it.
        if (move_to_dead_letter_queue(store, txn, *q, *policy, t.message, now))
          store.delete_message(txn, q->uid, t.seq);
      } else {
        MessageRecord& m = t.message;
        ++m.receive_count;
        if (m.first_receive_ms == 0) m.first_receive_ms = now;
        m.visible_at_ms = now + visibility * 1000;
        m.delayed = false;
        m.receipt_nonce = random_u64();
        store.put_message(txn, q->uid, t.seq, m);
        messages.push_back(message_document(*q, t.seq, m, request));
      }
    }
    return messages;
  });
}

std::string make_receipt_handle(const Receipt& r) {
  return base64_encode("ce1:" + std::to_string(r.queue_uid) + ":" + std::to_string(r.seq) + ":" +
                       std::to_string(r.nonce));
}

std::optional<Receipt> parse_receipt_handle(std::string_view handle) {
  const auto text = base64_decode(handle);
  if (!text || !text->starts_with("ce1:")) return std::nullopt;
  std::string_view rest = std::string_view(*text).substr(4);
  uint64_t parts[3] = {};
  for (int i = 0; i < 3; ++i) {
    const auto colon = rest.find(':');
    const std::string_view part = rest.substr(0, colon);
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), parts[i]);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size()) return std::nullopt;
    if ((colon == std::string_view::npos) != (i == 2)) return std::nullopt;
    if (colon != std::string_view::npos) rest.remove_prefix(colon + 1);
  }
  return Receipt{parts[0], parts[1], parts[2]};
}

}  // namespace sqs
