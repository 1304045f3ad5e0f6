// What DynamoDB knows about a table, as stored (msgpack behind a version byte in `tables`), and
// its rendering as the TableDescription every control-plane operation answers with.
#pragma once
#include <cstdint>
#include <map>
#include <msgpack.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ddb {

inline constexpr uint8_t k_table_record_version = 1;

struct KeyAttr {
  std::string name;
  std::string type;  // "S", "N" or "B" (from AttributeDefinitions)
  MSGPACK_DEFINE_MAP(name, type)
};

struct KeySchema {
  KeyAttr hash;
  std::optional<KeyAttr> range;
  MSGPACK_DEFINE_MAP(hash, range)
};

struct Throughput {
  int64_t read = 0, write = 0;  // 0 with PAY_PER_REQUEST
  MSGPACK_DEFINE_MAP(read, write)
};

struct IndexRecord {
  std::string name;
  uint64_t uid = 0;  // the storage prefix of the index's entries
  bool global = true;
  KeySchema key;
  std::string projection = "ALL";  // ALL | KEYS_ONLY | INCLUDE
  std::vector<std::string> non_key_attributes;
  Throughput throughput;
  int64_t created_ms = 0;
  MSGPACK_DEFINE_MAP(name, uid, global, key, projection, non_key_attributes, throughput, created_ms)
};

struct TableRecord {
  std::string name;
  std::string account;
  std::string region;
  uint64_t uid = 0;  // the storage prefix of the table's items; fresh for a re-created table
  std::string id;    // TableId (a UUID)
  int64_t created_ms = 0;
  KeySchema key;
  std::map<std::string, std::string> attribute_types;  // AttributeDefinitions
  std::string billing_mode = "PROVISIONED";
  Throughput throughput;
  int64_t billing_mode_changed_ms = 0;
  std::vector<IndexRecord> indexes;  // global and local secondary indexes
  bool stream_enabled = false;
  std::string stream_view_type;
  std::string stream_label;  // set when a stream is enabled: the LatestStreamLabel
  int64_t stream_created_ms = 0;
  bool sse_enabled = false;
  std::string sse_type;  // KMS when enabled with a key
  std::string sse_key;
  std::string table_class = "STANDARD";
  bool deletion_protection = false;
  std::string ttl_attribute;  // "" when TTL is disabled
  bool pitr_enabled = false;
  std::map<std::string, std::string> tags;
  MSGPACK_DEFINE_MAP(name, account, region, uid, id, created_ms, key, attribute_types, billing_mode,
                     throughput, billing_mode_changed_ms, indexes, stream_enabled, stream_view_type,
                     stream_label, sse_enabled, sse_type, sse_key, table_class, deletion_protection,
                     ttl_attribute, pitr_enabled, tags, stream_created_ms)

  /// Starts a new stream (a new label, so a new StreamArn) at `ms`.
  void start_stream(std::string view_type, int64_t ms);

  std::string arn() const {
    return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
  }
  std::string stream_arn() const { return arn() + "/stream/" + stream_label; }
  const IndexRecord* find_index(std::string_view index_name) const {
    for (const auto& i : indexes)
      if (i.name == index_name) return &i;
    return nullptr;
  }
};

/// Live item count and size of a table (DynamoDB refreshes these every six hours; we keep them
/// exact, updated in each write's transaction).
struct TableStats {
  int64_t item_count = 0;
  int64_t size_bytes = 0;
  MSGPACK_DEFINE_MAP(item_count, size_bytes)
};

/// One GlobalSecondaryIndexes / LocalSecondaryIndexes member of a TableDescription
/// (`index_status` applies to a global index only).
nlohmann::json describe_index(const TableRecord& t, const IndexRecord& i, const TableStats& stats,
                              std::string_view index_status);

/// The TableDescription shape (DescribeTable, CreateTable, DeleteTable, UpdateTable).
/// `index_stats` by index uid.
nlohmann::json describe_table(const TableRecord& t, const TableStats& stats,
                              std::string_view status,
                              const std::map<uint64_t, TableStats>& index_stats);

}  // namespace ddb
