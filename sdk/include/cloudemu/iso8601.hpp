// ISO 8601 UTC timestamps as the query and XML protocols write them ("2024-05-01T12:00:00Z").
#pragma once
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>

namespace ce {

/// `epoch_ms` as "YYYY-MM-DDThh:mm:ssZ", or with milliseconds ("...:ss.mmmZ").
inline std::string iso8601_utc(int64_t epoch_ms, bool with_millis = false) {
  const auto seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[96];  // room for any int the compiler can imagine in each field
  if (with_millis) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(epoch_ms % 1000));
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  }
  return buf;
}

}  // namespace ce
