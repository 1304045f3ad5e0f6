// What Query and Scan share: the target (table or index) and its key schema, the page (Limit,
// the 1 MB cap, ExclusiveStartKey and LastEvaluatedKey), filter, projection and Select.
#pragma once
#include <cloudemu/storage.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ddb_expr.hpp"
#include "ddb_ops.hpp"
#include "ddb_request.hpp"
#include "ddb_store.hpp"
#include "ddb_table.hpp"

namespace ddb {

/// The table or index a read walks.
struct ReadTarget {
  TableRecord table;
  const IndexRecord* index = nullptr;  // into table.indexes
  const KeySchema& key() const { return index ? index->key : table.key; }
  uint64_t uid() const { return index ? index->uid : table.uid; }
  ce::Keyspace keyspace(const Store& store) const;
};

/// Resolves TableName/IndexName and checks ConsistentRead and Select against the index.
ReadTarget read_target(Call& call, ce::Txn& txn);

/// Accumulates one page of results.
class Page {
 public:
  Page(Call& call, const ReadTarget& target, Expressions& e, std::string_view filter_param,
       std::string_view legacy_filter_param);
  /// Offers the next entry, decoded (decode_item), whose item_size is `item_bytes`; false when the
  /// page is full (stop walking).
  bool offer(Json item, std::size_t item_bytes);
  /// Offers the next entry as stored (encode_item). A page that returns whole items unfiltered
  /// keeps their stored text and never decodes them: most of a plain Query or Scan's time would
  /// otherwise go to parsing and printing JSON that does not change.
  /// `decoded`, when the caller already decoded the entry, saves decoding it again.
  bool offer_stored(std::string_view stored, Json* decoded = nullptr);
  /// A filter from elsewhere than the request's FilterExpression (a PartiQL WHERE clause).
  void filter_with(expr::Condition filter) { filter_ = std::move(filter); }
  /// The storage key to start after (ExclusiveStartKey), or nullopt.
  std::optional<std::string> start_after() const { return start_after_; }
  /// The answer document.
  Json finish(bool exhausted);
  /// The answer document as text, with stored items spliced in as they are.
  std::string finish_text(bool exhausted);

 private:
  /// Whether offered items go into the answer unchanged (no filter, projection, COUNT or fetch).
  bool passes_items_through() const;
  bool count_and_check_full(std::size_t item_bytes);
  Json answer_without_items(bool exhausted);
  Call& call_;
  const ReadTarget& target_;
  std::optional<expr::Condition> filter_;
  std::optional<expr::Projection> projection_;
  std::string select_;
  std::optional<int64_t> limit_;
  std::optional<std::string> start_after_;
  Json items_ = Json::array();
  std::string item_texts_;   // offer_stored's items, comma-separated, when passed through
  std::string last_stored_;  // offer_stored's last entry, decoded only for LastEvaluatedKey
  int64_t count_ = 0, scanned_ = 0;
  std::size_t bytes_ = 0;
  Json last_key_;
  bool stopped_early_ = false;
};

/// The storage key of an entry of `target` from an item holding its key attributes (and the
/// table's): used for ExclusiveStartKey. ValidationException when it does not fit the schema.
std::string entry_key_of(const Store& store, const ReadTarget& target, const Json& key);

}  // namespace ddb
