// Percent-decoding and query-string parsing, shared by the router, the admin API and auth.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ce::host {

/// Decodes %XX escapes (and '+' as space when form is true). Invalid escapes are kept literally.
std::string percent_decode(std::string_view s, bool form = false);

/// "a=1&b&c=x%20y" -> {{"a","1"},{"b",""},{"c","x y"}}, in order, decoded.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query, bool form = false);

/// The first value of a parameter, decoded; "" when absent.
std::string query_param(std::string_view query, std::string_view name, bool form = false);

}  // namespace ce::host
