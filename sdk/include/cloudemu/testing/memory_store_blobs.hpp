// The blob half of the in-memory reference backend (see memory_store.hpp). Bytes are shared
// pointers, so a reader opened before an unlink keeps reading after the collector dropped the blob.
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cloudemu/status.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace ce::testing {

using ClockFn = std::int64_t (*)();

namespace memory_detail {

inline std::atomic<ClockFn>& clock_slot() noexcept {
  static std::atomic<ClockFn> slot{nullptr};
  return slot;
}

inline std::int64_t now_ms() noexcept {
  if (ClockFn fn = clock_slot().load()) return fn();
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

using BlobId = std::array<std::uint8_t, CE_BLOB_ID_SIZE>;

/// A blob namespace names a directory in file-backed stores: keep every backend to the same rule.
inline ce_status check_blob_ns(std::string_view ns, ce_error* err) {
  bool ok = !ns.empty() && ns.size() <= 128 && ns.front() != '.';
  for (char c : ns) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.');
  }
  return ok ? CE_OK : fail(err, CE_INVALID, "bad blob namespace '" + std::string(ns) + "'");
}

enum class BlobState { pending, linked, unlinked };

struct Blob {
  std::shared_ptr<const std::string> bytes;
  BlobState state = BlobState::pending;
  std::int64_t committed_ms = 0;
};

struct BlobWriter {
  std::string ns;
  std::string bytes;
};

struct BlobReader {
  std::shared_ptr<const std::string> bytes;
  std::uint64_t pos;
  std::uint64_t end;
};

class BlobStore {
 public:
  BlobId commit(BlobWriter& w) {
    auto bytes = std::make_shared<const std::string>(std::move(w.bytes));
    std::lock_guard lock(mu_);
    auto& blobs = namespaces_[w.ns];
    BlobId id;
    do {
      for (auto& b : id) b = static_cast<std::uint8_t>(rng_());
    } while (blobs.contains(id));
    blobs.emplace(id, Blob{std::move(bytes), BlobState::pending, now_ms()});
    return id;
  }

  /// CE_NOT_FOUND unless the blob exists and is not unlinked.
  ce_status check_live(std::string_view ns, const BlobId& id) {
    std::lock_guard lock(mu_);
    const Blob* b = find(ns, id);
    return b != nullptr && b->state != BlobState::unlinked ? CE_OK : CE_NOT_FOUND;
  }

  /// A blob collected between blob_link and commit stays gone: the link finds nothing to mark.
  /// An unlinked blob's bytes are released now (readers opened before keep their own reference):
  /// a memory store holding replaced objects until the next collection would grow by every
  /// overwrite in between. The entry stays for collect() to count and drop.
  void set_linked(std::string_view ns, const BlobId& id, bool linked) {
    std::lock_guard lock(mu_);
    if (Blob* b = find(ns, id)) {
      if (linked && !b->bytes) return;  // released by an earlier unlink: it stays gone
      b->state = linked ? BlobState::linked : BlobState::unlinked;
      if (!linked) b->bytes.reset();
    }
  }

  ce_status open_reader(std::string_view ns, const BlobId& id, std::uint64_t offset,
                        std::uint64_t length, BlobReader* out, std::uint64_t* out_size,
                        ce_error* err) {
    std::lock_guard lock(mu_);
    const Blob* b = find(ns, id);
    if (b == nullptr || b->state == BlobState::unlinked) return CE_NOT_FOUND;
    const std::uint64_t size = b->bytes->size();
    if (offset > size) {
      return fail(
          err, CE_INVALID,
          "offset " + std::to_string(offset) + " is past the blob's end " + std::to_string(size));
    }
    out->bytes = b->bytes;
    out->pos = offset;
    out->end = length >= size - offset ? size : offset + length;
    if (out_size != nullptr) *out_size = size;
    return CE_OK;
  }

  std::uint64_t collect(std::string_view ns, std::int64_t pending_before_ms, bool all) {
    std::lock_guard lock(mu_);
    std::uint64_t deleted = 0;
    for (auto& [name, blobs] : namespaces_) {
      if (!ns.empty() && name != ns) continue;
      for (auto it = blobs.begin(); it != blobs.end();) {
        const Blob& b = it->second;
        const bool drop = all || b.state == BlobState::unlinked ||
                          (b.state == BlobState::pending && b.committed_ms < pending_before_ms);
        if (drop) {
          it = blobs.erase(it);
          ++deleted;
        } else {
          ++it;
        }
      }
    }
    return deleted;
  }

 private:
  Blob* find(std::string_view ns, const BlobId& id) {
    auto n = namespaces_.find(ns);
    if (n == namespaces_.end()) return nullptr;
    auto it = n->second.find(id);
    return it == n->second.end() ? nullptr : &it->second;
  }

  std::mutex mu_;
  std::map<std::string, std::map<BlobId, Blob>, std::less<>> namespaces_;
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace memory_detail

/// Sets the clock that stamps pending blobs (epoch ms); nullptr restores the system clock. The
/// memory plugin wires the host's now_ms here so tests that move the host clock move this one.
inline void set_memory_store_clock(ClockFn fn) noexcept {
  memory_detail::clock_slot().store(fn);
}

}  // namespace ce::testing
