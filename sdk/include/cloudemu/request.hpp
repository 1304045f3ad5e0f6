// ce::Request: a read-only view of the host's ce_request plus body pulling.
#pragma once
#include <cloudemu/abi.h>

#include <cloudemu/aws_chunked.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/status.hpp>
#include <cloudemu/url.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ce {

/// Thrown by body reads: the client went away (CE_CLOSED) or the host failed. The service barrier
/// turns it into CE_INTERNAL; there is nobody left to answer anyway when the client closed.
struct BodyError : std::runtime_error {
  ce_status status;
  BodyError(ce_status s, const std::string& what) : std::runtime_error(what), status(s) {}
};

/// Thrown by read_all when the body exceeds its limit, so the service can answer 413/400.
struct BodyTooLarge : std::runtime_error {
  std::size_t limit;
  explicit BodyTooLarge(std::size_t l)
      : std::runtime_error("request body exceeds " + std::to_string(l) + " bytes"), limit(l) {}
};

/// The host's check of a signed aws-chunked body's chunk signatures (ABI 1.1 chunk_* slots), as
/// the decoder's SignatureCheck. Obtain it from Request::chunk_signatures().
class HostChunkSignatures final : public aws_chunked::SignatureCheck {
 public:
  HostChunkSignatures(const ce_host_api_v1* api, ce_body_host_ptr body) : api_(api), body_(body) {}
  void chunk_data(std::string_view bytes) override {
    api_->chunk_data(body_, ce_bytes{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()});
  }
  bool chunk_end(std::string_view signature) override {
    return api_->chunk_end(body_, ce_str{signature.data(), signature.size()}) == CE_OK;
  }
  bool trailers_end(std::span<const aws_chunked::Trailer> trailers,
                    std::string_view signature) override {
    std::vector<ce_header> views;
    views.reserve(trailers.size());
    for (const auto& [name, value] : trailers)
      views.push_back({{name.data(), name.size()}, {value.data(), value.size()}});
    return api_->chunk_trailers_end(body_, views.data(), views.size(),
                                    ce_str{signature.data(), signature.size()}) == CE_OK;
  }

 private:
  const ce_host_api_v1* api_;
  ce_body_host_ptr body_;
};

/// Views are valid until handle() returns (ABI ownership); copy what an async completion needs.
class Request {
 public:
  Request(const ce_host_api_v1* api, const ce_request* req) : api_(api), req_(req) {}

  const ce_request& raw() const noexcept { return *req_; }
  std::string_view method() const noexcept { return to_view(req_->method); }
  std::string_view target() const noexcept { return to_view(req_->target); }
  /// The path, still percent-encoded ("/bucket/a%20b"). See decoded_path().
  std::string_view path() const noexcept { return to_view(req_->path); }
  /// The raw query string without '?', still encoded.
  std::string_view query() const noexcept { return to_view(req_->query); }
  std::string_view host() const noexcept { return to_view(req_->host); }
  std::string_view request_id() const noexcept { return to_view(req_->request_id); }
  std::string_view account_id() const noexcept { return to_view(req_->account_id); }
  std::string_view region() const noexcept { return to_view(req_->region); }
  std::string_view signing_service() const noexcept { return to_view(req_->signing_service); }
  std::string_view access_key_id() const noexcept { return to_view(req_->access_key_id); }
  int64_t content_length() const noexcept { return req_->content_length; }
  bool is_head() const noexcept { return method() == "HEAD"; }

  /// The path with %XX decoded ('+' stays '+', as in S3 keys). nullopt if an escape is malformed.
  std::optional<std::string> decoded_path() const { return percent_decode(path(), false); }

  /// The first header named `name`, compared case-insensitively.
  std::optional<std::string_view> header(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < req_->header_count; ++i) {
      if (iequals(to_view(req_->headers[i].name), name)) return to_view(req_->headers[i].value);
    }
    return std::nullopt;
  }
  std::string_view header_or(std::string_view name, std::string_view fallback) const noexcept {
    return header(name).value_or(fallback);
  }

  /// The decoded query parameters (parsed once). A malformed escape throws AwsError
  /// MalformedQueryString, which the service adapter renders in the service's protocol.
  const Params& query_params() const {
    if (!query_params_) {
      auto parsed = parse_form(query());
      if (!parsed) throw AwsError::malformed_query_string();
      query_params_ = std::move(*parsed);
    }
    return *query_params_;
  }
  std::optional<std::string> query_param(std::string_view name) const {
    if (const std::string* v = find_param(query_params(), name)) return *v;
    return std::nullopt;
  }
  bool has_query_param(std::string_view name) const {
    return find_param(query_params(), name) != nullptr;
  }

  /// The check of this body's chunk signatures when the host verifies them (it enforces SigV4
  /// and the payload is STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]); nullptr when there is
  /// nothing to check, or the host predates ABI 1.1.
  std::unique_ptr<aws_chunked::SignatureCheck> chunk_signatures() const {
    if (req_->body == nullptr || !CE_HOST_HAS_SLOT(api_, chunk_data) ||
        !CE_HOST_HAS_SLOT(api_, chunk_trailers_end) ||
        api_->chunk_data(req_->body, ce_bytes{nullptr, 0}) != CE_OK)
      return nullptr;
    return std::make_unique<HostChunkSignatures>(api_, req_->body);
  }

  /// Pulls the next piece of the body into buf. @return bytes read; 0 at the end of the body.
  std::size_t read(void* buf, std::size_t cap) {
    if (req_->body == nullptr || cap == 0) return 0;
    std::size_t n = 0;
    ce_error err = make_error();
    const ce_status s = api_->body_read(req_->body, static_cast<uint8_t*>(buf), cap, &n, &err);
    if (s != CE_OK) {
      throw BodyError(s, std::string("body_read failed: ") + status_name(s) + " " + err.message);
    }
    return n;
  }

  /// Calls fn(std::string_view chunk) for each piece of the body, in chunks of up to chunk_size.
  template <typename Fn>
  void read_chunks(std::size_t chunk_size, Fn&& fn) {
    std::string buf(chunk_size, '\0');
    for (;;) {
      const std::size_t n = read(buf.data(), buf.size());
      if (n == 0) return;
      fn(std::string_view(buf.data(), n));
    }
  }

  /// The whole body, for small protocol payloads (JSON, forms). Throws BodyTooLarge past limit.
  std::string read_all(std::size_t limit) {
    std::string out;
    if (content_length() > 0 && static_cast<uint64_t>(content_length()) > limit) {
      throw BodyTooLarge(limit);
    }
    char buf[16384];
    for (;;) {
      const std::size_t n = read(buf, sizeof buf);
      if (n == 0) return out;
      if (out.size() + n > limit) throw BodyTooLarge(limit);
      out.append(buf, n);
    }
  }

 private:
  const ce_host_api_v1* api_;
  const ce_request* req_;
  mutable std::optional<Params> query_params_;
};

}  // namespace ce
