// BatchGetItem and BatchWriteItem. The emulator never throttles, so UnprocessedKeys and
// UnprocessedItems stay empty except where DynamoDB's own size cap applies (16 MB of BatchGetItem
// results).
#include <cloudemu/storage.hpp>
#include <cstdio>
#include <set>

#include "ddb_item.hpp"
#include "ddb_request.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

constexpr std::size_t k_max_batch_get_keys = 100;
constexpr std::size_t k_max_batch_writes = 25;
constexpr std::size_t k_max_batch_get_bytes = 16 * 1024 * 1024;

const Json& request_items(const Json& in) {
  const Json* items = optional_member(in, "RequestItems", Json::value_t::object);
  if (items == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "requestItems", "Member must not be null");
    e.throw_if_any();
  }
  if (items->empty()) {
    ConstraintErrors e;
    e.add(items, "requestItems", "Member must have length greater than or equal to 1");
    e.throw_if_any();
  }
  for (const auto& [name, _] : items->items()) {
    ConstraintErrors e;
    const Json v(name);
    check_table_name(e, &v, "requestItems.key");
    e.throw_if_any();
  }
  return *items;
}

/// How DynamoDB (a Java service) quotes a request map in a constraint error: Map.toString, each
/// request an object reference,
/// "{orders=[com.amazonaws.dynamodb.v20120810.WriteRequest@1f2e3d4c]}". The reference is a hash of
/// the request here, stable for a given request.
std::string java_map_text(const Json& map, std::string_view member_class) {
  std::string out = "{";
  for (const auto& [name, list] : map.items()) {
    if (out.size() > 1) out += ", ";
    out += name + "=[";
    if (list.is_array())
      for (std::size_t i = 0; i < list.size(); ++i) {
        uint32_t h = 2166136261u;  // FNV-1a, 32 bits: Java prints an int hash code in hex
        for (const char c : list[i].dump()) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
        char hex[9];
        std::snprintf(hex, sizeof hex, "%x", h);
        out += (i ? ", " : "") + std::string("com.amazonaws.dynamodb.v20120810.") +
               std::string(member_class) + "@" + hex;
      }
    out += "]";
  }
  return out + "}";
}

Json batch_get_item(Call& call) {
  Json& in = call.input;
  request_items(in);
  std::size_t total_keys = 0;
  for (const auto& [name, spec] : in["RequestItems"].items())
    total_keys += spec.contains("Keys") ? spec["Keys"].size() : 0;
  if (total_keys > k_max_batch_get_keys)
    throw ce::AwsError::validation("Too many items requested for the BatchGetItem call");

  Json responses = Json::object(), unprocessed = Json::object(), capacity = Json::array();
  std::size_t bytes = 0;
  ce::ReadTxn txn(call.svc.ctx());
  for (auto& [name, spec] : in["RequestItems"].items()) {
    Expressions e(spec, {"ProjectionExpression"}, {"AttributesToGet"});
    std::optional<expr::Projection> projection;
    if (const auto text = e.text("ProjectionExpression")) {
      projection = expr::parse_projection(*text, e.subs());
    } else if (const Json* attrs = optional_member(spec, "AttributesToGet", Json::value_t::array)) {
      projection = expr::projection_from_attributes_to_get(*attrs);
    }
    e.check_all_used();
    const TableRecord t = require_table_for(call, txn, name);
    const Json* keys = optional_member(spec, "Keys", Json::value_t::array);
    if (keys == nullptr || keys->empty()) {
      ConstraintErrors errors;
      errors.add(
          keys, "requestItems." + name + ".member.keys",
          keys ? "Member must have length greater than or equal to 1" : "Member must not be null");
      errors.throw_if_any();
    }
    std::set<std::string> seen;
    Json found = Json::array();
    double units = 0;
    const bool consistent = spec.value("ConsistentRead", false);
    for (const auto& key_in : *keys) {
      Json key = key_in;
      validate_attributes(key);
      check_key_param(t, key);
      const std::string storage_key = *call.svc.store().item_key(t, key);
      if (!seen.insert(storage_key).second)
        throw ce::AwsError::validation("Provided list of item keys contains duplicates");
      if (bytes > k_max_batch_get_bytes) {
        unprocessed[name]["Keys"].push_back(key);
        continue;
      }
      if (auto item = call.svc.store().get_item(txn, storage_key)) {
        const std::size_t size = item_size(*item);
        bytes += size;
        units += read_units(size, consistent);
        found.push_back(projection ? projection->apply(*item) : std::move(*item));
      }
    }
    if (unprocessed.contains(name)) {
      Json& u = unprocessed[name];
      for (const char* field : {"ProjectionExpression", "ExpressionAttributeNames",
                                "ConsistentRead", "AttributesToGet"})
        if (spec.contains(field)) u[field] = spec[field];
    }
    responses[name] = std::move(found);
    if (auto c = consumed_capacity(in, t, units)) capacity.push_back(*c);
  }
  Json out = {{"Responses", responses}, {"UnprocessedKeys", unprocessed}};
  if (!capacity.empty()) out["ConsumedCapacity"] = capacity;
  return out;
}

/// One validated write of a BatchWriteItem.
struct BatchWrite {
  const TableRecord* table;
  std::string key;
  std::optional<Json> item;  // nullopt: a delete
};

Json batch_write_item(Call& call) {
  Json& in = call.input;
  request_items(in);
  std::size_t total = 0;
  bool table_out_of_range = false;
  for (const auto& [name, writes] : in["RequestItems"].items()) {
    const std::size_t n = writes.is_array() ? writes.size() : 0;
    table_out_of_range = table_out_of_range || n == 0 || n > k_max_batch_writes;
    total += n;
  }
  if (table_out_of_range) {
    ConstraintErrors e;
    const Json v = java_map_text(in["RequestItems"], "WriteRequest");
    e.add(&v, "requestItems",
          "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
          "Member must have length greater than or equal to 1]");
    e.throw_if_any();
  }
  // Each table within 25, all of them together more.
  if (total > k_max_batch_writes)
    throw ce::AwsError::validation("Too many items requested for the BatchWriteItem call");

  std::map<std::string, TableRecord> tables;
  UnitsByTable units;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    std::vector<BatchWrite> writes;
    std::set<std::string> seen;
    for (auto& [name, requests] : in["RequestItems"].items()) {
      auto [it, fresh] = tables.try_emplace(name);
      if (fresh) it->second = require_table_for(call, txn, name);
      const TableRecord& t = it->second;
      for (auto& request : requests) {
        const bool put = request.contains("PutRequest");
        const bool del = request.contains("DeleteRequest");
        if (put == del)
          throw ce::AwsError::validation(
              "Supplied AttributeValue has more than one datatypes set, must contain exactly one "
              "of the supported datatypes");
        BatchWrite w{&t, {}, std::nullopt};
        if (put) {
          Json item = request["PutRequest"].value("Item", Json::object());
          validate_attributes(item);
          if (item_size(item) > k_max_item_size)
            throw ce::AwsError::validation("Item size has exceeded the maximum allowed size");
          check_item_key(t, item);
          check_index_keys(t, item);
          w.key = *call.svc.store().item_key(t, item);
          w.item = std::move(item);
        } else {
          Json key = request["DeleteRequest"].value("Key", Json::object());
          validate_attributes(key);
          check_key_param(t, key);
          w.key = *call.svc.store().item_key(t, key);
        }
        if (!seen.insert(w.key).second)
          throw ce::AwsError::validation("Provided list of item keys contains duplicates");
        writes.push_back(std::move(w));
      }
    }
    for (const auto& w : writes) {
      const auto old = call.svc.store().get_item(txn, w.key);
      if (!old && !w.item) continue;
      call.svc.store().write_item(txn, *w.table, w.key, old, w.item);
      units[w.table->name] += write_units(old, w.item);
    }
  });
  Json out = {{"UnprocessedItems", Json::object()}};
  add_consumed_capacity(out, in, tables, units);
  return out;
}

}  // namespace

void add_batch_ops(OpRegistry& ops) {
  ops.add("BatchGetItem", &batch_get_item);
  ops.add("BatchWriteItem", &batch_write_item);
}

}  // namespace ddb
