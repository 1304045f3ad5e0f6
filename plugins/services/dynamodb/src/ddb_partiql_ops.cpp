// PartiQL operations: ExecuteStatement (one statement, SELECT a page at a time),
// BatchExecuteStatement (up to 25 reads by key or 25 writes, each with its own result or error)
// and ExecuteTransaction (up to 100 reads by key or writes, all or nothing in one storage
// transaction, as TransactWriteItems). docs/dynamodb.md, "PartiQL".
#include <cloudemu/keycodec.hpp>
#include <cloudemu/storage.hpp>
#include <functional>
#include <map>
#include <set>

#include "ddb_item.hpp"
#include "ddb_partiql_exec.hpp"
#include "ddb_request.hpp"
#include "ddb_service.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

using partiql::Statement;
using partiql::WritePlan;

constexpr std::size_t k_max_statement_length = 8192;
constexpr std::size_t k_max_batch_statements = 25;
constexpr std::size_t k_max_transaction_statements = 100;

/// The statement list of a batch or transaction, within its length limits.
Json& statement_list(Json& in, const char* member, const char* field, std::size_t max) {
  const Json* list = optional_member(in, member, Json::value_t::array);
  ConstraintErrors errors;
  if (list == nullptr) {
    errors.add(nullptr, field, "Member must not be null");
  } else if (list->empty()) {
    errors.add(list, field, "Member must have length greater than or equal to 1");
  } else if (list->size() > max) {
    errors.add(list, field, "Member must have length less than or equal to " + std::to_string(max));
  }
  errors.throw_if_any();
  return in[member];
}

/// Checks Statement and Parameters of a request or list entry as the API model constrains them.
void check_entry(const Json& entry, const std::string& field_prefix) {
  if (!entry.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
  ConstraintErrors errors;
  const auto text = optional_string(entry, "Statement");
  if (!text) {
    errors.add(nullptr, field_prefix + "statement", "Member must not be null");
  } else if (text->empty()) {
    const Json v = *text;
    errors.add(&v, field_prefix + "statement",
               "Member must have length greater than or equal to 1");
  } else if (text->size() > k_max_statement_length) {
    const Json v = *text;
    errors.add(&v, field_prefix + "statement",
               "Member must have length less than or equal to 8192");
  }
  const Json* params = optional_member(entry, "Parameters", Json::value_t::array);
  if (params != nullptr && params->empty())
    errors.add(params, field_prefix + "parameters",
               "Member must have length greater than or equal to 1");
  errors.throw_if_any();
}

/// Parses a checked entry, its parameters validated (canonical numbers) and bound.
Statement parse_entry(const Json& entry) {
  Json params = entry.contains("Parameters") && entry["Parameters"].is_array() ? entry["Parameters"]
                                                                               : Json::array();
  for (auto& v : params) validate_value(v);
  return partiql::parse_statement(entry["Statement"].get<std::string>(), params);
}

/// What a NextToken is bound to: the statement and its parameters.
std::string statement_fingerprint(const Json& entry) {
  const std::string text =
      entry["Statement"].get<std::string>() + "\n" + entry.value("Parameters", Json()).dump();
  // std::hash of a string is a fixed function in libstdc++, so tokens outlive a restart.
  return std::to_string(std::hash<std::string>{}(text));
}

// ---- ExecuteStatement ----

Json execute_statement(Call& call) {
  Json& in = call.input;
  check_entry(in, "");
  const Statement s = parse_entry(in);
  if (s.is_read()) return partiql::select_page(call, s, statement_fingerprint(in));
  WritePlan plan;
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    plan = partiql::plan_write(call, txn, s);
    if (plan.outcome != WritePlan::Outcome::ok) throw partiql::outcome_error(plan, in);
    partiql::commit_write(call, txn, plan);
  });
  Json out = {{"Items", partiql::returned_items(s, plan)}};
  if (auto c = consumed_capacity(in, plan.table, write_units(plan.old, plan.result)))
    out["ConsumedCapacity"] = *c;
  return out;
}

// ---- BatchExecuteStatement ----

/// BatchStatementError codes are the exception names without "Exception".
std::string batch_error_code(const std::string& exception) {
  if (exception == "ValidationException") return "ValidationError";
  const std::string suffix = "Exception";
  if (exception.ends_with(suffix)) return exception.substr(0, exception.size() - suffix.size());
  return exception;
}

Json batch_error(const std::string& code, const std::string& message) {
  return {{"Code", code}, {"Message", message}};
}

/// The failed-write error of a plan, with the item when the statement asked for ALL_OLD.
Json plan_error(const WritePlan& plan, const Json& entry) {
  const ce::AwsError e = partiql::outcome_error(plan, entry);
  Json error = batch_error(batch_error_code(e.code), e.message);
  if (plan.outcome == WritePlan::Outcome::condition_failed && plan.old &&
      optional_string(entry, "ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD")
    error["Item"] = *plan.old;
  return error;
}

Json batch_execute_statement(Call& call) {
  Json& in = call.input;
  Json& entries = statement_list(in, "Statements", "statements", k_max_batch_statements);
  for (const auto& entry : entries) check_entry(entry, "statements.member.");
  // A statement that does not parse fails alone; reads and writes still may not mix.
  std::vector<std::optional<Statement>> statements;
  Json responses = Json::array();
  bool reads = false, writes = false;
  for (const auto& entry : entries) {
    try {
      statements.push_back(parse_entry(entry));
      (statements.back()->is_read() ? reads : writes) = true;
      responses.push_back({{"TableName", statements.back()->table}});
    } catch (const ce::AwsError& e) {
      if (e.code != "ValidationException") throw;
      statements.emplace_back();
      responses.push_back({{"Error", batch_error("ValidationError", e.message)}});
    }
  }
  if (reads && writes)
    throw ce::AwsError::validation(
        "Unsupported operation: A batch must consist of either read statements or write "
        "statements, not both");

  std::map<std::string, TableRecord> tables;
  UnitsByTable units;
  const auto fail = [&](std::size_t i, const ce::AwsError& e) {
    if (e.code != "ValidationException" && e.code != "ResourceNotFoundException") throw e;
    responses[i]["Error"] = batch_error(batch_error_code(e.code), e.message);
  };
  if (reads) {
    ce::ReadTxn txn(call.svc.ctx());
    for (std::size_t i = 0; i < statements.size(); ++i) {
      if (!statements[i]) continue;
      const Statement& s = *statements[i];
      try {
        if (s.index) throw ce::AwsError::validation("This operation is not supported on an index");
        const partiql::KeyRead r = partiql::read_by_key(
            call, txn, s,
            "Where clause does not contain a mandatory equality on all key attributes");
        if (r.item) responses[i]["Item"] = *r.item;
        tables[s.table] = r.table;
        units[s.table] += read_units(r.bytes, entries[i].value("ConsistentRead", false));
      } catch (const ce::AwsError& e) {
        fail(i, e);
      }
    }
  } else {
    // Each write stands alone, as BatchWriteItem's do: one failing leaves the others.
    for (std::size_t i = 0; i < statements.size(); ++i) {
      if (!statements[i]) continue;
      try {
        WritePlan plan;
        ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
          plan = partiql::plan_write(call, txn, *statements[i]);
          partiql::commit_write(call, txn, plan);
        });
        tables[plan.table.name] = plan.table;
        if (plan.outcome != WritePlan::Outcome::ok) {
          responses[i]["Error"] = plan_error(plan, entries[i]);
          continue;
        }
        units[plan.table.name] += write_units(plan.old, plan.result);
      } catch (const ce::AwsError& e) {
        fail(i, e);
      }
    }
  }
  Json out = {{"Responses", responses}};
  add_consumed_capacity(out, in, tables, units);
  return out;
}

// ---- ExecuteTransaction ----

Json transaction_reason(const WritePlan& plan, const Json& entry) {
  if (plan.outcome == WritePlan::Outcome::ok) return {{"Code", "None"}};
  return plan_error(plan, entry);
}

Json execute_transaction(Call& call) {
  Json& in = call.input;
  Json& entries =
      statement_list(in, "TransactStatements", "transactStatements", k_max_transaction_statements);
  for (const auto& entry : entries) check_entry(entry, "transactStatements.member.");
  std::vector<Statement> statements;
  bool reads = false, writes = false;
  for (const auto& entry : entries) {
    statements.push_back(parse_entry(entry));
    (statements.back().is_read() ? reads : writes) = true;
    if (!statements.back().returning.empty())
      throw ce::AwsError::validation("RETURNING is not supported in transactions");
  }
  if (reads && writes)
    throw ce::AwsError::validation(
        "ExecuteTransaction API does not support both read and write operations in the same "
        "request.");
  std::map<std::string, TableRecord> tables;
  UnitsByTable units;
  Json out = Json::object();

  if (reads) {
    ce::ReadTxn txn(call.svc.ctx());
    Json responses = Json::array();
    for (const Statement& s : statements) {
      if (s.index)
        throw ce::AwsError::validation("Reads on indices are not supported within transactions.");
      const partiql::KeyRead r = partiql::read_by_key(
          call, txn, s,
          "Select statements within ExecuteTransaction must specify the primary key in the where "
          "clause.");
      responses.push_back(r.item ? Json{{"Item", *r.item}} : Json::object());
      tables[s.table] = r.table;
      units[s.table] += 2 * read_units(r.bytes, true);  // a transactional read costs double
    }
    out["Responses"] = std::move(responses);
    add_consumed_capacity(out, in, tables, units);
    return out;
  }

  const auto token = optional_string(in, "ClientRequestToken");
  const std::string fingerprint = in["TransactStatements"].dump();
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (token) {
      if (auto previous = replayed_transaction(call, txn, *token, fingerprint)) {
        out = std::move(*previous);
        return;  // already applied: answer as the first time
      }
    }
    // Every statement is decided first; any failure cancels the whole transaction.
    std::vector<WritePlan> plans(statements.size());
    std::set<std::string> items;
    Json reasons = Json::array();
    bool cancelled = false;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      try {
        plans[i] = partiql::plan_write(call, txn, statements[i]);
      } catch (const ce::AwsError& e) {
        if (e.code != "ValidationException") throw;
        reasons.push_back(batch_error("ValidationError", e.message));
        cancelled = true;
        continue;
      }
      if (!items.insert(ce::KeyWriter().str(plans[i].table.name).take() + plans[i].storage_key)
               .second)
        throw ce::AwsError::validation(
            "Transaction request cannot include multiple operations on one item");
      reasons.push_back(transaction_reason(plans[i], entries[i]));
      cancelled = cancelled || plans[i].outcome != WritePlan::Outcome::ok;
    }
    if (cancelled) throw transaction_cancelled(reasons);
    for (const WritePlan& plan : plans) {
      partiql::commit_write(call, txn, plan);
      tables[plan.table.name] = plan.table;
      units[plan.table.name] += 2 * write_units(plan.old, plan.result);  // transactional: double
    }
    add_consumed_capacity(out, in, tables, units);
    if (token) remember_transaction(call, txn, *token, fingerprint, out);
  });
  return out;
}

}  // namespace

void add_partiql_ops(OpRegistry& ops) {
  ops.add("ExecuteStatement", &execute_statement);
  ops.add("BatchExecuteStatement", &batch_execute_statement);
  ops.add("ExecuteTransaction", &execute_transaction);
}

}  // namespace ddb
