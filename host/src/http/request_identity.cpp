#include "http/request_identity.hpp"

#include <cloudemu/text.hpp>

#include "auth/credentials.hpp"
#include "auth/crypto.hpp"
#include "auth/sigv4_parse.hpp"
#include "auth/sigv4_verify.hpp"
#include "http/dispatcher.hpp"
#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace {

constexpr std::size_t kSignedBodyLimit = 16 * 1024 * 1024;  // JSON/query documents are far smaller

std::vector<auth::HeaderView> header_views(const std::vector<ce_header>& headers) {
  std::vector<auth::HeaderView> out;
  out.reserve(headers.size());
  for (const auto& h : headers)
    out.emplace_back(std::string_view(h.name.ptr, h.name.len),
                     std::string_view(h.value.ptr, h.value.len));
  return out;
}

}  // namespace

RequestIdentity derive_identity(const std::vector<ce_header>& headers, std::string_view method,
                                std::string_view path, std::string_view query) {
  RequestIdentity id;
  const auto views = header_views(headers);
  auto outcome = auth::parse_auth(auth::RequestView{method, path, query, views});
  id.parse_error = outcome.error;
  id.parsed = std::move(outcome.auth);
  const auto& p = id.parsed;
  switch (p.kind) {
    case auth::AuthKind::none:
      id.auth_kind = CE_AUTH_NONE;
      break;
    case auth::AuthKind::presigned_v4:
    case auth::AuthKind::presigned_v2:
      id.auth_kind = CE_AUTH_PRESIGNED;
      break;
    default:
      id.auth_kind = CE_AUTH_HEADER;
      break;
  }
  id.access_key_id = p.access_key_id;
  id.service = p.service;
  id.region = p.region;
  if (!p.access_key_id.empty()) id.account_id = auth::account_for_access_key(p.access_key_id);
  return id;
}

AuthFailure verify_identity(HostRuntime& rt, Incoming& in, const RequestIdentity& id,
                            std::string_view service_id) {
  if (!id.parse_error.ok)
    return {static_cast<uint32_t>(id.parse_error.http_status), id.parse_error.code,
            id.parse_error.message};
  const bool s3 = service_id == "s3";
  if (id.parsed.kind == auth::AuthKind::none) {
    if (s3) return {403, "AccessDenied", "Access Denied"};
    return {403, "MissingAuthenticationTokenException", "Request is missing Authentication Token"};
  }
  // Services other than S3 sign the hash of the body itself: read it (it is small) and replay it.
  std::string body_hash;
  if (id.parsed.payload_mode == auth::PayloadMode::absent &&
      id.parsed.kind == auth::AuthKind::header_v4) {
    std::string body;
    uint8_t buf[16384];
    for (;;) {
      size_t n = 0;
      if (in.body->read(buf, sizeof buf, &n, nullptr) != CE_OK || n == 0) break;
      body.append(reinterpret_cast<const char*>(buf), n);
      if (body.size() > kSignedBodyLimit)
        return {413, "RequestEntityTooLarge", "The request body is too large to verify"};
    }
    body_hash = auth::sha256_hex(body);
    in.owned_body = std::make_unique<ReplayBody>(std::move(body), in.body);
    in.body = in.owned_body.get();
  }
  const auto views = header_views(in.headers);
  const auth::RequestView view{in.method, ce::target_path(in.target), ce::target_query(in.target),
                               views};
  const auto now =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(rt.clock.now_ms()));
  const auto verified = auth::verify_request(view, id.parsed, rt.credentials, now, body_hash);
  if (!verified.ok())
    return {static_cast<uint32_t>(verified.result.http_status), verified.result.code,
            verified.result.message};
  // A body signed per chunk chains from the signature just accepted: the service, which decodes
  // the body, shows the host each chunk (ce_host_api_v1.chunk_*).
  if (verified.signature_checked &&
      (id.parsed.payload_mode == auth::PayloadMode::streaming_signed ||
       id.parsed.payload_mode == auth::PayloadMode::streaming_signed_trailer))
    in.body->signatures = std::make_unique<auth::ChunkSignatureVerifier>(
        auth::make_chunk_verifier(id.parsed, verified));
  return {};
}

}  // namespace ce::host
