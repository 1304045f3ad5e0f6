// Queues, messages and deduplication entries in the service's keyspaces (layout: sqs_store.hpp).
#include "sqs_store.hpp"

#include <cloudemu/keycodec.hpp>

namespace sqs {

namespace {

std::string queue_key(std::string_view account, std::string_view region, std::string_view name) {
  return ce::encode_key(account, region, name);
}

std::string queue_prefix(uint64_t uid) {
  return ce::KeyWriter().u64(uid).take();
}

std::string message_key(uint64_t uid, uint64_t seq) {
  return ce::KeyWriter().u64(uid).u64(seq).take();
}

}  // namespace

int64_t QueueRecord::number(const std::string& attr, int64_t fallback) const {
  const auto it = attributes.find(attr);
  if (it == attributes.end() || it->second.empty()) return fallback;
  try {
    return std::stoll(it->second);
  } catch (const std::exception&) {
    return fallback;
  }
}

std::string QueueRecord::attribute(const std::string& attr, std::string fallback) const {
  const auto it = attributes.find(attr);
  return it == attributes.end() ? fallback : it->second;
}

Store::Store(const ce::ServiceContext& ctx)
    : ctx_(ctx),
      queues_(ce::open_keyspace(ctx, "queues")),
      messages_(ce::open_keyspace(ctx, "messages")),
      dedup_(ce::open_keyspace(ctx, "dedup")),
      meta_(ce::open_keyspace(ctx, "meta")),
      move_tasks_(ce::open_keyspace(ctx, "move_tasks")) {}

std::optional<QueueRecord> Store::find_queue(ce::Txn& txn, std::string_view account,
                                             std::string_view region, std::string_view name) const {
  const auto v = txn.get(queues_, queue_key(account, region, name));
  if (!v) return std::nullopt;
  return ce::decode_record<QueueRecord>(*v, k_record_version);
}

void Store::put_queue(ce::WriteTxn& txn, const QueueRecord& q) const {
  txn.put(queues_, queue_key(q.account, q.region, q.name), ce::encode_record(k_record_version, q));
}

void Store::delete_queue(ce::WriteTxn& txn, const QueueRecord& q) const {
  delete_messages(txn, q.uid);
  delete_prefix(txn, dedup_, queue_prefix(q.uid));
  delete_prefix(txn, move_tasks_, queue_prefix(q.uid));
  txn.del(queues_, queue_key(q.account, q.region, q.name));
}

std::vector<QueueRecord> Store::list_queues(ce::Txn& txn, std::string_view account,
                                            std::string_view region, std::string_view prefix,
                                            std::string_view after, std::size_t limit,
                                            bool* more) const {
  std::vector<QueueRecord> out;
  *more = false;
  const std::string scan_prefix =
      ce::KeyWriter().str(account).str(region).str_prefix(prefix).take();
  auto cur = txn.cursor(queues_);
  const std::string after_key = after.empty() ? std::string() : queue_key(account, region, after);
  auto kv = cur.seek(after.empty() ? scan_prefix : after_key);
  if (kv && !after.empty() && kv->first == after_key) kv = cur.next();
  for (; kv && kv->first.substr(0, scan_prefix.size()) == scan_prefix; kv = cur.next()) {
    if (out.size() == limit) {
      *more = true;
      break;
    }
    out.push_back(ce::decode_record<QueueRecord>(kv->second, k_record_version));
  }
  return out;
}

uint64_t Store::next_counter(ce::WriteTxn& txn, std::string_view name) const {
  const auto v = txn.get(meta_, name);
  const uint64_t next = (v ? std::stoull(std::string(*v)) : 0) + 1;
  txn.put(meta_, name, std::to_string(next));
  return next;
}

uint64_t Store::next_uid(ce::WriteTxn& txn) const {
  return next_counter(txn, "uid");
}

uint64_t Store::next_task_id(ce::WriteTxn& txn) const {
  return next_counter(txn, "task");
}

void Store::put_move_task(ce::WriteTxn& txn, uint64_t queue_uid, const MoveTaskRecord& t) const {
  // The id inverted: a forward walk meets the newest task first.
  txn.put(move_tasks_, ce::KeyWriter().u64(queue_uid).u64(~t.id).take(),
          ce::encode_record(k_record_version, t));
}

std::vector<MoveTaskRecord> Store::move_tasks(ce::Txn& txn, uint64_t queue_uid,
                                              std::size_t limit) const {
  std::vector<MoveTaskRecord> out;
  const std::string prefix = queue_prefix(queue_uid);
  auto cur = txn.cursor(move_tasks_);
  for (auto kv = cur.seek(prefix);
       kv && kv->first.substr(0, prefix.size()) == prefix && out.size() < limit; kv = cur.next())
    out.push_back(ce::decode_record<MoveTaskRecord>(kv->second, k_record_version));
  return out;
}

std::optional<MessageRecord> Store::get_message(ce::Txn& txn, uint64_t uid, uint64_t seq) const {
  const auto v = txn.get(messages_, message_key(uid, seq));
  if (!v) return std::nullopt;
  return ce::decode_record<MessageRecord>(*v, k_record_version);
}

void Store::put_message(ce::WriteTxn& txn, uint64_t uid, uint64_t seq,
                        const MessageRecord& m) const {
  txn.put(messages_, message_key(uid, seq), ce::encode_record(k_record_version, m));
}

void Store::delete_message(ce::WriteTxn& txn, uint64_t uid, uint64_t seq) const {
  txn.del(messages_, message_key(uid, seq));
}

void Store::scan_messages(ce::Txn& txn, uint64_t uid,
                          const std::function<bool(uint64_t, const MessageRecord&)>& fn) const {
  const std::string prefix = queue_prefix(uid);
  auto cur = txn.cursor(messages_);
  for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
       kv = cur.next()) {
    ce::KeyReader r(kv->first);
    r.u64();
    const uint64_t seq = r.u64();
    if (!fn(seq, ce::decode_record<MessageRecord>(kv->second, k_record_version))) return;
  }
}

void Store::delete_messages(ce::WriteTxn& txn, uint64_t uid) const {
  delete_prefix(txn, messages_, queue_prefix(uid));
}

std::optional<DedupRecord> Store::find_dedup(ce::Txn& txn, uint64_t uid, std::string_view scope,
                                             std::string_view dedup_id) const {
  const auto v = txn.get(dedup_, ce::KeyWriter().u64(uid).str(scope).str(dedup_id).take());
  if (!v) return std::nullopt;
  return ce::decode_record<DedupRecord>(*v, k_record_version);
}

void Store::put_dedup(ce::WriteTxn& txn, uint64_t uid, std::string_view scope,
                      std::string_view dedup_id, const DedupRecord& d) const {
  txn.put(dedup_, ce::KeyWriter().u64(uid).str(scope).str(dedup_id).take(),
          ce::encode_record(k_record_version, d));
}

void Store::delete_prefix(ce::WriteTxn& txn, ce::Keyspace ks, const std::string& prefix) const {
  // Keys first, deletes after: a write may move the cursor under us.
  std::vector<std::string> keys;
  {
    auto cur = txn.cursor(ks);
    for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
         kv = cur.next())
      keys.emplace_back(kv->first);
  }
  for (const auto& k : keys) txn.del(ks, k);
}

}  // namespace sqs
