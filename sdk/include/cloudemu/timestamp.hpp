// Timestamps as AWS APIs write them, from milliseconds since the epoch (UTC): ISO 8601 with
// milliseconds in XML and JSON documents, RFC 1123 in HTTP headers. Header-only, like the SDK.
#pragma once
#include <array>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace ce {

/// The broken-down UTC time of `epoch_ms`.
inline std::tm utc_time(int64_t epoch_ms) {
  const std::time_t secs = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

/// "2026-12-02T01:02:03.045Z"; without the zone ("2026-12-02T01:02:03.045") when `zone` is false.
inline std::string iso8601(int64_t epoch_ms, bool zone = true) {
  const std::tm tm = utc_time(epoch_ms);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%s", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(((epoch_ms % 1000) + 1000) % 1000), zone ? "Z" : "");
  return buf;
}

/// "2026-12-02T01:02:03Z": whole seconds, as IAM and STS write their dates.
inline std::string iso8601_seconds(int64_t epoch_ms) {
  const std::tm tm = utc_time(epoch_ms);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

/// "Wed, 02 Dec 2026 01:02:03 GMT"
inline std::string http_date(int64_t epoch_ms) {
  static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::tm tm = utc_time(epoch_ms);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                k_days[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                k_months[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace ce
