// The TTL sweep (ddb_ttl.hpp).
#include "ddb_ttl.hpp"

#include <cloudemu/keycodec.hpp>
#include <cloudemu/storage.hpp>
#include <string>
#include <vector>

#include "ddb_number.hpp"
#include "ddb_store.hpp"

namespace ddb {

namespace {

constexpr int64_t k_oldest_honoured_s = 5LL * 365 * 24 * 3600;  // DynamoDB ignores older ones
constexpr std::size_t k_deletes_per_txn = 100;  // keeps each write transaction short

/// The TTL values one sweep deletes: [now - 5 years, now), parsed once per sweep.
struct ExpiryWindow {
  Number oldest, now;
  explicit ExpiryWindow(int64_t now_s)
      : oldest(Number::parse(std::to_string(now_s - k_oldest_honoured_s))),
        now(Number::parse(std::to_string(now_s))) {}
};

bool expired(const Json& item, const std::string& attribute, const ExpiryWindow& window) {
  const auto it = item.find(attribute);
  if (it == item.end() || !it->is_object()) return false;
  const auto n = it->find("N");
  if (n == it->end()) return false;
  const Number at = Number::parse(n->get_ref<const std::string&>());
  return at.compare(window.now) < 0 && at.compare(window.oldest) >= 0;
}

/// Deletes the expired items among `keys` of table `name`, re-checked inside the transaction.
std::size_t delete_expired(const Store& store, const TableRecord& snapshot,
                           const std::vector<std::string>& keys, const ExpiryWindow& window) {
  std::size_t deleted = 0;
  ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    deleted = 0;
    const auto t = store.find_table(txn, snapshot.account, snapshot.region, snapshot.name);
    if (!t || t->uid != snapshot.uid || t->ttl_attribute.empty()) return;  // changed meanwhile
    for (const auto& key : keys) {
      const auto item = store.get_item(txn, key);
      if (!item || !expired(*item, t->ttl_attribute, window)) continue;
      store.write_item(txn, *t, key, item, std::nullopt, Store::Writer::ttl);
      ++deleted;
    }
  });
  return deleted;
}

}  // namespace

std::size_t run_ttl(const Store& store, int64_t now_ms) {
  const ExpiryWindow window(now_ms / 1000);
  std::vector<TableRecord> tables;
  {
    ce::ReadTxn txn(store.ctx());
    for (auto& t : store.all_tables(txn))
      if (!t.ttl_attribute.empty()) tables.push_back(std::move(t));
  }
  std::size_t deleted = 0;
  for (const auto& t : tables) {
    std::vector<std::string> batch;
    std::string next = ce::KeyWriter().u64(t.uid).take();
    const std::string prefix = next;
    for (;;) {
      // Collect a batch of expired keys with a read transaction, then delete them with a short
      // write transaction; continue after the last key looked at.
      std::optional<std::string> last;
      {
        ce::ReadTxn txn(store.ctx());
        auto cur = txn.cursor(store.items());
        for (auto kv = cur.seek(next); kv && kv->first.substr(0, prefix.size()) == prefix;
             kv = cur.next()) {
          last = std::string(kv->first);
          if (expired(decode_item(kv->second), t.ttl_attribute, window))
            batch.emplace_back(kv->first);
          if (batch.size() == k_deletes_per_txn) break;
        }
      }
      if (!batch.empty()) deleted += delete_expired(store, t, batch, window);
      if (!last || batch.size() < k_deletes_per_txn) break;
      batch.clear();
      next = *last + '\0';  // the first key after the last one looked at
    }
  }
  return deleted;
}

TtlSweeper::TtlSweeper(const Store& store)
    : task_(store.ctx(), k_interval_ms, "dynamodb", [&store] {
        const std::size_t n = run_ttl(store, store.ctx().now_ms());
        if (n > 0) ce::log_info("dynamodb", "ttl: deleted " + std::to_string(n) + " items");
        // Deleted tables' streams are kept a day; the same minute tick ends them.
        const std::size_t s = store.expire_retired_streams(store.ctx().now_ms());
        if (s > 0) ce::log_info("dynamodb", "streams: expired " + std::to_string(s) + " streams");
      }) {}

}  // namespace ddb
