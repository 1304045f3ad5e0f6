// Cursors over long-key runs and map growth, driven through the backend's C++ classes.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <numeric>
#include <random>

#include "lmdb_cursor.hpp"
#include "lmdb_env.hpp"
#include "lmdb_txn.hpp"
#include "long_key.hpp"

using namespace ce::lmdb;
namespace fs = std::filesystem;

namespace {

struct TempStore {
  fs::path dir;
  std::shared_ptr<Env> env;
  std::uint32_t ks = 0;
  explicit TempStore(std::size_t map_mb = 64) {
    dir = fs::temp_directory_path() / ("ce-lmdb-unit-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(std::random_device{}()));
    Config cfg;
    cfg.data_dir = dir;
    cfg.map_size = map_mb << 20;
    ce_error err = ce::make_error();
    REQUIRE(Env::open(cfg, &env, &err) == CE_OK);
    REQUIRE(env->keyspace_open("t", &ks, &err) == CE_OK);
  }
  ~TempStore() {
    env.reset();
    fs::remove_all(dir);
  }
  std::unique_ptr<Txn> begin(bool write) {
    std::unique_ptr<Txn> txn;
    ce_error err = ce::make_error();
    REQUIRE(Txn::begin(env, write, &txn, &err) == CE_OK);
    return txn;
  }
};

std::string run_key(int i) {
  // Shares its first kInlineKeyMax bytes with every other run key; differs after.
  return std::string(kInlineKeyMax, 'r') + std::to_string(1000 + i);
}

std::vector<std::string> walk(Cursor& c, int dir) {
  std::vector<std::string> keys;
  ce_bytes k{}, v{};
  ce_error err = ce::make_error();
  ce_status s = dir > 0 ? c.seek("", &k, &v, &err) : c.last(&k, &v, &err);
  while (s == CE_OK) {
    keys.emplace_back(ce::to_view(k));
    s = c.step(dir, &k, &v, &err);
  }
  CHECK(s == CE_END);
  return keys;
}

}  // namespace

TEST_CASE("a run of long keys comes out in full-key order both ways", "[lmdb][cursor]") {
  TempStore store;
  std::vector<std::string> expected = {"a", std::string(kInlineKeyMax, 'r'), "s"};
  std::vector<int> order(40);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  auto txn = store.begin(true);
  ce_error err = ce::make_error();
  for (const auto& k : expected) REQUIRE(txn->put(store.ks, k, "v", 0, &err) == CE_OK);
  for (int i : order) {
    REQUIRE(txn->put(store.ks, run_key(i), "v" + std::to_string(i), 0, &err) == CE_OK);
    expected.push_back(run_key(i));
  }
  std::sort(expected.begin(), expected.end());
  REQUIRE(txn->commit(&err) == CE_OK);

  auto reader = store.begin(false);
  Cursor c(*reader, store.ks);
  CHECK(walk(c, +1) == expected);
  auto backward = expected;
  std::reverse(backward.begin(), backward.end());
  CHECK(walk(c, -1) == backward);

  ce_bytes k{}, v{};
  REQUIRE(c.seek(run_key(20), &k, &v, &err) == CE_OK);
  CHECK(ce::to_view(k) == run_key(20));
  CHECK(ce::to_view(v) == "v20");
  REQUIRE(c.step(-1, &k, &v, &err) == CE_OK);
  CHECK(ce::to_view(k) == run_key(19));
}

TEST_CASE("a cursor keeps its place across the writer's own puts", "[lmdb][cursor]") {
  TempStore store;
  auto txn = store.begin(true);
  ce_error err = ce::make_error();
  for (int i = 0; i < 10; i += 2) REQUIRE(txn->put(store.ks, run_key(i), "v", 0, &err) == CE_OK);
  Cursor c(*txn, store.ks);
  ce_bytes k{}, v{};
  REQUIRE(c.seek(run_key(2), &k, &v, &err) == CE_OK);
  REQUIRE(txn->put(store.ks, run_key(3), "new", 0, &err) == CE_OK);
  REQUIRE(c.step(1, &k, &v, &err) == CE_OK);
  CHECK(ce::to_view(k) == run_key(3));
  CHECK(ce::to_view(v) == "new");
}

TEST_CASE("the map grows under an open write transaction and its cursor", "[lmdb][map]") {
  TempStore store(1);
  auto txn = store.begin(true);
  ce_error err = ce::make_error();
  Cursor c(*txn, store.ks);
  const std::string value(64 * 1024, 'x');
  for (int i = 0; i < 100; ++i) {  // 6.4 MiB into a 1 MiB map
    REQUIRE(txn->put(store.ks, "k" + std::to_string(1000 + i), value, 0, &err) == CE_OK);
  }
  ce_bytes k{}, v{};
  REQUIRE(c.seek("k1050", &k, &v, &err) == CE_OK);
  CHECK(v.len == value.size());
  REQUIRE(txn->commit(&err) == CE_OK);
  MDB_envinfo info{};
  mdb_env_info(store.env->raw(), &info);
  CHECK(info.me_mapsize >= (std::size_t{8} << 20));
}

TEST_CASE("the map refuses to grow while the writer's own thread holds a reader", "[lmdb][map]") {
  // Growing waits for every transaction of the process to end; waiting for our own would hang.
  TempStore store(1);
  auto reader = store.begin(false);
  auto txn = store.begin(true);
  ce_error err = ce::make_error();
  const std::string value(64 * 1024, 'x');
  ce_status s = CE_OK;
  for (int i = 0; i < 100 && s == CE_OK; ++i) {
    s = txn->put(store.ks, "k" + std::to_string(i), value, 0, &err);
  }
  CHECK(s == CE_FULL);
  CHECK_THAT(err.message, Catch::Contains("holds a read transaction"));
}
