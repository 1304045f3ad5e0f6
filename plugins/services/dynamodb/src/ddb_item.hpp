// Items as requests carry them: AttributeValue validation and canonical numbers, DynamoDB's item
// size arithmetic, and the key attributes of a table.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "ddb_table.hpp"

namespace ddb {

using Json = nlohmann::json;

inline constexpr std::size_t k_max_item_size = 400 * 1024;

/// Checks one AttributeValue from a request and rewrites its numbers in canonical form
/// (ValidationException with DynamoDB's messages otherwise).
void validate_value(Json& value);
/// validate_value for every attribute of an item (or of ExpressionAttributeValues).
void validate_attributes(Json& item);

/// The size DynamoDB counts for an item ("Item sizes and formats"): names plus values.
std::size_t item_size(const Json& item);
std::size_t value_size(const Json& value);

/// An item to write must hold the table's key attributes with their defined types, non-empty.
void check_item_key(const TableRecord& t, const Json& item);
/// An item's secondary-index key attributes, where present, must be of their declared type and
/// not empty (an item without them is simply not in the index).
void check_index_keys(const TableRecord& t, const Json& item);
/// A Key parameter (GetItem, DeleteItem, UpdateItem) must be exactly the key attributes.
void check_key_param(const TableRecord& t, const Json& key);
/// The key attributes of an item.
Json key_of(const KeySchema& key, const Json& item);

}  // namespace ddb
