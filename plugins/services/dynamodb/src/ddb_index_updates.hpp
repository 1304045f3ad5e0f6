// UpdateTable's GlobalSecondaryIndexUpdates: Create (the table's items are backfilled into the new
// index in the same transaction), Update (provisioned throughput) and Delete, with DynamoDB's
// admission rules (one online index operation per call, one action per index).
//
// The emulator builds an index at once, so it is ACTIVE from the next DescribeTable on; the
// UpdateTable answer itself reads as DynamoDB's does (docs/dynamodb.md, "Adding a global
// secondary index").
#pragma once
#include <cloudemu/storage.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ddb_table.hpp"

namespace ddb {

using Json = nlohmann::json;
class Store;

/// Checks the shape of the request's GlobalSecondaryIndexUpdates and what may accompany an index
/// creation or deletion, before anything is read.
void check_index_updates(const Json& input);

/// What GlobalSecondaryIndexUpdates changed, to word the UpdateTable answer.
struct IndexChanges {
  std::optional<std::string> created;       // the index being created
  std::optional<IndexRecord> deleted;       // the index being deleted ...
  TableStats deleted_stats;                 // ... and its counts before
  std::vector<IndexRecord> updated_before;  // updated indexes as they were
  bool empty() const { return !created && !deleted && updated_before.empty(); }
  /// Marks `description` (the table after the change) as UpdateTable answers: TableStatus
  /// UPDATING around a creation or deletion, the new index CREATING (Backfilling false), the
  /// deleted one DELETING, an updated one UPDATING with its previous throughput.
  void annotate(Json& description, const TableRecord& t) const;
};

/// Applies `updates` to `t` in `txn` (entries, statistics and AttributeDefinitions follow).
/// `defs` is the request's AttributeDefinitions (nullptr when absent).
IndexChanges apply_index_updates(const Store& store, ce::WriteTxn& txn, TableRecord& t,
                                 const Json& updates, const Json* defs);

/// Keeps only the AttributeDefinitions a key of the table or of an index uses (DynamoDB prunes
/// a definition when the last index using it goes).
void prune_attribute_types(TableRecord& t);

}  // namespace ddb
