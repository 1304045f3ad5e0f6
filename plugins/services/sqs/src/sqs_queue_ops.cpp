// CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, PurgeQueue.
#include <algorithm>

#include "sqs_codec.hpp"
#include "sqs_errors.hpp"
#include "sqs_ops.hpp"
#include "sqs_queue_attributes.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

constexpr int64_t k_purge_interval_ms = 60'000;
constexpr std::size_t k_max_tags = 50;

bool valid_queue_name(const std::string& name, bool fifo) {
  std::string_view base = name;
  if (fifo) {
    if (!base.ends_with(".fifo")) return false;
    base.remove_suffix(5);
  }
  if (base.empty() || name.size() > 80) return false;
  return std::all_of(base.begin(), base.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

bool wants_fifo(const std::map<std::string, std::string>& attributes) {
  const auto it = attributes.find("FifoQueue");
  if (it == attributes.end()) return false;
  std::string v = it->second;
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return v == "true";
}

OJson create_queue(Call& call) {
  const std::string name = require_string(call.input, "QueueName");
  const auto attributes = string_map(call.input, "Attributes");
  const auto tags = string_map(call.input, "tags");
  const bool fifo = wants_fifo(attributes);
  if (name.ends_with(".fifo") != fifo || !valid_queue_name(name, fifo)) {
    if (fifo || name.ends_with(".fifo"))
      throw err::invalid_parameter_value(
          "The name of a FIFO queue can only include alphanumeric characters, hyphens, or "
          "underscores, must end with .fifo suffix and be 1 to 80 in length.");
    throw err::invalid_parameter_value(
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  }
  if (tags.size() > k_max_tags)
    throw err::invalid_parameter_value("Too many tags added for queue " + name + ".");
  const int64_t now = call.now_ms();
  const QueueRecord q = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord fresh;
    fresh.account = call.account;
    fresh.region = call.region;
    fresh.name = name;
    fresh.attributes = default_attributes(fifo);
    apply_attributes(call, txn, fresh, attributes, true);
    if (auto existing = call.store().find_queue(txn, call.account, call.region, name)) {
      // Idempotent only when every attribute given matches the queue's current value.
      for (const auto& [attr, value] : attributes)
        if (fresh.attribute(attr) != existing->attribute(attr)) throw err::queue_name_exists(name);
      return std::move(*existing);
    }
    fresh.uid = call.store().next_uid(txn);
    fresh.tags = tags;
    fresh.created_ms = fresh.modified_ms = now;
    call.store().put_queue(txn, fresh);
    return fresh;
  });
  OJson out;
  out["QueueUrl"] = url_of(call, q);
  return out;
}

OJson delete_queue(Call& call) {
  const QueueRef ref = queue_ref(call);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    call.store().delete_queue(txn, require_queue(call, txn, ref));
  });
  call.svc.long_polls().wake(ref);  // parked receives answer QueueDoesNotExist
  return OJson::object();
}

OJson get_queue_url(Call& call) {
  const std::string name = require_string(call.input, "QueueName");
  const std::string owner = opt_string(call.input, "QueueOwnerAWSAccountId").value_or(call.account);
  ce::ReadTxn txn(call.svc.ctx());
  const QueueRecord q = require_queue(call, txn, QueueRef{owner, call.region, name});
  OJson out;
  out["QueueUrl"] = url_of(call, q);
  return out;
}

OJson list_queues(Call& call) {
  const std::string prefix = opt_string(call.input, "QueueNamePrefix").value_or("");
  const auto max_results = opt_int(call.input, "MaxResults");
  if (max_results && (*max_results < 1 || *max_results > 1000))
    throw err::invalid_value("MaxResults", std::to_string(*max_results),
                             "MaxResults must be an integer between 1 and 1000.");
  std::string after;
  if (const auto token = opt_string(call.input, "NextToken")) {
    const auto decoded = base64_decode(*token);
    if (!decoded) throw err::invalid_parameter_value("Invalid NextToken value.");
    after = *decoded;
  }
  bool more = false;
  ce::ReadTxn txn(call.svc.ctx());
  const auto queues =
      call.store().list_queues(txn, call.account, call.region, prefix, after,
                               static_cast<std::size_t>(max_results.value_or(1000)), &more);
  OJson out = OJson::object();
  if (!queues.empty()) {
    OJson urls = OJson::array();
    for (const auto& q : queues) urls.push_back(url_of(call, q));
    out["QueueUrls"] = std::move(urls);
  }
  // Pages exist only when the caller asked for them with MaxResults.
  if (more && max_results) out["NextToken"] = base64_encode(queues.back().name);
  return out;
}

OJson purge_queue(Call& call) {
  const int64_t now = call.now_ms();
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    QueueRecord q = require_queue(call, txn);
    if (q.last_purge_ms != 0 && now - q.last_purge_ms < k_purge_interval_ms)
      throw err::purge_queue_in_progress(q.name);
    call.store().delete_messages(txn, q.uid);
    q.last_purge_ms = now;
    call.store().put_queue(txn, q);
  });
  return OJson::object();
}

}  // namespace

void add_queue_ops(OpRegistry& ops) {
  ops.add("CreateQueue", &create_queue);
  ops.add("DeleteQueue", &delete_queue);
  ops.add("GetQueueUrl", &get_queue_url);
  ops.add("ListQueues", &list_queues);
  ops.add("PurgeQueue", &purge_queue);
}

}  // namespace sqs
