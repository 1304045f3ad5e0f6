// The lmdb backend's options (the config JSON given to open) and its clock.
#pragma once
#include <atomic>
#include <cloudemu/status.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace ce::lmdb {

struct Config {
  std::filesystem::path data_dir;
  bool fsync = false;  // fsync on commit: survives power loss, not just kill -9
  std::size_t map_size = std::size_t{64} << 20;  // initial map; it grows on demand (lmdb_txn.cpp)
};

/// Parses {"data_dir": "...", "fsync": false, "map_size_mb": N}; data_dir is required.
ce_status parse_config(std::string_view json, Config* out, ce_error* err);

using ClockFn = std::int64_t (*)();

/// The plugin sets the host clock here in init, so pending blobs age with the host clock that
/// tests move (POST /_cloudemu/clock); nullptr means the system clock.
void set_clock(ClockFn fn) noexcept;
std::int64_t now_ms() noexcept;

}  // namespace ce::lmdb
