// Fuzzes SigV4 parsing, canonicalisation and verification with arbitrary requests.
// Input: "METHOD\nPATH\nQUERY\nName: value\nName: value..." (seeds in corpus/fuzz_sigv4_parse).
// Beyond "no crash, no UB" it checks that URI encoding round-trips and emits only safe bytes.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "auth/amz_date.hpp"
#include "auth/canonical_request.hpp"
#include "auth/credentials.hpp"
#include "auth/sigv4_parse.hpp"
#include "auth/sigv4_verify.hpp"

using namespace ce::host::auth;

namespace {

bool only_encoded_bytes(std::string_view s) {
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '%';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string_view> lines_of(std::string_view data) {
  std::vector<std::string_view> lines;
  while (!data.empty() && lines.size() < 64) {
    const std::size_t nl = data.find('\n');
    lines.push_back(data.substr(0, nl));
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);
  const std::vector<std::string_view> lines = lines_of(data);
  RequestView request;
  std::vector<HeaderView> headers;
  if (lines.size() > 0) request.method = lines[0];
  if (lines.size() > 1) request.raw_path = lines[1];
  if (lines.size() > 2) request.raw_query = lines[2];
  for (std::size_t i = 3; i < lines.size(); ++i) {
    const std::size_t colon = lines[i].find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = lines[i].substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.emplace_back(lines[i].substr(0, colon), value);
  }
  request.headers = headers;

  static const Credentials credentials = [] {
    Credentials c;
    c.add("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    c.add("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    c.add("123456789012", "secret", {}, "token");
    return c;
  }();
  const auto now = std::chrono::system_clock::time_point(*parse_amz_date("20250101T123100Z"));

  for (const ErrorDialect dialect : {ErrorDialect::s3, ErrorDialect::aws}) {
    const ParseOutcome parsed = parse_auth(request, dialect);
    if (!parsed.ok()) {
      if (parsed.error.code.empty() || parsed.error.http_status < 400) __builtin_trap();
      continue;
    }
    const VerifyOutcome verified = verify_request(request, parsed.auth, credentials, now);
    if (!verified.ok() && verified.result.code.empty()) __builtin_trap();
    (void)canonical_request(request, parsed.auth, "UNSIGNED-PAYLOAD");
    (void)account_for_access_key(parsed.auth.access_key_id);
  }

  const std::string encoded = uri_encode(data, false);
  if (!only_encoded_bytes(encoded) || percent_decode(encoded) != data) __builtin_trap();
  (void)canonical_uri(request.raw_path, "lambda");
  (void)canonical_query(request.raw_query, true);
  (void)payload_mode_of(data);
  if (const auto t = parse_amz_date(data)) {
    if (format_amz_date(*t) != data) __builtin_trap();  // the only accepted spelling
  }
  (void)parse_http_date(data);
  (void)Credentials::parse(data);
  return 0;
}
