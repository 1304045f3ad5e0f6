// Presigned URL expiry. The host may run without signature verification (the default for local
// use), yet clients test that their presigned URLs stop working, so the expiry is checked here
// against the host clock, which tests move forward.
#include "s3_presigned.hpp"

#include <charconv>
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

#include "s3_service.hpp"
#include "s3_time.hpp"

namespace s3 {

namespace {

constexpr int64_t k_max_expires_seconds = 604800;  // one week, S3's limit for SigV4

ce::AwsError query_parameters_error(std::string message) {
  return ce::AwsError::client(400, "AuthorizationQueryParametersError", std::move(message));
}

/// S3 writes these times to the second: "2023-11-14T22:13:20Z".
std::string iso_seconds(int64_t epoch_seconds) {
  std::string s = iso8601(epoch_seconds * 1000);
  const std::size_t dot = s.find('.');
  if (dot != std::string::npos) s.erase(dot, s.size() - 1 - dot);
  return s;
}

std::optional<int64_t> parse_int(std::string_view s) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

/// X-Amz-Date: "20130524T000000Z" (ISO 8601 basic format), to epoch seconds.
std::optional<int64_t> parse_amz_date(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  for (std::size_t i = 0; i < 15; ++i)
    if (i != 8 && (s[i] < '0' || s[i] > '9')) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4) - 1900;
  tm.tm_mon = num(4, 2) - 1;
  tm.tm_mday = num(6, 2);
  tm.tm_hour = num(9, 2);
  tm.tm_min = num(11, 2);
  tm.tm_sec = num(13, 2);
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
      tm.tm_min > 59 || tm.tm_sec > 60)
    return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

/// True when the clock (ms) is past a time in epoch seconds, without overflowing on any value.
bool past(int64_t now_ms, int64_t at_seconds) {
  constexpr int64_t k_limit = INT64_MAX / 1000;
  if (at_seconds >= k_limit) return false;
  if (at_seconds <= -k_limit) return true;
  return now_ms > at_seconds * 1000;
}

/// S3's answer, with its extra elements in its order (SigV2 has no X-Amz-Expires).
ce::AwsError expired(std::optional<std::string> amz_expires, int64_t expires_seconds,
                     int64_t now_ms) {
  auto e = ce::AwsError::client(403, "AccessDenied", "Request has expired");
  if (amz_expires) e.with("X-Amz-Expires", std::move(*amz_expires));
  e.with("Expires", iso_seconds(expires_seconds)).with("ServerTime", iso_seconds(now_ms / 1000));
  return e;
}

}  // namespace

void check_presigned_expiry(const Call& call) {
  if (call.req.query().empty()) return;  // the common case: header-signed or unsigned
  const ce::Params& q = call.req.query_params();
  const std::string* amz_date = ce::find_param(q, "X-Amz-Date");
  const std::string* amz_expires = ce::find_param(q, "X-Amz-Expires");
  if (amz_date != nullptr && amz_expires != nullptr) {
    // The same checks and words as the host's SigV4 parser, for when it did not run.
    const auto seconds = parse_int(*amz_expires);
    if (!seconds) throw query_parameters_error("X-Amz-Expires should be a number");
    if (*seconds < 0) throw query_parameters_error("X-Amz-Expires must be non-negative");
    if (*seconds > k_max_expires_seconds)
      throw query_parameters_error(
          "X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires "
          "must be less than 604800 seconds");
    const auto signed_at = parse_amz_date(*amz_date);
    if (!signed_at)
      throw query_parameters_error(
          "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    const int64_t expires_at = *signed_at + *seconds;
    if (past(call.now_ms(), expires_at)) throw expired(*amz_expires, expires_at, call.now_ms());
    return;
  }
  const std::string* v2_expires = ce::find_param(q, "Expires");
  if (v2_expires != nullptr && ce::find_param(q, "AWSAccessKeyId") != nullptr &&
      ce::find_param(q, "Signature") != nullptr) {
    // A value that is not a number cannot expire; the signature check (host) refuses it.
    const auto at = parse_int(*v2_expires);
    if (at && past(call.now_ms(), *at)) throw expired(std::nullopt, *at, call.now_ms());
  }
}

}  // namespace s3
