// The two timestamp spellings SigV4 accepts: ISO 8601 basic (X-Amz-Date) and the HTTP Date header.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ce::host::auth {

using SysSeconds = std::chrono::sys_seconds;

/// "20130524T000000Z" -> time point; nullopt unless exactly that shape and a real calendar date.
std::optional<SysSeconds> parse_amz_date(std::string_view text);

/// "Fri, 24 May 2013 00:00:00 GMT" (RFC 7231 IMF-fixdate) -> time point.
std::optional<SysSeconds> parse_http_date(std::string_view text);

/// time point -> "20130524T000000Z"
std::string format_amz_date(SysSeconds t);

}  // namespace ce::host::auth
