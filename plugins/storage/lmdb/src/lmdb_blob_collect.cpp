// blob_collect of the lmdb backend (the layout and the lifecycle are in lmdb_blobs.hpp).
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "lmdb_blob_files.hpp"
#include "lmdb_blobs.hpp"
#include "lmdb_error.hpp"

namespace ce::lmdb {
namespace fs = std::filesystem;
using namespace blob_files;

namespace {

struct BlobFile {
  std::string ns;
  BlobId id;
  fs::path path;
};

// Drops the registry records of ns ("" = all) that are pending past the cutoff (every record
// with all). Their files go in the next phase, with every other file lacking a record.
ce_status drop_records(const std::shared_ptr<Env>& env, std::string_view ns,
                       std::int64_t pending_before_ms, bool all, ce_error* err) {
  std::unique_ptr<Txn> txn;
  if (ce_status s = Txn::begin(env, true, &txn, err); s != CE_OK) return s;
  const std::string prefix = ns.empty() ? std::string() : std::string(ns) + '\0';
  std::vector<std::string> doomed;
  MDB_cursor* cur = nullptr;
  if (int rc = mdb_cursor_open(txn->raw(), env->blob_registry(), &cur); rc != 0) {
    return mdb_fail(err, rc, "blob registry cursor");
  }
  MDB_val k{prefix.size(), const_cast<char*>(prefix.data())};
  MDB_val v{};
  int rc = mdb_cursor_get(cur, &k, &v, prefix.empty() ? MDB_FIRST : MDB_SET_RANGE);
  for (; rc == 0; rc = mdb_cursor_get(cur, &k, &v, MDB_NEXT)) {
    std::string_view key(static_cast<const char*>(k.mv_data), k.mv_size);
    if (!key.starts_with(prefix)) break;
    auto record = decode({static_cast<const char*>(v.mv_data), v.mv_size});
    const bool expired =
        record && record->state == kPending && record->committed_ms < pending_before_ms;
    if (all || !record || expired) doomed.emplace_back(key);
  }
  mdb_cursor_close(cur);
  if (rc != 0 && rc != MDB_NOTFOUND) return mdb_fail(err, rc, "scan blob registry");
  for (const std::string& key : doomed) {
    if (ce_status s = txn->raw_del(env->blob_registry(), key, err); s != CE_OK) return s;
  }
  return txn->commit(err);
}

// Committed files of ns ("" = every namespace). Listed before the registry is read: a file renamed
// into place after the listing is not judged, and one listed already has its record committed.
std::vector<BlobFile> list_files(const Env& env, std::string_view ns) {
  std::vector<BlobFile> files;
  std::error_code ec;
  std::vector<fs::path> ns_dirs;
  if (!ns.empty()) {
    ns_dirs.push_back(blobs_dir(env) / std::string(ns));
  } else {
    for (const auto& d : fs::directory_iterator(blobs_dir(env), ec)) {
      if (d.is_directory() && d.path().filename() != ".tmp") ns_dirs.push_back(d.path());
    }
  }
  for (const fs::path& dir : ns_dirs) {
    for (const auto& f : fs::recursive_directory_iterator(dir, ec)) {
      if (!f.is_regular_file()) continue;
      if (auto id = from_hex(f.path().filename().string())) {
        files.push_back({dir.filename().string(), *id, f.path()});
      }
    }
  }
  return files;
}

}  // namespace

ce_status blob_collect(const std::shared_ptr<Env>& env, std::string_view ns,
                       std::int64_t pending_before_ms, bool all, std::uint64_t* out_deleted,
                       ce_error* err) {
  if (!ns.empty()) {
    if (ce_status s = check_ns(ns, err); s != CE_OK) return s;
  }
  if (env->this_thread_is_writer()) {
    return fail(err, CE_INVALID, "blob_collect inside a write transaction on the same thread");
  }
  if (ce_status s = drop_records(env, ns, pending_before_ms, all, err); s != CE_OK) return s;

  const std::vector<BlobFile> files = list_files(*env, ns);
  std::uint64_t deleted = 0;
  {
    std::unique_ptr<Txn> txn;
    if (ce_status s = Txn::begin(env, false, &txn, err); s != CE_OK) return s;
    for (const BlobFile& f : files) {
      std::string_view raw;
      ce_status s = txn->raw_get(env->blob_registry(), registry_key(f.ns, f.id), &raw, err);
      if (s == CE_OK) continue;
      if (s != CE_NOT_FOUND) return s;
      if (::unlink(f.path.c_str()) == 0) ++deleted;
    }
  }
  // Temp files no writer of this process holds were left by a crash.
  std::error_code ec;
  for (const auto& f : fs::directory_iterator(blobs_dir(*env) / ".tmp", ec)) {
    const std::string name = f.path().filename().string();
    if (!env->temp_in_use(name)) ::unlink(f.path().c_str());
  }
  if (out_deleted != nullptr) *out_deleted = deleted;
  return CE_OK;
}

}  // namespace ce::lmdb
