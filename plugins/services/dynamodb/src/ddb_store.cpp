// Tables, items and index entries in the service's keyspaces (layout: ddb_store.hpp).
#include "ddb_store.hpp"

#include <cloudemu/keycodec.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/value.hpp>

#include "ddb_item.hpp"
#include "ddb_number.hpp"
#include "ddb_streams.hpp"
#include "ddb_value.hpp"

namespace ddb {

namespace {

// The leading byte of a stored item says what follows:
// Compact JSON: items written before 2026-12, and documents that are not items (stream records).
constexpr uint8_t k_item_format_json = 1;
// The item's size (item_size, 4 bytes little-endian), then compact JSON: a write that replaces an
// item learns the size it takes from the table's statistics without parsing it.
constexpr uint8_t k_item_format_sized_json = 2;
constexpr std::size_t k_item_size_bytes = 4;

/// FNV-1a, 64 bits: stable across runs and builds (the key layout depends on it).
uint64_t partition_hash(std::string_view bytes) {
  uint64_t h = 14695981039346656037ULL;
  for (const char c : bytes) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string table_key(std::string_view account, std::string_view region, std::string_view name) {
  return ce::encode_key(account, region, name);
}

/// (uid, hash(pk), pk[, sk]) for the key attributes of `key` found in `item`.
std::optional<std::string> entry_key(uint64_t uid, const KeySchema& key, const Json& item) {
  const auto pk = item.find(key.hash.name);
  if (pk == item.end()) return std::nullopt;
  const auto pk_bytes = key_bytes(*pk, key.hash.type);
  if (!pk_bytes) return std::nullopt;
  ce::KeyWriter w;
  w.u64(uid).u64(partition_hash(*pk_bytes)).str(*pk_bytes);
  if (key.range) {
    const auto sk = item.find(key.range->name);
    if (sk == item.end()) return std::nullopt;
    const auto sk_bytes = key_bytes(*sk, key.range->type);
    if (!sk_bytes) return std::nullopt;
    w.str(*sk_bytes);
  }
  return w.take();
}

/// What an index keeps of an item: its own key, the table's key, and what its projection says.
Json project_for_index(const TableRecord& t, const IndexRecord& index, const Json& item) {
  if (index.projection == "ALL") return item;
  Json out = Json::object();
  auto keep = [&](const std::string& name) {
    if (const auto it = item.find(name); it != item.end()) out[name] = *it;
  };
  keep(t.key.hash.name);
  if (t.key.range) keep(t.key.range->name);
  keep(index.key.hash.name);
  if (index.key.range) keep(index.key.range->name);
  if (index.projection == "INCLUDE")
    for (const auto& name : index.non_key_attributes) keep(name);
  return out;
}

}  // namespace

std::optional<std::string> key_bytes(const Json& value, std::string_view type) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  const auto it = value.find(type);
  if (it == value.end() || !it->is_string()) return std::nullopt;
  const std::string& text = it->get_ref<const std::string&>();
  if (type == "S") return text;
  if (type == "N") return Number::parse(text).sort_key();
  if (type == "B") return base64_decode(text);
  return std::nullopt;
}

std::string encode_item(const Json& item) {
  return encode_item(item, item_size(item));
}

std::string encode_document(const Json& doc) {
  std::string out(1, static_cast<char>(k_item_format_json));
  out += doc.dump();
  return out;
}

std::string encode_item(const Json& item, std::size_t size) {
  std::string out(1, static_cast<char>(k_item_format_sized_json));
  for (std::size_t i = 0; i < k_item_size_bytes; ++i)
    out += static_cast<char>((size >> (8 * i)) & 0xff);
  out += item.dump();
  return out;
}

namespace {

/// Whether a stored item starts with its size (format 2, and long enough to hold it).
bool has_size_header(std::string_view stored) {
  return stored.size() > 1 + k_item_size_bytes &&
         static_cast<uint8_t>(stored[0]) == k_item_format_sized_json;
}

}  // namespace

std::string_view stored_item_text(std::string_view stored) {
  if (has_size_header(stored)) return stored.substr(1 + k_item_size_bytes);
  if (!stored.empty() && static_cast<uint8_t>(stored[0]) == k_item_format_json)
    return stored.substr(1);
  throw ce::AwsError::internal_failure("stored item has an unknown format");
}

Json decode_item(std::string_view stored) {
  return Json::parse(stored_item_text(stored));
}

std::size_t stored_item_size(std::string_view stored) {
  if (!has_size_header(stored)) return item_size(decode_item(stored));  // older, or refused
  std::size_t size = 0;
  for (std::size_t i = 0; i < k_item_size_bytes; ++i)
    size |= static_cast<std::size_t>(static_cast<uint8_t>(stored[1 + i])) << (8 * i);
  return size;
}

Store::Store(const ce::ServiceContext& ctx)
    : ctx_(ctx),
      tables_(ce::open_keyspace(ctx, "tables")),
      stats_(ce::open_keyspace(ctx, "table_stats")),
      items_(ce::open_keyspace(ctx, "items")),
      index_items_(ce::open_keyspace(ctx, "index_items")),
      meta_(ce::open_keyspace(ctx, "meta")),
      tokens_(ce::open_keyspace(ctx, "txn_tokens")),
      streams_(ce::open_keyspace(ctx, "stream_records")) {}

TableRecord TableRecordCache::decode(std::string_view key, std::string_view stored) {
  {
    std::lock_guard lock(mutex_);
    const auto it = by_key_.find(key);
    if (it != by_key_.end() && it->second.first == stored) return it->second.second;
  }
  TableRecord t = ce::decode_record<TableRecord>(stored, k_table_record_version);
  std::lock_guard lock(mutex_);
  if (by_key_.size() >= k_max_entries) by_key_.clear();
  by_key_.insert_or_assign(std::string(key), std::make_pair(std::string(stored), t));
  return t;
}

std::optional<TableRecord> Store::find_table(ce::Txn& txn, std::string_view account,
                                             std::string_view region, std::string_view name) const {
  const std::string key = table_key(account, region, name);
  const auto v = txn.get(tables_, key);
  if (!v) return std::nullopt;
  return table_cache_->decode(key, *v);
}

TableRecord Store::require_table(ce::Txn& txn, std::string_view account, std::string_view region,
                                 std::string_view name, std::string_view message) const {
  auto t = find_table(txn, account, region, name);
  if (!t) throw ce::AwsError::client(400, "ResourceNotFoundException", std::string(message));
  return std::move(*t);
}

void Store::put_table(ce::WriteTxn& txn, const TableRecord& t) const {
  txn.put(tables_, table_key(t.account, t.region, t.name),
          ce::encode_record(k_table_record_version, t));
}

std::vector<TableRecord> Store::all_tables(ce::Txn& txn) const {
  std::vector<TableRecord> out;
  auto cur = txn.cursor(tables_);
  for (auto kv = cur.first(); kv; kv = cur.next())
    out.push_back(ce::decode_record<TableRecord>(kv->second, k_table_record_version));
  return out;
}

void Store::delete_table(ce::WriteTxn& txn, const TableRecord& t) const {
  drop_items(txn, t);
  // Its stream outlives it by a day (records of older labels went when they were replaced).
  if (!t.stream_label.empty()) retire_stream(txn, t);
  txn.del(stats_, ce::encode_key(t.uid));
  txn.del(tables_, table_key(t.account, t.region, t.name));
}

std::vector<std::string> Store::table_names(ce::Txn& txn, std::string_view account,
                                            std::string_view region, std::string_view start,
                                            std::size_t limit, bool* more) const {
  std::vector<std::string> out;
  *more = false;
  const std::string prefix = ce::KeyWriter().str(account).str(region).take();
  auto cur = txn.cursor(tables_);
  auto kv = cur.seek(start.empty() ? prefix : table_key(account, region, start));
  if (kv && !start.empty() && kv->first == table_key(account, region, start)) kv = cur.next();
  for (; kv && kv->first.substr(0, prefix.size()) == prefix; kv = cur.next()) {
    if (out.size() == limit) {
      *more = true;
      break;
    }
    ce::KeyReader r(kv->first);
    r.str();
    r.str();
    out.push_back(r.str());
  }
  return out;
}

uint64_t Store::next_uid(ce::WriteTxn& txn) const {
  const auto v = txn.get(meta_, "uid");
  const uint64_t next = (v ? std::stoull(std::string(*v)) : 0) + 1;
  txn.put(meta_, "uid", std::to_string(next));
  return next;
}

TableStats Store::stats(ce::Txn& txn, uint64_t table_uid) const {
  const auto v = txn.get(stats_, ce::encode_key(table_uid));
  if (!v) return {};
  return ce::decode_record<TableStats>(*v, 1);
}

void Store::add_stats(ce::WriteTxn& txn, uint64_t table_uid, int64_t items, int64_t bytes) const {
  TableStats s = stats(txn, table_uid);
  s.item_count += items;
  s.size_bytes += bytes;
  txn.put(stats_, ce::encode_key(table_uid), ce::encode_record(1, s));
}

std::optional<TokenRecord> Store::find_token(ce::Txn& txn, std::string_view account,
                                             std::string_view token, int64_t valid_since_ms) const {
  const auto v = txn.get(tokens_, ce::encode_key(account, token));
  if (!v) return std::nullopt;
  auto record = ce::decode_record<TokenRecord>(*v, 1);
  if (record.created_ms < valid_since_ms) return std::nullopt;  // expired: a new transaction
  return record;
}

void Store::put_token(ce::WriteTxn& txn, std::string_view account, std::string_view token,
                      const TokenRecord& record) const {
  txn.put(tokens_, ce::encode_key(account, token), ce::encode_record(1, record));
}

std::optional<std::string> Store::item_key(const TableRecord& t, const Json& item) const {
  return entry_key(t.uid, t.key, item);
}

std::optional<std::string> Store::index_entry_key(const TableRecord& t, const IndexRecord& index,
                                                  const Json& item) const {
  auto key = entry_key(index.uid, index.key, item);
  if (!key) return std::nullopt;
  const auto base = entry_key(0, t.key, item);
  if (!base) return std::nullopt;
  *key += base->substr(8);  // the table's own (hash, pk, sk) after the uid: one entry per item
  return key;
}

std::string Store::partition_prefix(uint64_t uid, const KeySchema& key,
                                    const Json& pk_value) const {
  const auto pk_bytes = key_bytes(pk_value, key.hash.type);
  ce::KeyWriter w;
  w.u64(uid).u64(partition_hash(pk_bytes.value_or(""))).str(pk_bytes.value_or(""));
  return w.take();
}

std::optional<Json> Store::get_item(ce::Txn& txn, const std::string& key) const {
  const auto v = txn.get(items_, key);
  if (!v) return std::nullopt;
  return decode_item(*v);
}

void Store::write_index_entry(ce::WriteTxn& txn, const TableRecord& t, const IndexRecord& index,
                              const Json& item, bool add) const {
  // A sparse index: items without its key attributes (or with another type) are not in it.
  const auto entry = index_entry_key(t, index, item);
  if (!entry) return;
  const Json projected = project_for_index(t, index, item);
  const auto size = static_cast<int64_t>(item_size(projected));
  if (add) {
    txn.put(index_items_, *entry, encode_item(projected, static_cast<std::size_t>(size)));
    add_stats(txn, index.uid, 1, size);
  } else {
    txn.del(index_items_, *entry);
    add_stats(txn, index.uid, -1, -size);
  }
}

void Store::write_index_entries(ce::WriteTxn& txn, const TableRecord& t, const Json& item,
                                bool add) const {
  for (const auto& index : t.indexes) write_index_entry(txn, t, index, item, add);
}

void Store::backfill_index(ce::WriteTxn& txn, const TableRecord& t,
                           const IndexRecord& index) const {
  // Batches of copied items: a cursor's views do not survive the writes in between.
  constexpr std::size_t k_batch = 256;
  const std::string prefix = ce::encode_key(t.uid);
  std::string next = prefix;
  for (;;) {
    std::vector<std::pair<std::string, std::string>> batch;
    {
      auto cur = txn.cursor(items_);
      for (auto kv = cur.seek(next);
           kv && kv->first.substr(0, prefix.size()) == prefix && batch.size() < k_batch;
           kv = cur.next())
        batch.emplace_back(kv->first, kv->second);
    }
    for (const auto& [key, stored] : batch)
      write_index_entry(txn, t, index, decode_item(stored), true);
    if (batch.size() < k_batch) return;
    next = batch.back().first + '\0';  // the first key after the last one indexed
  }
}

void Store::write_item(ce::WriteTxn& txn, const TableRecord& t, const std::string& key,
                       const std::optional<Json>& old, const std::optional<Json>& item,
                       Writer writer) const {
  if (t.stream_enabled) append_stream_record(txn, t, old, item, writer);
  if (old) write_index_entries(txn, t, *old, false);
  const std::optional<std::size_t> old_size =
      old ? std::optional<std::size_t>(item_size(*old)) : std::nullopt;
  if (item) {
    const std::size_t size = item_size(*item);
    put_item_stats(txn, t, key, old_size, encode_item(*item, size), size);
    write_index_entries(txn, t, *item, true);
  } else if (old) {
    txn.del(items_, key);
    add_stats(txn, t.uid, -1, -static_cast<int64_t>(*old_size));
  }
}

std::optional<std::size_t> Store::replace_item(ce::WriteTxn& txn, const TableRecord& t,
                                               const std::string& key, std::string_view stored,
                                               std::size_t size) const {
  std::optional<std::size_t> old_size;
  if (const auto prev = txn.get(items_, key)) old_size = stored_item_size(*prev);
  put_item_stats(txn, t, key, old_size, stored, size);
  return old_size;
}

void Store::put_item_stats(ce::WriteTxn& txn, const TableRecord& t, const std::string& key,
                           std::optional<std::size_t> old_size, std::string_view stored,
                           std::size_t size) const {
  txn.put(items_, key, stored);
  const int64_t count = old_size ? 0 : 1;
  const int64_t bytes = static_cast<int64_t>(size) - static_cast<int64_t>(old_size.value_or(0));
  if (count != 0 || bytes != 0) add_stats(txn, t.uid, count, bytes);
}

namespace {

void drop_prefix(ce::WriteTxn& txn, ce::Keyspace ks, const std::string& prefix) {
  std::vector<std::string> keys;
  {
    auto cur = txn.cursor(ks);
    for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
         kv = cur.next())
      keys.emplace_back(kv->first);
  }
  for (const auto& k : keys) txn.del(ks, k);
}

}  // namespace

void Store::drop_stream(ce::WriteTxn& txn, const TableRecord& t) const {
  if (!t.stream_label.empty()) drop_prefix(txn, streams_, stream_prefix(t.uid, t.stream_label));
}

void Store::drop_index_entries(ce::WriteTxn& txn, const IndexRecord& index) const {
  drop_prefix(txn, index_items_, ce::encode_key(index.uid));
  txn.del(stats_, ce::encode_key(index.uid));
}

void Store::drop_items(ce::WriteTxn& txn, const TableRecord& t) const {
  drop_prefix(txn, items_, ce::encode_key(t.uid));
  for (const auto& index : t.indexes) drop_index_entries(txn, index);
}

}  // namespace ddb
