// Running parsed PartiQL statements against the store, shared by ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction: the key a WHERE clause pins, a SELECT page (the
// Query/Scan page of ddb_read), a read by key, and a planned write that the caller commits.
#pragma once
#include <cloudemu/storage.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ddb_expr.hpp"
#include "ddb_ops.hpp"
#include "ddb_partiql_parser.hpp"
#include "ddb_table.hpp"

namespace ddb::partiql {

/// The item key a WHERE clause names with one equality per key attribute among its top-level
/// AND terms, and the other terms as a condition.
struct PinnedKey {
  Json key;
  expr::Condition rest;
};
/// nullopt when WHERE does not pin every key attribute; ValidationException "Key attribute's data
/// type should match its data type in table's schema: Key <name>" for a value of another type.
std::optional<PinnedKey> pinned_key(const Statement& s, const KeySchema& key);

/// One page of a SELECT for ExecuteStatement: Items, NextToken, ConsumedCapacity. Reads the
/// partitions the WHERE clause names by equality or IN, else the whole table or index; Limit,
/// NextToken, ConsistentRead and ReturnConsumedCapacity come from call.input.
Json select_page(Call& call, const Statement& s, const std::string& fingerprint);

/// A SELECT by full primary key (batches and transactions): the item if it exists and passes the
/// rest of WHERE, projected.
struct KeyRead {
  TableRecord table;
  std::optional<Json> item;
  std::size_t bytes = 0;  // read, for capacity
};
/// `unpinned` is the ValidationException message when WHERE does not name the whole key.
KeyRead read_by_key(Call& call, ce::Txn& txn, const Statement& s, const std::string& unpinned);

/// A write decided but not yet made.
struct WritePlan {
  enum class Outcome { ok, condition_failed, duplicate };
  Outcome outcome = Outcome::ok;
  TableRecord table;
  std::string storage_key;
  std::optional<Json> old, result;  // result nullopt: deleted (or nothing, without old)
};
/// Resolves INSERT, UPDATE or DELETE against the item as it is in `txn`. A failed condition or
/// an existing item for INSERT is an outcome (each API reports it its own way); bad statements
/// and run-time update errors throw ValidationException.
WritePlan plan_write(Call& call, ce::Txn& txn, const Statement& s);
/// Makes the planned change (nothing when the plan changes nothing).
void commit_write(Call& call, ce::WriteTxn& txn, const WritePlan& plan);
/// The Items a write answers: the item RETURNING asks for, if any.
Json returned_items(const Statement& s, const WritePlan& plan);
/// ConditionalCheckFailedException / DuplicateItemException for a failed plan; with
/// ReturnValuesOnConditionCheckFailure ALL_OLD in `request` it carries the item.
ce::AwsError outcome_error(const WritePlan& plan, const Json& request);

/// The projection of SELECT applied to an item (the item itself for *).
Json project(const Statement& s, const Json& item);

}  // namespace ddb::partiql
