// Item validation, canonical numbers and item sizes (ddb_item.hpp).
#include "ddb_item.hpp"

#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>
#include <set>
#include <vector>

#include "ddb_number.hpp"
#include "ddb_validation.hpp"
#include "ddb_value.hpp"

namespace ddb {

namespace {

constexpr std::string_view k_types[] = {"S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"};

std::string set_noun(std::string_view type) {
  return type == "SS" ? "string" : type == "NS" ? "number" : "binary";
}

void validate_set(Json& elements, std::string_view type) {
  if (!elements.is_array()) throw ce::AwsError::serialization("Unexpected value type in payload");
  // DynamoDB's wording, including its doubled space.
  if (elements.empty()) throw invalid_parameter("An " + set_noun(type) + " set  may not be empty");
  // DynamoDB quotes the set as Java prints a list, with the members as sent: [a, b].
  std::string as_sent;
  for (const auto& e : elements)
    if (e.is_string()) as_sent += (as_sent.empty() ? "" : ", ") + e.get<std::string>();
  std::set<std::string> seen;
  for (auto& e : elements) {
    if (!e.is_string()) throw ce::AwsError::serialization("Unexpected value type in payload");
    std::string canonical = e.get<std::string>();
    if (type == "NS") {
      canonical = Number::parse(canonical).to_string();
      e = canonical;
    } else if (type == "BS") {
      const auto raw = base64_decode(canonical);
      if (!raw)
        throw ce::AwsError::serialization(
            "Base64 encoded length is expected a multiple of 4 bytes but found: " +
            std::to_string(canonical.size()));
      canonical = *raw;
    }
    if (!seen.insert(canonical).second)
      throw invalid_parameter("Input collection [" + as_sent + "] contains duplicates.");
  }
}

}  // namespace

void validate_value(Json& value) {
  if (!value.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
  std::size_t set_fields = 0;
  for (auto it = value.begin(); it != value.end(); ++it) {
    bool known = false;
    for (const auto t : k_types) known = known || it.key() == t;
    if (!known) throw ce::AwsError::serialization("Unknown AttributeValue type: " + it.key());
    if (!it->is_null()) ++set_fields;
  }
  if (set_fields == 0)
    throw ce::AwsError::validation(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  if (set_fields > 1)
    throw ce::AwsError::validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  auto it = value.begin();
  while (it->is_null()) ++it;
  const std::string type = it.key();
  Json& v = *it;
  if (type == "S") {
    if (!v.is_string()) throw ce::AwsError::serialization("Unexpected value type in payload");
  } else if (type == "N") {
    if (!v.is_string()) throw ce::AwsError::serialization("Unexpected value type in payload");
    v = Number::parse(v.get<std::string>()).to_string();
  } else if (type == "B") {
    if (!v.is_string() || !base64_decode(v.get<std::string>()))
      throw ce::AwsError::serialization("Unexpected value type in payload");
  } else if (type == "SS" || type == "NS" || type == "BS") {
    validate_set(v, type);
  } else if (type == "M") {
    if (!v.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
    for (auto& [name, inner] : v.items()) validate_value(inner);
  } else if (type == "L") {
    if (!v.is_array()) throw ce::AwsError::serialization("Unexpected value type in payload");
    for (auto& inner : v) validate_value(inner);
  } else if (type == "NULL") {
    if (!v.is_boolean()) throw ce::AwsError::serialization("Unexpected value type in payload");
    if (!v.get<bool>())
      throw invalid_parameter("Null attribute value types must have the value of true");
  } else if (type == "BOOL") {
    if (!v.is_boolean()) throw ce::AwsError::serialization("Unexpected value type in payload");
  }
  if (value.size() > 1) value = Json{{type, v}};  // drop explicit nulls of other types
}

void validate_attributes(Json& item) {
  if (!item.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
  for (auto& [name, value] : item.items()) validate_value(value);
}

std::size_t value_size(const Json& value) {
  const auto it = value.begin();
  const std::string& type = it.key();
  const Json& v = *it;
  if (type == "S") return v.get_ref<const std::string&>().size();
  if (type == "N") return Number::parse(v.get_ref<const std::string&>()).stored_size();
  if (type == "B") return base64_decode(v.get_ref<const std::string&>()).value_or("").size();
  if (type == "NULL" || type == "BOOL") return 1;
  std::size_t n = 0;
  if (type == "SS") {
    for (const auto& e : v) n += e.get_ref<const std::string&>().size();
  } else if (type == "NS") {
    for (const auto& e : v) n += Number::parse(e.get_ref<const std::string&>()).stored_size();
  } else if (type == "BS") {
    for (const auto& e : v) n += base64_decode(e.get_ref<const std::string&>()).value_or("").size();
  } else if (type == "L") {
    n = 3;
    for (const auto& e : v) n += value_size(e) + 1;
  } else if (type == "M") {
    n = 3;
    for (const auto& [name, e] : v.items()) n += name.size() + value_size(e) + 1;
  }
  return n;
}

std::size_t item_size(const Json& item) {
  std::size_t n = 0;
  for (const auto& [name, value] : item.items()) n += name.size() + value_size(value);
  return n;
}

namespace {

void check_key_attribute(const KeyAttr& attr, const Json& item, bool in_item) {
  const auto it = item.find(attr.name);
  if (it == item.end()) {
    if (in_item) throw invalid_parameter("Missing the key " + attr.name + " in the item");
    throw ce::AwsError::validation("The provided key element does not match the schema");
  }
  const auto value = it->begin();
  if (value.key() != attr.type) {
    if (in_item)
      throw invalid_parameter("Type mismatch for key " + attr.name + " expected: " + attr.type +
                              " actual: " + value.key());
    throw ce::AwsError::validation("The provided key element does not match the schema");
  }
  if ((attr.type == "S" || attr.type == "B") && value->get_ref<const std::string&>().empty())
    throw ce::AwsError::validation(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty " +
        std::string(attr.type == "S" ? "string" : "binary") + " value. Key: " + attr.name);
}

}  // namespace

void check_item_key(const TableRecord& t, const Json& item) {
  check_key_attribute(t.key.hash, item, true);
  if (t.key.range) check_key_attribute(*t.key.range, item, true);
}

void check_index_keys(const TableRecord& t, const Json& item) {
  // DynamoDB names the first index (by name) whose key the attribute breaks.
  std::vector<const IndexRecord*> indexes;
  for (const auto& index : t.indexes) indexes.push_back(&index);
  std::sort(indexes.begin(), indexes.end(),
            [](const IndexRecord* a, const IndexRecord* b) { return a->name < b->name; });
  for (const IndexRecord* index : indexes) {
    for (const KeyAttr* attr :
         {&index->key.hash, index->key.range ? &*index->key.range : nullptr}) {
      if (attr == nullptr) continue;
      const auto it = item.find(attr->name);
      if (it == item.end() || !it->is_object() || it->size() != 1) continue;
      const auto value = it->begin();
      if (value.key() != attr->type)
        throw invalid_parameter("Type mismatch for Index Key " + attr->name +
                                " Expected: " + attr->type + " Actual: " + value.key() +
                                " IndexName: " + index->name);
      if ((attr->type == "S" || attr->type == "B") && value->is_string() &&
          value->get_ref<const std::string&>().empty())
        throw ce::AwsError::validation(
            "One or more parameter values are not valid. A value specified for a secondary index "
            "key is not supported. The AttributeValue for a key attribute cannot contain an "
            "empty " +
            std::string(attr->type == "S" ? "string" : "binary") +
            " value. IndexName: " + index->name + ", IndexKey: " + attr->name);
    }
  }
}

void check_key_param(const TableRecord& t, const Json& key) {
  const std::size_t expected = t.key.range ? 2 : 1;
  if (!key.is_object() || key.size() != expected)
    throw ce::AwsError::validation("The provided key element does not match the schema");
  check_key_attribute(t.key.hash, key, false);
  if (t.key.range) check_key_attribute(*t.key.range, key, false);
}

Json key_of(const KeySchema& key, const Json& item) {
  Json out = Json::object();
  if (const auto it = item.find(key.hash.name); it != item.end()) out[key.hash.name] = *it;
  if (key.range)
    if (const auto it = item.find(key.range->name); it != item.end()) out[key.range->name] = *it;
  return out;
}

}  // namespace ddb
