// SNS decodes its list and map parameters with the SDK's query-form decoder
// (cloudemu/protocol/query_form.hpp); these names keep the call sites short.
#pragma once
#include <cloudemu/protocol/query_form.hpp>

namespace sns {

using ce::query::entries;
using ce::query::entry_map;
using ce::query::field;
using ce::query::field_or_empty;
using ce::query::Fields;
using ce::query::has_prefix;
using ce::query::member_values;
using ce::query::members;

}  // namespace sns
