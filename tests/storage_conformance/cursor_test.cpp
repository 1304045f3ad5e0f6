// Cursor order, ends and seeks, including keys around LMDB's key-size limit.
#include <algorithm>

#include "harness.hpp"

using namespace conformance;

#define EACH_BACKEND() GENERATE(as<std::string>{}, "memory", "lmdb")

namespace {

std::vector<std::string> forward(Cursor& c) {
  std::vector<std::string> keys;
  for (ce_status s = c.seek(""); s == CE_OK; s = c.step(1)) keys.push_back(c.key);
  return keys;
}

std::vector<std::string> backward(Cursor& c) {
  std::vector<std::string> keys;
  for (ce_status s = c.last(); s == CE_OK; s = c.step(-1)) keys.push_back(c.key);
  return keys;
}

// Keys that share long prefixes and straddle the 400-byte inline limit of the lmdb backend, plus
// S3-sized (1024) and maximal (4096) keys: the order must be plain bytewise order.
std::vector<std::string> tricky_keys() {
  const std::string p(398, 'p');
  std::vector<std::string> keys;
  for (std::size_t len : {399u, 400u, 401u, 402u, 1024u, 4096u}) {
    for (char tail : {'\0', 'a', 'b', '\xff'}) {
      std::string k = p + std::string(len - p.size(), 'q');
      k.back() = tail;
      keys.push_back(k);
      k[len / 2] = 'r';  // another run sharing a shorter prefix
      keys.push_back(k);
    }
  }
  for (std::size_t len : {401u, 500u, 1024u}) {
    keys.push_back(std::string(400, 'p') + std::string(len - 400, 'a'));  // same 400-byte prefix
    keys.push_back(std::string(400, 'p') + std::string(len - 400, 'b'));
  }
  keys.push_back(std::string(400, 'p'));  // the plain key equal to that prefix
  keys.push_back("a");
  keys.push_back("zz");
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace

TEST_CASE("cursors walk keys in bytewise order around the key-size limit, both ways",
          "[storage][cursor]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/keys");
  const auto keys = tricky_keys();
  {
    Txn w(store, true);
    auto shuffled = keys;
    std::reverse(shuffled.begin(), shuffled.end());
    for (const auto& k : shuffled) REQUIRE(w.put(ks, k, "v" + std::to_string(k.size())) == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn r(store, false);
  Cursor c(r, store.be(), ks);
  CHECK(forward(c) == keys);
  auto reversed = keys;
  std::reverse(reversed.begin(), reversed.end());
  CHECK(backward(c) == reversed);
  for (const auto& k : keys) {
    std::string v;
    REQUIRE(r.get(ks, k, &v) == CE_OK);
    CHECK(v == "v" + std::to_string(k.size()));
  }
}

TEST_CASE("seek lands on the first key >= the target, also inside a run of long keys",
          "[storage][cursor]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/keys");
  const auto keys = tricky_keys();
  {
    Txn w(store, true);
    for (const auto& k : keys) REQUIRE(w.put(ks, k, "v") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn r(store, false);
  Cursor c(r, store.be(), ks);
  for (std::size_t i = 0; i < keys.size(); ++i) {
    INFO("seek to key #" << i << " of length " << keys[i].size());
    REQUIRE(c.seek(keys[i]) == CE_OK);
    CHECK(c.key == keys[i]);
    // Just past the key (key + '\0' is the next possible key): lands on the next one.
    const ce_status s = c.seek(keys[i] + std::string(1, '\0'));
    if (i + 1 < keys.size()) {
      REQUIRE(s == CE_OK);
      CHECK(c.key == keys[i + 1]);
      REQUIRE(c.step(-1) == CE_OK);
      CHECK(c.key == keys[i]);
    } else {
      CHECK(s == CE_END);
    }
  }
}

TEST_CASE("stepping past either end is CE_END; an empty keyspace has no last key",
          "[storage][cursor]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/keys");
  {
    Txn r(store, false);
    Cursor c(r, store.be(), ks);
    CHECK(c.last() == CE_END);
    CHECK(c.seek("") == CE_END);
  }
  {
    Txn w(store, true);
    REQUIRE(w.put(ks, "a", "1") == CE_OK);
    REQUIRE(w.put(ks, "b", "2") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn r(store, false);
  Cursor c(r, store.be(), ks);
  REQUIRE(c.last() == CE_OK);
  CHECK(c.key == "b");
  CHECK(c.value == "2");
  CHECK(c.step(1) == CE_END);
  REQUIRE(c.seek("a") == CE_OK);
  CHECK(c.step(-1) == CE_END);
  CHECK(c.seek("c") == CE_END);
}

TEST_CASE("a writer's cursor sees its own uncommitted puts and deletes", "[storage][cursor]") {
  Store store(EACH_BACKEND());
  const auto ks = store.keyspace("t/keys");
  {
    Txn w(store, true);
    for (const char* k : {"a", "c", "e"}) REQUIRE(w.put(ks, k, "old") == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  Txn w(store, true);
  REQUIRE(w.put(ks, "b", "new") == CE_OK);
  REQUIRE(w.del(ks, "c") == CE_OK);
  REQUIRE(w.put(ks, "e", "new") == CE_OK);
  Cursor c(w, store.be(), ks);
  CHECK(forward(c) == std::vector<std::string>{"a", "b", "e"});
  REQUIRE(c.seek("e") == CE_OK);
  CHECK(c.value == "new");
  REQUIRE(c.seek("a") == CE_OK);
  REQUIRE(w.put(ks, "aa", "mid") == CE_OK);  // written while the cursor sits on "a"
  REQUIRE(c.step(1) == CE_OK);
  CHECK(c.key == "aa");
}
