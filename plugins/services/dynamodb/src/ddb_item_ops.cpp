// Single-item operations: PutItem, GetItem, DeleteItem, UpdateItem.
#include <cloudemu/storage.hpp>
#include <set>

#include "ddb_item.hpp"
#include "ddb_request.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

/// With ReturnValuesOnConditionCheckFailure ALL_OLD the error carries the item as it was.
ce::AwsError conditional_check_failed(const std::optional<Json>& old, const Json& input) {
  ce::AwsError e = ce::AwsError::client(400, "ConditionalCheckFailedException",
                                        "The conditional request failed");
  if (old &&
      optional_string(input, "ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD")
    return std::move(e).with_json("Item", old->dump());
  return e;
}

/// The Key parameter, validated against the table.
Json key_param(const Json& input, const TableRecord& t) {
  const auto it = input.find("Key");
  if (it == input.end() || it->is_null()) {
    ConstraintErrors e;
    e.add(nullptr, "key", "Member must not be null");
    e.throw_if_any();
  }
  Json key = *it;
  validate_attributes(key);
  check_key_param(t, key);
  return key;
}

void add_item_collection_metrics(Json& out, const Json& input, const TableRecord& t,
                                 const Json& item) {
  if (optional_string(input, "ReturnItemCollectionMetrics").value_or("NONE") != "SIZE") return;
  bool has_lsi = false;
  for (const auto& i : t.indexes) has_lsi = has_lsi || !i.global;
  if (!has_lsi) return;
  out["ItemCollectionMetrics"] = {
      {"ItemCollectionKey", {{t.key.hash.name, item.at(t.key.hash.name)}}},
      {"SizeEstimateRangeGB", {0.0, 1.0}}};
}

Json put_item(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  Expressions e(in, {"ConditionExpression"}, {"Expected", "ConditionalOperator"});
  const auto condition = write_condition(in, e);
  e.check_all_used();
  const std::string mode = return_values(in, {"NONE", "ALL_OLD"});
  const Json* item_in = optional_member(in, "Item", Json::value_t::object);
  if (item_in == nullptr) {
    ConstraintErrors errors;
    errors.add(nullptr, "item", "Member must not be null");
    errors.throw_if_any();
  }
  // The request document is not needed whole again: the item moves out of it.
  Json item = std::move(in["Item"]);
  validate_attributes(item);
  const std::size_t size = item_size(item);
  if (size > k_max_item_size)
    throw ce::AwsError::validation("Item size has exceeded the maximum allowed size");
  // Encoded before the write transaction, which other writers wait for.
  const std::string stored = encode_item(item, size);

  std::optional<Json> old;
  std::optional<std::size_t> old_size;
  TableRecord t;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    t = require_table_for(call, txn, name);
    check_item_key(t, item);
    check_index_keys(t, item);
    const std::string key = *call.svc.store().item_key(t, item);
    if (!condition && mode == "NONE" && t.indexes.empty() && !t.stream_enabled) {
      // Nothing needs the old item but its size: it is replaced without being parsed.
      old_size = call.svc.store().replace_item(txn, t, key, stored, size);
      return;
    }
    old = call.svc.store().get_item(txn, key);
    if (condition && !condition->evaluate(old.value_or(Json::object())))
      throw conditional_check_failed(old, in);
    if (old) old_size = item_size(*old);
    call.svc.store().write_item(txn, t, key, old, item);
  });
  Json out = Json::object();
  if (mode == "ALL_OLD" && old) out["Attributes"] = *old;
  if (auto c = consumed_capacity(in, t, write_units(std::max(old_size.value_or(0), size))))
    out["ConsumedCapacity"] = *c;
  add_item_collection_metrics(out, in, t, item);
  return out;
}

Json get_item(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  Expressions e(in, {"ProjectionExpression"}, {"AttributesToGet"});
  std::optional<expr::Projection> projection;
  if (const auto text = e.text("ProjectionExpression")) {
    projection = expr::parse_projection(*text, e.subs());
  } else if (const Json* attrs = optional_member(in, "AttributesToGet", Json::value_t::array)) {
    projection = expr::projection_from_attributes_to_get(*attrs);
  }
  e.check_all_used();
  const bool consistent = in.value("ConsistentRead", false);
  ce::ReadTxn txn(call.svc.ctx());
  const TableRecord t = require_table_for(call, txn, name);
  const Json key = key_param(in, t);
  const std::string storage_key = *call.svc.store().item_key(t, key);
  if (!projection && optional_string(in, "ReturnConsumedCapacity").value_or("NONE") == "NONE") {
    // The common case answers the item's stored text as it is, without parsing it.
    const auto stored = call.svc.store().get_stored_item(txn, storage_key);
    call.answer_text = stored ? "{\"Item\":" + std::string(stored_item_text(*stored)) + "}" : "{}";
    return nullptr;
  }
  const auto item = call.svc.store().get_item(txn, storage_key);
  Json out = Json::object();
  if (item) out["Item"] = projection ? projection->apply(*item) : *item;
  if (auto c = consumed_capacity(in, t, read_units(item ? item_size(*item) : 0, consistent)))
    out["ConsumedCapacity"] = *c;
  return out;
}

Json delete_item(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  Expressions e(in, {"ConditionExpression"}, {"Expected", "ConditionalOperator"});
  const auto condition = write_condition(in, e);
  e.check_all_used();
  const std::string mode = return_values(in, {"NONE", "ALL_OLD"});
  std::optional<Json> old;
  TableRecord t;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    t = require_table_for(call, txn, name);
    const Json key = key_param(in, t);
    const std::string storage_key = *call.svc.store().item_key(t, key);
    old = call.svc.store().get_item(txn, storage_key);
    if (condition && !condition->evaluate(old.value_or(Json::object())))
      throw conditional_check_failed(old, in);
    if (old) call.svc.store().write_item(txn, t, storage_key, old, std::nullopt);
  });
  Json out = Json::object();
  if (mode == "ALL_OLD" && old) out["Attributes"] = *old;
  if (auto c = consumed_capacity(in, t, write_units(old ? item_size(*old) : 0)))
    out["ConsumedCapacity"] = *c;
  if (old) add_item_collection_metrics(out, in, t, *old);
  return out;
}

/// The top-level attributes an update writes or removes (UPDATED_OLD / UPDATED_NEW).
std::set<std::string> updated_attributes(const expr::Update& update) {
  std::set<std::string> out;
  for (const auto& path : update.targets()) out.insert(path.front().name);
  return out;
}

Json pick(const Json& item, const std::set<std::string>& names) {
  Json out = Json::object();
  for (const auto& n : names)
    if (const auto it = item.find(n); it != item.end()) out[n] = *it;
  return out;
}

Json update_item(Call& call) {
  Json& in = call.input;
  const std::string name = table_name_param(in);
  Expressions e(in, {"UpdateExpression", "ConditionExpression"},
                {"AttributeUpdates", "Expected", "ConditionalOperator"});
  std::optional<expr::Update> update;
  if (const auto text = e.text("UpdateExpression")) {
    update = expr::parse_update(*text, e.subs());
  } else if (const Json* updates = optional_member(in, "AttributeUpdates", Json::value_t::object)) {
    for (auto& [attr, action] : in["AttributeUpdates"].items())
      if (action.contains("Value")) validate_value(action["Value"]);
    update = expr::update_from_attribute_updates(*updates);
  }
  const auto condition = write_condition(in, e);
  e.check_all_used();
  const std::string mode =
      return_values(in, {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"});

  std::optional<Json> old;
  Json item;
  TableRecord t;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    t = require_table_for(call, txn, name);
    const Json key = key_param(in, t);
    if (update) {
      for (const auto& path : update->targets()) {
        const std::string& attr = path.front().name;
        if (attr == t.key.hash.name || (t.key.range && attr == t.key.range->name))
          throw ce::AwsError::validation(
              "One or more parameter values were invalid: Cannot update attribute " + attr +
              ". This attribute is part of the key");
      }
    }
    const std::string storage_key = *call.svc.store().item_key(t, key);
    old = call.svc.store().get_item(txn, storage_key);
    if (condition && !condition->evaluate(old.value_or(Json::object())))
      throw conditional_check_failed(old, in);
    item = old.value_or(key);
    if (update) update->apply(item);
    check_index_keys(t, item);
    if (item_size(item) > k_max_item_size)
      throw ce::AwsError::validation("Item size to update has exceeded the maximum allowed size");
    call.svc.store().write_item(txn, t, storage_key, old, item);
  });
  Json out = Json::object();
  const std::set<std::string> updated =
      update ? updated_attributes(*update) : std::set<std::string>{};
  if (mode == "ALL_OLD" && old) out["Attributes"] = *old;
  if (mode == "ALL_NEW") out["Attributes"] = item;
  if (mode == "UPDATED_OLD" && old) {
    Json picked = pick(*old, updated);
    if (!picked.empty()) out["Attributes"] = picked;
  }
  if (mode == "UPDATED_NEW") {
    Json picked = pick(item, updated);
    if (!picked.empty()) out["Attributes"] = picked;
  }
  if (auto c = consumed_capacity(in, t, write_units(old, item))) out["ConsumedCapacity"] = *c;
  add_item_collection_metrics(out, in, t, item);
  return out;
}

}  // namespace

void add_item_ops(OpRegistry& ops) {
  ops.add("PutItem", &put_item);
  ops.add("GetItem", &get_item);
  ops.add("DeleteItem", &delete_item);
  ops.add("UpdateItem", &update_item);
}

}  // namespace ddb
