#include "s3_range.hpp"

#include <charconv>

namespace s3 {

namespace {
std::optional<uint64_t> number(std::string_view s) {
  uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

RangeParse parse_range(std::string_view header, uint64_t size, ByteRange& out) {
  constexpr std::string_view k_unit = "bytes=";
  if (header.substr(0, k_unit.size()) != k_unit) return RangeParse::none;
  const std::string_view spec = header.substr(k_unit.size());
  if (spec.find(',') != std::string_view::npos) return RangeParse::none;
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeParse::none;
  const std::string_view a = spec.substr(0, dash), b = spec.substr(dash + 1);
  if (a.empty()) {  // suffix: the last n bytes
    const auto n = number(b);
    if (!n) return RangeParse::none;
    if (*n == 0 || size == 0) return RangeParse::unsatisfiable;
    out.length = *n < size ? *n : size;
    out.first = size - out.length;
    return RangeParse::ok;
  }
  const auto first = number(a);
  if (!first) return RangeParse::none;
  std::optional<uint64_t> last;
  if (!b.empty()) {
    last = number(b);
    if (!last || *last < *first) return RangeParse::none;
  }
  if (*first >= size) return RangeParse::unsatisfiable;
  const uint64_t end = (!last || *last >= size) ? size - 1 : *last;
  out.first = *first;
  out.length = end - *first + 1;
  return RangeParse::ok;
}

}  // namespace s3
