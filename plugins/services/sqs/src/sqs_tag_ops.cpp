// TagQueue, UntagQueue, ListQueueTags.
#include "sqs_errors.hpp"
#include "sqs_ops.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

constexpr std::size_t k_max_tags = 50;

OJson tag_queue(Call& call) {
  const auto tags = string_map(call.input, "Tags");
  if (tags.empty()) throw err::missing_parameter("Tags");
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord q = require_queue(call, txn);
    for (const auto& [k, v] : tags) {
      if (k.empty() || k.size() > 128 || v.size() > 256)
        throw err::invalid_parameter_value("Tag key or value is invalid.");
      q.tags[k] = v;
    }
    if (q.tags.size() > k_max_tags)
      throw err::invalid_parameter_value("Too many tags added for queue " + q.name + ".");
    call.store().put_queue(txn, q);
  });
  return OJson::object();
}

OJson untag_queue(Call& call) {
  const auto keys = string_list(call.input, "TagKeys");
  if (keys.empty()) throw err::missing_parameter("TagKeys");
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord q = require_queue(call, txn);
    for (const auto& k : keys) q.tags.erase(k);
    call.store().put_queue(txn, q);
  });
  return OJson::object();
}

OJson list_queue_tags(Call& call) {
  ce::ReadTxn txn(call.svc.ctx());
  const QueueRecord q = require_queue(call, txn);
  OJson out = OJson::object();
  if (!q.tags.empty()) {
    OJson tags = OJson::object();
    for (const auto& [k, v] : q.tags) tags[k] = v;
    out["Tags"] = std::move(tags);
  }
  return out;
}

}  // namespace

void add_tag_ops(OpRegistry& ops) {
  ops.add("TagQueue", &tag_queue);
  ops.add("UntagQueue", &untag_queue);
  ops.add("ListQueueTags", &list_queue_tags);
}

}  // namespace sqs
