// The key-value half of the in-memory reference backend (see memory_store.hpp): keyspaces of
// per-key version chains, so that a write transaction never copies a keyspace and a reader keeps
// the snapshot of its begin while later writers commit.
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <atomic>
#include <cloudemu/status.hpp>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace ce::testing::memory_detail {

/// A committed value; null means "deleted by that commit" (a tombstone).
using ValuePtr = std::shared_ptr<const std::string>;

struct Version {
  std::uint64_t commit;
  ValuePtr value;
};

/// Committed history of one key, oldest first. Values live in their own heap blocks, so a pointer
/// handed to a reader stays valid when the chain's vector grows.
using Chain = std::vector<Version>;

/// The value a snapshot sees: the newest version committed at or before it, or null.
inline const std::string* visible_value(const Chain& chain, std::uint64_t snapshot) noexcept {
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (it->commit <= snapshot) return it->value.get();
  }
  return nullptr;
}

struct Keyspace {
  std::string name;
  std::map<std::string, Chain, std::less<>> rows;
};

/// A write transaction's pending changes to one keyspace.
struct Overlay {
  bool cleared = false;  // every committed key is hidden unless written again
  std::map<std::string, std::optional<std::string>, std::less<>> writes;  // nullopt: deleted
};

/// Keyspaces, commit versions and the single-writer gate.
///
/// Locking: data_mu_ guards keyspaces_ and every row map (readers share it for one lookup, a commit
/// takes it exclusively); snap_mu_ guards committed_ and the set of live snapshots, so that a
/// reader registering its snapshot and a commit deciding what to prune see each other.
class KvStore {
 public:
  static constexpr std::uint32_t kMaxKeySize = 4096;

  ce_status keyspace_open(std::string_view name, std::uint32_t* out, ce_error* err) {
    if (name.empty()) return fail(err, CE_INVALID, "keyspace name is empty");
    std::unique_lock lock(data_mu_);
    if (auto it = by_name_.find(name); it != by_name_.end()) {
      *out = it->second;
      return CE_OK;
    }
    auto id = static_cast<std::uint32_t>(keyspaces_.size());
    keyspaces_.push_back(std::make_unique<Keyspace>(Keyspace{std::string(name), {}}));
    by_name_.emplace(std::string(name), id);
    *out = id;
    return CE_OK;
  }

  std::string keyspace_names() const {
    std::shared_lock lock(data_mu_);
    std::string out;
    for (const auto& [name, id] : by_name_) {
      if (!out.empty()) out += '\n';
      out += name;
    }
    return out;
  }

  /// Null for an unknown id. The pointer is stable: keyspaces are never dropped.
  Keyspace* keyspace(std::uint32_t id) const {
    std::shared_lock lock(data_mu_);
    return id < keyspaces_.size() ? keyspaces_[id].get() : nullptr;
  }

  std::shared_mutex& data_mutex() const noexcept { return data_mu_; }

  std::uint64_t acquire_snapshot() {
    std::lock_guard lock(snap_mu_);
    std::uint64_t s = committed_;
    snapshots_.insert(s);
    return s;
  }
  void release_snapshot(std::uint64_t s) {
    std::lock_guard lock(snap_mu_);
    snapshots_.erase(snapshots_.find(s));
  }

  /// Waits for the writer slot. A second write transaction on the thread that holds the slot
  /// would wait for itself forever, so it is refused instead.
  ce_status acquire_writer(ce_error* err, std::uint64_t* snapshot) {
    std::unique_lock lock(gate_mu_);
    if (writer_active_ && writer_thread_ == std::this_thread::get_id()) {
      return fail(err, CE_INVALID, "this thread already has an open write transaction");
    }
    gate_cv_.wait(lock, [&] { return !writer_active_; });
    writer_active_ = true;
    writer_thread_ = std::this_thread::get_id();
    std::lock_guard snap(snap_mu_);
    *snapshot = committed_;
    return CE_OK;
  }
  void release_writer() {
    {
      std::lock_guard lock(gate_mu_);
      writer_active_ = false;
      writer_thread_ = {};
    }
    gate_cv_.notify_one();
  }

  /// Publishes a write transaction's overlays as one new version, then prunes versions no live
  /// snapshot can see. Called by the writer only.
  void commit(std::map<std::uint32_t, Overlay>& overlays) {
    std::unique_lock lock(data_mu_);
    const std::uint64_t version = committed_ + 1;
    std::vector<std::pair<Keyspace*, std::string>> touched;
    for (auto& [ks_id, overlay] : overlays) {
      Keyspace& ks = *keyspaces_[ks_id];
      if (overlay.cleared) {
        for (auto& [key, chain] : ks.rows) {
          if (!overlay.writes.contains(key) && chain.back().value) {
            chain.push_back({version, nullptr});
            touched.emplace_back(&ks, key);
          }
        }
      }
      for (auto& [key, value] : overlay.writes) {
        auto it = ks.rows.find(key);
        const bool live = it != ks.rows.end() && it->second.back().value;
        if (!value && !live) continue;  // deleting what is not there changes nothing
        ValuePtr stored = value ? std::make_shared<const std::string>(std::move(*value)) : nullptr;
        if (it == ks.rows.end()) it = ks.rows.emplace(key, Chain{}).first;
        it->second.push_back({version, std::move(stored)});
        touched.emplace_back(&ks, key);
      }
    }
    std::uint64_t oldest;
    {
      std::lock_guard snap(snap_mu_);
      committed_ = version;
      oldest = snapshots_.empty() ? version : std::min(version, *snapshots_.begin());
    }
    for (auto& [ks, key] : touched) prune(*ks, key, oldest);
    // Chains kept long for an old reader are pruned once that reader is gone, not at their next
    // write (which may never come).
    if (oldest > last_prune_horizon_) {
      auto later = std::move(prune_later_);
      prune_later_.clear();
      for (auto& [ks, key] : later) prune(*ks, key, oldest);
      last_prune_horizon_ = oldest;
    }
  }

 private:
  // Keeps the newest version at or before `oldest` (what the oldest snapshot sees) and everything
  // after it; drops the key when nothing but an old tombstone is left. Called under data_mu_.
  void prune(Keyspace& ks, const std::string& key, std::uint64_t oldest) {
    auto it = ks.rows.find(key);
    if (it == ks.rows.end()) return;
    Chain& chain = it->second;
    std::size_t keep_from = 0;
    for (std::size_t i = 0; i < chain.size(); ++i) {
      if (chain[i].commit <= oldest) keep_from = i;
    }
    chain.erase(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(keep_from));
    if (chain.size() == 1 && !chain.front().value && chain.front().commit <= oldest) {
      ks.rows.erase(it);
    } else if (chain.size() > 1) {
      prune_later_.emplace(&ks, key);
    }
  }

  mutable std::shared_mutex data_mu_;
  std::vector<std::unique_ptr<Keyspace>> keyspaces_;
  std::map<std::string, std::uint32_t, std::less<>> by_name_;
  std::set<std::pair<Keyspace*, std::string>> prune_later_;  // under data_mu_ (exclusive)
  std::uint64_t last_prune_horizon_ = 0;                     // under data_mu_ (exclusive)

  std::mutex snap_mu_;
  std::uint64_t committed_ = 0;
  std::multiset<std::uint64_t> snapshots_;

  std::mutex gate_mu_;
  std::condition_variable gate_cv_;
  bool writer_active_ = false;
  std::thread::id writer_thread_;
};

}  // namespace ce::testing::memory_detail
