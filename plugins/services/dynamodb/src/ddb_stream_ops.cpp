// The DynamoDB Streams API (X-Amz-Target DynamoDBStreams_20120810.*): ListStreams,
// DescribeStream, GetShardIterator, GetRecords.
#include <cloudemu/keycodec.hpp>
#include <cloudemu/storage.hpp>

#include "ddb_item.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_streams.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

constexpr int64_t k_iterator_lifetime_ms = 15 * 60 * 1000;  // a shard iterator lasts 15 minutes
constexpr int64_t k_max_records = 1000;

ce::AwsError stream_not_found(std::string_view arn) {
  return ce::AwsError::client(
      400, "ResourceNotFoundException",
      "Requested resource not found: Stream: " + std::string(arn) + " not found");
}

/// A stream of this account and region: its table (which still has the label) and parsed ARN.
struct StreamRef {
  TableRecord table;
  StreamArn arn;
  bool enabled() const { return table.stream_enabled && table.stream_label == arn.label; }
};

StreamRef find_stream(Call& call, ce::Txn& txn, const std::string& arn_text) {
  const auto arn = StreamArn::parse(arn_text);
  if (!arn) throw ce::AwsError::validation("Invalid StreamArn");
  if (arn->account != call.account() || arn->region != call.region())
    throw stream_not_found(arn_text);
  auto t = call.svc.store().find_table(txn, arn->account, arn->region, arn->table);
  // Only the table's current stream is kept: an older label's records went when it was replaced.
  // A deleted table's last stream stays readable for a day (Store::retire_stream).
  if (!t || t->stream_label != arn->label)
    t = call.svc.store().find_retired_stream(txn, arn->account, arn->region, arn->table,
                                             arn->label);
  if (!t) throw stream_not_found(arn_text);
  return {std::move(*t), *arn};
}

/// The first and last sequence numbers stored for a stream (nullopt when it has none yet).
std::optional<std::pair<uint64_t, uint64_t>> sequence_range(Store& store, ce::Txn& txn,
                                                            const TableRecord& t) {
  const std::string prefix = stream_prefix(t.uid, t.stream_label);
  auto cur = txn.cursor(store.stream_records());
  const auto first = cur.seek(prefix);
  if (!first || first->first.substr(0, prefix.size()) != prefix) return std::nullopt;
  const uint64_t lo = ce::KeyReader(first->first.substr(prefix.size())).u64();
  std::string end = prefix;
  end.back() = '\x02';  // just past the label's terminator 0x00 0x01
  auto last = cur.seek(end);
  last = last ? cur.prev() : cur.last();
  const uint64_t hi = ce::KeyReader(last->first.substr(prefix.size())).u64();
  return std::pair{lo, hi};
}

Json list_streams(Call& call) {
  const Json& in = call.input;
  const auto table = optional_string(in, "TableName");
  const auto start = optional_string(in, "ExclusiveStartStreamArn");
  const int64_t limit = ranged_integer(in, "Limit", "limit", 100, 1, 100);
  ce::ReadTxn txn(call.svc.ctx());
  // The live tables' streams, then those of deleted tables kept for a day.
  std::vector<TableRecord> owners;
  for (auto& t : call.svc.store().all_tables(txn))
    if (t.account == call.account() && t.region == call.region() && !t.stream_label.empty())
      owners.push_back(std::move(t));
  for (auto& t : call.svc.store().retired_streams(txn, call.account(), call.region()))
    owners.push_back(std::move(t));
  Json streams = Json::array();
  bool started = !start.has_value();
  std::optional<std::string> last;
  for (const auto& t : owners) {
    if (table && t.name != *table) continue;
    if (!started) {
      started = t.stream_arn() == *start;
      continue;
    }
    if (static_cast<int64_t>(streams.size()) == limit) {
      last = streams.back()["StreamArn"].get<std::string>();
      break;
    }
    streams.push_back(
        {{"StreamArn", t.stream_arn()}, {"TableName", t.name}, {"StreamLabel", t.stream_label}});
  }
  Json out = {{"Streams", streams}};
  if (last) out["LastEvaluatedStreamArn"] = *last;
  return out;
}

Json describe_stream(Call& call) {
  const std::string arn = required_string(call.input, "StreamArn", "streamArn");
  ce::ReadTxn txn(call.svc.ctx());
  const StreamRef s = find_stream(call, txn, arn);
  const TableRecord& t = s.table;
  Json key_schema = Json::array({{{"AttributeName", t.key.hash.name}, {"KeyType", "HASH"}}});
  if (t.key.range)
    key_schema.push_back({{"AttributeName", t.key.range->name}, {"KeyType", "RANGE"}});
  const auto range = sequence_range(call.svc.store(), txn, t);
  Json sequences = {{"StartingSequenceNumber",
                     format_sequence(range ? range->first : call.svc.store().next_sequence(txn))}};
  if (!s.enabled() && range) sequences["EndingSequenceNumber"] = format_sequence(range->second);
  const Json shard = {{"ShardId", shard_id(t, t.stream_created_ms)},
                      {"SequenceNumberRange", sequences}};
  return {{"StreamDescription",
           {{"StreamArn", arn},
            {"StreamLabel", t.stream_label},
            {"StreamStatus", s.enabled() ? "ENABLED" : "DISABLED"},
            {"StreamViewType", t.stream_view_type},
            {"CreationRequestDateTime", static_cast<double>(t.stream_created_ms) / 1000.0},
            {"TableName", t.name},
            {"KeySchema", key_schema},
            {"Shards", Json::array({shard})}}}};
}

Json get_shard_iterator(Call& call) {
  const Json& in = call.input;
  const std::string arn = required_string(in, "StreamArn", "streamArn");
  const std::string shard = required_string(in, "ShardId", "shardId");
  const std::string type = required_string(in, "ShardIteratorType", "shardIteratorType");
  ce::ReadTxn txn(call.svc.ctx());
  const StreamRef s = find_stream(call, txn, arn);
  if (shard != shard_id(s.table, s.table.stream_created_ms))
    throw ce::AwsError::client(400, "ResourceNotFoundException",
                               "Requested resource not found: Shard does not exist");
  ShardIterator it{arn, shard, 0, call.svc.now_ms()};
  if (type == "TRIM_HORIZON") {
    it.next_seq = 0;
  } else if (type == "LATEST") {
    it.next_seq = call.svc.store().next_sequence(txn);
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    const auto text = optional_string(in, "SequenceNumber");
    if (!text)
      throw ce::AwsError::validation("Must specify a sequence number for " + type +
                                     " iterator type");
    const auto seq = parse_sequence(*text);
    if (!seq) throw ce::AwsError::validation("Invalid SequenceNumber: " + *text);
    it.next_seq = type == "AT_SEQUENCE_NUMBER" ? *seq : *seq + 1;
  } else {
    ConstraintErrors e;
    const Json v(type);
    e.add(&v, "shardIteratorType",
          "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, "
          "AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
    e.throw_if_any();
  }
  return {{"ShardIterator", it.encode()}};
}

Json get_records(Call& call) {
  const Json& in = call.input;
  const std::string text = required_string(in, "ShardIterator", "shardIterator");
  const int64_t limit = ranged_integer(in, "Limit", "limit", k_max_records, 1, k_max_records);
  const auto it = ShardIterator::decode(text);
  if (!it) throw ce::AwsError::validation("Invalid ShardIterator");
  if (call.svc.now_ms() - it->issued_ms > k_iterator_lifetime_ms)
    throw ce::AwsError::client(400, "ExpiredIteratorException",
                               "Iterator expired. The iterator was created at time " +
                                   std::to_string(it->issued_ms / 1000) +
                                   " while right now the time is " +
                                   std::to_string(call.svc.now_ms() / 1000) +
                                   ". The iterator is only valid for 15 minutes.");
  ce::ReadTxn txn(call.svc.ctx());
  const StreamRef s = find_stream(call, txn, it->stream_arn);
  const std::string prefix = stream_prefix(s.table.uid, s.table.stream_label);
  auto cur = txn.cursor(call.svc.store().stream_records());
  Json records = Json::array();
  uint64_t next = it->next_seq;
  for (auto kv = cur.seek(prefix + ce::KeyWriter().u64(it->next_seq).take());
       kv && kv->first.substr(0, prefix.size()) == prefix &&
       static_cast<int64_t>(records.size()) < limit;
       kv = cur.next()) {
    records.push_back(decode_item(kv->second));
    next = ce::KeyReader(kv->first.substr(prefix.size())).u64() + 1;
  }
  Json out = {{"Records", records}};
  // A disabled stream's shard is closed: once read to its end there is no next iterator.
  const bool more = records.size() == static_cast<std::size_t>(limit);
  if (s.enabled() || more) {
    ShardIterator following = *it;
    following.next_seq = next;
    following.issued_ms = call.svc.now_ms();
    out["NextShardIterator"] = following.encode();
  }
  return out;
}

}  // namespace

void add_stream_ops(OpRegistry& ops) {
  ops.add("streams:ListStreams", &list_streams);
  ops.add("streams:DescribeStream", &describe_stream);
  ops.add("streams:GetShardIterator", &get_shard_iterator);
  ops.add("streams:GetRecords", &get_records);
}

}  // namespace ddb
