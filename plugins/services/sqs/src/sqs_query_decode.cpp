// Query-protocol requests: parameters are flattened lists and maps
// ("MessageAttribute.2.Value.StringValue"). They are read into a tree by their dotted names, then
// each SQS list or map member is rebuilt in the JSON protocol's form (see test "query and JSON
// decode to the same request").
#include <algorithm>
#include <charconv>
#include <vector>

#include "sqs_protocol.hpp"

namespace sqs {

namespace {

void insert_dotted(Json& tree, std::string_view key, const std::string& value) {
  Json* node = &tree;
  for (;;) {
    const auto dot = key.find('.');
    const std::string part(key.substr(0, dot));
    if (dot == std::string_view::npos) {
      if (!node->contains(part) || !(*node)[part].is_object()) (*node)[part] = value;
      return;
    }
    Json& child = (*node)[part];
    if (!child.is_object()) child = Json::object();
    node = &child;
    key.remove_prefix(dot + 1);
  }
}

/// The members of an indexed group ("1", "2", ...) in index order; other keys are ignored.
std::vector<const Json*> indexed(const Json& group) {
  std::vector<std::pair<uint64_t, const Json*>> items;
  if (group.is_object()) {
    for (const auto& [k, v] : group.items()) {
      uint64_t n = 0;
      const auto [end, ec] = std::from_chars(k.data(), k.data() + k.size(), n);
      if (ec == std::errc() && end == k.data() + k.size()) items.emplace_back(n, &v);
    }
  }
  std::sort(items.begin(), items.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Json*> out;
  for (const auto& [n, v] : items) out.push_back(v);
  return out;
}

std::string text_of(const Json& v) {
  return v.is_string() ? v.get<std::string>() : std::string();
}

Json indexed_strings(const Json& group) {
  Json out = Json::array();
  for (const Json* v : indexed(group)) out.push_back(text_of(*v));
  return out;
}

Json pair_map(const Json& group, const char* key_name, const char* value_name) {
  Json out = Json::object();
  for (const Json* entry : indexed(group)) {
    if (!entry->is_object() || !entry->contains(key_name)) continue;
    out[text_of((*entry)[key_name])] =
        entry->contains(value_name) ? text_of((*entry)[value_name]) : std::string();
  }
  return out;
}

/// MessageAttribute.N.{Name, Value.{DataType, StringValue, BinaryValue, StringListValue.N}}.
Json message_attribute_map(const Json& group) {
  Json out = Json::object();
  for (const Json* entry : indexed(group)) {
    if (!entry->is_object() || !entry->contains("Name")) continue;
    Json value = Json::object();
    if (entry->contains("Value") && (*entry)["Value"].is_object()) {
      for (const auto& [k, v] : (*entry)["Value"].items()) {
        if (k == "StringListValue" || k == "BinaryListValue")
          value[k + "s"] = indexed_strings(v);
        else
          value[k] = text_of(v);
      }
    }
    out[text_of((*entry)["Name"])] = std::move(value);
  }
  return out;
}

Json normalize(const Json& tree, std::string_view operation) {
  Json out = Json::object();
  for (const auto& [key, value] : tree.items()) {
    if (key == "Attribute") {
      out["Attributes"] = pair_map(value, "Name", "Value");
    } else if (key == "Tag") {
      // CreateQueue's member is "tags", TagQueue's "Tags" (botocore's sqs service model).
      out[operation == "CreateQueue" ? "tags" : "Tags"] = pair_map(value, "Key", "Value");
    } else if (key == "TagKey") {
      out["TagKeys"] = indexed_strings(value);
    } else if (key == "AttributeName" || key == "MessageAttributeName" ||
               key == "MessageSystemAttributeName") {
      out[key + "s"] = indexed_strings(value);
    } else if (key == "MessageAttribute" || key == "MessageSystemAttribute") {
      out[key + "s"] = message_attribute_map(value);
    } else if (key.ends_with("RequestEntry")) {
      Json entries = Json::array();
      for (const Json* entry : indexed(value))
        entries.push_back(entry->is_object() ? normalize(*entry, operation) : Json::object());
      out["Entries"] = std::move(entries);
    } else if (value.is_string()) {
      out[key] = value;
    }
  }
  return out;
}

}  // namespace

DecodedRequest decode_query_request(const ce::Params& params) {
  Json tree = Json::object();
  for (const auto& [k, v] : params) insert_dotted(tree, k, v);
  const std::string operation = tree.contains("Action") ? text_of(tree["Action"]) : "";
  if (operation.empty()) throw ce::AwsError::missing_action();
  Json input = normalize(tree, operation);
  input.erase("Action");
  input.erase("Version");
  return DecodedRequest{operation, std::move(input)};
}

}  // namespace sqs
