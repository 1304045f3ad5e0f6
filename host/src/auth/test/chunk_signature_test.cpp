// The S3 chunked-upload example (66560 bytes of 'a' in chunks of 65536, 1024 and 0) decoded by
// ce::aws_chunked::Decoder with the host's chain verifier, plus the signed-trailer vector.
#include "auth/chunk_signature.hpp"

#include <catch2/catch.hpp>
#include <cloudemu/aws_chunked.hpp>

#include "auth/signing.hpp"

using namespace ce::host::auth;
namespace chunked = ce::aws_chunked;

namespace {

constexpr auto kSeed = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr auto kSig1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
constexpr auto kSig2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
constexpr auto kSigFinal = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
constexpr auto kTrailerSig = "df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c";

ChunkSignatureVerifier example_verifier() {
  const Digest key =
      signing_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3");
  return ChunkSignatureVerifier(key, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request",
                                kSeed);
}

std::string example_body(std::string_view tail = "\r\n") {
  std::string body = "10000;chunk-signature=" + std::string(kSig1) + "\r\n";
  body += std::string(65536, 'a') + "\r\n";
  body += "400;chunk-signature=" + std::string(kSig2) + "\r\n";
  body += std::string(1024, 'a') + "\r\n";
  body += "0;chunk-signature=" + std::string(kSigFinal) + "\r\n";
  body += tail;
  return body;
}

}  // namespace

TEST_CASE("chunk string to sign has the documented shape", "[auth][chunked]") {
  CHECK(chunk_string_to_sign("20130524T000000Z", "20130524/us-east-1/s3/aws4_request", kSeed,
                             sha256_hex(std::string(65536, 'a'))) ==
        "AWS4-HMAC-SHA256-PAYLOAD\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" +
            std::string(kSeed) +
            "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "bf718b6f653bebc184e1479f1935b8da974d701b893afcf49e701f3e2f9f9c5a");
}

TEST_CASE("documented chunked upload verifies chunk by chunk", "[auth][chunked][aws]") {
  const std::string body = example_body();
  REQUIRE(body.size() == 66824);  // the example's Content-Length
  ChunkSignatureVerifier verifier = example_verifier();
  chunked::Options opt;
  opt.decoded_length = 66560;
  opt.require_chunk_signatures = true;
  opt.limits.min_chunk_size = 8192;
  opt.signatures = &verifier;
  chunked::Decoder decoder(opt);
  std::size_t decoded = 0;
  // Odd slice sizes so chunk boundaries fall mid-slice and mid-line.
  for (std::size_t i = 0; i < body.size(); i += 997) {
    REQUIRE(decoder.feed(std::string_view(body).substr(i, 997),
                         [&](std::string_view d) { decoded += d.size(); }) == chunked::Error::none);
  }
  CHECK(decoder.finish() == chunked::Error::none);
  CHECK(decoded == 66560);
  CHECK(verifier.chunks_verified() == 3);
}

TEST_CASE("a modified byte in the second chunk breaks the chain", "[auth][chunked]") {
  std::string body = example_body();
  body[65626 + 86 + 10] = 'b';  // inside the 1024-byte chunk
  ChunkSignatureVerifier verifier = example_verifier();
  chunked::Options opt;
  opt.signatures = &verifier;
  chunked::Decoder decoder(opt);
  CHECK(decoder.feed(body, [](std::string_view) {}) == chunked::Error::signature_mismatch);
  CHECK(verifier.chunks_verified() == 1);
}

TEST_CASE("signed trailers chain from the final chunk signature", "[auth][chunked][aws]") {
  const std::string body =
      example_body("first:1st\r\nsecond:2nd\r\nthird:3rd\r\nx-amz-trailer-signature:" +
                   std::string(kTrailerSig) + "\r\n\r\n");
  ChunkSignatureVerifier verifier = example_verifier();
  chunked::Options opt;
  opt.require_chunk_signatures = true;
  opt.require_trailer_signature = true;
  opt.signatures = &verifier;
  chunked::Decoder decoder(opt);
  CHECK(decoder.feed(body, [](std::string_view) {}) == chunked::Error::none);
  CHECK(decoder.finish() == chunked::Error::none);
  CHECK(decoder.trailer("second") == "2nd");
  CHECK(canonical_trailers(decoder.trailers()) == "first:1st\nsecond:2nd\nthird:3rd\n");
}

TEST_CASE("a tampered trailer value is refused", "[auth][chunked]") {
  const std::string body =
      example_body("first:1st\r\nsecond:2nd\r\nthird:3RD\r\nx-amz-trailer-signature:" +
                   std::string(kTrailerSig) + "\r\n\r\n");
  ChunkSignatureVerifier verifier = example_verifier();
  chunked::Options opt;
  opt.signatures = &verifier;
  chunked::Decoder decoder(opt);
  CHECK(decoder.feed(body, [](std::string_view) {}) == chunked::Error::signature_mismatch);
}
