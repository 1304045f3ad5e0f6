// Stream records and their naming (ddb_streams.hpp).
#include "ddb_streams.hpp"

#include <charconv>
#include <cloudemu/keycodec.hpp>
#include <cloudemu/storage.hpp>
#include <cloudemu/value.hpp>
#include <cstdio>
#include <vector>

#include "ddb_item.hpp"
#include "ddb_store.hpp"

namespace ddb {

std::string format_sequence(uint64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%021llu", static_cast<unsigned long long>(seq));
  return buf;
}

std::optional<uint64_t> parse_sequence(std::string_view text) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::string shard_id(const TableRecord& t, int64_t stream_created_ms) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "shardId-%020lld-%08llx",
                static_cast<long long>(stream_created_ms),
                static_cast<unsigned long long>(t.uid & 0xFFFFFFFFULL));
  return buf;
}

std::string stream_prefix(uint64_t table_uid, std::string_view label) {
  return ce::KeyWriter().u64(table_uid).str(label).take();
}

std::string ShardIterator::encode() const {
  return stream_arn + "|" + shard + "|" + std::to_string(next_seq) + "|" +
         std::to_string(issued_ms);
}

std::optional<ShardIterator> ShardIterator::decode(std::string_view text) {
  ShardIterator it;
  std::string_view parts[4];
  for (int i = 0; i < 4; ++i) {
    const auto bar = text.find('|');
    if ((bar == std::string_view::npos) != (i == 3)) return std::nullopt;
    parts[i] = text.substr(0, bar);
    text = bar == std::string_view::npos ? std::string_view() : text.substr(bar + 1);
  }
  const auto seq = parse_sequence(parts[2]);
  const auto ms = parse_sequence(parts[3]);
  if (!seq || !ms || !StreamArn::parse(parts[0])) return std::nullopt;
  it.stream_arn = parts[0];
  it.shard = parts[1];
  it.next_seq = *seq;
  it.issued_ms = static_cast<int64_t>(*ms);
  return it;
}

std::optional<StreamArn> StreamArn::parse(std::string_view arn) {
  constexpr std::string_view k_prefix = "arn:aws:dynamodb:";
  if (arn.substr(0, k_prefix.size()) != k_prefix) return std::nullopt;
  arn.remove_prefix(k_prefix.size());
  StreamArn out;
  const auto colon1 = arn.find(':');
  if (colon1 == std::string_view::npos) return std::nullopt;
  out.region = arn.substr(0, colon1);
  arn.remove_prefix(colon1 + 1);
  const auto colon2 = arn.find(':');
  if (colon2 == std::string_view::npos) return std::nullopt;
  out.account = arn.substr(0, colon2);
  arn.remove_prefix(colon2 + 1);
  constexpr std::string_view k_table = "table/";
  if (arn.substr(0, k_table.size()) != k_table) return std::nullopt;
  arn.remove_prefix(k_table.size());
  const auto stream = arn.find("/stream/");
  if (stream == std::string_view::npos || stream == 0) return std::nullopt;
  out.table = arn.substr(0, stream);
  out.label = arn.substr(stream + 8);
  if (out.label.empty() || out.region.empty() || out.account.empty()) return std::nullopt;
  return out;
}

uint64_t Store::next_sequence(ce::Txn& txn) const {
  const auto v = txn.get(meta_, "seq");
  return (v ? std::stoull(std::string(*v)) : 0) + 1;
}

void Store::append_stream_record(ce::WriteTxn& txn, const TableRecord& t,
                                 const std::optional<Json>& old, const std::optional<Json>& item,
                                 Writer writer) const {
  // A write that changes nothing writes no record (DynamoDB Streams developer guide).
  if (old == item) return;
  const uint64_t seq = next_sequence(txn);
  txn.put(meta_, "seq", std::to_string(seq));
  const Json& any = item ? *item : *old;
  Json change = {{"ApproximateCreationDateTime", ctx_.now_ms() / 1000},
                 {"Keys", key_of(t.key, any)},
                 {"SequenceNumber", format_sequence(seq)},
                 {"StreamViewType", t.stream_view_type}};
  const std::string& view = t.stream_view_type;
  std::size_t size = item_size(change["Keys"]);
  if (item && (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES")) {
    change["NewImage"] = *item;
    size += item_size(*item);
  }
  if (old && (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES")) {
    change["OldImage"] = *old;
    size += item_size(*old);
  }
  change["SizeBytes"] = size;
  char id[40];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(t.uid),
                static_cast<unsigned long long>(seq));
  Json record = {
      {"eventID", id},         {"eventName", !old ? "INSERT" : item ? "MODIFY" : "REMOVE"},
      {"eventVersion", "1.1"}, {"eventSource", "aws:dynamodb"},
      {"awsRegion", t.region}, {"dynamodb", std::move(change)}};
  if (writer == Writer::ttl)
    record["userIdentity"] = {{"Type", "Service"}, {"PrincipalId", "dynamodb.amazonaws.com"}};
  txn.put(streams_, stream_prefix(t.uid, t.stream_label) + ce::KeyWriter().u64(seq).take(),
          encode_document(record));
}

}  // namespace ddb

namespace ddb {

namespace {

std::string retired_key(std::string_view account, std::string_view region, std::string_view table,
                        std::string_view label) {
  return ce::KeyWriter()
      .str("retired_stream")
      .str(account)
      .str(region)
      .str(table)
      .str(label)
      .take();
}

}  // namespace

void Store::retire_stream(ce::WriteTxn& txn, const TableRecord& t) const {
  RetiredStream r{t, ctx_.now_ms()};
  r.table.stream_enabled = false;  // its shard is closed: StreamStatus DISABLED
  txn.put(meta_, retired_key(t.account, t.region, t.name, t.stream_label), ce::encode_record(1, r));
}

std::optional<TableRecord> Store::find_retired_stream(ce::Txn& txn, std::string_view account,
                                                      std::string_view region,
                                                      std::string_view table,
                                                      std::string_view label) const {
  const auto v = txn.get(meta_, retired_key(account, region, table, label));
  if (!v) return std::nullopt;
  return ce::decode_record<RetiredStream>(*v, 1).table;
}

std::vector<TableRecord> Store::retired_streams(ce::Txn& txn, std::string_view account,
                                                std::string_view region) const {
  std::vector<TableRecord> out;
  const std::string prefix = ce::KeyWriter().str("retired_stream").str(account).str(region).take();
  auto cur = txn.cursor(meta_);
  for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next())
    out.push_back(ce::decode_record<RetiredStream>(kv->second, 1).table);
  return out;
}

std::size_t Store::expire_retired_streams(int64_t now_ms) const {
  std::size_t expired = 0;
  ce::with_write_txn(ctx_, [&](ce::WriteTxn& txn) {
    expired = 0;
    const std::string prefix = ce::KeyWriter().str("retired_stream").take();
    std::vector<std::pair<std::string, TableRecord>> gone;
    {
      auto cur = txn.cursor(meta_);
      for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next()) {
        auto r = ce::decode_record<RetiredStream>(kv->second, 1);
        if (now_ms - r.deleted_ms >= k_retired_stream_ms)
          gone.emplace_back(std::string(kv->first), std::move(r.table));
      }
    }
    for (const auto& [key, table] : gone) {
      drop_stream(txn, table);
      txn.del(meta_, key);
    }
    expired = gone.size();
  });
  return expired;
}

}  // namespace ddb
