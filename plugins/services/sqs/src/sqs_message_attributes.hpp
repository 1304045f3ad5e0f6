// Message attributes: validation, the MD5 digests SQS answers with (MD5OfMessageAttributes,
// MD5OfMessageSystemAttributes; SDKs recompute and compare them), and the selection
// ReceiveMessage's MessageAttributeNames makes ("All", ".*", "prefix.*", exact names).
//
// Attributes travel in the JSON protocol's shape:
//   {"name": {"DataType": "String", "StringValue": "v"}}   BinaryValue is base64 text.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sqs_ops.hpp"

namespace sqs {

/// Checks MessageAttributes as SendMessage does (at most 10, names, data types, values) and
/// normalizes them (only DataType and the value member kept). Throws InvalidParameterValue.
Json validated_message_attributes(const Json& attributes);
/// Checks MessageSystemAttributes: only AWSTraceHeader, a String.
Json validated_system_attributes(const Json& attributes);

/// The MD5 SQS computes over attributes: for each name in byte order, length-prefixed (4 bytes,
/// big-endian) name, data type, then a transport byte (1 string, 2 binary) and the
/// length-prefixed value (UTF-8 text, or the decoded binary bytes). "" for no attributes.
std::string md5_of_attributes(const Json& attributes);

/// The bytes attributes count toward MaximumMessageSize: name, data type and value.
std::size_t attributes_size(const Json& attributes);

/// The attributes `names` selects.
Json select_message_attributes(const Json& attributes, const std::vector<std::string>& names);

/// Whether every character of `body` is one SQS accepts (#x9 | #xA | #xD | #x20-#xD7FF |
/// #xE000-#xFFFD | #x10000-#x10FFFF, in valid UTF-8).
bool valid_message_characters(std::string_view body);

}  // namespace sqs
