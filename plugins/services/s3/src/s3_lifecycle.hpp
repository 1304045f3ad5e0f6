// Lifecycle rules acted on: a background sweep on the host clock (so tests can move time with
// POST /_cloudemu/clock) expires current versions, noncurrent versions and expired delete
// markers, and aborts incomplete multipart uploads, as the bucket's LifecycleConfiguration says.
// Timing follows S3: an action is due at the first midnight UTC after the age is reached.
#pragma once
#include <cloudemu/clock.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3_records.hpp"

namespace s3 {

class Store;

struct LifecycleRule {
  bool enabled = false;
  std::string prefix;
  Tags tags;  // all must be present on the object
  std::optional<uint64_t> size_greater, size_less;
  std::optional<int64_t> expiration_days;
  std::optional<int64_t> expiration_date_ms;
  bool expired_delete_marker = false;
  std::optional<int64_t> noncurrent_days;
  std::optional<int64_t> newer_noncurrent;  // keep this many newest noncurrent versions
  std::optional<int64_t> abort_days;

  bool matches(std::string_view key, const ObjectVersion& v) const;
};

/// The rules of a stored LifecycleConfiguration document.
std::vector<LifecycleRule> parse_lifecycle(std::string_view doc);

/// When an object aged from `from_ms` by `days` becomes due: the next midnight UTC after.
int64_t due_at(int64_t from_ms, int64_t days);

/// One pass over every bucket with a lifecycle configuration. @return actions taken.
std::size_t run_lifecycle(const Store& store, int64_t now_ms);

/// Runs run_lifecycle every hour of host clock until destroyed.
class LifecycleSweeper {
 public:
  static constexpr int64_t k_interval_ms = 3600 * 1000;
  explicit LifecycleSweeper(const Store& store);

 private:
  ce::PeriodicTask task_;
};

}  // namespace s3
