// Key-value semantics every backend shares. Each case runs once per backend (GENERATE).
#include <thread>

#include "harness.hpp"

using namespace conformance;

#define EACH_BACKEND() GENERATE(as<std::string>{}, "memory", "lmdb")

TEST_CASE("get of a missing key is CE_NOT_FOUND, not an error", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  Txn txn(store, false);
  CHECK(txn.get(ks, "nope") == CE_NOT_FOUND);
}

TEST_CASE("put then get returns the value; del removes it once", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  Txn w(store, true);
  REQUIRE(w.put(ks, "k", std::string("v\0w", 3)) == CE_OK);
  std::string v;
  REQUIRE(w.get(ks, "k", &v) == CE_OK);
  CHECK(v == std::string("v\0w", 3));
  REQUIRE(w.put(ks, "empty", "") == CE_OK);
  REQUIRE(w.get(ks, "empty", &v) == CE_OK);
  CHECK(v.empty());
  CHECK(w.del(ks, "k") == CE_OK);
  CHECK(w.del(ks, "k") == CE_NOT_FOUND);
  CHECK(w.get(ks, "k") == CE_NOT_FOUND);
  REQUIRE(w.commit() == CE_OK);
}

TEST_CASE("NO_OVERWRITE on an existing key is CE_EXISTS and keeps the old value", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  const std::string long_key(3000, 'L');
  {
    Txn w(store, true);
    REQUIRE(w.put(ks, "k", "old") == CE_OK);
    REQUIRE(w.put(ks, long_key, "old") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn w(store, true);
  CHECK(w.put(ks, "k", "new", CE_PUT_NO_OVERWRITE) == CE_EXISTS);
  CHECK(w.put(ks, long_key, "new", CE_PUT_NO_OVERWRITE) == CE_EXISTS);
  CHECK(w.put(ks, "other", "new", CE_PUT_NO_OVERWRITE) == CE_OK);
  std::string v;
  REQUIRE(w.get(ks, "k", &v) == CE_OK);
  CHECK(v == "old");
  REQUIRE(w.get(ks, long_key, &v) == CE_OK);
  CHECK(v == "old");
}

TEST_CASE("empty keys are CE_INVALID and keys over max_key_size CE_KEY_TOO_LONG", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  REQUIRE(store.be().max_key_size(store.handle()) == 4096);
  Txn w(store, true);
  CHECK(w.put(ks, "", "v") == CE_INVALID);
  CHECK(w.put(ks, std::string(4097, 'k'), "v") == CE_KEY_TOO_LONG);
  CHECK(w.put(ks, std::string(4096, 'k'), "v") == CE_OK);
  std::string v;
  CHECK(w.get(ks, std::string(4096, 'k'), &v) == CE_OK);
}

TEST_CASE("writes in a read-only transaction are refused", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  Txn r(store, false);
  CHECK(r.put(ks, "k", "v") == CE_INVALID);
  CHECK(r.del(ks, "k") == CE_INVALID);
}

TEST_CASE("an aborted transaction leaves nothing behind", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  {
    Txn w(store, true);
    REQUIRE(w.put(ks, "k", "v") == CE_OK);
    w.abort();
  }
  Txn r(store, false);
  CHECK(r.get(ks, "k") == CE_NOT_FOUND);
}

TEST_CASE("a reader keeps its snapshot while a writer commits, even on the same thread",
          "[storage][kv][mvcc]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  {
    Txn w(store, true);
    REQUIRE(w.put(ks, "k", "v1") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn before(store, false);
  {
    Txn w(store, true);
    REQUIRE(w.put(ks, "k", "v2") == CE_OK);
    REQUIRE(w.put(ks, "new", "n") == CE_OK);
    std::string v;
    REQUIRE(before.get(ks, "k", &v) == CE_OK);  // the writer is open, uncommitted
    CHECK(v == "v1");
    REQUIRE(w.commit() == CE_OK);
  }
  std::string v;
  REQUIRE(before.get(ks, "k", &v) == CE_OK);
  CHECK(v == "v1");
  CHECK(before.get(ks, "new") == CE_NOT_FOUND);
  Txn after(store, false);
  REQUIRE(after.get(ks, "k", &v) == CE_OK);
  CHECK(v == "v2");
}

TEST_CASE("clear empties a keyspace inside the transaction only", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/items");
  const auto other = store.keyspace("t/other");
  {
    Txn w(store, true);
    for (int i = 0; i < 50; ++i) REQUIRE(w.put(ks, "k" + std::to_string(i), "v") == CE_OK);
    REQUIRE(w.put(other, "k", "v") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn before(store, false);
  {
    Txn w(store, true);
    REQUIRE(w.clear(ks) == CE_OK);
    CHECK(w.get(ks, "k1") == CE_NOT_FOUND);
    REQUIRE(w.put(ks, "fresh", "v") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  CHECK(before.get(ks, "k1") == CE_OK);
  Txn r(store, false);
  CHECK(r.get(ks, "k1") == CE_NOT_FOUND);
  CHECK(r.get(ks, "fresh") == CE_OK);
  CHECK(r.get(other, "k") == CE_OK);
  Cursor c(r, store.be(), ks);
  REQUIRE(c.seek("") == CE_OK);
  CHECK(c.key == "fresh");
  CHECK(c.step(1) == CE_END);
}

TEST_CASE("keyspace_list names every keyspace; ids are stable", "[storage][kv]") {
  Store store(EACH_BACKEND());
  const auto a = store.keyspace("s3/buckets");
  const auto b = store.keyspace("s3/objects");
  CHECK(store.keyspace("s3/buckets") == a);
  CHECK(a != b);
  auto names = store.keyspaces();
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"s3/buckets", "s3/objects"});
}

TEST_CASE("concurrent writers from several threads serialize: increments add up",
          "[storage][kv][threads]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/counter");
  constexpr int kThreads = 4;
  constexpr int kIncrements = 100;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        ce_error err = ce::make_error();
        ce_txn_plugin_ptr txn = nullptr;
        if (store.be().txn_begin(store.handle(), 0, &txn, &err) != CE_OK) {
          ++failures;
          return;
        }
        ce_bytes v{};
        int n = 0;
        if (store.be().get(txn, ks, ce::to_bytes("n"), &v, &err) == CE_OK) {
          n = std::stoi(std::string(ce::to_view(v)));
        }
        const std::string next = std::to_string(n + 1);
        if (store.be().put(txn, ks, ce::to_bytes("n"), ce::to_bytes(next), 0, &err) != CE_OK ||
            store.be().txn_commit(txn, &err) != CE_OK) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  Txn r(store, false);
  std::string v;
  REQUIRE(r.get(ks, "n", &v) == CE_OK);
  CHECK(v == std::to_string(kThreads * kIncrements));
}

TEST_CASE("readers on other threads never see a half-committed transaction",
          "[storage][kv][threads][mvcc]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/pair");
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  // Catch2 macros are not thread-safe: this thread uses the C table directly.
  std::thread reader([&] {
    const ce_storage_backend_v1& be = store.be();
    while (!done) {
      ce_error err = ce::make_error();
      ce_txn_plugin_ptr r = nullptr;
      if (be.txn_begin(store.handle(), CE_TXN_READ_ONLY, &r, &err) != CE_OK) {
        ++torn;
        return;
      }
      ce_bytes a{}, b{};
      const ce_status sa = be.get(r, ks, ce::to_bytes("a"), &a, &err);
      const ce_status sb = be.get(r, ks, ce::to_bytes("b"), &b, &err);
      if (sa != sb || (sa == CE_OK && ce::to_view(a) != ce::to_view(b))) ++torn;
      be.txn_abort(r);
    }
  });
  for (int i = 0; i < 200; ++i) {
    Txn w(store, true);
    REQUIRE(w.put(ks, "a", std::to_string(i)) == CE_OK);
    REQUIRE(w.put(ks, "b", std::to_string(i)) == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  done = true;
  reader.join();
  CHECK(torn == 0);
}
