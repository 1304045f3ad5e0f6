// One LMDB environment per data directory (data_dir/kv/data.mdb), shared by every open() of that
// directory in the process: LMDB forbids opening one environment twice in a process.
#pragma once
#include <lmdb.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>

#include "lmdb_config.hpp"

namespace ce::lmdb {

/// On-disk format this code writes and the newest it reads. Bump on any incompatible change and
/// teach open() to migrate older formats.
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::uint32_t kMaxKeyspaces = 1000;  // of the 1024 DBIs, a few are internal

class Env {
 public:
  /// Opens (creating if needed) the store of cfg.data_dir, or shares the one already open.
  static ce_status open(const Config& cfg, std::shared_ptr<Env>* out, ce_error* err);
  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  MDB_env* raw() const noexcept { return env_; }
  const Config& config() const noexcept { return cfg_; }
  MDB_dbi blob_registry() const noexcept { return blob_dbi_; }

  // ---- keyspaces: ids are dense and never reused; dbi lookups take no lock ----
  ce_status keyspace_open(std::string_view name, std::uint32_t* out, ce_error* err);
  ce_status keyspace_list(std::string* out, ce_error* err);
  bool keyspace_dbi(std::uint32_t id, MDB_dbi* out) const noexcept;

  // ---- the writer slot: ours, on top of LMDB's writer mutex, so that a writer that grows the map
  // can abort and replay its LMDB transaction with no other writer slipping in between ----
  ce_status acquire_writer(ce_error* err);
  void release_writer();
  bool this_thread_is_writer();

  // ---- LMDB transactions: counted so that growing the map can wait until none is live ----
  /// Begins an LMDB transaction (MDB_RDONLY unless write), adopting a map grown by another process.
  int begin(bool write, MDB_txn** out);
  /// Ends one begun with begin(): commits when commit is true, else aborts.
  int end(MDB_txn* txn, bool write, bool commit);
  /// Doubles the map. Called by the writer with no LMDB transaction of its own open. Returns 0,
  /// or MDB_MAP_FULL when the map cannot grow (err says why).
  int grow_map(ce_error* err);

  // ---- blob writers whose temp files the collector must spare ----
  void track_temp(const std::string& name, bool open);
  bool temp_in_use(const std::string& name);

 private:
  explicit Env(const Config& cfg) : cfg_(cfg) {}
  ce_status init(ce_error* err);
  ce_status check_format(ce_error* err);
  // Runs fn with no LMDB transaction live in this process; false after the timeout.
  template <typename Fn>
  bool exclusive(Fn&& fn);

  Config cfg_;
  MDB_env* env_ = nullptr;
  MDB_dbi meta_dbi_ = 0;
  MDB_dbi blob_dbi_ = 0;

  std::mutex ks_mu_;  // names_ and creating keyspaces
  std::map<std::string, std::uint32_t, std::less<>> names_;
  std::array<MDB_dbi, kMaxKeyspaces> dbis_{};
  std::atomic<std::uint32_t> ks_count_{0};

  std::mutex writer_mu_;
  std::condition_variable writer_cv_;
  bool writer_active_ = false;
  std::thread::id writer_thread_;

  std::mutex gate_mu_;
  std::condition_variable gate_cv_;
  int live_txns_ = 0;
  bool resizing_ = false;
  std::multiset<std::thread::id> readers_;  // threads with a live read txn (under gate_mu_)

  std::mutex temp_mu_;
  std::set<std::string> open_temps_;
};

}  // namespace ce::lmdb
