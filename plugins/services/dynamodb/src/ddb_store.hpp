// DynamoDB state in the service's keyspaces (docs/dynamodb.md, "Storage layout"):
//
//   tables       (account, region, table name)            -> TableRecord
//   table_stats  (table uid)                               -> TableStats
//   items        (table uid, hash(pk), pk, sk)            -> item (format byte, size, compact JSON)
//   index_items  (index uid, hash(ipk), ipk, isk, pk, sk) -> projected item, same format
//   meta         ("uid")                                   -> the last uid handed out
//   txn_tokens   (account, ClientRequestToken)             -> TokenRecord
//   stream_records (table uid, stream label, sequence)    -> stream record (format byte + JSON)
//   meta         ("retired_stream", account, region, table name, label)
//                                                          -> RetiredStream (a deleted table's)
//
// Key attribute values are stored in their sort form (Number::sort_key, raw bytes of S and
// decoded B), so a cursor walks a partition in DynamoDB's sort-key order. The hash in front of
// the partition key spreads partitions as DynamoDB's own hashing does and gives parallel Scan
// segments contiguous key ranges.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <map>
#include <memory>
#include <msgpack.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ddb_table.hpp"

namespace ddb {

using Json = nlohmann::json;

/// What a ClientRequestToken of TransactWriteItems stands for while it is valid.
struct TokenRecord {
  std::string fingerprint;  // the request's TransactItems
  std::string response;     // the answer given
  int64_t created_ms = 0;
  MSGPACK_DEFINE_MAP(fingerprint, response, created_ms)
};

/// Decoded table records by the bytes they were decoded from. Every item operation reads its
/// table's record; decoding its msgpack each time cost more than copying a decoded one. A record
/// is used only when its stored bytes, read in the caller's transaction, are the ones it was
/// decoded from, so the cache can never answer a stale or uncommitted record.
class TableRecordCache {
 public:
  TableRecord decode(std::string_view key, std::string_view stored);

 private:
  static constexpr std::size_t k_max_entries = 1024;  // then it starts over
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, TableRecord>, std::less<>> by_key_;
};

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);
  const ce::ServiceContext& ctx() const noexcept { return ctx_; }

  // ---- tables ----
  std::optional<TableRecord> find_table(ce::Txn& txn, std::string_view account,
                                        std::string_view region, std::string_view name) const;
  /// The table, or ResourceNotFoundException with `message` (DynamoDB words it per operation).
  TableRecord require_table(ce::Txn& txn, std::string_view account, std::string_view region,
                            std::string_view name, std::string_view message) const;
  void put_table(ce::WriteTxn& txn, const TableRecord& t) const;
  /// Every table of every account and region (background sweeps).
  std::vector<TableRecord> all_tables(ce::Txn& txn) const;
  void delete_table(ce::WriteTxn& txn, const TableRecord& t) const;
  /// Table names of one account and region in name order, from after `start` (exclusive).
  std::vector<std::string> table_names(ce::Txn& txn, std::string_view account,
                                       std::string_view region, std::string_view start,
                                       std::size_t limit, bool* more) const;
  uint64_t next_uid(ce::WriteTxn& txn) const;

  TableStats stats(ce::Txn& txn, uint64_t table_uid) const;
  void add_stats(ce::WriteTxn& txn, uint64_t table_uid, int64_t items, int64_t bytes) const;

  // ---- items ----
  /// The storage key of an item of `t` (or of index `index`) from its key attribute values.
  /// nullopt when a key attribute is missing or of another type than its definition.
  std::optional<std::string> item_key(const TableRecord& t, const Json& item) const;
  /// The storage key of `item`'s entry in `index` (nullopt when the item is not in the index).
  std::optional<std::string> index_entry_key(const TableRecord& t, const IndexRecord& index,
                                             const Json& item) const;
  /// (uid, hash(pk), pk): every entry of one partition of a table or index starts with it.
  std::string partition_prefix(uint64_t uid, const KeySchema& key, const Json& pk_value) const;

  std::optional<Json> get_item(ce::Txn& txn, const std::string& key) const;
  /// The item as stored (encode_item), valid while txn is open.
  std::optional<std::string_view> get_stored_item(ce::Txn& txn, const std::string& key) const {
    return txn.get(items_, key);
  }
  /// Who changed an item, for its stream record (a TTL deletion names the DynamoDB service).
  enum class Writer { user, ttl };
  /// Writes (or, with nullopt, deletes) the item at key and keeps table stats, every index of t
  /// and its stream in step; `old` is the item being replaced, when there was one.
  void write_item(ce::WriteTxn& txn, const TableRecord& t, const std::string& key,
                  const std::optional<Json>& old, const std::optional<Json>& item,
                  Writer writer = Writer::user) const;
  /// Puts an item, encoded (encode_item) with its size, over whatever the key held, keeping the
  /// table's statistics: for a table without indexes or stream, when neither a condition nor
  /// ReturnValues needs the old item, which is then never parsed. @return the old item's size.
  std::optional<std::size_t> replace_item(ce::WriteTxn& txn, const TableRecord& t,
                                          const std::string& key, std::string_view stored,
                                          std::size_t size) const;

  // ---- streams (ddb_streams.cpp) ----
  ce::Keyspace stream_records() const noexcept { return streams_; }
  /// Deletes the records of the table's current stream (a new stream replaces it).
  void drop_stream(ce::WriteTxn& txn, const TableRecord& t) const;
  /// The sequence number the next stream record will get.
  uint64_t next_sequence(ce::Txn& txn) const;
  /// Deletes every item and index entry of a table (DeleteTable), in this transaction.
  void drop_items(ce::WriteTxn& txn, const TableRecord& t) const;
  /// Keeps a deleted table's latest stream readable, disabled, for k_retired_stream_ms.
  void retire_stream(ce::WriteTxn& txn, const TableRecord& t) const;
  /// The table a retired stream belongs to (stream disabled), if it is still kept.
  std::optional<TableRecord> find_retired_stream(ce::Txn& txn, std::string_view account,
                                                 std::string_view region, std::string_view table,
                                                 std::string_view label) const;
  /// The retired streams of one account and region, by table name and label.
  std::vector<TableRecord> retired_streams(ce::Txn& txn, std::string_view account,
                                           std::string_view region) const;
  /// Deletes retired streams older than k_retired_stream_ms, records included. @return how many.
  std::size_t expire_retired_streams(int64_t now_ms) const;
  /// Deletes one index's entries and statistics (UpdateTable deleting a GSI).
  void drop_index_entries(ce::WriteTxn& txn, const IndexRecord& index) const;
  /// Writes the entry of every item of `t` that belongs in `index` (UpdateTable adding a GSI),
  /// with the code write_item keeps indexes in step with.
  void backfill_index(ce::WriteTxn& txn, const TableRecord& t, const IndexRecord& index) const;

  // ---- transaction idempotency ----
  /// The token's record if it was stored at or after `valid_since_ms`.
  std::optional<TokenRecord> find_token(ce::Txn& txn, std::string_view account,
                                        std::string_view token, int64_t valid_since_ms) const;
  void put_token(ce::WriteTxn& txn, std::string_view account, std::string_view token,
                 const TokenRecord& record) const;

  ce::Keyspace items() const noexcept { return items_; }
  ce::Keyspace index_items() const noexcept { return index_items_; }

 private:
  void write_index_entry(ce::WriteTxn& txn, const TableRecord& t, const IndexRecord& index,
                         const Json& item, bool add) const;
  void write_index_entries(ce::WriteTxn& txn, const TableRecord& t, const Json& item,
                           bool add) const;
  void put_item_stats(ce::WriteTxn& txn, const TableRecord& t, const std::string& key,
                      std::optional<std::size_t> old_size, std::string_view stored,
                      std::size_t size) const;
  void append_stream_record(ce::WriteTxn& txn, const TableRecord& t, const std::optional<Json>& old,
                            const std::optional<Json>& item, Writer writer) const;
  ce::ServiceContext ctx_;
  std::shared_ptr<TableRecordCache> table_cache_ = std::make_shared<TableRecordCache>();
  ce::Keyspace tables_, stats_, items_, index_items_, meta_, tokens_, streams_;
};

/// The sort form of a key attribute value of type `type` (S, N, B); nullopt on a type mismatch.
std::optional<std::string> key_bytes(const Json& value, std::string_view type);
/// Reads an item stored by write_item.
Json decode_item(std::string_view stored);
/// The JSON text of an item stored by write_item, as DynamoDB would answer it.
std::string_view stored_item_text(std::string_view stored);
/// The stored form of an item.
std::string encode_item(const Json& item);
/// The stored form of an item whose item_size is `size`.
std::string encode_item(const Json& item, std::size_t size);
/// The stored form of a document that is not an item (a stream record), read by decode_item.
std::string encode_document(const Json& doc);
/// The item_size of a stored item (read from its header; older items are parsed).
std::size_t stored_item_size(std::string_view stored);

}  // namespace ddb
