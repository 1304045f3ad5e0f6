#include <catch2/catch.hpp>
#include <cloudemu/keycodec.hpp>
#include <random>
#include <string>
#include <tuple>

namespace {

using Tuple = std::tuple<uint32_t, std::string, int64_t>;

std::string random_bytes(std::mt19937_64& rng) {
  // Bias toward 0x00, 0x01 and 0xFF: the bytes that interact with escaping and termination.
  static constexpr unsigned char k_special[] = {0x00, 0x01, 0xFF, 'a', 'b'};
  std::string s(rng() % 6, '\0');
  for (char& c : s) {
    c = static_cast<char>(rng() % 2 ? k_special[rng() % 5] : static_cast<unsigned char>(rng()));
  }
  return s;
}

Tuple random_tuple(std::mt19937_64& rng) {
  static constexpr int64_t k_ints[] = {INT64_MIN, -256, -1, 0, 1, 255, 0xFF01, INT64_MAX};
  return {static_cast<uint32_t>(rng() % 3), random_bytes(rng),
          rng() % 2 ? k_ints[rng() % 8] : static_cast<int64_t>(rng())};
}

std::string encode(const Tuple& t) {
  return ce::encode_key(std::get<0>(t), std::get<1>(t), std::get<2>(t));
}

int sign(int v) {
  return (v > 0) - (v < 0);
}

}  // namespace

TEST_CASE("tuple order equals byte order of encoded keys", "[sdk][keycodec]") {
  std::mt19937_64 rng(20240601);
  for (int i = 0; i < 20000; ++i) {
    const Tuple a = random_tuple(rng);
    const Tuple b = random_tuple(rng);
    const int tuple_cmp = a < b ? -1 : (b < a ? 1 : 0);
    const int byte_cmp = sign(encode(a).compare(encode(b)));
    INFO("a.str=" << std::get<1>(a).size() << " b.str=" << std::get<1>(b).size());
    REQUIRE(tuple_cmp == byte_cmp);
  }
}

TEST_CASE("encoded keys decode to the same tuple", "[sdk][keycodec]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Tuple t = random_tuple(rng);
    REQUIRE(ce::decode_key<uint32_t, std::string, int64_t>(encode(t)) == t);
  }
}

TEST_CASE("a string element that is a prefix of another sorts first even before 0xFF bytes",
          "[sdk][keycodec]") {
  // The case a bare 0x00 terminator gets wrong: ("a", 0xFF01) must sort before ("a\0", 0).
  const std::string lo = ce::encode_key(std::string_view("a"), uint16_t{0xFF01});
  const std::string hi = ce::encode_key(std::string("a\0", 2), uint16_t{0});
  REQUIRE(lo < hi);
}

TEST_CASE("signed integers sort numerically", "[sdk][keycodec]") {
  REQUIRE(ce::encode_key(int32_t{-2}) < ce::encode_key(int32_t{-1}));
  REQUIRE(ce::encode_key(int32_t{-1}) < ce::encode_key(int32_t{0}));
  REQUIRE(ce::encode_key(int64_t{INT64_MIN}) < ce::encode_key(int64_t{INT64_MAX}));
  REQUIRE(ce::encode_key(uint16_t{0x0102}) == std::string("\x01\x02", 2));
}

TEST_CASE("malformed keys are rejected", "[sdk][keycodec]") {
  REQUIRE_THROWS_AS(ce::decode_key<std::string>(std::string("ab", 2)), ce::KeyDecodeError);
  REQUIRE_THROWS_AS(ce::decode_key<std::string>(std::string("a\0\x02", 3)), ce::KeyDecodeError);
  REQUIRE_THROWS_AS(ce::decode_key<uint32_t>(std::string("\x01", 1)), ce::KeyDecodeError);
  REQUIRE_THROWS_AS(ce::decode_key<uint8_t>(std::string("\x01\x02", 2)), ce::KeyDecodeError);
}

TEST_CASE("prefix_successor bounds a prefix scan", "[sdk][keycodec]") {
  REQUIRE(ce::prefix_successor("ab") == std::optional<std::string>("ac"));
  REQUIRE(ce::prefix_successor(std::string("a\xFF", 2)) == std::optional<std::string>("b"));
  REQUIRE_FALSE(ce::prefix_successor(std::string("\xFF\xFF", 2)).has_value());
  REQUIRE_FALSE(ce::prefix_successor("").has_value());

  // Every key whose string element starts with "no" lies in [prefix, successor).
  const std::string prefix = ce::KeyWriter().u32(1).str_prefix("no").take();
  const std::string end = *ce::prefix_successor(prefix);
  for (std::string_view name :
       {std::string_view("no"), std::string_view("note"), std::string_view("no\0x", 4)}) {
    const std::string k = ce::encode_key(uint32_t{1}, name);
    REQUIRE(k >= prefix);
    REQUIRE(k < end);
  }
  REQUIRE(ce::encode_key(uint32_t{1}, std::string_view("np")) >= end);
  REQUIRE(ce::encode_key(uint32_t{1}, std::string_view("n")) < prefix);
}
