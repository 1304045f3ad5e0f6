// The blob lifecycle every backend shares: pending -> linked -> unlinked -> collected.
#include "harness.hpp"

using namespace conformance;

#define EACH_BACKEND() GENERATE(as<std::string>{}, "memory", "lmdb")

namespace {

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7919 + i / 251) & 0xff);
  return s;
}

void link(Store& store, std::string_view ns, const BlobId& id) {
  Txn w(store, true);
  REQUIRE_OK(w.link(ns, id.data()), w.err);
  REQUIRE_OK(w.commit(), w.err);
}

}  // namespace

TEST_CASE("a 0-byte blob and a 5 MiB + 1 blob read back byte for byte", "[storage][blob]") {
  Store store(EACH_BACKEND());
  const BlobId empty = write_blob(store, "s3", "");
  CHECK(read_blob(store, "s3", empty) == std::string());
  const std::string big = pattern((5u << 20) + 1);
  const BlobId id = write_blob(store, "s3", big, 1 << 20);
  CHECK(id != empty);
  const auto back = read_blob(store, "s3", id);
  REQUIRE(back.has_value());
  CHECK(back->size() == big.size());
  CHECK(*back == big);
}

TEST_CASE("range reads return exactly the asked bytes", "[storage][blob]") {
  Store store(EACH_BACKEND());
  const std::string data = pattern(300000);
  const BlobId id = write_blob(store, "s3", data);
  CHECK(read_blob(store, "s3", id, 0, 1) == data.substr(0, 1));
  CHECK(read_blob(store, "s3", id, 123456, 100001) == data.substr(123456, 100001));
  CHECK(read_blob(store, "s3", id, 299990) == data.substr(299990));
  CHECK(read_blob(store, "s3", id, 299990, 1000) == data.substr(299990));
  CHECK(read_blob(store, "s3", id, 300000) == std::string());
}

TEST_CASE("unknown blobs and other namespaces are CE_NOT_FOUND", "[storage][blob]") {
  Store store(EACH_BACKEND());
  const BlobId id = write_blob(store, "s3", "x");
  CHECK_FALSE(read_blob(store, "sqs", id).has_value());
  BlobId unknown(CE_BLOB_ID_SIZE, 0x42);
  CHECK_FALSE(read_blob(store, "s3", unknown).has_value());
  Txn w(store, true);
  CHECK(w.link("s3", unknown.data()) == CE_NOT_FOUND);
}

TEST_CASE("pending blobs committed before the cutoff are collected, linked ones stay",
          "[storage][blob]") {
  Store store(EACH_BACKEND());
  set_clock(1'000'000);
  const BlobId pending = write_blob(store, "s3", "pending");
  const BlobId linked = write_blob(store, "s3", "linked");
  link(store, "s3", linked);
  CHECK(collect(store, "s3", 1'000'000) == 0);  // committed at the cutoff: not before it
  CHECK(read_blob(store, "s3", pending) == "pending");
  set_clock(2'000'000);
  const BlobId young = write_blob(store, "s3", "young");
  CHECK(collect(store, "s3", 1'500'000) == 1);
  CHECK_FALSE(read_blob(store, "s3", pending).has_value());
  CHECK(read_blob(store, "s3", linked) == "linked");
  CHECK(read_blob(store, "s3", young) == "young");
  {
    Txn w(store, true);  // too late: the collector took it
    CHECK(w.link("s3", pending.data()) == CE_NOT_FOUND);
  }
  set_clock(0);
}

TEST_CASE("an unlinked blob goes at commit + collect; an open reader keeps reading",
          "[storage][blob]") {
  Store store(EACH_BACKEND());
  const std::string data = pattern(200000);
  const BlobId id = write_blob(store, "s3", data);
  link(store, "s3", id);
  ce_error err = ce::make_error();
  ce_blob_reader_plugin_ptr r = nullptr;
  std::uint64_t size = 0;
  REQUIRE_OK(store.be().blob_reader_open(store.handle(), ce::to_str("s3"), id.data(), 0, UINT64_MAX,
                                         &r, &size, &err),
             err);
  CHECK(size == data.size());
  {
    Txn w(store, true);
    REQUIRE(w.unlink("s3", id.data()) == CE_OK);
    CHECK(read_blob(store, "s3", id) == data);  // not before the commit
    w.abort();
  }
  CHECK(read_blob(store, "s3", id) == data);
  {
    Txn w(store, true);
    REQUIRE(w.unlink("s3", id.data()) == CE_OK);
    REQUIRE(w.commit() == CE_OK);
  }
  CHECK_FALSE(read_blob(store, "s3", id).has_value());
  CHECK(collect(store, "s3", 0) == 1);
  std::string out;
  std::vector<std::uint8_t> buf(64 * 1024);
  for (;;) {
    std::size_t n = 0;
    REQUIRE_OK(store.be().blob_read(r, buf.data(), buf.size(), &n, &err), err);
    if (n == 0) break;
    out.append(reinterpret_cast<const char*>(buf.data()), n);
  }
  store.be().blob_reader_close(r);
  CHECK(out == data);
}

TEST_CASE("collect with CE_BLOB_COLLECT_ALL drops every blob of the namespace only",
          "[storage][blob]") {
  Store store(EACH_BACKEND());
  const BlobId a = write_blob(store, "s3", "a");
  const BlobId b = write_blob(store, "s3", "b");
  const BlobId other = write_blob(store, "sqs", "other");
  link(store, "s3", a);
  CHECK(collect(store, "s3", 0, CE_BLOB_COLLECT_ALL) == 2);
  CHECK_FALSE(read_blob(store, "s3", a).has_value());
  CHECK_FALSE(read_blob(store, "s3", b).has_value());
  CHECK(read_blob(store, "sqs", other) == "other");
}

TEST_CASE("an aborted blob writer leaves nothing to collect", "[storage][blob]") {
  Store store(EACH_BACKEND());
  ce_error err = ce::make_error();
  ce_blob_writer_plugin_ptr w = nullptr;
  REQUIRE_OK(store.be().blob_writer_open(store.handle(), ce::to_str("s3"), &w, &err), err);
  REQUIRE_OK(store.be().blob_write(w, ce::to_bytes("partial"), &err), err);
  store.be().blob_abort(w);
  CHECK(collect(store, "", INT64_MAX) == 0);
}

TEST_CASE("bad blob namespaces are CE_INVALID", "[storage][blob]") {
  Store store(EACH_BACKEND());
  ce_error err = ce::make_error();
  ce_blob_writer_plugin_ptr w = nullptr;
  for (const char* ns : {"", "..", "a/b", ".tmp"}) {
    CHECK(store.be().blob_writer_open(store.handle(), ce::to_str(ns), &w, &err) == CE_INVALID);
  }
}
