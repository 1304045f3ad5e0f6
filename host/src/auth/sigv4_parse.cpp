#include "sigv4_parse.hpp"

#include <charconv>
#include <cloudemu/text.hpp>

#include "amz_date.hpp"
#include "auth_errors.hpp"
#include "canonical_request.hpp"

namespace ce::host::auth {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

const std::string* query_value(const Query& q, std::string_view name) {
  for (const auto& [n, v] : q) {
    if (n == name) return &v;
  }
  return nullptr;
}

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

std::vector<std::string> split_signed_headers(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const std::size_t semi = list.find(';');
    std::string name(ce::trim_blanks(list.substr(0, semi)));
    for (char& c : name) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (!name.empty()) out.push_back(std::move(name));
    list = semi == std::string_view::npos ? std::string_view() : list.substr(semi + 1);
  }
  return out;
}

// "AKID/20130524/us-east-1/s3/aws4_request" into the auth; false when it is not that shape.
bool parse_credential(std::string_view cred, ParsedAuth& auth) {
  std::string_view parts[5];
  for (int i = 0; i < 5; ++i) {
    const std::size_t slash = cred.find('/');
    if ((slash == std::string_view::npos) != (i == 4)) return false;
    parts[i] = cred.substr(0, slash);
    if (parts[i].empty()) return false;
    cred = i == 4 ? std::string_view() : cred.substr(slash + 1);
  }
  if (parts[4] != "aws4_request" || parts[1].size() != 8) return false;
  for (char c : parts[1]) {
    if (c < '0' || c > '9') return false;
  }
  auth.access_key_id = parts[0];
  auth.scope_date = parts[1];
  auth.region = parts[2];
  auth.service = parts[3];
  return true;
}

ParseOutcome fail(ParsedAuth auth, AuthResult error) {
  return {std::move(auth), std::move(error)};
}

ParseOutcome parse_header_v4(const RequestView& req, std::string_view header, ParsedAuth auth,
                             ErrorDialect fallback) {
  auth.kind = AuthKind::header_v4;
  std::string_view credential, signed_headers, signature;
  bool has_credential = false, has_signed = false, has_signature = false;
  std::string_view rest = header.substr(header.find(' ') + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = ce::trim_blanks(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "Credential") credential = value, has_credential = true;
    if (key == "SignedHeaders") signed_headers = value, has_signed = true;
    if (key == "Signature") signature = value, has_signature = true;
  }
  if (!has_credential || !has_signed || !has_signature) {
    return fail(auth, errors::missing_header_components(fallback, header, has_credential,
                                                        has_signed, has_signature));
  }
  if (!parse_credential(credential, auth)) {
    return fail(auth, errors::malformed_credential(fallback, credential, false));
  }
  auth.signed_headers = split_signed_headers(signed_headers);
  auth.signature = signature;
  const ErrorDialect dialect = auth.dialect();

  if (const auto amz = find_header(req.headers, "x-amz-date")) {
    if (!parse_amz_date(*amz)) return fail(auth, errors::missing_date(dialect, header));
    auth.amz_date = *amz;
  } else if (const auto date = find_header(req.headers, "date")) {
    const auto t = parse_http_date(*date);
    if (!t) return fail(auth, errors::missing_date(dialect, header));
    auth.amz_date = format_amz_date(*t);
  } else {
    return fail(auth, errors::missing_date(dialect, header));
  }
  if (auth.amz_date.compare(0, 8, auth.scope_date) != 0) {
    return fail(auth, errors::scope_date_mismatch(dialect, auth, false));
  }
  return {std::move(auth), AuthResult::success()};
}

ParseOutcome parse_presigned_v4(const Query& q, ParsedAuth auth, ErrorDialect fallback) {
  auth.kind = AuthKind::presigned_v4;
  const auto* algorithm = query_value(q, "X-Amz-Algorithm");
  const auto* credential = query_value(q, "X-Amz-Credential");
  const auto* signature = query_value(q, "X-Amz-Signature");
  const auto* date = query_value(q, "X-Amz-Date");
  const auto* signed_headers = query_value(q, "X-Amz-SignedHeaders");
  const auto* expires = query_value(q, "X-Amz-Expires");
  if (const auto* token = query_value(q, "X-Amz-Security-Token")) auth.security_token = *token;

  ErrorDialect dialect = fallback;
  if (credential != nullptr && parse_credential(*credential, auth)) dialect = auth.dialect();
  // S3 insists on X-Amz-Expires; the other services default it (botocore always sends it).
  if (algorithm == nullptr || credential == nullptr || signature == nullptr || date == nullptr ||
      signed_headers == nullptr || (expires == nullptr && dialect == ErrorDialect::s3)) {
    return fail(auth, errors::missing_query_parameters(dialect));
  }
  if (*algorithm != "AWS4-HMAC-SHA256")
    return fail(auth, errors::unsupported_query_algorithm(dialect));
  if (auth.service.empty())
    return fail(auth, errors::malformed_credential(dialect, *credential, true));
  if (!parse_amz_date(*date)) return fail(auth, errors::bad_query_date(dialect));
  auth.amz_date = *date;
  if (expires != nullptr) {
    std::int64_t seconds = 0;
    const auto [end, ec] =
        std::from_chars(expires->data(), expires->data() + expires->size(), seconds);
    if (ec != std::errc() || end != expires->data() + expires->size()) {
      return fail(auth, errors::expires_not_a_number(dialect));
    }
    if (seconds < 0) return fail(auth, errors::expires_negative(dialect));
    if (seconds > 604800) return fail(auth, errors::expires_too_large(dialect));
    auth.expires = seconds;
  }
  if (auth.amz_date.compare(0, 8, auth.scope_date) != 0) {
    return fail(auth, errors::scope_date_mismatch(dialect, auth, true));
  }
  auth.signed_headers = split_signed_headers(*signed_headers);
  auth.signature = *signature;
  return {std::move(auth), AuthResult::success()};
}

}  // namespace

PayloadMode payload_mode_of(std::string_view v) {
  if (is_hex64(v)) return PayloadMode::sha256_hex;
  if (v == "UNSIGNED-PAYLOAD") return PayloadMode::unsigned_payload;
  if (v == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD") return PayloadMode::streaming_signed;
  if (v == "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
    return PayloadMode::streaming_signed_trailer;
  if (v == "STREAMING-UNSIGNED-PAYLOAD-TRAILER") return PayloadMode::streaming_unsigned_trailer;
  if (v == "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD") return PayloadMode::streaming_ecdsa;
  if (v == "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER") {
    return PayloadMode::streaming_ecdsa_trailer;
  }
  return PayloadMode::invalid;
}

ParseOutcome parse_auth(const RequestView& req, ErrorDialect fallback) {
  ParsedAuth auth;
  if (const auto sha = find_header(req.headers, "x-amz-content-sha256")) {
    auth.content_sha256 = *sha;
    auth.payload_mode = payload_mode_of(*sha);
  }
  if (const auto token = find_header(req.headers, "x-amz-security-token")) {
    auth.security_token = *token;
  }

  const auto header = find_header(req.headers, "authorization");
  const Query query = parse_query(req.raw_query);
  const bool query_v4 = query_value(query, "X-Amz-Algorithm") != nullptr ||
                        query_value(query, "X-Amz-Credential") != nullptr ||
                        query_value(query, "X-Amz-Signature") != nullptr;
  const bool query_v2 = query_value(query, "AWSAccessKeyId") != nullptr;

  if (header && (query_v4 || query_v2)) return fail(auth, errors::two_mechanisms(fallback));
  if (header) {
    const std::string_view h = ce::trim_blanks(*header);
    const std::string_view algorithm = h.substr(0, h.find(' '));
    if (algorithm == "AWS4-HMAC-SHA256") return parse_header_v4(req, h, std::move(auth), fallback);
    if (algorithm == "AWS4-ECDSA-P256-SHA256") {
      // SigV4a: the credential has no region (X-Amz-Region-Set carries it). Recognised so the
      // account and service are known; the ECDSA signature is not verified (docs/sigv4.md).
      auth.kind = AuthKind::header_v4a;
      const std::size_t at = h.find("Credential=");
      if (at != std::string_view::npos) {
        const std::string_view cred = h.substr(at + 11, h.find_first_of(", ", at) - at - 11);
        const std::size_t slash = cred.find('/');
        auth.access_key_id = cred.substr(0, slash);
        if (slash != std::string_view::npos) {
          const std::string_view rest = cred.substr(slash + 1);  // date/service/aws4_request
          const std::size_t s2 = rest.find('/');
          auth.scope_date = rest.substr(0, s2);
          if (s2 != std::string_view::npos) {
            auth.service = rest.substr(s2 + 1, rest.find('/', s2 + 1) - s2 - 1);
          }
        }
      }
      return {std::move(auth), AuthResult::success()};
    }
    if (algorithm == "AWS") {
      auth.kind = AuthKind::header_v2;
      const std::string_view cred = ce::trim_blanks(h.substr(3));
      const std::size_t colon = cred.rfind(':');
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == cred.size()) {
        return fail(auth, errors::malformed_v2_header());
      }
      auth.access_key_id = cred.substr(0, colon);
      auth.signature = cred.substr(colon + 1);
      return {std::move(auth), AuthResult::success()};
    }
    return fail(auth, errors::unsupported_authorization_type(fallback, algorithm));
  }
  if (query_v4) return parse_presigned_v4(query, std::move(auth), fallback);
  if (query_v2) {
    auth.kind = AuthKind::presigned_v2;
    auth.access_key_id = *query_value(query, "AWSAccessKeyId");
    if (const auto* sig = query_value(query, "Signature")) auth.signature = *sig;
    if (const auto* exp = query_value(query, "Expires")) {
      std::int64_t v = 0;
      if (std::from_chars(exp->data(), exp->data() + exp->size(), v).ec == std::errc())
        auth.expires = v;
    }
    return {std::move(auth), AuthResult::success()};
  }
  return {std::move(auth), AuthResult::success()};
}

}  // namespace ce::host::auth
