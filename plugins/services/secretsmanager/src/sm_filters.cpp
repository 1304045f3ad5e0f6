// Filter matching and list pages (rules: sm_filters.hpp).
#include "sm_filters.hpp"

#include <algorithm>
#include <cctype>

#include "sm_bytes.hpp"
#include "sm_errors.hpp"
#include "sm_input.hpp"

namespace sm {

namespace {

const std::vector<std::string_view> k_filter_keys = {
    "description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix, bool case_sensitive) {
  if (case_sensitive) return text.starts_with(prefix);
  return lower(text).starts_with(lower(prefix));
}

/// The attribute values a filter key looks at.
std::vector<std::string> attributes(const SecretRecord& s, const std::string& key) {
  std::vector<std::string> out;
  if (key == "description" || key == "all") out.push_back(s.description);
  if (key == "name" || key == "all") out.push_back(s.name);
  if (key == "tag-key" || key == "all")
    for (const auto& t : s.tags) out.push_back(t.key);
  if (key == "tag-value" || key == "all")
    for (const auto& t : s.tags) out.push_back(t.value);
  if (key == "primary-region" || key == "all") out.push_back(s.region);
  // owning-service: no secret here is managed by another service, so it has no value.
  return out;
}

bool value_matches(const SecretRecord& s, const std::string& key, const std::string& value) {
  const bool case_sensitive = key != "description" && key != "all";
  const std::vector<std::string> attrs = attributes(s, key);
  const auto any_prefix = [&](std::string_view word) {
    return std::any_of(attrs.begin(), attrs.end(), [&](const std::string& a) {
      return !a.empty() && starts_with(a, word, case_sensitive);
    });
  };
  if (key != "all") return any_prefix(value);
  // "all" breaks the value into words; each must be found somewhere.
  std::size_t i = 0;
  bool any_word = false;
  while (i < value.size()) {
    while (i < value.size() && value[i] == ' ') ++i;
    std::size_t j = i;
    while (j < value.size() && value[j] != ' ') ++j;
    if (j > i) {
      any_word = true;
      if (!any_prefix(std::string_view(value).substr(i, j - i))) return false;
    }
    i = j;
  }
  return any_word;
}

bool allowed_value_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view(" :_@/+=.-!").find(c) != std::string_view::npos;
}

}  // namespace

std::vector<Filter> read_filters(const Json& in) {
  std::vector<Filter> out;
  const Json* filters = opt_array(in, "Filters");
  if (filters == nullptr) return out;
  if (filters->size() > 10)
    fail_constraint("Filters", "[" + std::to_string(filters->size()) + " items]",
                    "Member must have length less than or equal to 10");
  for (const Json& f : *filters) {
    if (!f.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
    Filter filter;
    filter.key = opt_enum(f, "Key", k_filter_keys).value_or("");
    if (filter.key.empty()) throw err::invalid_parameter("A filter must have a Key.");
    filter.values =
        opt_string_list(f, "Values", 1, 10, 0, 512).value_or(std::vector<std::string>{});
    if (filter.values.empty()) throw err::invalid_parameter("A filter must have Values.");
    for (const auto& v : filter.values) {
      if (!std::all_of(v.begin(), v.end(), allowed_value_char))
        fail_constraint("Values", v,
                        "Member must satisfy regular expression pattern: "
                        "^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$");
    }
    out.push_back(std::move(filter));
  }
  return out;
}

bool matches_filters(const SecretRecord& secret, const std::vector<Filter>& filters) {
  for (const auto& f : filters) {
    bool has_positive = false, positive_hit = false;
    for (const auto& v : f.values) {
      if (v.starts_with('!')) {
        if (value_matches(secret, f.key, v.substr(1))) return false;
      } else {
        has_positive = true;
        positive_hit = positive_hit || value_matches(secret, f.key, v);
      }
    }
    if (has_positive && !positive_hit) return false;
  }
  return true;
}

std::size_t page_start(const std::string& token, std::size_t size) {
  if (token.empty()) return 0;
  const auto text = base64_decode(token);
  if (!text || !text->starts_with("sm-page:")) throw err::invalid_next_token();
  std::size_t offset = 0;
  const std::string digits = text->substr(8);
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw err::invalid_next_token();
  offset = std::stoul(digits);
  return std::min(offset, size);
}

std::string page_token(std::size_t offset) {
  return base64_encode("sm-page:" + std::to_string(offset));
}

}  // namespace sm
