// The query protocol's list and map encodings, decoded once for every query service (SNS, STS,
// IAM, SQS-query):
//   Tags.member.1.Key=k&Tags.member.1.Value=v           -> members("Tags")  [{Key:k, Value:v}]
//   TagKeys.member.1=k                                   -> member_values("TagKeys")  [k]
//   Attributes.entry.1.key=k&Attributes.entry.1.value=v  -> entry_map("Attributes")  {k: v}
//   MessageAttributes.entry.1.Name=n&...Value.DataType=String&...Value.StringValue=x
//                                                        -> entries("MessageAttributes")
//   PublishBatchRequestEntries.member.2.Message=m        -> members(...)[1] {Message: m}
// Indexes are 1-based and ordered numerically, whatever order the form lists them in; malformed
// indexes are ignored, as AWS ignores parameters it does not know.
#pragma once
#include <charconv>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/url.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ce::query {

/// The parameters of one list member or map entry, names relative to it ("Key", "Value.DataType").
using Fields = Params;

namespace detail {

/// Groups `<prefix>.<kind>.<n>[.<rest>]` by n (numeric order).
inline std::map<uint64_t, Fields> grouped(const Params& params, std::string_view prefix,
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

}  // namespace detail

/// The first value of `name`, or nullopt.
inline std::optional<std::string> field(const Params& params, std::string_view name) {
  if (const std::string* v = find_param(params, name)) return *v;
  return std::nullopt;
}

/// A parameter the action requires: absent or empty is the query protocol's validation error
/// ("1 validation error detected: Value null at 'topicArn' ...", the member name lower-camel).
inline std::string required_field(const Params& params, std::string_view name) {
  const std::string* v = find_param(params, name);
  if (v == nullptr || v->empty()) {
    std::string member(name);
    if (!member.empty() && member[0] >= 'A' && member[0] <= 'Z') member[0] += 'a' - 'A';
    throw AwsError::validation_error("1 validation error detected: Value null at '" + member +
                                     "' failed to satisfy constraint: Member must not be null");
  }
  return *v;
}

/// The first value of `name`, or "".
inline std::string field_or_empty(const Params& params, std::string_view name) {
  return field(params, name).value_or(std::string());
}

/// `<prefix>.member.<n>.<rest>` grouped by n, in index order.
inline std::vector<Fields> members(const Params& params, std::string_view prefix) {
  std::vector<Fields> out;
  for (auto& [index, fields] : detail::grouped(params, prefix, "member"))
    out.push_back(std::move(fields));
  return out;
}

/// `<prefix>.member.<n>` scalar values, in index order.
inline std::vector<std::string> member_values(const Params& params, std::string_view prefix) {
  std::vector<std::string> out;
  for (auto& [index, fields] : detail::grouped(params, prefix, "member")) {
    if (const std::string* v = find_param(fields, "")) out.push_back(*v);
  }
  return out;
}

/// `<prefix>.entry.<n>.<rest>` grouped by n, in index order.
inline std::vector<Fields> entries(const Params& params, std::string_view prefix) {
  std::vector<Fields> out;
  for (auto& [index, fields] : detail::grouped(params, prefix, "entry"))
    out.push_back(std::move(fields));
  return out;
}

/// A map with `key`/`value` entries (Attributes). A key given twice keeps its last value.
inline std::map<std::string, std::string> entry_map(const Params& params, std::string_view prefix) {
  std::map<std::string, std::string> out;
  for (const auto& fields : entries(params, prefix)) {
    const auto key = field(fields, "key");
    if (key) out[*key] = field_or_empty(fields, "value");
  }
  return out;
}

/// Whether any parameter starts with `<prefix>.` (the list or map was sent at all).
inline bool has_prefix(const Params& params, std::string_view prefix) {
  const std::string head = std::string(prefix) + ".";
  for (const auto& [name, value] : params)
    if (std::string_view(name).starts_with(head)) return true;
  return false;
}

}  // namespace ce::query
