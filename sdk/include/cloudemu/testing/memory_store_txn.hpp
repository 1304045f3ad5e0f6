// Transactions and cursors of the in-memory reference backend: a snapshot of the committed
// version chains, plus (for the writer) an overlay of its own uncommitted changes.
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <array>
#include <cloudemu/testing/memory_store_kv.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ce::testing::memory_detail {

/// One key and value of the transaction's view. Both point into committed chains or the overlay.
struct Entry {
  const std::string* key = nullptr;
  const std::string* value = nullptr;
  explicit operator bool() const noexcept { return key != nullptr; }
};

/// A blob reference change, applied when the transaction commits.
struct BlobRefChange {
  std::string ns;
  std::array<std::uint8_t, CE_BLOB_ID_SIZE> id;
  bool link;
};

class MemTxn {
 public:
  MemTxn(KvStore& store, bool write, std::uint64_t snapshot)
      : store_(store), write_(write), snapshot_(snapshot) {}
  MemTxn(const MemTxn&) = delete;
  MemTxn& operator=(const MemTxn&) = delete;

  bool is_write() const noexcept { return write_; }
  std::uint64_t snapshot() const noexcept { return snapshot_; }
  std::map<std::uint32_t, Overlay>& overlays() noexcept { return overlays_; }
  std::vector<BlobRefChange>& blob_changes() noexcept { return blob_changes_; }

  static ce_status check_key(std::string_view key, ce_error* err) {
    if (key.empty()) return fail(err, CE_INVALID, "empty key");
    if (key.size() > KvStore::kMaxKeySize) {
      return fail(err, CE_KEY_TOO_LONG,
                  "key of " + std::to_string(key.size()) + " bytes is over the 4096-byte limit");
    }
    return CE_OK;
  }

  ce_status keyspace(std::uint32_t id, Keyspace** out, ce_error* err) const {
    *out = store_.keyspace(id);
    if (*out == nullptr) return fail(err, CE_INVALID, "unknown keyspace id " + std::to_string(id));
    return CE_OK;
  }

  ce_status require_write(ce_error* err) const {
    return write_ ? CE_OK : fail(err, CE_INVALID, "write in a read-only transaction");
  }

  /// The value of key in this transaction's view, or null.
  const std::string* lookup(std::uint32_t ks_id, const Keyspace& ks, std::string_view key) const {
    if (const Overlay* ov = overlay(ks_id)) {
      if (auto it = ov->writes.find(key); it != ov->writes.end()) {
        return it->second ? &*it->second : nullptr;
      }
      if (ov->cleared) return nullptr;
    }
    std::shared_lock lock(store_.data_mutex());
    auto it = ks.rows.find(key);
    return it == ks.rows.end() ? nullptr : visible_value(it->second, snapshot_);
  }

  void write(std::uint32_t ks_id, std::string_view key, std::optional<std::string> value) {
    auto& writes = overlays_[ks_id].writes;
    auto it = writes.find(key);
    if (it == writes.end()) {
      writes.emplace(std::string(key), std::move(value));
    } else {
      it->second = std::move(value);
    }
  }

  void clear(std::uint32_t ks_id) {
    Overlay& ov = overlays_[ks_id];
    ov.cleared = true;
    ov.writes.clear();
  }

  /// The first visible key >= key (> key when strict) of the merged view.
  Entry forward(std::uint32_t ks_id, const Keyspace& ks, std::string_view key, bool strict) const {
    const Overlay* ov = overlay(ks_id);
    Entry from_overlay;
    if (ov != nullptr) {
      auto it = strict ? ov->writes.upper_bound(key) : ov->writes.lower_bound(key);
      while (it != ov->writes.end() && !it->second) ++it;
      if (it != ov->writes.end()) from_overlay = {&it->first, &*it->second};
    }
    Entry from_base;
    if (ov == nullptr || !ov->cleared) {
      std::shared_lock lock(store_.data_mutex());
      auto it = strict ? ks.rows.upper_bound(key) : ks.rows.lower_bound(key);
      for (; it != ks.rows.end(); ++it) {
        if (from_overlay && it->first >= *from_overlay.key) break;  // the overlay's key wins
        if (ov != nullptr && ov->writes.contains(it->first)) continue;
        if (const std::string* v = visible_value(it->second, snapshot_)) {
          from_base = {&it->first, v};
          break;
        }
      }
    }
    return from_base ? from_base : from_overlay;
  }

  /// The last visible key < key (the last key at all when key is nullopt) of the merged view.
  Entry backward(std::uint32_t ks_id, const Keyspace& ks,
                 std::optional<std::string_view> key) const {
    const Overlay* ov = overlay(ks_id);
    Entry from_overlay;
    if (ov != nullptr) {
      auto it = key ? ov->writes.lower_bound(*key) : ov->writes.end();
      while (it != ov->writes.begin()) {
        --it;
        if (it->second) {
          from_overlay = {&it->first, &*it->second};
          break;
        }
      }
    }
    Entry from_base;
    if (ov == nullptr || !ov->cleared) {
      std::shared_lock lock(store_.data_mutex());
      auto it = key ? ks.rows.lower_bound(*key) : ks.rows.end();
      while (it != ks.rows.begin()) {
        --it;
        if (from_overlay && it->first <= *from_overlay.key) break;
        if (ov != nullptr && ov->writes.contains(it->first)) continue;
        if (const std::string* v = visible_value(it->second, snapshot_)) {
          from_base = {&it->first, v};
          break;
        }
      }
    }
    return from_base ? from_base : from_overlay;
  }

 private:
  const Overlay* overlay(std::uint32_t ks_id) const {
    if (!write_) return nullptr;
    auto it = overlays_.find(ks_id);
    return it == overlays_.end() ? nullptr : &it->second;
  }

  KvStore& store_;
  bool write_;
  std::uint64_t snapshot_;
  std::map<std::uint32_t, Overlay> overlays_;
  std::vector<BlobRefChange> blob_changes_;
};

/// A cursor remembers its key, not an iterator, so it stays correct across the writer's own puts
/// and deletes: each step is one ordered lookup from the current key.
class MemCursor {
 public:
  MemCursor(MemTxn& txn, std::uint32_t ks_id, const Keyspace& ks)
      : txn_(txn), ks_id_(ks_id), ks_(ks) {}

  ce_status seek(std::string_view key, ce_bytes* out_key, ce_bytes* out_val) {
    return land(txn_.forward(ks_id_, ks_, key, false), out_key, out_val);
  }
  ce_status last(ce_bytes* out_key, ce_bytes* out_val) {
    return land(txn_.backward(ks_id_, ks_, std::nullopt), out_key, out_val);
  }
  ce_status step(std::int32_t dir, ce_bytes* out_key, ce_bytes* out_val) {
    if (!current_) return CE_END;  // unpositioned, or already past an end
    Entry e = dir > 0 ? txn_.forward(ks_id_, ks_, *current_, true)
                      : txn_.backward(ks_id_, ks_, std::string_view(*current_));
    return land(e, out_key, out_val);
  }

 private:
  ce_status land(Entry e, ce_bytes* out_key, ce_bytes* out_val) {
    if (!e) {
      current_.reset();
      return CE_END;
    }
    current_ = *e.key;
    if (out_key != nullptr) *out_key = to_bytes(*e.key);
    if (out_val != nullptr) *out_val = to_bytes(*e.value);
    return CE_OK;
  }

  MemTxn& txn_;
  std::uint32_t ks_id_;
  const Keyspace& ks_;
  std::optional<std::string> current_;
};

}  // namespace ce::testing::memory_detail
