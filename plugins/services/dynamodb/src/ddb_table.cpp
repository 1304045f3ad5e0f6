// TableDescription rendering (DescribeTable and every operation that answers with a table).
#include "ddb_table.hpp"

namespace ddb {

namespace {

nlohmann::json key_schema_json(const KeySchema& k) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"AttributeName", k.hash.name}, {"KeyType", "HASH"}});
  if (k.range) out.push_back({{"AttributeName", k.range->name}, {"KeyType", "RANGE"}});
  return out;
}

double epoch_seconds(int64_t ms) {
  return static_cast<double>(ms) / 1000.0;
}

nlohmann::json throughput_json(const Throughput& t) {
  return {{"NumberOfDecreasesToday", 0},
          {"ReadCapacityUnits", t.read},
          {"WriteCapacityUnits", t.write}};
}

}  // namespace

nlohmann::json describe_index(const TableRecord& t, const IndexRecord& i, const TableStats& stats,
                              std::string_view index_status) {
  nlohmann::json projection = {{"ProjectionType", i.projection}};
  if (i.projection == "INCLUDE") projection["NonKeyAttributes"] = i.non_key_attributes;
  nlohmann::json j = {{"IndexName", i.name},           {"KeySchema", key_schema_json(i.key)},
                      {"Projection", projection},      {"IndexSizeBytes", stats.size_bytes},
                      {"ItemCount", stats.item_count}, {"IndexArn", t.arn() + "/index/" + i.name}};
  if (i.global) {
    j["IndexStatus"] = index_status;
    j["ProvisionedThroughput"] = throughput_json(i.throughput);
  }
  return j;
}

nlohmann::json describe_table(const TableRecord& t, const TableStats& stats,
                              std::string_view status,
                              const std::map<uint64_t, TableStats>& index_stats) {
  nlohmann::json d;
  nlohmann::json defs = nlohmann::json::array();
  for (const auto& [name, type] : t.attribute_types)
    defs.push_back({{"AttributeName", name}, {"AttributeType", type}});
  d["AttributeDefinitions"] = defs;
  d["TableName"] = t.name;
  d["KeySchema"] = key_schema_json(t.key);
  d["TableStatus"] = status;
  d["CreationDateTime"] = epoch_seconds(t.created_ms);
  d["ProvisionedThroughput"] = throughput_json(t.throughput);
  d["TableSizeBytes"] = stats.size_bytes;
  d["ItemCount"] = stats.item_count;
  d["TableArn"] = t.arn();
  d["TableId"] = t.id;
  if (t.billing_mode == "PAY_PER_REQUEST" || t.billing_mode_changed_ms != 0) {
    d["BillingModeSummary"] = {
        {"BillingMode", t.billing_mode},
        {"LastUpdateToPayPerRequestDateTime",
         epoch_seconds(t.billing_mode_changed_ms ? t.billing_mode_changed_ms : t.created_ms)}};
  }
  nlohmann::json gsis = nlohmann::json::array(), lsis = nlohmann::json::array();
  for (const auto& i : t.indexes) {
    const auto s = index_stats.find(i.uid);
    nlohmann::json j = describe_index(t, i, s == index_stats.end() ? TableStats{} : s->second,
                                      status == "DELETING" ? "DELETING" : "ACTIVE");
    (i.global ? gsis : lsis).push_back(std::move(j));
  }
  if (!gsis.empty()) d["GlobalSecondaryIndexes"] = gsis;
  if (!lsis.empty()) d["LocalSecondaryIndexes"] = lsis;
  if (t.stream_enabled) {
    d["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", t.stream_view_type}};
  }
  if (!t.stream_label.empty()) {
    d["LatestStreamLabel"] = t.stream_label;
    d["LatestStreamArn"] = t.stream_arn();
  }
  if (t.sse_enabled) {
    d["SSEDescription"] = {
        {"Status", "ENABLED"}, {"SSEType", "KMS"}, {"KMSMasterKeyArn", t.sse_key}};
  }
  if (t.table_class != "STANDARD") d["TableClassSummary"] = {{"TableClass", t.table_class}};
  d["DeletionProtectionEnabled"] = t.deletion_protection;
  return d;
}

}  // namespace ddb
