// The request shapes of the multipart family that need no storage: the CompleteMultipartUpload
// document, part numbers, and UploadPartCopy's range header. Kept free of Call
// so that fuzz_complete_multipart links this file and s3_xml.cpp alone.
#include <cloudemu/text.hpp>
#include <limits>

#include "s3_errors.hpp"
#include "s3_multipart.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

/// Decimal digits only, no sign, no overflow past `max`.
std::optional<uint64_t> parse_uint(std::string_view s, uint64_t max) {
  if (s.empty() || s.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto d = static_cast<uint64_t>(c - '0');
    if (v > (max - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

/// Clients send ETags quoted (as S3 returned them), sometimes not: compare without the quotes.
std::string strip_quotes(std::string_view s) {
  s = ce::trim_whitespace(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

}  // namespace

std::vector<CompletedPart> parse_complete_parts(std::string_view xml) {
  const pugi::xml_document doc = parse_xml(xml);
  const pugi::xml_node root = require_root(doc, "CompleteMultipartUpload");
  std::vector<CompletedPart> parts;
  for (const pugi::xml_node& p : children(root, "Part")) {
    const auto number = child_text(p, "PartNumber");
    const auto etag = child_text(p, "ETag");
    if (!number || !etag) throw err::malformed_xml();
    // S3 reads PartNumber as an xs:int: anything else does not validate against the schema.
    const auto n = parse_uint(ce::trim_whitespace(*number), std::numeric_limits<int32_t>::max());
    if (!n) throw err::malformed_xml();
    CompletedPart part;
    part.number = static_cast<uint32_t>(*n);
    part.etag = strip_quotes(*etag);
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      const std::string_view name = local_name(c);
      if (name.size() > 8 && name.substr(0, 8) == "Checksum" && name != "ChecksumType")
        part.checksums.emplace_back(std::string(name.substr(8)),
                                    std::string(ce::trim_whitespace(c.text().get())));
    }
    parts.push_back(std::move(part));
  }
  if (parts.empty()) throw err::malformed_xml();
  return parts;
}

void check_part_order(const std::vector<CompletedPart>& parts) {
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].number <= parts[i - 1].number) {
      throw ce::AwsError::client(
          400, "InvalidPartOrder",
          "The list of parts was not in ascending order. Parts must be ordered by part number.");
    }
  }
}

uint32_t parse_part_number(std::string_view text) {
  const auto n = parse_uint(text, std::numeric_limits<uint32_t>::max());
  if (!n || *n < 1 || *n > k_max_part_number) {
    throw err::invalid_argument("Part number must be an integer between 1 and 10000, inclusive",
                                "partNumber", text);
  }
  return static_cast<uint32_t>(*n);
}

CopyRange parse_copy_range(std::string_view header, uint64_t source_size) {
  const auto bad_form = [&] {
    return err::invalid_argument(
        "The x-amz-copy-source-range value must be of the form bytes=first-last where first and "
        "last are the zero-based offsets of the first and last bytes to copy",
        "x-amz-copy-source-range", header);
  };
  // Unlike GET's Range, only one closed range: no suffix ("-5"), no open end ("5-"), no lists.
  constexpr std::string_view k_unit = "bytes=";
  if (header.substr(0, k_unit.size()) != k_unit) throw bad_form();
  const std::string_view spec = header.substr(k_unit.size());
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) throw bad_form();
  const auto first = parse_uint(spec.substr(0, dash), std::numeric_limits<uint64_t>::max());
  const auto last = parse_uint(spec.substr(dash + 1), std::numeric_limits<uint64_t>::max());
  if (!first || !last || *first > *last) throw bad_form();
  if (*last >= source_size) {
    throw err::invalid_argument("Range specified is not valid for source object of size: " +
                                std::to_string(source_size));
  }
  return {*first, *last};
}

}  // namespace s3
