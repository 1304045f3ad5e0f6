#include "harness.hpp"

#include <cloudemu/abi/ce_host_api.h>
#include <cloudemu/abi/ce_plugin.h>
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cloudemu/testing/memory_store.hpp>
#include <random>

namespace conformance {
namespace fs = std::filesystem;

namespace {

std::atomic<std::int64_t> g_clock_ms{0};

std::int64_t fake_now_ms() {
  if (std::int64_t ms = g_clock_ms.load(); ms != 0) return ms;
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const ce_storage_backend_v1* g_registered = nullptr;

ce_status fake_register_storage(ce_registrar_host_ptr, const ce_storage_backend_v1* be, ce_error*) {
  g_registered = be;
  return CE_OK;
}

const ce_storage_backend_v1* load_lmdb_plugin() {
  void* lib = ::dlopen(CE_LMDB_PLUGIN, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) FAIL("dlopen " << CE_LMDB_PLUGIN << ": " << ::dlerror());
  auto entry = reinterpret_cast<ce_plugin_entry_fn>(::dlsym(lib, CE_PLUGIN_ENTRY_SYMBOL));
  REQUIRE(entry != nullptr);
  const ce_plugin_descriptor* desc = entry();
  REQUIRE(desc != nullptr);
  REQUIRE(desc->abi_major == CE_ABI_MAJOR);
  REQUIRE(std::string(desc->name) == "lmdb");
  static ce_host_api_v1 host{};
  host.struct_size = sizeof(host);
  host.abi_major = CE_ABI_MAJOR;
  host.abi_minor = CE_ABI_MINOR;
  host.register_storage = &fake_register_storage;
  host.now_ms = &fake_now_ms;
  ce_error err = ce::make_error();
  REQUIRE(desc->init(&host, nullptr, &err) == CE_OK);
  REQUIRE(g_registered != nullptr);
  return g_registered;  // the library stays loaded for the process, as in the host
}

}  // namespace

const ce_storage_backend_v1* backend_table(std::string_view name) {
  if (name == "memory") {
    ce::testing::set_memory_store_clock(&fake_now_ms);
    return ce::testing::memory_storage_backend();
  }
  static const ce_storage_backend_v1* lmdb = load_lmdb_plugin();
  return lmdb;
}

void set_clock(std::int64_t ms) {
  g_clock_ms.store(ms);
}

TempDir::TempDir() {
  static std::atomic<int> n{0};
  path = fs::temp_directory_path() /
         ("ce-conformance-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + "-" +
          std::to_string(std::random_device{}()));
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

std::string config_json(const fs::path& dir, const std::string& extra) {
  return "{\"data_dir\": \"" + dir.string() + "\"" + extra + "}";
}

Store::Store(std::string_view backend, const std::string& extra_config)
    : owned_dir_(std::in_place),
      dir_(owned_dir_->path),
      extra_(extra_config),
      be_(backend_table(backend)) {
  reopen();
}

Store::Store(std::string_view backend, const fs::path& dir, const std::string& extra_config)
    : dir_(dir), extra_(extra_config), be_(backend_table(backend)) {
  reopen();
}

Store::~Store() {
  if (handle_ != nullptr) be_->close(handle_);
}

void Store::reopen() {
  if (handle_ != nullptr) be_->close(std::exchange(handle_, nullptr));
  const std::string cfg = config_json(dir_, extra_);
  ce_error err = ce::make_error();
  REQUIRE_OK(be_->open(ce::to_str(cfg), &handle_, &err), err);
}

std::uint32_t Store::keyspace(std::string_view name) {
  std::uint32_t ks = 0;
  ce_error err = ce::make_error();
  REQUIRE(be_->keyspace_open(handle_, ce::to_str(name), &ks, &err) == CE_OK);
  return ks;
}

std::vector<std::string> Store::keyspaces() {
  ce_error err = ce::make_error();
  std::size_t len = 0;
  REQUIRE(be_->keyspace_list(handle_, nullptr, 0, &len, &err) == CE_OK);
  std::string buf(len + 1, '\0');
  REQUIRE(be_->keyspace_list(handle_, buf.data(), buf.size(), &len, &err) == CE_OK);
  buf.resize(len);
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < buf.size()) {
    std::size_t end = buf.find('\n', start);
    if (end == std::string::npos) end = buf.size();
    names.push_back(buf.substr(start, end - start));
    start = end + 1;
  }
  return names;
}

Txn::Txn(Store& store, bool write) : be_(store.be()) {
  REQUIRE_OK(be_.txn_begin(store.handle(), write ? 0 : CE_TXN_READ_ONLY, &txn_, &err), err);
}

Txn::~Txn() {
  abort();
}

ce_status Txn::get(std::uint32_t ks, std::string_view key, std::string* out) {
  ce_bytes v{};
  const ce_status s = be_.get(txn_, ks, ce::to_bytes(key), &v, &err);
  if (s == CE_OK && out != nullptr) *out = std::string(ce::to_view(v));
  return s;
}

ce_status Txn::put(std::uint32_t ks, std::string_view key, std::string_view val,
                   std::uint32_t flags) {
  return be_.put(txn_, ks, ce::to_bytes(key), ce::to_bytes(val), flags, &err);
}

ce_status Txn::del(std::uint32_t ks, std::string_view key) {
  return be_.del(txn_, ks, ce::to_bytes(key), &err);
}

ce_status Txn::clear(std::uint32_t ks) {
  return be_.clear(txn_, ks, &err);
}

ce_status Txn::link(std::string_view ns, const std::uint8_t* id) {
  return be_.blob_link(txn_, ce::to_str(ns), id, &err);
}

ce_status Txn::unlink(std::string_view ns, const std::uint8_t* id) {
  return be_.blob_unlink(txn_, ce::to_str(ns), id, &err);
}

ce_status Txn::commit() {
  return be_.txn_commit(std::exchange(txn_, nullptr), &err);
}

void Txn::abort() {
  if (txn_ != nullptr) be_.txn_abort(std::exchange(txn_, nullptr));
}

Cursor::Cursor(Txn& txn, const ce_storage_backend_v1& be, std::uint32_t ks) : be_(be) {
  REQUIRE(be_.cursor_open(txn.handle(), ks, &cur_, &txn.err) == CE_OK);
}

Cursor::~Cursor() {
  be_.cursor_close(cur_);
}

ce_status Cursor::take(ce_status s, ce_bytes k, ce_bytes v) {
  if (s == CE_OK) {
    key = ce::to_view(k);
    value = ce::to_view(v);
  }
  return s;
}

ce_status Cursor::seek(std::string_view k) {
  ce_bytes ok{}, ov{};
  ce_error err = ce::make_error();
  return take(be_.cursor_seek(cur_, ce::to_bytes(k), &ok, &ov, &err), ok, ov);
}

ce_status Cursor::last() {
  ce_bytes ok{}, ov{};
  ce_error err = ce::make_error();
  return take(be_.cursor_last(cur_, &ok, &ov, &err), ok, ov);
}

ce_status Cursor::step(int dir) {
  ce_bytes ok{}, ov{};
  ce_error err = ce::make_error();
  return take(be_.cursor_step(cur_, dir, &ok, &ov, &err), ok, ov);
}

BlobId write_blob(Store& store, std::string_view ns, std::string_view bytes, std::size_t chunk) {
  const auto& be = store.be();
  ce_error err = ce::make_error();
  ce_blob_writer_plugin_ptr w = nullptr;
  REQUIRE(be.blob_writer_open(store.handle(), ce::to_str(ns), &w, &err) == CE_OK);
  for (std::size_t off = 0; off < bytes.size(); off += chunk) {
    REQUIRE(be.blob_write(w, ce::to_bytes(bytes.substr(off, chunk)), &err) == CE_OK);
  }
  BlobId id(CE_BLOB_ID_SIZE);
  std::uint64_t size = 0;
  REQUIRE_OK(be.blob_commit(w, id.data(), &size, &err), err);
  REQUIRE(size == bytes.size());
  return id;
}

std::optional<std::string> read_blob(Store& store, std::string_view ns, const BlobId& id,
                                     std::uint64_t offset, std::uint64_t length) {
  const auto& be = store.be();
  ce_error err = ce::make_error();
  ce_blob_reader_plugin_ptr r = nullptr;
  std::uint64_t size = 0;
  const ce_status s = be.blob_reader_open(store.handle(), ce::to_str(ns), id.data(), offset, length,
                                          &r, &size, &err);
  if (s == CE_NOT_FOUND) return std::nullopt;
  REQUIRE_OK(s, err);
  std::string out;
  std::vector<std::uint8_t> buf(100 * 1000);  // not a power of two: chunk edges move around
  for (;;) {
    std::size_t n = 0;
    REQUIRE(be.blob_read(r, buf.data(), buf.size(), &n, &err) == CE_OK);
    if (n == 0) break;
    out.append(reinterpret_cast<const char*>(buf.data()), n);
  }
  be.blob_reader_close(r);
  return out;
}

std::uint64_t collect(Store& store, std::string_view ns, std::int64_t pending_before_ms,
                      std::uint32_t flags) {
  ce_error err = ce::make_error();
  std::uint64_t deleted = 0;
  REQUIRE_OK(store.be().blob_collect(store.handle(), ce::to_str(ns), pending_before_ms, flags,
                                     &deleted, &err),
             err);
  return deleted;
}

}  // namespace conformance
