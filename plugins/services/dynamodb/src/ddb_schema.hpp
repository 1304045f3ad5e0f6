// The schema parts of CreateTable and UpdateTable requests: AttributeDefinitions, KeySchema,
// provisioned throughput and secondary index specifications, validated with DynamoDB's wording.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "ddb_table.hpp"

namespace ddb {

using Json = nlohmann::json;
/// Attribute name -> "S", "N" or "B".
using AttributeTypes = std::map<std::string, std::string>;

/// AttributeDefinitions (a list, checked member by member).
AttributeTypes parse_attribute_definitions(const Json& defs);

/// KeySchema of a table or index, typed from `types`; the attributes named go into `used`.
KeySchema parse_key_schema(const Json* elements, const AttributeTypes& types,
                           std::string_view field, std::set<std::string>& used);

/// The table's ProvisionedThroughput under `billing_mode`.
Throughput parse_throughput(const Json* t, const std::string& billing_mode, std::string_view what);

/// Which request specifies an index: DynamoDB words a missing GSI throughput differently.
enum class IndexOrigin { create_table, update_table };

/// A GlobalSecondaryIndexes / LocalSecondaryIndexes member (or GlobalSecondaryIndexUpdates
/// Create) of table `t`, its key typed from `types`.
IndexRecord parse_index(const Json& spec, bool global, const TableRecord& t,
                        const AttributeTypes& types, IndexOrigin origin,
                        std::set<std::string>& used);

}  // namespace ddb
