#include "http/url.hpp"

namespace ce::host {
namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view s, bool form) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(form && c == '+' ? ' ' : c);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query, bool form) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view part = query.substr(start, amp - start);
    if (!part.empty()) {
      const auto eq = part.find('=');
      if (eq == std::string_view::npos)
        out.emplace_back(percent_decode(part, form), std::string());
      else
        out.emplace_back(percent_decode(part.substr(0, eq), form), percent_decode(part.substr(eq + 1), form));
    }
    start = amp + 1;
  }
  return out;
}

std::string query_param(std::string_view query, std::string_view name, bool form) {
  for (auto& [k, v] : parse_query(query, form))
    if (k == name) return v;
  return {};
}

}  // namespace ce::host
