// Request XML parsing with pugixml; answers with application/xml.
#include "s3_xml.hpp"

#include <cloudemu/protocol/rest_xml.hpp>

#include "s3_errors.hpp"

namespace s3 {

pugi::xml_document parse_xml(std::string_view body) {
  pugi::xml_document doc;
  // No DOCTYPE/entity expansion beyond the predefined five (pugixml never fetches external ones).
  const auto result =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result || !doc.document_element()) throw err::malformed_xml();
  return doc;
}

pugi::xml_document read_xml(Call& call) {
  return parse_xml(call.req.read_all(k_max_xml_body));
}

std::string_view local_name(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node require_root(const pugi::xml_document& doc, std::string_view root) {
  const pugi::xml_node el = doc.document_element();
  if (local_name(el) != root) throw err::malformed_xml();
  return el;
}

pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) return c;
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& n, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == name) out.push_back(c);
  return out;
}

std::optional<std::string> child_text(const pugi::xml_node& n, std::string_view name) {
  const pugi::xml_node c = child(n, name);
  if (!c) return std::nullopt;
  return std::string(c.text().get());
}

void send_xml(Call& call, const std::string& body, unsigned status) {
  call.resp.send(status, ce::k_content_type_xml, body);
}

}  // namespace s3
