// Schema parts of table requests (ddb_schema.hpp).
#include "ddb_schema.hpp"

#include "ddb_validation.hpp"

namespace ddb {

namespace {

Throughput checked_throughput(const Json& t, std::string_view what) {
  Throughput out{t["ReadCapacityUnits"].get<int64_t>(), t["WriteCapacityUnits"].get<int64_t>()};
  if (out.read < 1 || out.write < 1)
    throw invalid_parameter("Provisioned throughput for " + std::string(what) +
                            " must be greater than or equal to 1");
  return out;
}

/// A GSI's ProvisionedThroughput: its own messages, which name the index.
Throughput index_throughput(const Json* t, const std::string& billing_mode,
                            const std::string& index, IndexOrigin origin) {
  if (billing_mode == "PAY_PER_REQUEST") {
    if (t != nullptr)
      throw invalid_parameter("ProvisionedThroughput should not be specified for index: " + index +
                              " when BillingMode is PAY_PER_REQUEST");
    return {};
  }
  if (t == nullptr || !t->contains("ReadCapacityUnits") || !t->contains("WriteCapacityUnits"))
    throw invalid_parameter(
        origin == IndexOrigin::create_table
            ? "ProvisionedThroughput is not specified for index: " + index
            : "Both ReadCapacityUnits and WriteCapacityUnits must be specified for "
              "index: " +
                  index);
  return checked_throughput(*t, "index " + index);
}

}  // namespace

AttributeTypes parse_attribute_definitions(const Json& defs) {
  AttributeTypes types;
  for (std::size_t i = 0; i < defs.size(); ++i) {
    const Json& d = defs[i];
    // DynamoDB numbers list members from 1 in the field path: attributeDefinitions.2.member.
    const std::string field = "attributeDefinitions." + std::to_string(i + 1) + ".member.";
    const std::string name = required_string(d, "AttributeName", field + "attributeName");
    const std::string type = required_string(d, "AttributeType", field + "attributeType");
    if (type != "S" && type != "N" && type != "B") {
      ConstraintErrors e;
      const Json v(type);
      e.add(&v, field + "attributeType", "Member must satisfy enum value set: [B, N, S]");
      e.throw_if_any();
    }
    if (!types.emplace(name, type).second)
      throw invalid_parameter("Cannot have two attributes with the same name");
  }
  return types;
}

/// KeySchema of a table or index, with types from AttributeDefinitions.
KeySchema parse_key_schema(const Json* elements, const AttributeTypes& types,
                           std::string_view field, std::set<std::string>& used) {
  if (elements == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, field, "Member must not be null");
    e.throw_if_any();
  }
  if (elements->empty() || elements->size() > 2) {
    ConstraintErrors e;
    e.add(elements, field,
          elements->empty() ? "Member must have length greater than or equal to 1"
                            : "Member must have length less than or equal to 2");
    e.throw_if_any();
  }
  KeySchema k;
  bool has_hash = false;
  for (std::size_t i = 0; i < elements->size(); ++i) {
    const Json& e = (*elements)[i];
    const std::string name = required_string(e, "AttributeName", "keySchema.member.attributeName");
    const std::string type = required_string(e, "KeyType", "keySchema.member.keyType");
    if (type != "HASH" && type != "RANGE") {
      ConstraintErrors errors;
      const Json v(type);
      errors.add(&v, std::string(field) + "." + std::to_string(i + 1) + ".member.keyType",
                 "Member must satisfy enum value set: [HASH, RANGE]");
      errors.throw_if_any();
    }
    const auto t = types.find(name);
    if (t == types.end()) {
      std::string keys, defs;
      for (const auto& x : *elements)
        keys += (keys.empty() ? "" : ", ") + x.value("AttributeName", std::string());
      for (const auto& [n, ty] : types) defs += (defs.empty() ? "" : ", ") + n;
      throw invalid_parameter(
          "Some index key attributes are not defined in AttributeDefinitions. Keys: [" + keys +
          "], AttributeDefinitions: [" + defs + "]");
    }
    used.insert(name);
    if (i == 0) {
      if (type != "HASH")
        throw ce::AwsError::validation(
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
      k.hash = {name, t->second};
      has_hash = true;
    } else {
      if (type != "RANGE")
        throw ce::AwsError::validation(
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
      if (name == k.hash.name)
        throw ce::AwsError::validation(
            "Invalid KeySchema: Both the Hash Key and the Range Key element in the KeySchema have "
            "the same name");
      k.range = KeyAttr{name, t->second};
    }
  }
  if (!has_hash)
    throw ce::AwsError::validation(
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  return k;
}

Throughput parse_throughput(const Json* t, const std::string& billing_mode, std::string_view what) {
  if (billing_mode == "PAY_PER_REQUEST") {
    if (t != nullptr)
      throw invalid_parameter(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
          "PAY_PER_REQUEST");
    return {};
  }
  if (t == nullptr || !t->contains("ReadCapacityUnits") || !t->contains("WriteCapacityUnits"))
    throw invalid_parameter(
        "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
        "BillingMode is PROVISIONED");
  return checked_throughput(*t, what);
}

IndexRecord parse_index(const Json& spec, bool global, const TableRecord& t,
                        const AttributeTypes& types, IndexOrigin origin,
                        std::set<std::string>& used) {
  IndexRecord i;
  i.global = global;
  i.name = required_string(spec, "IndexName", "indexName");
  {
    ConstraintErrors e;
    const Json v(i.name);
    check_table_name(e, &v, "indexName");
    e.throw_if_any();
  }
  i.key = parse_key_schema(optional_member(spec, "KeySchema", Json::value_t::array), types,
                           "keySchema", used);
  const Json* projection = optional_member(spec, "Projection", Json::value_t::object);
  if (projection == nullptr) {
    ConstraintErrors e;
    e.add(nullptr, "projection", "Member must not be null");
    e.throw_if_any();
  }
  i.projection = optional_string(*projection, "ProjectionType").value_or("ALL");
  if (i.projection != "ALL" && i.projection != "KEYS_ONLY" && i.projection != "INCLUDE")
    throw invalid_parameter("Unknown ProjectionType: " + i.projection);
  if (const Json* attrs = optional_member(*projection, "NonKeyAttributes", Json::value_t::array)) {
    if (i.projection != "INCLUDE")
      throw invalid_parameter("ProjectionType is " + i.projection +
                              ", but NonKeyAttributes is specified");
    for (const auto& a : *attrs) i.non_key_attributes.push_back(a.get<std::string>());
  } else if (i.projection == "INCLUDE") {
    throw invalid_parameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  if (global) {
    i.throughput =
        index_throughput(optional_member(spec, "ProvisionedThroughput", Json::value_t::object),
                         t.billing_mode, i.name, origin);
  } else {
    if (i.key.hash.name != t.key.hash.name)
      throw invalid_parameter(
          "Index KeySchema does not have the same leading hash key as table KeySchema "
          "for index: " +
          i.name + ". index hash key: " + i.key.hash.name + ", table hash key: " + t.key.hash.name);
    if (!i.key.range)
      throw invalid_parameter("Index KeySchema does not have a range key for index: " + i.name);
    if (!t.key.range)
      throw invalid_parameter(
          "Table KeySchema does not have a range key, which is required when "
          "specifying a LocalSecondaryIndex");
  }
  return i;
}

}  // namespace ddb
