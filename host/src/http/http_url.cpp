// parse_http_url (http_url.hpp).
#include "http/http_url.hpp"

#include <cctype>

namespace ce::host {

namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

/// Characters a registered name or IPv4 address may have (RFC 3986 reg-name without
/// percent-encoding or sub-delims, which no resolvable host uses).
bool host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

std::optional<uint16_t> parse_port(std::string_view digits) {
  if (digits.empty() || digits.size() > 5) return std::nullopt;
  uint32_t port = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return std::nullopt;
  return static_cast<uint16_t>(port);
}

}  // namespace

std::optional<HttpUrl> parse_http_url(std::string_view url) {
  HttpUrl out;
  if (starts_with_nocase(url, "https://")) {
    out.tls = true;
    url.remove_prefix(8);
  } else if (starts_with_nocase(url, "http://")) {
    url.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  if (const auto hash = url.find('#'); hash != std::string_view::npos) url = url.substr(0, hash);
  const auto path_start = url.find_first_of("/?");
  std::string_view authority = url.substr(0, path_start);
  const std::string_view rest =
      path_start == std::string_view::npos ? std::string_view() : url.substr(path_start);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);

  std::string_view host;
  std::string_view port_text;
  if (authority.starts_with('[')) {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    host = authority.substr(1, close - 1);
    for (const char c : host)
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
        return std::nullopt;
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return std::nullopt;
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (host.empty() || host.size() > 253) return std::nullopt;
    for (const char c : host)
      if (!host_char(c)) return std::nullopt;
  }
  if (port_text.empty()) {
    out.port = out.tls ? 443 : 80;
  } else {
    const auto port = parse_port(port_text);
    if (!port) return std::nullopt;
    out.port = *port;
  }
  out.host = std::string(host);
  if (rest.empty())
    out.target = "/";
  else if (rest.starts_with('?'))
    out.target = "/" + std::string(rest);
  else
    out.target = std::string(rest);
  // A request-target must not carry bytes that would split the request line.
  for (const char c : out.target)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return std::nullopt;
  return out;
}

}  // namespace ce::host
