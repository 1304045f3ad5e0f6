// Query-protocol answers: the JSON protocol's response document as SQS's XML (lists flattened,
// maps as <Attribute><Name/><Value/></Attribute>-style entries, no whitespace).
#include <algorithm>
#include <cloudemu/protocol/xml_writer.hpp>
#include <string>

#include "sqs_protocol.hpp"

namespace sqs {

namespace {

std::string scalar_text(const OJson& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

void element(std::string& out, std::string_view name, std::string_view text) {
  out += '<';
  out += name;
  out += '>';
  ce::xml_escape_to(out, text);  // CR too: it must survive to keep the body's MD5
  out += "</";
  out += name;
  out += '>';
}

void render_members(std::string& out, std::string_view operation, const OJson& obj);

/// The element name of one item of a list member in SQS's XML (lists are flattened).
std::string item_name(std::string_view operation, std::string_view key) {
  if (key == "QueueUrls" || key == "queueUrls") return "QueueUrl";
  if (key == "Messages") return "Message";
  if (key == "Successful") return std::string(operation) + "ResultEntry";
  if (key == "Failed") return "BatchResultErrorEntry";
  if (key == "Results") return std::string(operation) + "ResultEntry";
  if (key == "StringListValues") return "StringListValue";
  if (key == "BinaryListValues") return "BinaryListValue";
  return std::string(key);
}

void render_member(std::string& out, std::string_view operation, const std::string& key,
                   const OJson& value) {
  if (key == "Attributes" && value.is_object()) {
    for (const auto& [name, v] : value.items()) {
      out += "<Attribute>";
      element(out, "Name", name);
      element(out, "Value", scalar_text(v));
      out += "</Attribute>";
    }
  } else if (key == "Tags" && value.is_object()) {
    for (const auto& [name, v] : value.items()) {
      out += "<Tag>";
      element(out, "Key", name);
      element(out, "Value", scalar_text(v));
      out += "</Tag>";
    }
  } else if (key == "MessageAttributes" && value.is_object()) {
    for (const auto& [name, v] : value.items()) {
      out += "<MessageAttribute>";
      element(out, "Name", name);
      out += "<Value>";
      render_members(out, operation, v);
      out += "</Value></MessageAttribute>";
    }
  } else if (value.is_array()) {
    const std::string item = item_name(operation, key);
    for (const auto& v : value) {
      if (v.is_object()) {
        out += '<' + item + '>';
        render_members(out, operation, v);
        out += "</" + item + '>';
      } else {
        element(out, item, scalar_text(v));
      }
    }
  } else if (value.is_object()) {
    out += '<' + key + '>';
    render_members(out, operation, value);
    out += "</" + key + '>';
  } else if (!value.is_null()) {
    element(out, key, scalar_text(value));
  }
}

void render_members(std::string& out, std::string_view operation, const OJson& obj) {
  if (!obj.is_object()) return;
  for (const auto& [key, value] : obj.items()) render_member(out, operation, key, value);
}

/// Actions whose query answer has no <ActionResult> element.
bool has_no_result(std::string_view operation) {
  static constexpr std::string_view k_without[] = {
      "DeleteQueue",   "SetQueueAttributes",      "TagQueue",      "UntagQueue",      "PurgeQueue",
      "DeleteMessage", "ChangeMessageVisibility", "AddPermission", "RemovePermission"};
  return std::find(std::begin(k_without), std::end(k_without), operation) != std::end(k_without);
}

}  // namespace

std::string render_query_response(std::string_view operation, const OJson& doc,
                                  std::string_view request_id) {
  std::string out =
      "<" + std::string(operation) + "Response xmlns=\"" + std::string(k_xmlns) + "\">";
  if (!has_no_result(operation)) {
    out += "<" + std::string(operation) + "Result>";
    render_members(out, operation, doc);
    out += "</" + std::string(operation) + "Result>";
  }
  out += "<ResponseMetadata>";
  element(out, "RequestId", request_id);
  out += "</ResponseMetadata></" + std::string(operation) + "Response>";
  return out;
}

std::string render_query_error(const ce::AwsError& e, std::string_view request_id) {
  std::string out = "<ErrorResponse xmlns=\"" + std::string(k_xmlns) + "\"><Error>";
  element(out, "Type", e.sender_fault ? "Sender" : "Receiver");
  element(out, "Code", e.query_code.empty() ? e.code : e.query_code);
  element(out, "Message", e.message);
  out += "<Detail/></Error>";
  element(out, "RequestId", request_id);
  out += "</ErrorResponse>";
  return out;
}

}  // namespace sqs
