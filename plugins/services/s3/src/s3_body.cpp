// Upload bodies: framing, digests and validation, then inline bytes or one committed blob.
#include "s3_body.hpp"

#include <charconv>
#include <cloudemu/aws_chunked.hpp>
#include <memory>
#include <vector>

#include "s3_errors.hpp"

namespace s3 {

namespace {

constexpr std::size_t k_read_chunk = 256 * 1024;

std::optional<uint64_t> parse_u64(std::string_view s) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

/// The x-amz-checksum-* headers present on the request (S3 allows one).
std::vector<std::pair<ChecksumAlgorithm, std::string>> checksum_headers(const ce::Request& req) {
  std::vector<std::pair<ChecksumAlgorithm, std::string>> out;
  for (const auto a :
       {ChecksumAlgorithm::crc32, ChecksumAlgorithm::crc32c, ChecksumAlgorithm::crc64nvme,
        ChecksumAlgorithm::sha1, ChecksumAlgorithm::sha256}) {
    if (const auto v = req.header(checksum_header(a))) out.emplace_back(a, std::string(*v));
  }
  return out;
}

ce::AwsError chunked_error(ce::aws_chunked::Error e) {
  using ce::aws_chunked::Error;
  switch (e) {
    case Error::truncated:
    case Error::length_mismatch:
      return err::incomplete_body();
    case Error::chunk_too_small:
      return ce::AwsError::client(400, "InvalidChunkSizeError",
                                  "Only the last chunk is allowed to have a size less than 8192 "
                                  "bytes");
    case Error::signature_mismatch:
      return ce::AwsError::client(403, "SignatureDoesNotMatch",
                                  "The request signature we calculated does not match the "
                                  "signature you provided.");
    default:
      return err::invalid_request("Malformed aws-chunked body: " +
                                  std::string(ce::aws_chunked::describe(e)));
  }
}

/// Where decoded bytes go: memory while small, then a blob.
class Sink {
 public:
  Sink(const ce::ServiceContext& ctx, bool allow_inline, std::optional<uint64_t> expected)
      : ctx_(ctx), inline_(allow_inline && expected && *expected <= k_inline_limit) {}
  void write(std::string_view data) {
    if (!writer_ && (!inline_ || buffer_.size() + data.size() > k_inline_limit)) {
      writer_ = std::make_unique<ce::BlobWriter>(ctx_);
      if (!buffer_.empty()) writer_->write(buffer_);
      buffer_.clear();
    }
    if (writer_) {
      writer_->write(data);
    } else {
      buffer_.append(data);
    }
  }
  void finish(IngestedBody& out) {
    if (writer_) {
      out.blob = writer_->commit();
    } else {
      out.inline_body = std::move(buffer_);
    }
  }

 private:
  const ce::ServiceContext& ctx_;
  bool inline_;
  std::string buffer_;
  std::unique_ptr<ce::BlobWriter> writer_;
};

}  // namespace

void IngestedBody::store_into(ObjectVersion& v) const {
  v.size = size;
  v.etag = etag();
  v.checksum = checksum;
  v.inline_body = inline_body;
  v.segments.clear();
  if (blob) v.segments.push_back({blob_bytes(blob->id), blob->size});
}

std::optional<ChecksumAlgorithm> requested_checksum(const ce::Request& req) {
  const auto headers = checksum_headers(req);
  if (headers.size() > 1)
    throw err::invalid_request(
        "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  if (!headers.empty()) return headers.front().first;
  for (const char* name : {"x-amz-sdk-checksum-algorithm", "x-amz-checksum-algorithm"}) {
    if (const auto v = req.header(name)) {
      const auto a = parse_checksum_algorithm(*v);
      if (!a)
        throw err::invalid_request(
            "Checksum algorithm provided is unsupported. Please try again with any of the valid "
            "types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
      return a;
    }
  }
  if (const auto t = req.header("x-amz-trailer")) {
    for (const auto& name : ce::aws_chunked::parse_trailer_names(*t)) {
      if (std::string_view(name).starts_with("x-amz-checksum-")) {
        const auto a = parse_checksum_algorithm(name.substr(15));
        if (!a)
          throw err::invalid_request(
              "The value specified in the x-amz-trailer header is not supported");
        return a;
      }
    }
  }
  return std::nullopt;
}

IngestedBody ingest_body(Call& call, const IngestOptions& opt) {
  ce::Request& req = call.req;
  const std::string_view content_sha = req.header_or("x-amz-content-sha256", "");
  const bool chunked =
      std::string_view(content_sha).starts_with("STREAMING-") ||
      req.header_or("content-encoding", "").find("aws-chunked") != std::string_view::npos;

  // Size as announced, checked before reading a byte.
  std::optional<uint64_t> expected;
  if (chunked) {
    const auto decoded = req.header("x-amz-decoded-content-length");
    if (!decoded) throw err::missing_content_length();
    expected = parse_u64(*decoded);
    if (!expected)
      throw err::invalid_argument("Invalid x-amz-decoded-content-length",
                                  "x-amz-decoded-content-length", *decoded);
  } else if (req.content_length() >= 0) {
    expected = static_cast<uint64_t>(req.content_length());
  } else {
    throw err::missing_content_length();
  }
  if (*expected > opt.max_size) throw err::entity_too_large(*expected, opt.max_size);

  // Digests asked for, validated before anything is published.
  std::optional<std::string> content_md5;
  if (const auto h = req.header("content-md5")) {
    content_md5 = base64_decode(*h);
    if (!content_md5 || content_md5->size() != 16) throw err::invalid_digest();
  }
  const auto algorithm = requested_checksum(req);
  std::optional<std::string> header_checksum;
  for (const auto& [a, value] : checksum_headers(req)) {
    header_checksum = base64_decode(value);
    if (!header_checksum || header_checksum->size() != checksum_size(a))
      throw err::invalid_request("Value for " + checksum_header(a) + " header is invalid.");
  }
  const bool payload_sha_given = content_sha.size() == 64;

  Md5 md5;
  std::optional<Hasher> hasher;
  if (algorithm) hasher.emplace(*algorithm);
  std::optional<Hasher> payload_sha;
  if (payload_sha_given) payload_sha.emplace(ChecksumAlgorithm::sha256);
  Sink sink(call.ctx(), opt.allow_inline, expected);
  uint64_t size = 0;
  auto take = [&](std::string_view data) {
    size += data.size();
    if (size > *expected) throw err::incomplete_body();
    md5.update(data);
    if (hasher) hasher->update(data);
    if (payload_sha) payload_sha->update(data);
    sink.write(data);
  };

  ce::aws_chunked::Options copt;
  copt.decoded_length = expected;
  copt.require_chunk_signatures =
      std::string_view(content_sha).starts_with("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
  copt.require_trailer_signature = content_sha == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  // The host checks the chunk signatures when it enforces SigV4 (it holds the signing key).
  const auto signatures = copt.require_chunk_signatures ? req.chunk_signatures() : nullptr;
  copt.signatures = signatures.get();
  ce::aws_chunked::Decoder decoder(copt);
  req.read_chunks(k_read_chunk, [&](std::string_view piece) {
    if (!chunked) return take(piece);
    const auto e = decoder.feed(piece, take);
    if (e != ce::aws_chunked::Error::none) throw chunked_error(e);
  });
  if (chunked) {
    if (const auto e = decoder.finish(); e != ce::aws_chunked::Error::none) throw chunked_error(e);
  }
  if (size != *expected) throw err::incomplete_body();

  IngestedBody out;
  out.size = size;
  out.md5 = md5.digest();
  if (content_md5 && *content_md5 != out.md5) throw err::bad_digest();
  if (payload_sha) {
    const std::string computed = to_hex(payload_sha->digest());
    if (computed != content_sha)
      throw ce::AwsError::client(400, "XAmzContentSHA256Mismatch",
                                 "The provided 'x-amz-content-sha256' header does not match what "
                                 "was computed.")
          .with("ClientComputedContentSHA256", std::string(content_sha))
          .with("S3ComputedContentSHA256", computed);
  }
  if (hasher) {
    const std::string digest = hasher->digest();
    std::optional<std::string> claimed = header_checksum;
    if (!claimed && chunked) {
      if (const auto t = decoder.trailer(checksum_header(*algorithm))) {
        claimed = base64_decode(*t);
        if (!claimed || claimed->size() != checksum_size(*algorithm))
          throw err::invalid_request("Value for " + checksum_header(*algorithm) +
                                     " trailing header is invalid.");
      }
    }
    if (claimed && *claimed != digest) throw err::bad_checksum(checksum_name(*algorithm));
    out.checksum = {std::string(checksum_name(*algorithm)), base64_encode(digest), "FULL_OBJECT"};
  }
  sink.finish(out);
  return out;
}

}  // namespace s3
