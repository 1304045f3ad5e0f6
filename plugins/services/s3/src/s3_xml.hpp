// Request XML (CreateBucketConfiguration, Delete, CompleteMultipartUpload, configurations) with
// pugixml: every parse failure is MalformedXML, as S3 answers.
#pragma once
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "s3_ops.hpp"

namespace s3 {

inline constexpr std::size_t k_max_xml_body = 1024 * 1024;
inline constexpr std::string_view k_xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";

/// Parses `body`; MalformedXML on any syntax error or an empty document.
pugi::xml_document parse_xml(std::string_view body);
/// Reads the request body (up to k_max_xml_body) and parses it.
pugi::xml_document read_xml(Call& call);
/// The root element, which must be named `root` (namespace prefix ignored); else MalformedXML.
pugi::xml_node require_root(const pugi::xml_document& doc, std::string_view root);
/// The local name of a node ("s3:Key" -> "Key").
std::string_view local_name(const pugi::xml_node& n);
/// The first child element with this local name, or an empty node.
pugi::xml_node child(const pugi::xml_node& n, std::string_view name);
/// Every child element with this local name.
std::vector<pugi::xml_node> children(const pugi::xml_node& n, std::string_view name);
/// The text of a child element, nullopt when absent.
std::optional<std::string> child_text(const pugi::xml_node& n, std::string_view name);

/// Sends a 200 application/xml answer.
void send_xml(Call& call, const std::string& body, unsigned status = 200);

}  // namespace s3
