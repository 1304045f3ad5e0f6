// Decoding SNS's list/map form encodings (see sns_form.hpp).
#include "sns_form.hpp"

#include <charconv>

namespace sns {

namespace {

/// Groups `<prefix>.<kind>.<n>[.<rest>]` by n (numeric order); malformed indexes are ignored, as
/// AWS ignores parameters it does not know.
std::map<uint64_t, Fields> grouped(const ce::Params& params, std::string_view prefix,
                                   std::string_view kind) {
  std::map<uint64_t, Fields> out;
  const std::string head = std::string(prefix) + "." + std::string(kind) + ".";
  for (const auto& [name, value] : params) {
    if (!std::string_view(name).starts_with(head)) continue;
    const std::string_view tail = std::string_view(name).substr(head.size());
    const std::size_t dot = tail.find('.');
    const std::string_view index_text = tail.substr(0, dot);
    uint64_t index = 0;
    const auto [end, ec] =
        std::from_chars(index_text.data(), index_text.data() + index_text.size(), index);
    if (ec != std::errc() || end != index_text.data() + index_text.size() || index == 0) continue;
    const std::string rest =
        dot == std::string_view::npos ? std::string() : std::string(tail.substr(dot + 1));
    out[index].emplace_back(rest, value);
  }
  return out;
}

}  // namespace

std::optional<std::string> field(const ce::Params& params, std::string_view name) {
  if (const std::string* v = ce::find_param(params, name)) return *v;
  return std::nullopt;
}

std::string field_or_empty(const ce::Params& params, std::string_view name) {
  return field(params, name).value_or(std::string());
}

std::vector<Fields> members(const ce::Params& params, std::string_view prefix) {
  std::vector<Fields> out;
  for (auto& [index, fields] : grouped(params, prefix, "member")) out.push_back(std::move(fields));
  return out;
}

std::vector<std::string> member_values(const ce::Params& params, std::string_view prefix) {
  std::vector<std::string> out;
  for (auto& [index, fields] : grouped(params, prefix, "member")) {
    if (const std::string* v = ce::find_param(fields, "")) out.push_back(*v);
  }
  return out;
}

std::vector<Fields> entries(const ce::Params& params, std::string_view prefix) {
  std::vector<Fields> out;
  for (auto& [index, fields] : grouped(params, prefix, "entry")) out.push_back(std::move(fields));
  return out;
}

std::map<std::string, std::string> entry_map(const ce::Params& params, std::string_view prefix) {
  std::map<std::string, std::string> out;
  for (const auto& fields : entries(params, prefix)) {
    const auto key = field(fields, "key");
    if (key) out[*key] = field_or_empty(fields, "value");
  }
  return out;
}

bool has_prefix(const ce::Params& params, std::string_view prefix) {
  const std::string head = std::string(prefix) + ".";
  for (const auto& [name, value] : params)
    if (std::string_view(name).starts_with(head)) return true;
  return false;
}

}  // namespace sns
