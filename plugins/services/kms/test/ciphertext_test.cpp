// The symmetric ciphertext blob on its own: layout, round trip, and that any change to the
// blob or the encryption context fails authentication.
#include <catch2/catch.hpp>

#include "kms_bytes.hpp"
#include "kms_ciphertext.hpp"

using namespace kms;

namespace {
const std::string k_key_id = "1234abcd-12ab-34cd-56ef-1234567890ab";
}

TEST_CASE("A ciphertext blob names its key and material version", "[kms][ciphertext]") {
  const std::string aes = random_bytes(32);
  const std::string blob = encrypt_symmetric(k_key_id, 7, aes, {{"purpose", "test"}}, "secret");
  REQUIRE(blob.substr(0, 3) == "CEK");
  REQUIRE(blob[3] == 1);
  const auto parsed = parse_ciphertext(blob);
  REQUIRE(parsed);
  CHECK(parsed->key_id == k_key_id);
  CHECK(parsed->material_version == 7);
  CHECK(parsed->iv.size() == 12);
  CHECK(parsed->tag.size() == 16);
  CHECK(parsed->body.size() == 6);
  CHECK(blob.size() == 5 + k_key_id.size() + 4 + 12 + 16 + 6);
  CHECK(encode_ciphertext(*parsed) == blob);
}

TEST_CASE("A ciphertext round trips with the same encryption context in any order",
          "[kms][ciphertext]") {
  const std::string aes = random_bytes(32);
  const std::string blob = encrypt_symmetric(k_key_id, 1, aes, {{"a", "1"}, {"b", "2"}}, "hello");
  const auto parsed = parse_ciphertext(blob);
  REQUIRE(parsed);
  EncryptionContext same;
  same["b"] = "2";
  same["a"] = "1";
  CHECK(decrypt_symmetric(*parsed, aes, same) == std::optional<std::string>("hello"));
}

TEST_CASE("A changed context, key, byte or header fails authentication", "[kms][ciphertext]") {
  const std::string aes = random_bytes(32);
  const std::string blob = encrypt_symmetric(k_key_id, 1, aes, {{"a", "1"}}, "hello world");
  const auto parsed = parse_ciphertext(blob);
  REQUIRE(parsed);
  CHECK_FALSE(decrypt_symmetric(*parsed, aes, {{"a", "2"}}));
  CHECK_FALSE(decrypt_symmetric(*parsed, aes, {}));
  CHECK_FALSE(decrypt_symmetric(*parsed, random_bytes(32), {{"a", "1"}}));
  // Flip each byte in turn: the header, IV, tag and body are all authenticated.
  for (std::size_t i = 0; i < blob.size(); ++i) {
    std::string bad = blob;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    const auto p = parse_ciphertext(bad);
    if (p) CHECK_FALSE(decrypt_symmetric(*p, aes, {{"a", "1"}}));
  }
  // A context split differently ("ab"="" vs "a"="b") encodes differently.
  CHECK(canonical_context({{"ab", ""}}) != canonical_context({{"a", "b"}}));
}

TEST_CASE("Malformed blobs do not parse", "[kms][ciphertext]") {
  CHECK_FALSE(parse_ciphertext(""));
  CHECK_FALSE(parse_ciphertext("CEK"));
  CHECK_FALSE(parse_ciphertext(std::string("CEK\x02\x01x", 6)));
  CHECK_FALSE(parse_ciphertext(std::string("CEK\x01\x00", 5)));
  const std::string blob = encrypt_symmetric(k_key_id, 1, random_bytes(32), {}, "");
  CHECK(parse_ciphertext(blob));
  CHECK_FALSE(parse_ciphertext(blob.substr(0, blob.size() - 1)));
}

TEST_CASE("base64 round trips and refuses bad input", "[kms][bytes]") {
  for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"})
    CHECK(base64_decode(base64_encode(s)) == std::optional<std::string>(s));
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK_FALSE(base64_decode("Zm8"));
  CHECK_FALSE(base64_decode("Z=8="));
  CHECK_FALSE(base64_decode("Zm$="));
}
