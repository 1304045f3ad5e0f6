// parse_http_url takes endpoint URLs straight from Subscribe requests: any bytes give a URL or
// nothing, and a URL it gives never carries bytes that would split a request line.
#include <cstdint>
#include <string_view>

#include "http/http_url.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const auto url = ce::host::parse_http_url(in);
  if (!url) return 0;
  if (url->host.empty() || url->port == 0 || url->target.empty() || url->target[0] != '/')
    __builtin_trap();
  for (const char c : url->target)
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) __builtin_trap();
  return 0;
}
