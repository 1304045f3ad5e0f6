// Control plane: CreateTable, DescribeTable, ListTables, DeleteTable (UpdateTable: settings ops).
#include <cloudemu/storage.hpp>
#include <cloudemu/timestamp.hpp>
#include <random>
#include <set>

#include "ddb_schema.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

std::string new_uuid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string id;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) id += '-';
    id += k_hex[rng() & 0xF];
  }
  id[14] = '4';
  return id;
}

TableRecord load_table(Call& call, const std::string& name) {
  ce::ReadTxn txn(call.svc.ctx());
  return call.svc.store().require_table(
      txn, call.account(), call.region(), name,
      "Requested resource not found: Table: " + name + " not found");
}

Json table_description(Call& call, const TableRecord& t, std::string_view status) {
  ce::ReadTxn txn(call.svc.ctx());
  std::map<uint64_t, TableStats> index_stats;
  for (const auto& i : t.indexes) index_stats[i.uid] = call.svc.store().stats(txn, i.uid);
  return describe_table(t, call.svc.store().stats(txn, t.uid), status, index_stats);
}

Json create_table(Call& call) {
  const Json& in = call.input;
  TableRecord t;
  t.name = table_name_param(in);
  t.account = std::string(call.account());
  t.region = std::string(call.region());
  const Json* defs = optional_member(in, "AttributeDefinitions", Json::value_t::array);
  if (defs == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "attributeDefinitions", "Member must not be null");
    e.throw_if_any();
  }
  t.attribute_types = parse_attribute_definitions(*defs);
  std::set<std::string> used;
  t.key = parse_key_schema(optional_member(in, "KeySchema", Json::value_t::array),
                           t.attribute_types, "keySchema", used);
  t.billing_mode = optional_string(in, "BillingMode").value_or("PROVISIONED");
  if (t.billing_mode != "PROVISIONED" && t.billing_mode != "PAY_PER_REQUEST") {
    ConstraintErrors e;
    const Json v(t.billing_mode);
    e.add(&v, "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    e.throw_if_any();
  }
  t.throughput =
      parse_throughput(optional_member(in, "ProvisionedThroughput", Json::value_t::object),
                       t.billing_mode, "the table");
  std::set<std::string> index_names;
  for (const auto& [member, global] :
       {std::pair{"LocalSecondaryIndexes", false}, std::pair{"GlobalSecondaryIndexes", true}}) {
    const Json* list = optional_member(in, member, Json::value_t::array);
    if (list == nullptr) continue;
    if (list->empty()) throw invalid_parameter(std::string("List of ") + member + " is empty");
    if (global && list->size() > 20)
      throw invalid_parameter("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    if (!global && list->size() > 5)
      throw invalid_parameter("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    for (const auto& spec : *list) {
      IndexRecord i =
          parse_index(spec, global, t, t.attribute_types, IndexOrigin::create_table, used);
      if (!index_names.insert(i.name).second)
        throw invalid_parameter("Duplicate index name: " + i.name);
      t.indexes.push_back(std::move(i));
    }
  }
  if (used.size() != t.attribute_types.size())
    throw invalid_parameter(
        "Number of attributes in KeySchema does not exactly match number of attributes defined "
        "in AttributeDefinitions");
  if (const Json* stream = optional_member(in, "StreamSpecification", Json::value_t::object)) {
    t.stream_enabled = stream->value("StreamEnabled", false);
    if (t.stream_enabled) {
      t.stream_view_type = optional_string(*stream, "StreamViewType").value_or("");
      if (t.stream_view_type.empty())
        throw invalid_parameter("StreamViewType is required when StreamEnabled is true");
    }
  }
  if (const Json* sse = optional_member(in, "SSESpecification", Json::value_t::object)) {
    t.sse_enabled = sse->value("Enabled", false);
    t.sse_key = optional_string(*sse, "KMSMasterKeyId").value_or("");
    if (t.sse_enabled && t.sse_key.empty())
      t.sse_key = "arn:aws:kms:" + t.region + ":" + t.account + ":key/aws-managed-dynamodb";
  }
  t.table_class = optional_string(in, "TableClass").value_or("STANDARD");
  t.deletion_protection = in.value("DeletionProtectionEnabled", false);
  if (const Json* tags = optional_member(in, "Tags", Json::value_t::array))
    for (const auto& tag : *tags)
      t.tags[required_string(tag, "Key", "tags.member.key")] =
          required_string(tag, "Value", "tags.member.value");

  t.created_ms = call.svc.now_ms();
  t.id = new_uuid();
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (call.svc.store().find_table(txn, t.account, t.region, t.name))
      throw ce::AwsError::client(400, "ResourceInUseException", "Table already exists: " + t.name);
    t.uid = call.svc.store().next_uid(txn);
    for (auto& i : t.indexes) i.uid = call.svc.store().next_uid(txn);
    if (t.stream_enabled) t.start_stream(t.stream_view_type, t.created_ms);
    call.svc.store().put_table(txn, t);
  });
  // DynamoDB answers CREATING and is ACTIVE by the time a waiter looks: ours is ACTIVE at once.
  return {{"TableDescription", describe_table(t, {}, "CREATING", {})}};
}

Json describe_table_op(Call& call) {
  const TableRecord t = load_table(call, table_name_param(call.input));
  return {{"Table", table_description(call, t, "ACTIVE")}};
}

Json list_tables(Call& call) {
  const Json& in = call.input;
  const auto start = optional_string(in, "ExclusiveStartTableName").value_or("");
  const int64_t limit = ranged_integer(in, "Limit", "limit", 100, 1, 100);
  ce::ReadTxn txn(call.svc.ctx());
  bool more = false;
  const auto names = call.svc.store().table_names(txn, call.account(), call.region(), start,
                                                  static_cast<std::size_t>(limit), &more);
  Json out = {{"TableNames", names}};
  if (more && !names.empty()) out["LastEvaluatedTableName"] = names.back();
  return out;
}

Json delete_table(Call& call) {
  const std::string name = table_name_param(call.input);
  Json description;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const TableRecord t = call.svc.store().require_table(
        txn, call.account(), call.region(), name,
        "Requested resource not found: Table: " + name + " not found");
    // A ValidationException, not ResourceInUse: the table is not busy, the request is refused.
    if (t.deletion_protection)
      throw ce::AwsError::validation(
          "Resource cannot be deleted as it is currently protected against deletion. Disable "
          "deletion protection first.");
    std::map<uint64_t, TableStats> index_stats;
    for (const auto& i : t.indexes) index_stats[i.uid] = call.svc.store().stats(txn, i.uid);
    description = describe_table(t, call.svc.store().stats(txn, t.uid), "DELETING", index_stats);
    call.svc.store().delete_table(txn, t);
  });
  return {{"TableDescription", description}};
}

}  // namespace

void TableRecord::start_stream(std::string view_type, int64_t ms) {
  stream_enabled = true;
  stream_view_type = std::move(view_type);
  stream_label = stream_label_for(ms);
  stream_created_ms = ms;
}

std::string stream_label_for(int64_t ms) {
  // LatestStreamLabel is an ISO 8601 timestamp with milliseconds, e.g. 2026-12-02T04:20:33.123.
  return ce::iso8601(ms, false);
}

TableRecord require_table_for(Call& call, ce::Txn& txn, const std::string& name) {
  return call.svc.store().require_table(txn, call.account(), call.region(), name,
                                        "Requested resource not found");
}

void add_table_ops(OpRegistry& ops) {
  ops.add("CreateTable", &create_table);
  ops.add("DescribeTable", &describe_table_op);
  ops.add("ListTables", &list_tables);
  ops.add("DeleteTable", &delete_table);
}

}  // namespace ddb
