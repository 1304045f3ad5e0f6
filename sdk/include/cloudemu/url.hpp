// Percent-decoding and application/x-www-form-urlencoded parsing (query strings and form bodies).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ce {

/// Decoded (name, value) pairs in wire order; names may repeat (Attribute.1.Name, ...).
using Params = std::vector<std::pair<std::string, std::string>>;

namespace detail {
inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace detail

/// Decodes %XX escapes; with plus_as_space, '+' becomes ' ' (form encoding, not paths).
/// @return nullopt for a malformed escape ("%4", "%zz"), which AWS answers MalformedQueryString.
inline std::optional<std::string> percent_decode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      const int hi = detail::hex_value(in[i + 1]);
      const int lo = detail::hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

/// Encodes every byte outside RFC 3986 "unreserved" as %XX (uppercase), as SigV4 and AWS do.
/// @param keep_slash leaves '/' as is, for paths.
inline std::string percent_encode(std::string_view in, bool keep_slash = false) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (const char c : in) {
    const auto u = static_cast<unsigned char>(c);
    const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                            (u >= '0' && u <= '9') || u == '-' || u == '_' || u == '.' ||
                            u == '~' || (keep_slash && u == '/');
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(k_hex[u >> 4]);
      out.push_back(k_hex[u & 0xF]);
    }
  }
  return out;
}

/// Parses "a=1&b=x%20y&flag" into {("a","1"), ("b","x y"), ("flag","")}. Empty segments ("a=1&&b")
/// are skipped, as browsers and AWS do. @return nullopt when an escape is malformed.
inline std::optional<Params> parse_form(std::string_view in) {
  Params out;
  while (!in.empty()) {
    const std::size_t amp = in.find('&');
    const std::string_view part = in.substr(0, amp);
    in = amp == std::string_view::npos ? std::string_view{} : in.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    auto name = percent_decode(part.substr(0, eq), true);
    auto value = eq == std::string_view::npos ? std::optional<std::string>{std::string{}}
                                              : percent_decode(part.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

/// The first value of `name` (exact, case-sensitive as AWS parameter names are).
inline const std::string* find_param(const Params& params, std::string_view name) noexcept {
  for (const auto& [k, v] : params) {
    if (k == name) return &v;
  }
  return nullptr;
}

/// The first value of `name` in a query string or form body, decoded; "" when absent or when the
/// string does not parse (a routing or admin lookup treats both the same way).
inline std::string query_param(std::string_view query, std::string_view name) {
  const auto params = parse_form(query);
  if (!params) return {};
  const std::string* v = find_param(*params, name);
  return v ? *v : std::string();
}

}  // namespace ce
