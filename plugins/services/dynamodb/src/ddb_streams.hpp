// DynamoDB Streams records: written by Store::write_item in the item's own transaction (so a
// record exists exactly when its change does), one shard per stream, and the shard iterators the
// GetRecords API hands out.
#pragma once
#include <cloudemu/clock.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ddb_table.hpp"

namespace ddb {

/// How long a deleted table's stream stays readable (DynamoDB: 24 hours).
inline constexpr int64_t k_retired_stream_ms = ce::k_day_ms;

/// A deleted table's last stream: the table as it was (stream disabled) and when it went.
struct RetiredStream {
  TableRecord table;
  int64_t deleted_ms = 0;
  MSGPACK_DEFINE_MAP(table, deleted_ms)
};

/// Sequence numbers as DynamoDB prints them: decimal digits, zero-padded to 21 so that string
/// and numeric order agree.
std::string format_sequence(uint64_t seq);
std::optional<uint64_t> parse_sequence(std::string_view text);

/// The one shard of a stream: "shardId-<20 digits of its start ms>-<8 hex of the table uid>".
std::string shard_id(const TableRecord& t, int64_t stream_created_ms);

/// The storage prefix of one stream's records: (table uid, stream label).
std::string stream_prefix(uint64_t table_uid, std::string_view label);

/// A position in a shard, as GetShardIterator hands it out: "<stream arn>|<shard>|<seq>|<ms>".
struct ShardIterator {
  std::string stream_arn;
  std::string shard;
  uint64_t next_seq = 0;  // the first sequence number GetRecords returns
  int64_t issued_ms = 0;
  std::string encode() const;
  static std::optional<ShardIterator> decode(std::string_view text);
};

/// The parts of "arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>".
struct StreamArn {
  std::string region, account, table, label;
  static std::optional<StreamArn> parse(std::string_view arn);
};

}  // namespace ddb
