// GetQueueAttributes, SetQueueAttributes (rules in sqs_queue_attributes.cpp).
#include "sqs_ops.hpp"
#include "sqs_queue_attributes.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

OJson get_queue_attributes(Call& call) {
  const auto names = string_list(call.input, "AttributeNames");
  ce::ReadTxn txn(call.svc.ctx());
  const QueueRecord q = require_queue(call, txn);
  OJson attributes = read_attributes(call, txn, q, names);
  OJson out = OJson::object();
  if (!attributes.empty()) out["Attributes"] = std::move(attributes);
  return out;
}

OJson set_queue_attributes(Call& call) {
  const auto changes = string_map(call.input, "Attributes");
  const int64_t now = call.now_ms();
  const QueueRef ref = queue_ref(call);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord q = require_queue(call, txn, ref);
    apply_attributes(call, txn, q, changes, false);
    q.modified_ms = now;
    call.store().put_queue(txn, q);
  });
  // A shorter DelaySeconds or a new RedrivePolicy may make messages receivable now.
  call.svc.long_polls().wake(ref);
  return OJson::object();
}

}  // namespace

void add_attribute_ops(OpRegistry& ops) {
  ops.add("GetQueueAttributes", &get_queue_attributes);
  ops.add("SetQueueAttributes", &set_queue_attributes);
}

}  // namespace sqs
