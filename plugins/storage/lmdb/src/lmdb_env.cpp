#include "lmdb_env.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "lmdb_error.hpp"

namespace ce::lmdb {
namespace fs = std::filesystem;

namespace {

// Open environments by the identity of their kv directory (not its spelling): a second open() of
// the same directory shares the first, as LMDB requires. The count is explicit and the last
// release closes the environment under g_envs_mu, so a close never overlaps a new open of the
// same directory (two live LMDB environments on one file would drop each other's locks).
using EnvKey = std::pair<dev_t, ino_t>;
struct EnvSlot {
  Env* env;
  int refs;
};
std::mutex g_envs_mu;
std::map<EnvKey, EnvSlot> g_envs;

std::shared_ptr<Env> share(EnvKey key, EnvSlot& slot) {
  ++slot.refs;
  return std::shared_ptr<Env>(slot.env, [key](Env* env) {
    std::lock_guard lock(g_envs_mu);
    if (--g_envs[key].refs == 0) {
      g_envs.erase(key);
      delete env;
    }
  });
}

constexpr std::string_view kKeyspacePrefix = "k/";  // user keyspaces; "_..." names are internal
constexpr std::size_t kMaxMapSize = std::size_t{1} << 40;
constexpr auto kGrowWait = std::chrono::seconds(30);

}  // namespace

ce_status Env::open(const Config& cfg, std::shared_ptr<Env>* out, ce_error* err) {
  std::error_code ec;
  fs::create_directories(cfg.data_dir / "kv", ec);
  if (!ec) fs::create_directories(cfg.data_dir / "blobs" / ".tmp", ec);
  if (ec) return errno_fail(err, ec.value(), "create " + cfg.data_dir.string());
  struct stat st {};
  if (::stat((cfg.data_dir / "kv").c_str(), &st) != 0) {
    return errno_fail(err, errno, "stat " + (cfg.data_dir / "kv").string());
  }
  const EnvKey key{st.st_dev, st.st_ino};
  std::lock_guard lock(g_envs_mu);
  if (auto it = g_envs.find(key); it != g_envs.end()) {
    *out = share(key, it->second);
    return CE_OK;
  }
  std::unique_ptr<Env> env(new Env(cfg));
  if (ce_status s = env->init(err); s != CE_OK) return s;
  auto& slot = g_envs[key];
  slot = {env.release(), 0};
  *out = share(key, slot);
  return CE_OK;
}

Env::~Env() {
  if (env_ != nullptr) mdb_env_close(env_);
}

ce_status Env::init(ce_error* err) {
  if (int rc = mdb_env_create(&env_); rc != 0) return mdb_fail(err, rc, "mdb_env_create");
  int rc = mdb_env_set_maxdbs(env_, 1024);
  if (rc == 0) rc = mdb_env_set_maxreaders(env_, 1024);
  if (rc == 0) rc = mdb_env_set_mapsize(env_, cfg_.map_size);
  if (rc != 0) return mdb_fail(err, rc, "configure environment");
  // MDB_NOTLS: a read transaction is not tied to a thread's reader slot, so one thread may hold
  // several (a reader overlapping its own writer). MDB_NOSYNC without "fsync": LMDB still writes
  // every commit into the file with write() before mdb_txn_commit returns, so the data sits in
  // the OS page cache and survives kill -9 of this process (the kernel owns it); only a power
  // loss or kernel crash can lose the last commits. With "fsync": true, commits fsync.
  //
  // MDB_WRITEMAP: a commit writes its pages straight into the shared file mapping instead of
  // through pwrite() (about five system calls per small commit, most of a PutItem's cost). A
  // MAP_SHARED page belongs to the page cache as soon as it is written, so kill -9 loses nothing
  // here either; LMDB still writes new pages before the meta page that publishes them.
  unsigned flags = MDB_NOTLS | MDB_WRITEMAP;
  if (!cfg_.fsync) flags |= MDB_NOSYNC;
  const std::string path = (cfg_.data_dir / "kv").string();
  if (rc = mdb_env_open(env_, path.c_str(), flags, 0644); rc != 0) {
    return mdb_fail(err, rc, "open " + path);
  }
  return check_format(err);
}

ce_status Env::check_format(ce_error* err) {
  MDB_txn* txn = nullptr;
  if (int rc = mdb_txn_begin(env_, nullptr, 0, &txn); rc != 0) {
    return mdb_fail(err, rc, "begin format check");
  }
  struct Abort {
    MDB_txn*& txn;
    ~Abort() {
      if (txn != nullptr) mdb_txn_abort(txn);
    }
  } abort_guard{txn};
  if (int rc = mdb_dbi_open(txn, "_meta", MDB_CREATE, &meta_dbi_); rc != 0) {
    return mdb_fail(err, rc, "open _meta");
  }
  std::string key = "format_version";
  MDB_val k{key.size(), key.data()};
  MDB_val v{};
  int rc = mdb_get(txn, meta_dbi_, &k, &v);
  if (rc == MDB_NOTFOUND) {
    unsigned char record[5] = {0x00, kFormatVersion & 0xff, 0, 0, 0};
    v = {sizeof(record), record};
    rc = mdb_put(txn, meta_dbi_, &k, &v, 0);
    if (rc != 0) return mdb_fail(err, rc, "write format version");
  } else if (rc != 0) {
    return mdb_fail(err, rc, "read format version");
  } else {
    const auto* p = static_cast<const unsigned char*>(v.mv_data);
    if (v.mv_size != 5 || p[0] != 0x00) {
      return fail(err, CE_INTERNAL,
                  "data dir " + cfg_.data_dir.string() + " has an unreadable format record");
    }
    const std::uint32_t version = p[1] | (p[2] << 8) | (p[3] << 16) | (std::uint32_t{p[4]} << 24);
    if (version > kFormatVersion) {
      return fail(err, CE_UNSUPPORTED,
                  "data dir " + cfg_.data_dir.string() + " was written in storage format " +
                      std::to_string(version) + "; this lmdb backend reads up to format " +
                      std::to_string(kFormatVersion) +
                      ": upgrade cloudemu or use another --data-dir");
    }
  }
  if (rc = mdb_dbi_open(txn, "_blobs", MDB_CREATE, &blob_dbi_); rc != 0) {
    return mdb_fail(err, rc, "open _blobs");
  }
  rc = mdb_txn_commit(std::exchange(txn, nullptr));
  return rc == 0 ? CE_OK : mdb_fail(err, rc, "commit format check");
}

ce_status Env::keyspace_open(std::string_view name, std::uint32_t* out, ce_error* err) {
  if (name.empty() || name.size() > 255 || name.find('\0') != std::string_view::npos) {
    return fail(err, CE_INVALID, "bad keyspace name (1..255 bytes, no NUL)");
  }
  {
    std::lock_guard lock(ks_mu_);
    if (auto it = names_.find(name); it != names_.end()) {
      *out = it->second;
      return CE_OK;
    }
  }
  // Creating a DBI takes a write transaction; the writer's own thread would wait for itself.
  if (this_thread_is_writer()) {
    return fail(err, CE_INVALID,
                "keyspace_open(" + std::string(name) +
                    ") inside a write transaction: open keyspaces before beginning one");
  }
  if (ce_status s = acquire_writer(err); s != CE_OK) return s;
  struct Release {
    Env* env;
    ~Release() { env->release_writer(); }
  } release{this};
  std::lock_guard lock(ks_mu_);
  if (auto it = names_.find(name); it != names_.end()) {
    *out = it->second;
    return CE_OK;
  }
  const std::uint32_t id = ks_count_.load();
  if (id >= kMaxKeyspaces) return fail(err, CE_INVALID, "too many keyspaces");
  const std::string dbi_name = std::string(kKeyspacePrefix) + std::string(name);
  MDB_dbi dbi = 0;
  for (;;) {
    MDB_txn* txn = nullptr;
    int rc = begin(true, &txn);
    if (rc != 0) return mdb_fail(err, rc, "begin keyspace_open");
    rc = mdb_dbi_open(txn, dbi_name.c_str(), MDB_CREATE, &dbi);
    rc = end(txn, true, rc == 0) == 0 ? rc : MDB_MAP_FULL;
    if (rc == MDB_MAP_FULL) {
      if (grow_map(err) != 0) return CE_FULL;
      continue;
    }
    if (rc != 0) return mdb_fail(err, rc, "create keyspace " + std::string(name));
    break;
  }
  dbis_[id] = dbi;
  ks_count_.store(id + 1, std::memory_order_release);
  names_.emplace(std::string(name), id);
  *out = id;
  return CE_OK;
}

bool Env::keyspace_dbi(std::uint32_t id, MDB_dbi* out) const noexcept {
  if (id >= ks_count_.load(std::memory_order_acquire)) return false;
  *out = dbis_[id];
  return true;
}

ce_status Env::keyspace_list(std::string* out, ce_error* err) {
  MDB_txn* txn = nullptr;
  if (int rc = begin(false, &txn); rc != 0) return mdb_fail(err, rc, "begin keyspace_list");
  MDB_dbi main_dbi = 0;
  MDB_cursor* cur = nullptr;
  int rc = mdb_dbi_open(txn, nullptr, 0, &main_dbi);
  if (rc == 0) rc = mdb_cursor_open(txn, main_dbi, &cur);
  MDB_val k{}, v{};
  for (MDB_cursor_op op = MDB_FIRST; rc == 0; op = MDB_NEXT) {
    rc = mdb_cursor_get(cur, &k, &v, op);
    if (rc != 0) break;
    std::string_view name(static_cast<const char*>(k.mv_data), k.mv_size);
    if (!name.starts_with(kKeyspacePrefix)) continue;
    if (!out->empty()) out->push_back('\n');
    out->append(name.substr(kKeyspacePrefix.size()));
  }
  if (cur != nullptr) mdb_cursor_close(cur);
  end(txn, false, false);
  return rc == MDB_NOTFOUND ? CE_OK : mdb_fail(err, rc, "keyspace_list");
}

ce_status Env::acquire_writer(ce_error* err) {
  std::unique_lock lock(writer_mu_);
  if (writer_active_ && writer_thread_ == std::this_thread::get_id()) {
    return fail(err, CE_INVALID, "this thread already has an open write transaction");
  }
  writer_cv_.wait(lock, [&] { return !writer_active_; });
  writer_active_ = true;
  writer_thread_ = std::this_thread::get_id();
  return CE_OK;
}

void Env::release_writer() {
  {
    std::lock_guard lock(writer_mu_);
    writer_active_ = false;
    writer_thread_ = {};
  }
  writer_cv_.notify_one();
}

bool Env::this_thread_is_writer() {
  std::lock_guard lock(writer_mu_);
  return writer_active_ && writer_thread_ == std::this_thread::get_id();
}

template <typename Fn>
bool Env::exclusive(Fn&& fn) {
  std::unique_lock lock(gate_mu_);
  gate_cv_.wait(lock, [&] { return !resizing_; });
  resizing_ = true;  // new transactions wait from here, so the live ones drain
  const bool idle = gate_cv_.wait_for(lock, kGrowWait, [&] { return live_txns_ == 0; });
  if (idle) fn();
  resizing_ = false;
  lock.unlock();
  gate_cv_.notify_all();
  return idle;
}

int Env::begin(bool write, MDB_txn** out) {
  for (;;) {
    {
      std::unique_lock lock(gate_mu_);
      gate_cv_.wait(lock, [&] { return !resizing_; });
      ++live_txns_;
      if (!write) readers_.insert(std::this_thread::get_id());
    }
    const int rc = mdb_txn_begin(env_, nullptr, write ? 0 : MDB_RDONLY, out);
    if (rc != MDB_MAP_RESIZED) {
      if (rc != 0) end(nullptr, write, false);
      return rc;
    }
    end(nullptr, write, false);
    // Another process grew the map: adopt its size (0 = the size recorded in the file).
    exclusive([&] { mdb_env_set_mapsize(env_, 0); });
  }
}

int Env::end(MDB_txn* txn, bool write, bool commit) {
  int rc = 0;
  if (txn != nullptr) {
    if (commit) {
      rc = mdb_txn_commit(txn);
    } else {
      mdb_txn_abort(txn);
    }
  }
  {
    std::lock_guard lock(gate_mu_);
    --live_txns_;
    if (!write) {
      if (auto it = readers_.find(std::this_thread::get_id()); it != readers_.end()) {
        readers_.erase(it);
      }
    }
  }
  gate_cv_.notify_all();
  return rc;
}

int Env::grow_map(ce_error* err) {
  {
    std::lock_guard lock(gate_mu_);
    if (readers_.contains(std::this_thread::get_id())) {
      fail(err, CE_FULL,
           "lmdb: the map is full and cannot grow while this thread holds a read transaction");
      return MDB_MAP_FULL;
    }
  }
  MDB_envinfo info{};
  mdb_env_info(env_, &info);
  const std::size_t next = info.me_mapsize * 2;
  if (next > kMaxMapSize) {
    fail(err, CE_FULL, "lmdb: the map reached its 1 TiB ceiling");
    return MDB_MAP_FULL;
  }
  int rc = 0;
  if (!exclusive([&] { rc = mdb_env_set_mapsize(env_, next); })) {
    fail(err, CE_FULL,
         "lmdb: the map is full and could not grow: read transactions stayed open for 30 s");
    return MDB_MAP_FULL;
  }
  if (rc != 0) {
    mdb_fail(err, rc, "grow map to " + std::to_string(next >> 20) + " MiB");
    return MDB_MAP_FULL;
  }
  return 0;
}

void Env::track_temp(const std::string& name, bool open) {
  std::lock_guard lock(temp_mu_);
  if (open) {
    open_temps_.insert(name);
  } else {
    open_temps_.erase(name);
  }
}

bool Env::temp_in_use(const std::string& name) {
  std::lock_guard lock(temp_mu_);
  return open_temps_.contains(name);
}

}  // namespace ce::lmdb
