// What only a persistent backend promises: restarts, on-disk format, map growth, kill -9.
#include <lmdb.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

#include "harness.hpp"

using namespace conformance;

TEST_CASE("lmdb: keys, keyspaces and blobs survive close and reopen", "[storage][lmdb]") {
  TempDir dir;
  BlobId id;
  {
    Store store("lmdb", dir.path);
    const auto ks = store.keyspace("s3/objects");
    id = write_blob(store, "s3", "body");
    Txn w(store, true);
    REQUIRE(w.put(ks, "k", "v") == CE_OK);
    REQUIRE(w.put(ks, std::string(2000, 'L'), "long") == CE_OK);
    REQUIRE(w.link("s3", id.data()) == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Store store("lmdb", dir.path);
  CHECK(store.keyspaces() == std::vector<std::string>{"s3/objects"});
  const auto ks = store.keyspace("s3/objects");
  Txn r(store, false);
  std::string v;
  REQUIRE(r.get(ks, "k", &v) == CE_OK);
  CHECK(v == "v");
  REQUIRE(r.get(ks, std::string(2000, 'L'), &v) == CE_OK);
  CHECK(v == "long");
  CHECK(collect(store, "", INT64_MAX) == 0);  // linked: survives any cutoff
  CHECK(read_blob(store, "s3", id) == "body");
}

TEST_CASE("lmdb: a store written in a newer format is refused with both versions named",
          "[storage][lmdb]") {
  TempDir dir;
  { Store store("lmdb", dir.path); }
  {  // What a future cloudemu would leave behind: format record 2 (see lmdb_env.cpp).
    MDB_env* env = nullptr;
    REQUIRE(mdb_env_create(&env) == 0);
    REQUIRE(mdb_env_set_maxdbs(env, 8) == 0);
    REQUIRE(mdb_env_open(env, (dir.path / "kv").c_str(), 0, 0644) == 0);
    MDB_txn* txn = nullptr;
    REQUIRE(mdb_txn_begin(env, nullptr, 0, &txn) == 0);
    MDB_dbi dbi = 0;
    REQUIRE(mdb_dbi_open(txn, "_meta", 0, &dbi) == 0);
    std::string key = "format_version";
    unsigned char record[5] = {0x00, 2, 0, 0, 0};
    MDB_val k{key.size(), key.data()}, v{sizeof(record), record};
    REQUIRE(mdb_put(txn, dbi, &k, &v, 0) == 0);
    REQUIRE(mdb_txn_commit(txn) == 0);
    mdb_env_close(env);
  }
  const ce_storage_backend_v1* be = backend_table("lmdb");
  const std::string cfg = config_json(dir.path, "");
  ce_error err = ce::make_error();
  ce_backend_plugin_ptr handle = nullptr;
  REQUIRE(be->open(ce::to_str(cfg), &handle, &err) == CE_UNSUPPORTED);
  CHECK_THAT(err.message, Catch::Contains("written in storage format 2") &&
                              Catch::Contains("reads up to format 1") &&
                              Catch::Contains(dir.path.string()));
}

TEST_CASE("lmdb: the map grows from 1 MiB to hold 20 MiB without a restart", "[storage][lmdb]") {
  Store store("lmdb", std::string(", \"map_size_mb\": 1"));
  const auto ks = store.keyspace("t/big");
  const std::string value(256 * 1024, 'v');
  for (int t = 0; t < 5; ++t) {  // 5 transactions of 4 MiB
    Txn w(store, true);
    for (int i = 0; i < 16; ++i) {
      REQUIRE_OK(w.put(ks, "k" + std::to_string(t * 100 + i), value), w.err);
    }
    REQUIRE_OK(w.commit(), w.err);
  }
  store.reopen();  // keyspace ids belong to a store handle: open it again
  REQUIRE(store.keyspace("t/big") == ks);
  Txn r(store, false);
  std::string v;
  for (int t = 0; t < 5; ++t) {
    for (int i = 0; i < 16; ++i) {
      REQUIRE(r.get(ks, "k" + std::to_string(t * 100 + i), &v) == CE_OK);
      CHECK(v.size() == value.size());
    }
  }
}

namespace {

// The child: counter increments as fast as it can, each a transaction writing "a" and "b" (which
// must always agree) plus filler, reporting each committed value through the pipe.
[[noreturn]] void crash_child(const std::filesystem::path& dir, int report_fd) {
  const ce_storage_backend_v1* be = backend_table("lmdb");
  const std::string cfg = config_json(dir, ", \"map_size_mb\": 1");
  ce_error err = ce::make_error();
  ce_backend_plugin_ptr h = nullptr;
  std::uint32_t ks = 0;
  if (be->open(ce::to_str(cfg), &h, &err) != CE_OK) ::_exit(2);
  if (be->keyspace_open(h, ce::to_str("t/crash"), &ks, &err) != CE_OK) ::_exit(3);
  const std::string filler(8192, 'f');
  for (std::uint64_t i = 1;; ++i) {
    ce_txn_plugin_ptr txn = nullptr;
    if (be->txn_begin(h, 0, &txn, &err) != CE_OK) ::_exit(4);
    const std::string n = std::to_string(i);
    const std::string f = "fill" + std::to_string(i % 64);
    if (be->put(txn, ks, ce::to_bytes("a"), ce::to_bytes(n), 0, &err) != CE_OK ||
        be->put(txn, ks, ce::to_bytes(f), ce::to_bytes(filler), 0, &err) != CE_OK ||
        be->put(txn, ks, ce::to_bytes("b"), ce::to_bytes(n), 0, &err) != CE_OK ||
        be->txn_commit(txn, &err) != CE_OK) {
      ::_exit(5);
    }
    if (::write(report_fd, &i, sizeof(i)) != sizeof(i)) ::_exit(6);
  }
}

}  // namespace

TEST_CASE("lmdb: every acknowledged write survives kill -9, nothing half-written shows",
          "[storage][lmdb][crash]") {
  TempDir dir;
  backend_table("lmdb");  // load the plugin before forking, as a host would have
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    crash_child(dir.path, fds[1]);
  }
  ::close(fds[1]);
  std::uint64_t acked = 0;
  std::uint64_t value = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  // Kill it mid-run: after enough commits that the map has grown a few times.
  while (acked < 3000 && std::chrono::steady_clock::now() < deadline &&
         ::read(fds[0], &value, sizeof(value)) == sizeof(value)) {
    acked = value;
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  while (::read(fds[0], &value, sizeof(value)) == sizeof(value)) acked = value;
  ::close(fds[0]);
  INFO("child status " << status << ", acknowledged " << acked);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(acked > 0);

  Store store("lmdb", dir.path);
  const auto ks = store.keyspace("t/crash");
  Txn r(store, false);
  std::string a, b;
  REQUIRE(r.get(ks, "a", &a) == CE_OK);
  REQUIRE(r.get(ks, "b", &b) == CE_OK);
  CHECK(a == b);
  CHECK(std::stoull(a) >= acked);      // nothing acknowledged was lost
  CHECK(std::stoull(a) <= acked + 1);  // at most the one commit the pipe did not carry
}
