#include "amz_date.hpp"

#include <array>
#include <cstdio>

namespace ce::host::auth {
namespace {

// Reads exactly `n` decimal digits; no sign, no spaces (sscanf would accept both).
bool read_digits(std::string_view text, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

std::optional<SysSeconds> make_time(int y, int mo, int d, int h, int mi, int s) {
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  // 60 is allowed for a leap second the way AWS's parsers tolerate it; 61+ is garbage.
  if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return sys_days{ymd} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace

std::optional<SysSeconds> parse_amz_date(std::string_view t) {
  int y, mo, d, h, mi, s;
  if (t.size() != 16 || t[8] != 'T' || t[15] != 'Z') return std::nullopt;
  if (!read_digits(t, 0, 4, y) || !read_digits(t, 4, 2, mo) || !read_digits(t, 6, 2, d) ||
      !read_digits(t, 9, 2, h) || !read_digits(t, 11, 2, mi) || !read_digits(t, 13, 2, s)) {
    return std::nullopt;
  }
  return make_time(y, mo, d, h, mi, s);
}

std::optional<SysSeconds> parse_http_date(std::string_view t) {
  // "Fri, 24 May 2013 00:00:00 GMT": fixed positions once the weekday is skipped.
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto comma = t.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  const std::string_view r = t.substr(comma + 2);  // "24 May 2013 00:00:00 GMT"
  if (r.size() != 24 || r[2] != ' ' || r[6] != ' ' || r[11] != ' ' || r[14] != ':' ||
      r[17] != ':' || r.substr(20) != " GMT") {
    return std::nullopt;
  }
  int d, y, h, mi, s, mo = 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (r.substr(3, 3) == kMonths[i]) mo = static_cast<int>(i) + 1;
  }
  if (mo == 0 || !read_digits(r, 0, 2, d) || !read_digits(r, 7, 4, y) ||
      !read_digits(r, 12, 2, h) || !read_digits(r, 15, 2, mi) || !read_digits(r, 18, 2, s)) {
    return std::nullopt;
  }
  return make_time(y, mo, d, h, mi, s);
}

std::string format_amz_date(SysSeconds t) {
  using namespace std::chrono;
  const auto day_point = floor<days>(t);
  const year_month_day ymd{day_point};
  const hh_mm_ss hms{t - day_point};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace ce::host::auth
