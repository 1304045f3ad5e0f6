#include <catch2/catch.hpp>

#include "test_service.hpp"

namespace {
struct Fixture {
  ce::testing::FakeHost host;
  ce::ServiceContext ctx;
  ce::Keyspace ks;
  Fixture() {
    REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
    ctx = ce::ServiceContext(host.api(), host.context("test-json"));
    ks = ce::open_keyspace(ctx, "scratch");
  }
};
}  // namespace

TEST_CASE_METHOD(Fixture, "a WriteTxn that is not committed is aborted", "[sdk][storage]") {
  {
    ce::WriteTxn txn(ctx);
    txn.put(ks, "k", "v");
  }
  ce::ReadTxn r(ctx);
  REQUIRE_FALSE(r.get(ks, "k").has_value());
}

TEST_CASE_METHOD(Fixture, "insert and del report EXISTS and NOT_FOUND as values",
                 "[sdk][storage]") {
  ce::with_write_txn(ctx, [&](ce::WriteTxn& txn) {
    REQUIRE(txn.insert(ks, "k", "1"));
    REQUIRE_FALSE(txn.insert(ks, "k", "2"));
    REQUIRE(txn.get(ks, "k") == std::optional<std::string_view>("1"));
    REQUIRE(txn.del(ks, "k"));
    REQUIRE_FALSE(txn.del(ks, "k"));
  });
}

TEST_CASE_METHOD(Fixture, "cursors seek, step both ways and find the last key", "[sdk][storage]") {
  const int n = ce::with_write_txn(ctx, [&](ce::WriteTxn& txn) {
    for (uint32_t i : {3u, 1u, 2u}) txn.put(ks, ce::encode_key(i), std::to_string(i));
    return 3;
  });
  REQUIRE(n == 3);
  ce::ReadTxn txn(ctx);
  ce::Cursor cur = txn.cursor(ks);
  auto kv = cur.seek(ce::encode_key(uint32_t{2}));
  REQUIRE(kv->second == "2");
  REQUIRE(cur.next()->second == "3");
  REQUIRE_FALSE(cur.next().has_value());
  REQUIRE(cur.last()->second == "3");
  REQUIRE(cur.prev()->second == "2");
  REQUIRE(cur.first()->second == "1");
  REQUIRE_FALSE(cur.seek(ce::encode_key(uint32_t{4})).has_value());
}

TEST_CASE_METHOD(Fixture, "blobs stream in, link in a txn and read back by range",
                 "[sdk][storage][blob]") {
  ce::BlobWriter w(ctx);
  w.write("hello ");
  w.write("world");
  const ce::CommittedBlob blob = w.commit();
  REQUIRE(blob.size == 11);
  ce::with_write_txn(ctx, [&](ce::WriteTxn& txn) { txn.link_blob(blob.id.data()); });

  REQUIRE(ce::BlobReader(ctx, blob.id).read_all() == "hello world");
  ce::BlobReader part(ctx, blob.id, 6, 3);
  REQUIRE(part.size() == 11);
  REQUIRE(part.read_all() == "wor");
  REQUIRE(ce::to_hex(blob.id).size() == 32);
}

TEST_CASE_METHOD(Fixture, "an unknown blob is StorageError NOT_FOUND", "[sdk][storage][blob]") {
  ce::BlobId missing{};
  try {
    ce::BlobReader r(ctx, missing);
    FAIL("expected StorageError");
  } catch (const ce::StorageError& e) {
    REQUIRE(e.status == CE_NOT_FOUND);
  }
}

TEST_CASE_METHOD(Fixture, "writing a response inside a write txn is flagged", "[sdk][storage]") {
  ce::testing::Exchange ex;
  {
    ce::Response resp(host.api(), reinterpret_cast<ce_response_host_ptr>(&ex));
    ce::WriteTxn txn(ctx);
    resp.write("x");
  }
  REQUIRE_THAT(host.violations().at(0), Catch::Contains("resp_write while a write transaction"));
}
