// CORS as S3 applies a bucket's CORS configuration: OPTIONS preflight requests, and the
// Access-Control-* headers on actual requests that carry an Origin (S3 user guide, "Using
// cross-origin resource sharing (CORS)": the first rule matching origin, method and headers).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3_ops.hpp"

namespace s3 {

struct CorsRule {
  std::vector<std::string> origins, methods, headers, expose;
  std::optional<std::string> max_age;
};

/// The rules of a stored CORSConfiguration document (as the config store keeps it).
std::vector<CorsRule> parse_cors_rules(std::string_view doc);

/// The first rule allowing origin + method + every requested header, or nullptr.
const CorsRule* match_cors(const std::vector<CorsRule>& rules, std::string_view origin,
                           std::string_view method, const std::vector<std::string>& headers);

/// '*' in a pattern stands for any run of characters (S3 allows one per AllowedOrigin).
bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case);

/// Actual requests with an Origin header get the matching rule's headers (before the handler
/// runs, so errors carry them too). No bucket, no configuration, no match: nothing is added.
void add_cors_headers(Call& call);

void add_cors_ops(OpRegistry& ops);  // PreflightRequest (OPTIONS)

}  // namespace s3
