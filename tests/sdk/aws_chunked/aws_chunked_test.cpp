// ce::aws_chunked::Decoder: framing, limits, trailers and errors, under every way of slicing.
#include <catch2/catch.hpp>
#include <cloudemu/aws_chunked.hpp>
#include <string>

namespace chunked = ce::aws_chunked;
using chunked::Error;

namespace {

constexpr auto kSig = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";

struct Result {
  Error error;
  std::string data;
};

// Feeds `body` in slices of `step` bytes, then finish().
Result decode(std::string_view body, std::size_t step = 0, chunked::Options opt = {}) {
  chunked::Decoder d(opt);
  Result r{Error::none, {}};
  if (step == 0) step = body.size() + 1;
  for (std::size_t i = 0; i < body.size() && r.error == Error::none; i += step) {
    r.error = d.feed(body.substr(i, step), [&](std::string_view s) { r.data += s; });
  }
  if (r.error == Error::none) r.error = d.finish();
  return r;
}

// Records what a SignatureCheck is shown, and answers with `accept`.
struct RecordingCheck : chunked::SignatureCheck {
  bool accept = true;
  std::string current;
  std::vector<std::pair<std::string, std::string>> chunks;  // (data, signature)
  std::string trailer_sig;
  void chunk_data(std::string_view b) override { current += b; }
  bool chunk_end(std::string_view sig) override {
    chunks.emplace_back(std::move(current), std::string(sig));
    current.clear();
    return accept;
  }
  bool trailers_end(std::span<const chunked::Trailer>, std::string_view sig) override {
    trailer_sig = sig;
    return accept;
  }
};

}  // namespace

TEST_CASE("an unsigned body decodes to its data", "[sdk][aws_chunked]") {
  const std::string body = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  const Result r = decode(body);
  CHECK(r.error == Error::none);
  CHECK(r.data == "hello world");
}

TEST_CASE("every slicing of a body gives the same result", "[sdk][aws_chunked]") {
  const std::string body =
      "a;chunk-signature=" + std::string(kSig) +
      "\r\n0123456789\r\n3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
  for (std::size_t step = 1; step <= body.size(); ++step) {
    INFO("step " << step);
    const Result r = decode(body, step);
    REQUIRE(r.error == Error::none);
    REQUIRE(r.data == "0123456789abc");
  }
}

TEST_CASE("two-piece splits at every offset agree with one piece", "[sdk][aws_chunked]") {
  const std::string body = "4\r\nWiki\r\n5\r\npedia\r\n0\r\nx-amz-checksum-sha256:q==\r\n\r\n";
  for (std::size_t cut = 0; cut <= body.size(); ++cut) {
    chunked::Decoder d;
    std::string out;
    auto sink = [&](std::string_view s) { out += s; };
    REQUIRE(d.feed(std::string_view(body).substr(0, cut), sink) == Error::none);
    REQUIRE(d.feed(std::string_view(body).substr(cut), sink) == Error::none);
    REQUIRE(d.finish() == Error::none);
    REQUIRE(out == "Wikipedia");
    REQUIRE(d.trailer("x-amz-checksum-sha256") == "q==");
  }
}

TEST_CASE("trailers are collected, the trailer signature kept apart", "[sdk][aws_chunked]") {
  const std::string body =
      "0;chunk-signature=" + std::string(kSig) +
      "\r\nX-Amz-Checksum-CRC32C: sOO8/Q== \r\nx-amz-trailer-signature:" + std::string(kSig) +
      "\r\n\r\n";
  chunked::Decoder d;
  CHECK(d.feed(body, [](std::string_view) {}) == Error::none);
  CHECK(d.done());
  REQUIRE(d.trailers().size() == 1);
  CHECK(d.trailers()[0] == chunked::Trailer{"x-amz-checksum-crc32c", "sOO8/Q=="});
  CHECK(d.trailer_signature() == kSig);
  CHECK_FALSE(d.trailer("x-amz-trailer-signature"));
}

TEST_CASE("the signature check sees each chunk's data and signature", "[sdk][aws_chunked]") {
  const std::string sig2(64, 'b');
  const std::string body = "3;chunk-signature=" + std::string(kSig) +
                           "\r\nabc\r\n0;chunk-signature=" + sig2 +
                           "\r\nx-amz-trailer-signature:" + std::string(64, 'c') + "\r\n\r\n";
  RecordingCheck check;
  chunked::Options opt;
  opt.signatures = &check;
  opt.require_chunk_signatures = true;
  opt.require_trailer_signature = true;
  CHECK(decode(body, 2, opt).error == Error::none);
  REQUIRE(check.chunks.size() == 2);
  CHECK(check.chunks[0] == std::pair<std::string, std::string>{"abc", kSig});
  CHECK(check.chunks[1] == std::pair<std::string, std::string>{"", sig2});
  CHECK(check.trailer_sig == std::string(64, 'c'));

  check = RecordingCheck{};
  check.accept = false;
  CHECK(decode(body, 0, opt).error == Error::signature_mismatch);
}

TEST_CASE("a signed stream needs every signature", "[sdk][aws_chunked]") {
  chunked::Options opt;
  opt.require_chunk_signatures = true;
  CHECK(decode("3\r\nabc\r\n0\r\n\r\n", 0, opt).error == Error::missing_chunk_signature);
  opt.require_chunk_signatures = false;
  opt.require_trailer_signature = true;
  CHECK(decode("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", 0, opt).error ==
        Error::missing_trailer_signature);
}

TEST_CASE("x-amz-decoded-content-length must match", "[sdk][aws_chunked]") {
  chunked::Options opt;
  opt.decoded_length = 5;
  CHECK(decode("5\r\nhello\r\n0\r\n\r\n", 0, opt).error == Error::none);
  CHECK(decode("3\r\nhel\r\n0\r\n\r\n", 0, opt).error == Error::length_mismatch);
  // Too long is caught at the size line, before a byte beyond the declared length is emitted.
  const Result r = decode("3\r\nhel\r\n3\r\nlo!\r\n0\r\n\r\n", 0, opt);
  CHECK(r.error == Error::length_mismatch);
  CHECK(r.data == "hel");
}

TEST_CASE("only the last data chunk may be below the minimum size", "[sdk][aws_chunked]") {
  chunked::Options opt;
  opt.limits.min_chunk_size = 4;
  CHECK(decode("4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n", 0, opt).error == Error::none);
  CHECK(decode("2\r\nab\r\n4\r\ncdef\r\n0\r\n\r\n", 0, opt).error == Error::chunk_too_small);
}

TEST_CASE("malformed framing is an error value", "[sdk][aws_chunked]") {
  CHECK(decode("\r\n").error == Error::bad_chunk_size);
  CHECK(decode("xyz\r\n").error == Error::bad_chunk_size);
  CHECK(decode("3 \r\nabc\r\n").error == Error::bad_chunk_size);
  CHECK(decode("11111111111111111\r\n").error == Error::bad_chunk_size);  // 17 digits
  CHECK(decode("3\nabc\r\n").error == Error::missing_crlf);
  CHECK(decode("3\r\nabcX\r\n").error == Error::missing_crlf);
  CHECK(decode("3\r\nabc\rX").error == Error::missing_crlf);
  CHECK(decode("3;chunk-signature=abc\r\nabc\r\n").error == Error::bad_chunk_extension);
  CHECK(decode("3;=x\r\nabc\r\n").error == Error::bad_chunk_extension);
  CHECK(decode("0\r\nno-colon\r\n\r\n").error == Error::bad_trailer);
  CHECK(decode("0\r\n:v\r\n\r\n").error == Error::bad_trailer);
  CHECK(decode("0\r\n\r\nextra").error == Error::data_after_end);
  CHECK(decode("3\r\nab").error == Error::truncated);
  CHECK(decode("").error == Error::truncated);
}

TEST_CASE("unknown chunk extensions are ignored", "[sdk][aws_chunked]") {
  CHECK(decode("3;foo=bar\r\nabc\r\n0\r\n\r\n").data == "abc");
}

TEST_CASE("a body ending right after the last chunk line is accepted", "[sdk][aws_chunked]") {
  CHECK(decode("3\r\nabc\r\n0\r\n").error == Error::none);
}

TEST_CASE("limits bound what is buffered", "[sdk][aws_chunked]") {
  chunked::Options opt;
  opt.limits.max_line = 8;
  CHECK(decode("3;ext=123456\r\n", 1, opt).error == Error::chunk_line_too_long);
  opt = {};
  opt.limits.max_trailer_bytes = 10;
  CHECK(decode("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", 0, opt).error ==
        Error::trailer_too_large);
  opt = {};
  opt.limits.max_chunk_size = 2;
  CHECK(decode("3\r\nabc\r\n", 0, opt).error == Error::chunk_size_too_large);
}

TEST_CASE("errors are sticky", "[sdk][aws_chunked]") {
  chunked::Decoder d;
  CHECK(d.feed("zz\r\n", [](std::string_view) {}) == Error::bad_chunk_size);
  CHECK(d.feed("0\r\n\r\n", [](std::string_view) {}) == Error::bad_chunk_size);
  CHECK(d.finish() == Error::bad_chunk_size);
  CHECK(chunked::describe(d.error()) == "malformed chunk size");
}

TEST_CASE("x-amz-trailer lists names", "[sdk][aws_chunked]") {
  CHECK(chunked::parse_trailer_names("x-amz-checksum-crc32") ==
        std::vector<std::string>{"x-amz-checksum-crc32"});
  CHECK(chunked::parse_trailer_names(" X-Amz-Checksum-CRC32C , x-amz-checksum-sha256,,") ==
        std::vector<std::string>{"x-amz-checksum-crc32c", "x-amz-checksum-sha256"});
  CHECK(chunked::parse_trailer_names("").empty());
}
