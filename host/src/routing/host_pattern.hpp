// Host patterns of CE_ROUTE_HOST_PATTERN claims: labels separated by '.', where '*' stands for one
// or more whole labels ("*.s3.*.amazonaws.com" matches "my.bucket.s3.eu-west-1.amazonaws.com").
#pragma once
#include <string_view>

namespace ce::host {

/// Matches a Host header value (port stripped, case-insensitive) against a pattern.
bool host_matches(std::string_view pattern, std::string_view host);

/// The Host header without its port ("[::1]:4566" -> "[::1]", "a.b:80" -> "a.b").
std::string_view strip_port(std::string_view host);

}  // namespace ce::host
