// TransactWriteItems and TransactGetItems: all-or-nothing in one storage transaction, one
// CancellationReason per item when anything fails, and ClientRequestToken idempotency.
#include <cloudemu/keycodec.hpp>
#include <cloudemu/storage.hpp>
#include <set>

#include "ddb_item.hpp"
#include "ddb_request.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

constexpr std::size_t k_max_transact_items = 100;

Json& transact_items(Json& in) {
  const Json* items = optional_member(in, "TransactItems", Json::value_t::array);
  ConstraintErrors errors;
  if (items == nullptr) {
    errors.add(nullptr, "transactItems", "Member must not be null");
  } else if (items->empty()) {
    errors.add(items, "transactItems", "Member must have length greater than or equal to 1");
  } else if (items->size() > k_max_transact_items) {
    errors.add(items, "transactItems", "Member must have length less than or equal to 100");
  }
  errors.throw_if_any();
  return in["TransactItems"];
}

/// One action of a TransactWriteItems, parsed and validated before anything runs.
struct Action {
  std::string kind;  // Put, Update, Delete, ConditionCheck
  Json* spec = nullptr;
  std::unique_ptr<Expressions> expressions;
  std::string table_name;
  Json item_or_key;
  std::optional<expr::Condition> condition;
  std::optional<expr::Update> update;
  std::string storage_key;
  const TableRecord* table = nullptr;
  std::optional<Json> old, result;  // the item before and after (result nullopt: deleted)
};

Action parse_action(Json& entry) {
  Action a;
  for (const char* kind : {"ConditionCheck", "Put", "Delete", "Update"}) {
    if (!entry.contains(kind) || entry[kind].is_null()) continue;
    if (!a.kind.empty())
      throw ce::AwsError::validation(
          "TransactItems can only contain one of Check, Put, Update or Delete");
    a.kind = kind;
  }
  if (a.kind.empty())
    throw ce::AwsError::validation(
        "TransactItems can only contain one of Check, Put, Update or Delete");
  Json& spec = entry[a.kind];
  a.spec = &spec;
  a.table_name = table_name_param(spec);
  if (a.kind == "Update") {
    a.expressions = std::make_unique<Expressions>(
        spec, std::initializer_list<std::string_view>{"UpdateExpression", "ConditionExpression"},
        std::initializer_list<std::string_view>{});
    const auto text = a.expressions->text("UpdateExpression");
    if (!text) {
      ConstraintErrors e;
      e.add(nullptr, "transactItems.member.update.updateExpression", "Member must not be null");
      e.throw_if_any();
    }
    a.update = expr::parse_update(*text, a.expressions->subs());
  } else {
    a.expressions = std::make_unique<Expressions>(
        spec, std::initializer_list<std::string_view>{"ConditionExpression"},
        std::initializer_list<std::string_view>{});
  }
  if (const auto text = a.expressions->text("ConditionExpression"))
    a.condition = expr::parse_condition(*text, a.expressions->subs(), expr::ExprKind::condition);
  else if (a.kind == "ConditionCheck") {
    ConstraintErrors e;  // a required member of ConditionCheck in the API model
    e.add(nullptr, "transactItems.member.conditionCheck.conditionExpression",
          "Member must not be null");
    e.throw_if_any();
  }
  a.expressions->check_all_used();
  const char* member = a.kind == "Put" ? "Item" : "Key";
  const Json* value = optional_member(spec, member, Json::value_t::object);
  if (value == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, std::string("transactItems.member.") + (a.kind == "Put" ? "put.item" : "key"),
          "Member must not be null");
    e.throw_if_any();
  }
  a.item_or_key = *value;
  validate_attributes(a.item_or_key);
  return a;
}

Json cancellation_reason(const std::string& code, const std::string& message,
                         const std::optional<Json>& item, const Json& spec) {
  Json r = {{"Code", code}};
  if (!message.empty()) r["Message"] = message;
  if (item &&
      optional_string(spec, "ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD")
    r["Item"] = *item;
  return r;
}

/// A digest of what a token must keep standing for: the transaction's items.
std::string transaction_fingerprint(const Json& in) {
  return in.at("TransactItems").dump();
}

Json transact_write_items(Call& call) {
  Json& in = call.input;
  Json& entries = transact_items(in);
  const auto token = optional_string(in, "ClientRequestToken");
  std::vector<Action> actions;
  actions.reserve(entries.size());
  for (auto& entry : entries) actions.push_back(parse_action(entry));

  std::map<std::string, TableRecord> tables;
  Json out = Json::object();
  Store& store = call.svc.store();
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (token) {
      if (auto previous = replayed_transaction(call, txn, *token, transaction_fingerprint(in))) {
        out = std::move(*previous);
        return;  // the same transaction again: already applied, answer as the first time
      }
    }
    std::set<std::string> keys;
    for (auto& a : actions) {
      auto [it, fresh] = tables.try_emplace(a.table_name);
      if (fresh) it->second = require_table_for(call, txn, a.table_name);
      a.table = &it->second;
      if (a.kind == "Put") {
        check_item_key(*a.table, a.item_or_key);
      } else {
        check_key_param(*a.table, a.item_or_key);
      }
      a.storage_key = *store.item_key(*a.table, a.item_or_key);
      if (!keys.insert(ce::KeyWriter().str(a.table_name).take() + a.storage_key).second)
        throw ce::AwsError::validation(
            "Transaction request cannot include multiple operations on one item");
    }
    // Every condition and every new item first: a failure anywhere writes nothing.
    Json reasons = Json::array();
    bool cancelled = false;
    for (auto& a : actions) {
      a.old = store.get_item(txn, a.storage_key);
      if (a.condition && !a.condition->evaluate(a.old.value_or(Json::object()))) {
        reasons.push_back(cancellation_reason("ConditionalCheckFailed",
                                              "The conditional request failed", a.old, *a.spec));
        cancelled = true;
        continue;
      }
      try {
        if (a.kind == "Put") {
          a.result = a.item_or_key;
        } else if (a.kind == "Update") {
          Json item = a.old.value_or(a.item_or_key);
          a.update->apply(item);
          a.result = std::move(item);
        } else if (a.kind == "ConditionCheck") {
          a.result = a.old;
        }
        if (a.result && a.kind != "ConditionCheck") check_index_keys(*a.table, *a.result);
        if (a.result && item_size(*a.result) > k_max_item_size)
          throw ce::AwsError::validation("Item size has exceeded the maximum allowed size");
        reasons.push_back({{"Code", "None"}});
      } catch (const ce::AwsError& e) {
        if (e.code != "ValidationException") throw;
        reasons.push_back(cancellation_reason("ValidationError", e.message, std::nullopt, {}));
        cancelled = true;
      }
    }
    if (cancelled) throw transaction_cancelled(reasons);
    UnitsByTable units;
    for (auto& a : actions) {
      if (a.kind == "ConditionCheck") continue;
      if (a.old || a.result) store.write_item(txn, *a.table, a.storage_key, a.old, a.result);
      // A transactional write costs two write units per KB.
      units[a.table_name] += 2 * write_units(a.old, a.result);
    }
    add_consumed_capacity(out, in, tables, units);
    if (token) remember_transaction(call, txn, *token, transaction_fingerprint(in), out);
  });
  return out;
}

Json transact_get_items(Call& call) {
  Json& in = call.input;
  Json& entries = transact_items(in);
  Store& store = call.svc.store();
  ce::ReadTxn txn(call.svc.ctx());
  std::map<std::string, TableRecord> tables;
  std::set<std::string> keys;
  Json responses = Json::array();
  UnitsByTable units;
  for (auto& entry : entries) {
    if (!entry.contains("Get") || !entry["Get"].is_object()) {
      ConstraintErrors e;
      e.add(nullptr, "transactItems.member.get", "Member must not be null");
      e.throw_if_any();
    }
    Json& spec = entry["Get"];
    const std::string name = table_name_param(spec);
    Expressions e(spec, {"ProjectionExpression"}, {});
    std::optional<expr::Projection> projection;
    if (const auto text = e.text("ProjectionExpression"))
      projection = expr::parse_projection(*text, e.subs());
    e.check_all_used();
    auto [it, fresh] = tables.try_emplace(name);
    if (fresh) it->second = require_table_for(call, txn, name);
    const TableRecord& t = it->second;
    Json key = spec.value("Key", Json::object());
    validate_attributes(key);
    check_key_param(t, key);
    const std::string storage_key = *store.item_key(t, key);
    if (!keys.insert(ce::KeyWriter().str(name).take() + storage_key).second)
      throw ce::AwsError::validation(
          "Transaction request cannot include multiple operations on one item");
    const auto item = store.get_item(txn, storage_key);
    // A transactional read costs two read units per 4 KB.
    units[name] += 2 * read_units(item ? item_size(*item) : 0, true);
    Json response = Json::object();
    if (item) response["Item"] = projection ? projection->apply(*item) : *item;
    responses.push_back(std::move(response));
  }
  Json out = {{"Responses", responses}};
  add_consumed_capacity(out, in, tables, units);
  return out;
}

}  // namespace

ce::AwsError transaction_cancelled(const Json& reasons) {
  std::string codes;
  for (const auto& r : reasons) codes += (codes.empty() ? "" : ", ") + r["Code"].get<std::string>();
  return ce::AwsError::client(400, "TransactionCanceledException",
                              "Transaction cancelled, please refer cancellation reasons for "
                              "specific reasons [" +
                                  codes + "]")
      .with_json("CancellationReasons", reasons.dump());
}

std::optional<Json> replayed_transaction(Call& call, ce::Txn& txn, const std::string& token,
                                         const std::string& fingerprint) {
  constexpr int64_t k_token_window_ms = 10 * 60 * 1000;  // ClientRequestToken is valid 10 minutes
  const auto previous = call.svc.store().find_token(txn, call.account(), token,
                                                    call.svc.now_ms() - k_token_window_ms);
  if (!previous) return std::nullopt;
  if (previous->fingerprint != fingerprint)
    throw ce::AwsError::client(400, "IdempotentParameterMismatchException",
                               "The request uses the same client token as a previous, but "
                               "non-identical request.");
  return Json::parse(previous->response);
}

void remember_transaction(Call& call, ce::WriteTxn& txn, const std::string& token,
                          const std::string& fingerprint, const Json& answer) {
  call.svc.store().put_token(txn, call.account(), token,
                             {fingerprint, answer.dump(), call.svc.now_ms()});
}

void add_transact_ops(OpRegistry& ops) {
  ops.add("TransactWriteItems", &transact_write_items);
  ops.add("TransactGetItems", &transact_get_items);
}

}  // namespace ddb
