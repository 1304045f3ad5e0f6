// Table settings: UpdateTable, time to live, continuous backups, tags, DescribeLimits,
// DescribeEndpoints.
#include <algorithm>
#include <cloudemu/storage.hpp>
#include <functional>

#include "ddb_index_updates.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

ce::AwsError table_not_found(const std::string& name) {
  return ce::AwsError::client(400, "ResourceNotFoundException",
                              "Requested resource not found: Table: " + name + " not found");
}

/// Reads the named table, lets fn change it, stores it, in one transaction.
TableRecord modify_table(Call& call, const std::string& name,
                         const std::function<void(TableRecord&, ce::WriteTxn&)>& fn) {
  TableRecord t;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    auto found = call.svc.store().find_table(txn, call.account(), call.region(), name);
    if (!found) throw table_not_found(name);
    t = std::move(*found);
    fn(t, txn);
    call.svc.store().put_table(txn, t);
  });
  return t;
}

/// "arn:aws:dynamodb:<region>:<account>:table/<name>" -> name, checked to be this account's.
std::string table_from_arn(Call& call, const std::string& arn) {
  const std::string prefix = "arn:aws:dynamodb:" + std::string(call.region()) + ":" +
                             std::string(call.account()) + ":table/";
  if (arn.rfind(prefix, 0) != 0 || arn.size() == prefix.size())
    throw ce::AwsError::client(400, "ResourceNotFoundException",
                               "Requested resource not found: ResourcArn: " + arn + " not found");
  std::string name = arn.substr(prefix.size());
  return name.substr(0, name.find('/'));
}

/// The members of which UpdateTable needs at least one (AttributeDefinitions alone changes
/// nothing).
constexpr const char* k_table_changes[] = {
    "ProvisionedThroughput", "BillingMode",    "StreamSpecification",
    "SSESpecification",      "ReplicaUpdates", "DeletionProtectionEnabled",
    "OnDemandThroughput",    "WarmThroughput", "TableClass",
    "MultiRegionConsistency"};

void check_some_change(const Json& in) {
  const Json* updates = optional_member(in, "GlobalSecondaryIndexUpdates", Json::value_t::array);
  if (updates != nullptr && !updates->empty()) return;
  for (const char* member : k_table_changes)
    if (in.contains(member)) return;
  throw ce::AwsError::validation(
      "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
      "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
      "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, "
      "OnDemandThroughput, WarmThroughput or TableClass is required");
}

void update_billing(Call& call, const Json& in, TableRecord& t) {
  const std::string before = t.billing_mode;
  if (const auto mode = optional_string(in, "BillingMode")) {
    if (*mode != t.billing_mode) t.billing_mode_changed_ms = call.svc.now_ms();
    t.billing_mode = *mode;
    if (*mode == "PAY_PER_REQUEST") {
      t.throughput = {};
      for (auto& i : t.indexes) i.throughput = {};
    }
  }
  const Json* tp = optional_member(in, "ProvisionedThroughput", Json::value_t::object);
  if (tp != nullptr) {
    if (t.billing_mode == "PAY_PER_REQUEST")
      throw invalid_parameter(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
          "is PAY_PER_REQUEST");
    t.throughput = {tp->value("ReadCapacityUnits", t.throughput.read),
                    tp->value("WriteCapacityUnits", t.throughput.write)};
  } else if (before == "PAY_PER_REQUEST" && t.billing_mode == "PROVISIONED") {
    throw invalid_parameter(
        "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  }
}

/// Leaving PAY_PER_REQUEST, every GSI needs its capacity in the same call: nothing is assumed.
void check_index_capacity(const TableRecord& before, const TableRecord& t,
                          const IndexChanges& changes) {
  if (before.billing_mode != "PAY_PER_REQUEST" || t.billing_mode != "PROVISIONED") return;
  for (const auto& i : t.indexes) {
    if (!i.global || (changes.created && *changes.created == i.name)) continue;
    const bool updated = std::any_of(changes.updated_before.begin(), changes.updated_before.end(),
                                     [&](const IndexRecord& u) { return u.name == i.name; });
    if (!updated)
      throw invalid_parameter("ProvisionedThroughput must be specified for index: " + i.name);
  }
}

Json update_table(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  check_some_change(in);
  check_index_updates(in);
  std::map<uint64_t, TableStats> index_stats;
  TableStats stats;
  IndexChanges changes;
  const TableRecord t = modify_table(call, name, [&](TableRecord& t, ce::WriteTxn& txn) {
    const TableRecord before = t;
    update_billing(call, in, t);
    if (const Json* stream = optional_member(in, "StreamSpecification", Json::value_t::object)) {
      const bool enable = stream->value("StreamEnabled", false);
      if (enable && t.stream_enabled)
        throw invalid_parameter("Table already has an enabled stream: " + t.stream_arn());
      if (!enable && !t.stream_enabled)
        throw invalid_parameter("Table already has no enabled stream");  // nothing to disable
      t.stream_enabled = enable;
      if (enable) {
        const std::string view = optional_string(*stream, "StreamViewType").value_or("");
        if (view.empty())
          throw invalid_parameter("StreamViewType is required when StreamEnabled is true");
        call.svc.store().drop_stream(txn, t);  // only the latest stream is kept
        t.start_stream(view, call.svc.now_ms());
      }
    }
    if (in.contains("DeletionProtectionEnabled"))
      t.deletion_protection = in["DeletionProtectionEnabled"].get<bool>();
    if (const auto cls = optional_string(in, "TableClass")) t.table_class = *cls;
    // AttributeDefinitions only serve a new index; elsewhere DynamoDB ignores them.
    if (const Json* updates =
            optional_member(in, "GlobalSecondaryIndexUpdates", Json::value_t::array))
      changes =
          apply_index_updates(call.svc.store(), txn, t, *updates,
                              optional_member(in, "AttributeDefinitions", Json::value_t::array));
    check_index_capacity(before, t, changes);
    stats = call.svc.store().stats(txn, t.uid);
    for (const auto& i : t.indexes) index_stats[i.uid] = call.svc.store().stats(txn, i.uid);
  });
  Json description = describe_table(t, stats, "ACTIVE", index_stats);
  changes.annotate(description, t);
  return {{"TableDescription", description}};
}

Json describe_time_to_live(Call& call) {
  const std::string name = table_name_param(call.input);
  ce::ReadTxn txn(call.svc.ctx());
  const auto t = call.svc.store().find_table(txn, call.account(), call.region(), name);
  if (!t) throw table_not_found(name);
  Json d = {{"TimeToLiveStatus", t->ttl_attribute.empty() ? "DISABLED" : "ENABLED"}};
  if (!t->ttl_attribute.empty()) d["AttributeName"] = t->ttl_attribute;
  return {{"TimeToLiveDescription", d}};
}

Json update_time_to_live(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  const Json* spec = optional_member(in, "TimeToLiveSpecification", Json::value_t::object);
  if (spec == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "timeToLiveSpecification", "Member must not be null");
    e.throw_if_any();
  }
  const std::string attribute =
      required_string(*spec, "AttributeName", "timeToLiveSpecification.attributeName");
  const bool enabled = spec->value("Enabled", false);
  modify_table(call, name, [&](TableRecord& t, ce::WriteTxn&) {
    if (enabled && !t.ttl_attribute.empty())
      throw invalid_parameter("TimeToLive is already enabled");
    if (!enabled && t.ttl_attribute.empty())
      throw invalid_parameter("TimeToLive is already disabled");
    t.ttl_attribute = enabled ? attribute : "";
  });
  return {{"TimeToLiveSpecification", {{"AttributeName", attribute}, {"Enabled", enabled}}}};
}

Json continuous_backups_description(const TableRecord& t) {
  Json pitr = {{"PointInTimeRecoveryStatus", t.pitr_enabled ? "ENABLED" : "DISABLED"}};
  if (t.pitr_enabled) pitr["RecoveryPeriodInDays"] = 35;
  return {{"ContinuousBackupsStatus", "ENABLED"}, {"PointInTimeRecoveryDescription", pitr}};
}

Json describe_continuous_backups(Call& call) {
  const std::string name = table_name_param(call.input);
  ce::ReadTxn txn(call.svc.ctx());
  const auto t = call.svc.store().find_table(txn, call.account(), call.region(), name);
  if (!t) throw ce::AwsError::client(400, "TableNotFoundException", "Table not found: " + name);
  return {{"ContinuousBackupsDescription", continuous_backups_description(*t)}};
}

Json update_continuous_backups(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  const Json* spec = optional_member(in, "PointInTimeRecoverySpecification", Json::value_t::object);
  if (spec == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "pointInTimeRecoverySpecification", "Member must not be null");
    e.throw_if_any();
  }
  TableRecord t;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    auto found = call.svc.store().find_table(txn, call.account(), call.region(), name);
    if (!found)
      throw ce::AwsError::client(400, "TableNotFoundException", "Table not found: " + name);
    t = std::move(*found);
    t.pitr_enabled = spec->value("PointInTimeRecoveryEnabled", false);
    call.svc.store().put_table(txn, t);
  });
  return {{"ContinuousBackupsDescription", continuous_backups_description(t)}};
}

Json tag_resource(Call& call) {
  Json& in = call.input;
  const std::string name = table_from_arn(call, required_string(in, "ResourceArn", "resourceArn"));
  const Json* tags = optional_member(in, "Tags", Json::value_t::array);
  if (tags == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "tags", "Member must not be null");
    e.throw_if_any();
  }
  modify_table(call, name, [&](TableRecord& t, ce::WriteTxn&) {
    for (const auto& tag : *tags)
      t.tags[required_string(tag, "Key", "tags.member.key")] =
          required_string(tag, "Value", "tags.member.value");
    if (t.tags.size() > 50) throw ce::AwsError::validation("Too many tags: the limit is 50");
  });
  return Json::object();
}

Json untag_resource(Call& call) {
  Json& in = call.input;
  const std::string name = table_from_arn(call, required_string(in, "ResourceArn", "resourceArn"));
  const Json* keys = optional_member(in, "TagKeys", Json::value_t::array);
  if (keys == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "tagKeys", "Member must not be null");
    e.throw_if_any();
  }
  modify_table(call, name, [&](TableRecord& t, ce::WriteTxn&) {
    for (const auto& k : *keys) t.tags.erase(k.get<std::string>());
  });
  return Json::object();
}

Json list_tags_of_resource(Call& call) {
  const std::string name =
      table_from_arn(call, required_string(call.input, "ResourceArn", "resourceArn"));
  ce::ReadTxn txn(call.svc.ctx());
  const auto t = call.svc.store().find_table(txn, call.account(), call.region(), name);
  if (!t) throw table_not_found(name);
  Json tags = Json::array();
  for (const auto& [k, v] : t->tags) tags.push_back({{"Key", k}, {"Value", v}});
  return {{"Tags", tags}};
}

Json describe_limits(Call&) {
  return {{"AccountMaxReadCapacityUnits", 80000},
          {"AccountMaxWriteCapacityUnits", 80000},
          {"TableMaxReadCapacityUnits", 40000},
          {"TableMaxWriteCapacityUnits", 40000}};
}

Json describe_endpoints(Call& call) {
  const std::string host(call.req.host());
  return {{"Endpoints", Json::array({{{"Address", host.empty() ? "localhost:4566" : host},
                                      {"CachePeriodInMinutes", 1440}}})}};
}

}  // namespace

void add_table_settings_ops(OpRegistry& ops) {
  ops.add("UpdateTable", &update_table);
  ops.add("DescribeTimeToLive", &describe_time_to_live);
  ops.add("UpdateTimeToLive", &update_time_to_live);
  ops.add("DescribeContinuousBackups", &describe_continuous_backups);
  ops.add("UpdateContinuousBackups", &update_continuous_backups);
  ops.add("TagResource", &tag_resource);
  ops.add("UntagResource", &untag_resource);
  ops.add("ListTagsOfResource", &list_tags_of_resource);
  ops.add("DescribeLimits", &describe_limits);
  ops.add("DescribeEndpoints", &describe_endpoints);
}

}  // namespace ddb
