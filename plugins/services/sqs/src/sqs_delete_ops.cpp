// DeleteMessage(+Batch) and ChangeMessageVisibility(+Batch): what a receipt handle lets a consumer
// do with the message it received.
#include "sqs_batch.hpp"
#include "sqs_errors.hpp"
#include "sqs_ops.hpp"
#include "sqs_receive.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

constexpr int64_t k_max_visibility_seconds = 43200;

Receipt require_receipt(const QueueRecord& q, const std::string& handle) {
  const auto receipt = parse_receipt_handle(handle);
  if (!receipt || receipt->queue_uid != q.uid) throw err::receipt_handle_is_invalid(handle);
  return *receipt;
}

/// Deletes the message a handle names. A message already gone is fine (deletes are idempotent);
/// a handle from an older receive succeeds without deleting, as the DeleteMessage reference says.
void delete_one(const Call& call, ce::WriteTxn& txn, const QueueRecord& q, const Json& in) {
  const std::string handle = require_string(in, "ReceiptHandle");
  const Receipt r = require_receipt(q, handle);
  const auto m = call.store().get_message(txn, q.uid, r.seq);
  if (!m || m->receipt_nonce != r.nonce) return;
  call.store().delete_message(txn, q.uid, r.seq);
}

void change_one(const Call& call, ce::WriteTxn& txn, const QueueRecord& q, const Json& in,
                int64_t now) {
  const std::string handle = require_string(in, "ReceiptHandle");
  const auto timeout = opt_int(in, "VisibilityTimeout");
  if (!timeout) throw err::missing_parameter("VisibilityTimeout");
  if (*timeout < 0 || *timeout > k_max_visibility_seconds)
    throw err::invalid_value("VisibilityTimeout", std::to_string(*timeout),
                             "VisibilityTimeout must be an integer between 0 and 43200");
  const Receipt r = require_receipt(q, handle);
  auto m = call.store().get_message(txn, q.uid, r.seq);
  if (!m) throw err::receipt_handle_is_invalid(handle);
  // Only the latest receive's handle holds the message in flight.
  if (m->receipt_nonce != r.nonce || m->receive_count == 0 || m->visible_at_ms <= now)
    throw err::message_not_inflight();
  m->visible_at_ms = now + *timeout * 1000;
  call.store().put_message(txn, q.uid, r.seq, *m);
}

OJson delete_message(Call& call) {
  const QueueRef ref = queue_ref(call);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    delete_one(call, txn, require_queue(call, txn, ref), call.input);
  });
  call.svc.long_polls().wake(ref);  // FIFO: the next message of the group may go now
  return OJson::object();
}

OJson delete_message_batch(Call& call) {
  const QueueRef ref = queue_ref(call);
  const auto entries = batch_entries(call, "DeleteMessageBatchRequestEntry");
  OJson out = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const QueueRecord q = require_queue(call, txn, ref);
    return run_batch(call, entries, [&](const Json& entry) {
      delete_one(call, txn, q, entry);
      return OJson::object();
    });
  });
  call.svc.long_polls().wake(ref);
  return out;
}

OJson change_message_visibility(Call& call) {
  const QueueRef ref = queue_ref(call);
  const int64_t now = call.now_ms();
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    change_one(call, txn, require_queue(call, txn, ref), call.input, now);
  });
  call.svc.long_polls().wake(ref);  // a timeout of 0 makes the message receivable at once
  return OJson::object();
}

OJson change_message_visibility_batch(Call& call) {
  const QueueRef ref = queue_ref(call);
  const auto entries = batch_entries(call, "ChangeMessageVisibilityBatchRequestEntry");
  const int64_t now = call.now_ms();
  OJson out = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const QueueRecord q = require_queue(call, txn, ref);
    return run_batch(call, entries, [&](const Json& entry) {
      change_one(call, txn, q, entry, now);
      return OJson::object();
    });
  });
  call.svc.long_polls().wake(ref);
  return out;
}

}  // namespace

void add_delete_ops(OpRegistry& ops) {
  ops.add("DeleteMessage", &delete_message);
  ops.add("DeleteMessageBatch", &delete_message_batch);
  ops.add("ChangeMessageVisibility", &change_message_visibility);
  ops.add("ChangeMessageVisibilityBatch", &change_message_visibility_batch);
}

}  // namespace sqs
