#include "lmdb_blobs.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "lmdb_blob_files.hpp"
#include "lmdb_error.hpp"

namespace ce::lmdb {
namespace fs = std::filesystem;
using namespace blob_files;

namespace {

ce_status random_id(BlobId* id, ce_error* err) {
  std::size_t got = 0;
  while (got < id->size()) {
    const ssize_t n = ::getrandom(id->data() + got, id->size() - got, 0);
    if (n < 0 && errno != EINTR) return errno_fail(err, errno, "getrandom");
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  return CE_OK;
}

// With "fsync", a rename is durable only once its directory is synced.
int sync_dir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  const int rc = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return rc;
}

ce_status refuse_inside_writer(Env& env, const char* what, ce_error* err) {
  if (!env.this_thread_is_writer()) return CE_OK;
  return fail(err, CE_INVALID,
              std::string(what) +
                  " inside a write transaction on the same thread: blobs are written outside "
                  "transactions, then linked by one");
}

}  // namespace

BlobWriter::~BlobWriter() {
  if (fd >= 0) ::close(fd);
  if (!temp_name.empty()) {
    ::unlink(temp_path(*env, temp_name).c_str());
    env->track_temp(temp_name, false);
  }
}

BlobReader::~BlobReader() {
  if (fd >= 0) ::close(fd);
}

ce_status blob_writer_open(std::shared_ptr<Env> env, std::string_view ns,
                           std::unique_ptr<BlobWriter>* out, ce_error* err) {
  if (ce_status s = check_ns(ns, err); s != CE_OK) return s;
  auto w = std::make_unique<BlobWriter>();
  w->env = std::move(env);
  w->ns = ns;
  if (ce_status s = random_id(&w->id, err); s != CE_OK) return s;
  const std::string name = to_hex(w->id) + ".part";
  const fs::path path = temp_path(*w->env, name);
  // Tracked before it exists, so a concurrent collector never takes it for a crash's leftover.
  w->env->track_temp(name, true);
  w->temp_name = name;
  w->fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (w->fd < 0) return errno_fail(err, errno, "create " + path.string());
  *out = std::move(w);
  return CE_OK;
}

ce_status blob_write(BlobWriter& w, ce_bytes chunk, ce_error* err) {
  std::size_t done = 0;
  while (done < chunk.len) {
    const ssize_t n = ::write(w.fd, chunk.ptr + done, chunk.len - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_fail(err, errno, "write blob");
    done += static_cast<std::size_t>(n);
  }
  w.size += chunk.len;
  return CE_OK;
}

ce_status blob_commit(std::unique_ptr<BlobWriter> w, std::uint8_t* out_id, std::uint64_t* out_size,
                      ce_error* err) {
  Env& env = *w->env;
  if (ce_status s = refuse_inside_writer(env, "blob_commit", err); s != CE_OK) return s;
  const bool durable = env.config().fsync;
  if (durable && ::fdatasync(w->fd) != 0) return errno_fail(err, errno, "fdatasync blob");
  const int fd = std::exchange(w->fd, -1);
  if (::close(fd) != 0) return errno_fail(err, errno, "close blob");
  {
    std::unique_ptr<Txn> txn;
    if (ce_status s = Txn::begin(w->env, true, &txn, err); s != CE_OK) return s;
    const std::string record = encode({kPending, now_ms()});
    if (ce_status s = txn->raw_put(env.blob_registry(), registry_key(w->ns, w->id), record, err);
        s != CE_OK) {
      return s;
    }
    if (ce_status s = txn->commit(err); s != CE_OK) return s;
  }
  const fs::path target = blob_path(env, w->ns, w->id);
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return errno_fail(err, ec.value(), "create " + target.parent_path().string());
  if (::rename(temp_path(env, w->temp_name).c_str(), target.c_str()) != 0) {
    return errno_fail(err, errno, "publish blob " + target.string());
  }
  env.track_temp(std::exchange(w->temp_name, std::string()), false);
  if (durable) {
    if (int rc = sync_dir(target.parent_path()); rc != 0) return errno_fail(err, rc, "fsync dir");
  }
  std::memcpy(out_id, w->id.data(), w->id.size());
  if (out_size != nullptr) *out_size = w->size;
  return CE_OK;
}

ce_status blob_set_link(Txn& txn, std::string_view ns, const std::uint8_t* id, bool link,
                        ce_error* err) {
  if (ce_status s = check_ns(ns, err); s != CE_OK) return s;
  if (!txn.is_write()) return fail(err, CE_INVALID, "blob link change in a read-only transaction");
  BlobId bid;
  std::memcpy(bid.data(), id, bid.size());
  const std::string key = registry_key(ns, bid);
  const MDB_dbi dbi = txn.env().blob_registry();
  std::string_view raw;
  if (ce_status s = txn.raw_get(dbi, key, &raw, err); s != CE_OK) return s;
  if (!link) return txn.raw_del(dbi, key, err);
  auto record = decode(raw);
  if (!record) return fail(err, CE_INTERNAL, "lmdb: unreadable blob registry record");
  record->state = kLinked;
  return txn.raw_put(dbi, key, encode(*record), err);
}

ce_status blob_reader_open(const std::shared_ptr<Env>& env, std::string_view ns,
                           const std::uint8_t* id, std::uint64_t offset, std::uint64_t length,
                           std::unique_ptr<BlobReader>* out, std::uint64_t* out_size,
                           ce_error* err) {
  if (ce_status s = check_ns(ns, err); s != CE_OK) return s;
  BlobId bid;
  std::memcpy(bid.data(), id, bid.size());
  {
    std::unique_ptr<Txn> txn;  // an unlinked blob is gone for new readers, as in memory
    if (ce_status s = Txn::begin(env, false, &txn, err); s != CE_OK) return s;
    std::string_view raw;
    if (ce_status s = txn->raw_get(env->blob_registry(), registry_key(ns, bid), &raw, err);
        s != CE_OK) {
      return s;
    }
  }
  auto r = std::make_unique<BlobReader>();
  const fs::path path = blob_path(*env, ns, bid);
  r->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (r->fd < 0) return errno == ENOENT ? CE_NOT_FOUND : errno_fail(err, errno, "open blob");
  struct stat st {};
  if (::fstat(r->fd, &st) != 0) return errno_fail(err, errno, "stat blob");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (offset > size) {
    return fail(
        err, CE_INVALID,
        "offset " + std::to_string(offset) + " is past the blob's end " + std::to_string(size));
  }
  r->pos = offset;
  r->end = length >= size - offset ? size : offset + length;
  if (out_size != nullptr) *out_size = size;
  *out = std::move(r);
  return CE_OK;
}

ce_status blob_read(BlobReader& r, std::uint8_t* buf, std::size_t cap, std::size_t* out_n,
                    ce_error* err) {
  const std::uint64_t want = std::min<std::uint64_t>(cap, r.end - r.pos);
  ssize_t n = 0;
  do {
    n = ::pread(r.fd, buf, static_cast<std::size_t>(want), static_cast<off_t>(r.pos));
  } while (n < 0 && errno == EINTR);
  if (n < 0) return errno_fail(err, errno, "read blob");
  r.pos += static_cast<std::uint64_t>(n);
  if (n == 0) r.pos = r.end;  // the file is shorter than it was at open: nothing more to give
  *out_n = static_cast<std::size_t>(n);
  return CE_OK;
}

}  // namespace ce::lmdb
