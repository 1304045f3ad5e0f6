// Small string helpers shared by the host and the plugins, so each rule lives in one place.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ce {

/// Strips spaces and tabs at both ends: HTTP header values (RFC 9110 "OWS") and form fields.
inline std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Strips spaces, tabs, CR and LF at both ends: XML text content.
inline std::string_view trim_whitespace(std::string_view s) noexcept {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

/// "a, b,,c " -> {"a", "b", "c"}: a comma-separated header list (RFC 9110 "#rule"), items trimmed
/// of spaces and tabs, empty ones dropped.
inline std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto comma = s.find(',');
    const std::string_view item = trim_blanks(s.substr(0, comma));
    s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 1);
    if (!item.empty()) out.emplace_back(item);
  }
  return out;
}

/// The path of an HTTP request target ("/a/b?x=1" gives "/a/b").
inline std::string_view target_path(std::string_view target) noexcept {
  return target.substr(0, target.find('?'));
}

/// The query of an HTTP request target, without the '?' ("" when there is none).
inline std::string_view target_query(std::string_view target) noexcept {
  const auto q = target.find('?');
  return q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

}  // namespace ce
