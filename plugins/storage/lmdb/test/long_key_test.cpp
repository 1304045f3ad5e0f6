// The stored form of long keys and records (long_key.hpp).
#include "long_key.hpp"

#include <catch2/catch.hpp>

using namespace ce::lmdb;

TEST_CASE("keys up to the inline limit are stored as they are", "[lmdb][long-key]") {
  const std::string key(kInlineKeyMax, 'k');
  CHECK(stored_key(key) == key);
  Record rec;
  const std::string raw = encode_record(key, "value");
  REQUIRE(decode_record(key, raw, &rec));
  CHECK(rec.key == key);
  CHECK(rec.value == "value");
  CHECK(static_cast<std::uint8_t>(raw[0]) == kPlainRecord);
}

TEST_CASE("a long key is stored as its prefix and a hash, the full key in the record",
          "[lmdb][long-key]") {
  const std::string a = std::string(kInlineKeyMax, 'p') + "a";
  const std::string b = std::string(kInlineKeyMax, 'p') + "b";
  const std::string sa = stored_key(a);
  CHECK(sa.size() == kLongStoredKeySize);
  CHECK(sa.substr(0, kInlineKeyMax) == a.substr(0, kInlineKeyMax));
  CHECK(sa != stored_key(b));
  CHECK(sa == stored_key(a));
  Record rec;
  const std::string raw = encode_record(a, std::string("\0v", 2));
  REQUIRE(decode_record(sa, raw, &rec));
  CHECK(rec.key == a);
  CHECK(rec.value == std::string("\0v", 2));
  CHECK(static_cast<std::uint8_t>(raw[0]) == kLongKeyRecord);
}

TEST_CASE("records with an unknown header or a short body are refused", "[lmdb][long-key]") {
  Record rec;
  CHECK_FALSE(decode_record("k", "", &rec));
  CHECK_FALSE(decode_record("k", "\x07value", &rec));
  CHECK_FALSE(decode_record("k", std::string("\x01\xff\x00\x00\x00", 5), &rec));
}

TEST_CASE("a plain key sorts against a long key's stored form as against the key itself",
          "[lmdb][long-key]") {
  // The property cursors rely on: only long keys sharing their prefix need sorting in memory.
  const std::string long_key = std::string(kInlineKeyMax, 'm') + "zz";
  for (const std::string& plain : {std::string(kInlineKeyMax, 'm'), std::string(10, 'm'),
                                   std::string(kInlineKeyMax, 'n'), std::string("a")}) {
    CHECK((plain < long_key) == (plain < stored_key(long_key)));
  }
}
