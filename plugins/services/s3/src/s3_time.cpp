// Timestamp formatting and parsing for S3 headers and XML.
#include "s3_time.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace s3 {

namespace {
constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int month_index(std::string_view m) {
  for (int i = 0; i < 12; ++i)
    if (m == k_months[static_cast<std::size_t>(i)]) return i;
  return -1;
}

std::optional<int64_t> to_epoch_ms(std::tm tm) {
  if (tm.tm_mon < 0 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60)
    return std::nullopt;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}
}  // namespace

std::optional<int64_t> parse_http_date(std::string_view text) {
  const std::string s(text);
  std::tm tm{};
  char day[8] = {}, mon[4] = {};
  int n = 0;
  // RFC 1123: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(s.c_str(), "%3s, %d %3s %d %d:%d:%d GMT%n", day, &tm.tm_mday, mon, &tm.tm_year,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) == 7 &&
      n == static_cast<int>(s.size())) {
    tm.tm_mon = month_index(mon);
    tm.tm_year -= 1900;
    return to_epoch_ms(tm);
  }
  // ISO 8601: "2026-12-02T01:02:03Z" or with .sss
  int ms = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec) == 6 &&
      !s.empty() && s.back() == 'Z') {
    const auto dot = s.find('.');
    if (dot != std::string::npos) std::sscanf(s.c_str() + dot + 1, "%3d", &ms);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const auto base = to_epoch_ms(tm);
    if (!base) return std::nullopt;
    return *base + ms;
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (std::sscanf(s.c_str(), "%3s %3s %d %d:%d:%d %d%n", day, mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &tm.tm_year, &n) == 7 &&
      n == static_cast<int>(s.size())) {
    tm.tm_mon = month_index(mon);
    tm.tm_year -= 1900;
    return to_epoch_ms(tm);
  }
  return std::nullopt;
}

}  // namespace s3
