// How the conformance suite reaches each backend, and small RAII wrappers over the C table.
//
// Backends are loaded the way the host loads them: `memory` through the SDK header (the same
// table the memory plugin registers), `lmdb` by dlopen-ing the built plugin (CE_LMDB_PLUGIN),
// calling its ce_plugin_entry and init with a tiny fake host whose register_storage keeps the
// table. The fake host's clock is the one the tests move (set_clock).
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <catch2/catch.hpp>
#include <cloudemu/status.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// REQUIRE(call == CE_OK), reporting the status name and err.message when it is not.
#define REQUIRE_OK(call, err)                                           \
  do {                                                                  \
    const ce_status require_ok_status_ = (call);                        \
    INFO(ce::status_name(require_ok_status_) << ": " << (err).message); \
    REQUIRE(require_ok_status_ == CE_OK);                               \
  } while (0)

namespace conformance {

/// "memory" or "lmdb" -> the backend's table (the lmdb plugin is loaded on first use).
const ce_storage_backend_v1* backend_table(std::string_view name);
/// Sets the clock both backends stamp pending blobs with (epoch ms).
void set_clock(std::int64_t ms);

/// A fresh scratch directory, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
};

/// One open store of one backend over a scratch directory.
class Store {
 public:
  explicit Store(std::string_view backend, const std::string& extra_config = "");
  Store(std::string_view backend, const std::filesystem::path& dir,
        const std::string& extra_config = "");
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const ce_storage_backend_v1& be() const { return *be_; }
  ce_backend_plugin_ptr handle() const { return handle_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::uint32_t keyspace(std::string_view name);
  std::vector<std::string> keyspaces();
  /// Re-opens the store on the same directory (what a restart does).
  void reopen();

 private:
  std::optional<TempDir> owned_dir_;
  std::filesystem::path dir_;
  std::string extra_;
  const ce_storage_backend_v1* be_;
  ce_backend_plugin_ptr handle_ = nullptr;
};

/// The config JSON for a backend over dir (extra: more members, ", \"fsync\": true").
std::string config_json(const std::filesystem::path& dir, const std::string& extra);

class Txn {
 public:
  Txn(Store& store, bool write);
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  ce_status get(std::uint32_t ks, std::string_view key, std::string* out = nullptr);
  ce_status put(std::uint32_t ks, std::string_view key, std::string_view val,
                std::uint32_t flags = 0);
  ce_status del(std::uint32_t ks, std::string_view key);
  ce_status clear(std::uint32_t ks);
  ce_status link(std::string_view ns, const std::uint8_t* id);
  ce_status unlink(std::string_view ns, const std::uint8_t* id);
  ce_status commit();
  void abort();
  ce_txn_plugin_ptr handle() const { return txn_; }
  ce_error err = ce::make_error();

 private:
  const ce_storage_backend_v1& be_;
  ce_txn_plugin_ptr txn_ = nullptr;
};

class Cursor {
 public:
  Cursor(Txn& txn, const ce_storage_backend_v1& be, std::uint32_t ks);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  ce_status seek(std::string_view key);
  ce_status last();
  ce_status step(int dir);
  std::string key;
  std::string value;

 private:
  ce_status take(ce_status s, ce_bytes k, ce_bytes v);
  const ce_storage_backend_v1& be_;
  ce_cursor_plugin_ptr cur_ = nullptr;
};

using BlobId = std::vector<std::uint8_t>;

/// Writes bytes as one blob in chunks of chunk bytes; returns its id.
BlobId write_blob(Store& store, std::string_view ns, std::string_view bytes,
                  std::size_t chunk = 64 * 1024);
/// Reads [offset, offset+length) of a blob; nullopt when blob_reader_open says CE_NOT_FOUND.
std::optional<std::string> read_blob(Store& store, std::string_view ns, const BlobId& id,
                                     std::uint64_t offset = 0, std::uint64_t length = UINT64_MAX);
std::uint64_t collect(Store& store, std::string_view ns, std::int64_t pending_before_ms,
                      std::uint32_t flags = 0);

}  // namespace conformance
