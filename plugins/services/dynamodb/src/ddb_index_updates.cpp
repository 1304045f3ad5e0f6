// GlobalSecondaryIndexUpdates (ddb_index_updates.hpp).
#include "ddb_index_updates.hpp"

#include <algorithm>
#include <set>

#include "ddb_schema.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

constexpr std::size_t k_max_global_indexes = 20;
constexpr const char* k_actions[] = {"Create", "Update", "Delete"};

ce::AwsError limit_exceeded(const std::string& what) {
  return ce::AwsError::client(400, "LimitExceededException", "Subscriber limit exceeded: " + what);
}

ce::AwsError index_not_found(const std::string& index, const TableRecord& t) {
  return ce::AwsError::client(
      400, "ResourceNotFoundException",
      "Requested resource not found: Index " + index + " for table " + t.name);
}

/// "Schema:[SchemaElement: key{g:S:HASH}]", as DynamoDB quotes a key schema in the error about
/// redefining an attribute's type.
std::string schema_text(const KeySchema& k) {
  std::string out = "Schema:[SchemaElement: key{" + k.hash.name + ":" + k.hash.type + ":HASH}";
  if (k.range) out += ", SchemaElement: key{" + k.range->name + ":" + k.range->type + ":RANGE}";
  return out + "]";
}

/// The key schema of the table or index that already types `name`.
const KeySchema* schema_using(const TableRecord& t, const std::string& name) {
  auto uses = [&](const KeySchema& k) {
    return k.hash.name == name || (k.range && k.range->name == name);
  };
  if (uses(t.key)) return &t.key;
  for (const auto& i : t.indexes)
    if (uses(i.key)) return &i.key;
  return nullptr;
}

void create_index(const Store& store, ce::WriteTxn& txn, TableRecord& t, const Json& spec,
                  const Json* defs, IndexChanges& changes) {
  const std::string name = required_string(spec, "IndexName", "indexName");
  // Only the new key attributes need defining, but they must be, even when the table already
  // knows them (see test "UpdateTable wants the new index's key in AttributeDefinitions").
  if (defs == nullptr)
    throw invalid_parameter("AttributeDefinitions is not specified for index: " + name);
  const AttributeTypes types = parse_attribute_definitions(*defs);
  std::set<std::string> used;  // definitions no key uses are ignored, unlike CreateTable's
  IndexRecord index = parse_index(spec, true, t, types, IndexOrigin::update_table, used);
  if (t.find_index(index.name) != nullptr)
    throw invalid_parameter("Attempting to create an index which already exists");
  if (std::count_if(t.indexes.begin(), t.indexes.end(), [](const IndexRecord& i) {
        return i.global;
      }) >= static_cast<std::ptrdiff_t>(k_max_global_indexes))
    throw limit_exceeded("Number of global secondary indexes exceeds per-table limit of 20");
  for (const auto& attr : used) {
    const auto known = t.attribute_types.find(attr);
    if (known == t.attribute_types.end() || known->second == types.at(attr)) continue;
    // Stored keys were encoded with the first type: an attribute keeps it for every index.
    throw invalid_parameter(
        "Attributes cannot be redefined. Please check that your attribute has the same type as "
        "previously defined. Existing schema: " +
        schema_text(*schema_using(t, attr)) + " New schema: " + schema_text(index.key));
  }
  for (const auto& attr : used) t.attribute_types.emplace(attr, types.at(attr));
  index.uid = store.next_uid(txn);
  index.created_ms = store.ctx().now_ms();
  t.indexes.push_back(std::move(index));
  store.backfill_index(txn, t, t.indexes.back());
  changes.created = name;
}

void update_index(TableRecord& t, const Json& spec, IndexChanges& changes) {
  const std::string name = required_string(spec, "IndexName", "indexName");
  const auto it = std::find_if(t.indexes.begin(), t.indexes.end(),
                               [&](const IndexRecord& i) { return i.global && i.name == name; });
  if (it == t.indexes.end()) throw index_not_found(name, t);
  const Json* tp = optional_member(spec, "ProvisionedThroughput", Json::value_t::object);
  if (tp == nullptr) return;  // OnDemandThroughput / WarmThroughput: not modelled
  if (t.billing_mode == "PAY_PER_REQUEST")
    throw invalid_parameter(
        "The only Updates for index: " + name +
        " when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, "
        "WarmThroughput");
  changes.updated_before.push_back(*it);
  it->throughput = parse_throughput(tp, t.billing_mode, "index " + name);
}

void delete_index(const Store& store, ce::WriteTxn& txn, TableRecord& t, const Json& spec,
                  IndexChanges& changes) {
  const std::string name = required_string(spec, "IndexName", "indexName");
  const auto it = std::find_if(t.indexes.begin(), t.indexes.end(),
                               [&](const IndexRecord& i) { return i.global && i.name == name; });
  if (it == t.indexes.end()) throw index_not_found(name, t);
  changes.deleted_stats = store.stats(txn, it->uid);
  changes.deleted = *it;
  // Its entries go with it; the table's items stay.
  store.drop_index_entries(txn, *it);
  t.indexes.erase(it);
  prune_attribute_types(t);
}

}  // namespace

void check_index_updates(const Json& input) {
  const Json* updates = optional_member(input, "GlobalSecondaryIndexUpdates", Json::value_t::array);
  if (updates == nullptr) return;
  // An empty list alone is a request without changes (update_table words that one).
  if (updates->empty()) throw invalid_parameter("List of GlobalSecondaryIndexUpdates is empty");
  std::set<std::string> names;
  int online = 0;  // creations and deletions
  bool creates = false;
  for (const auto& u : *updates) {
    const char* action = nullptr;
    int actions = 0;
    for (const char* a : k_actions)
      if (optional_member(u, a, Json::value_t::object) != nullptr) {
        action = a;
        ++actions;
      }
    if (actions == 0)
      throw ce::AwsError::validation(
          "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
          "GlobalSecondaryIndexUpdate.Delete must not be null");
    if (actions > 1)
      throw ce::AwsError::validation(
          "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate "
          "object");
    const std::string name = required_string(u[action], "IndexName", "indexName");
    if (!names.insert(name).second)
      throw invalid_parameter(
          "Only one global secondary index update per index is allowed simultaneously. Index: " +
          name);
    if (std::string_view(action) != "Update") ++online;
    creates = creates || std::string_view(action) == "Create";
  }
  if (online > 1)
    throw limit_exceeded("Only 1 online index can be created or deleted simultaneously per table");
  if (online == 0) return;
  // An index build may come with a billing mode switch or index throughput updates only.
  if (input.contains("ProvisionedThroughput"))
    throw ce::AwsError::validation("You cannot create or delete index while updating table IOPS");
  if (input.contains("StreamSpecification"))
    throw ce::AwsError::validation(
        "You cannot create or delete index while changing stream status");
  if (!creates) return;
  if (input.contains("DeletionProtectionEnabled"))
    throw ce::AwsError::validation(
        "DeletionProtection modification must be the only operation in the request");
  if (input.contains("SSESpecification"))
    throw ce::AwsError::validation(
        "Server-Side Encryption modification must be the only operation in the request");
  if (input.contains("TableClass"))
    throw ce::AwsError::validation(
        "TableClass modification must be the only operation in the request");
}

IndexChanges apply_index_updates(const Store& store, ce::WriteTxn& txn, TableRecord& t,
                                 const Json& updates, const Json* defs) {
  IndexChanges changes;
  for (const auto& u : updates) {
    if (const Json* c = optional_member(u, "Create", Json::value_t::object))
      create_index(store, txn, t, *c, defs, changes);
    else if (const Json* up = optional_member(u, "Update", Json::value_t::object))
      update_index(t, *up, changes);
    else if (const Json* d = optional_member(u, "Delete", Json::value_t::object))
      delete_index(store, txn, t, *d, changes);
  }
  return changes;
}

void prune_attribute_types(TableRecord& t) {
  std::set<std::string> used;
  auto add = [&](const KeySchema& k) {
    used.insert(k.hash.name);
    if (k.range) used.insert(k.range->name);
  };
  add(t.key);
  for (const auto& i : t.indexes) add(i.key);
  std::erase_if(t.attribute_types, [&](const auto& kv) { return !used.contains(kv.first); });
}

void IndexChanges::annotate(Json& description, const TableRecord& t) const {
  if (created || deleted) description["TableStatus"] = "UPDATING";
  Json& gsis = description["GlobalSecondaryIndexes"];
  if (gsis.is_null()) gsis = Json::array();
  for (auto& g : gsis) {
    const std::string& name = g["IndexName"].get_ref<const std::string&>();
    if (created && name == *created) {
      g["IndexStatus"] = "CREATING";
      g["Backfilling"] = false;
    }
    for (const auto& before : updated_before)
      if (before.name == name) {
        // DynamoDB's answer still shows the throughput being replaced.
        g["IndexStatus"] = "UPDATING";
        g["ProvisionedThroughput"] =
            describe_index(t, before, {}, "UPDATING")["ProvisionedThroughput"];
      }
  }
  if (deleted) gsis.push_back(describe_index(t, *deleted, deleted_stats, "DELETING"));
  if (gsis.empty()) description.erase("GlobalSecondaryIndexes");
}

}  // namespace ddb
