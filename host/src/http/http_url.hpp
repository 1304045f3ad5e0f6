// Splits an absolute http:// or https:// URL into what a client needs to connect and ask
// (outbound HTTP, ABI 1.3 http_send). Boost 1.74 has no Boost.URL; this accepts the RFC 3986
// authority forms a subscriber endpoint uses: a name or IPv4 address, or an [IPv6] literal, an
// optional port and optional userinfo (dropped: endpoints do not get credentials from us).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ce::host {

struct HttpUrl {
  bool tls = false;
  std::string host;    // without brackets for IPv6
  uint16_t port = 0;   // the scheme's default when the URL names none
  std::string target;  // path and query, "/" when empty; never the #fragment
};

/// nullopt for anything that is not an absolute http(s) URL with a usable host and port.
std::optional<HttpUrl> parse_http_url(std::string_view url);

}  // namespace ce::host
