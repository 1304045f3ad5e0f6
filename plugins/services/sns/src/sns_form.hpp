// The query protocol's list and map encodings as SNS uses them, decoded once:
//   Tags.member.1.Key=k&Tags.member.1.Value=v           -> members("Tags")  [{Key:k, Value:v}]
//   TagKeys.member.1=k                                   -> member_values("TagKeys")  [k]
//   Attributes.entry.1.key=k&Attributes.entry.1.value=v  -> entry_map("Attributes")  {k: v}
//   MessageAttributes.entry.1.Name=n&...Value.DataType=String&...Value.StringValue=x
//                                                        -> entries("MessageAttributes")
//   PublishBatchRequestEntries.member.2.Message=m        -> members(...)[1] {Message: m}
// Indexes are 1-based and ordered numerically, whatever order the form lists them in.
#pragma once
#include <cloudemu/url.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sns {

/// The parameters of one list member or map entry, names relative to it ("Key", "Value.DataType").
using Fields = ce::Params;

/// The first value of `name`, or nullopt.
std::optional<std::string> field(const ce::Params& params, std::string_view name);
/// The first value of `name`, or "".
std::string field_or_empty(const ce::Params& params, std::string_view name);

/// `<prefix>.member.<n>.<rest>` grouped by n, in index order.
std::vector<Fields> members(const ce::Params& params, std::string_view prefix);
/// `<prefix>.member.<n>` scalar values, in index order.
std::vector<std::string> member_values(const ce::Params& params, std::string_view prefix);
/// `<prefix>.entry.<n>.<rest>` grouped by n, in index order.
std::vector<Fields> entries(const ce::Params& params, std::string_view prefix);
/// A map with `key`/`value` entries (Attributes). A key given twice keeps its last value.
std::map<std::string, std::string> entry_map(const ce::Params& params, std::string_view prefix);
/// Whether any parameter starts with `<prefix>.` (the list or map was sent at all).
bool has_prefix(const ce::Params& params, std::string_view prefix);

}  // namespace sns
