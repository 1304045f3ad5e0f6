// Time to live acted on: every minute of host clock (tests move it with POST /_cloudemu/clock), a
// sweep deletes the items of TTL-enabled tables whose TTL attribute, a Number of epoch seconds,
// is in the past, as DynamoDB's background process does (a top-level Number only, and never a
// timestamp more than five years old). Deletions go through Store::write_item, so indexes and
// counts follow. The same tick expires the streams of tables deleted more than a day ago.
#pragma once
#include <cloudemu/clock.hpp>
#include <cstddef>
#include <cstdint>

namespace ddb {

class Store;

/// One pass over every table with TTL enabled. @return items deleted.
std::size_t run_ttl(const Store& store, int64_t now_ms);

class TtlSweeper {
 public:
  static constexpr int64_t k_interval_ms = 60 * 1000;
  explicit TtlSweeper(const Store& store);

 private:
  ce::PeriodicTask task_;
};

}  // namespace ddb
