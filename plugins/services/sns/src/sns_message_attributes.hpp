// Message attributes of Publish and PublishBatch: decoding from the form, SNS's validation, and
// the shapes they take downstream (filter policies, the JSON envelope, SQS message attributes).
#pragma once
#include <cloudemu/url.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace sns {

struct MessageAttribute {
  std::string data_type;     // "String", "Number", "Binary", "String.Array" or "<type>.<label>"
  std::string string_value;  // String, Number and String.Array
  std::string binary_value;  // Binary: base64 as sent
};
using MessageAttributes = std::map<std::string, MessageAttribute>;

inline constexpr std::size_t k_max_message_attributes = 10;

/// `<prefix>.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` / `.Value.BinaryValue`,
/// validated: ParameterValueInvalid as SNS words it for a bad type, an empty value, a Number that
/// is not one, a String.Array that is not a JSON array, too many attributes.
MessageAttributes parse_message_attributes(const ce::Params& params,
                                           std::string_view prefix = "MessageAttributes");

/// The bytes the attributes count towards the 256 KiB message limit (names, types, values).
std::size_t message_attributes_size(const MessageAttributes& attributes);

/// name -> value as filter policies see them: Number as a number, String.Array as its array,
/// Binary left out (SNS does not filter on it).
nlohmann::json attributes_for_filtering(const MessageAttributes& attributes);

/// {"name": {"Type": "String", "Value": "..."}} for the notification envelope.
nlohmann::ordered_json envelope_attributes(const MessageAttributes& attributes);

/// {"name": {"DataType": "...", "StringValue"|"BinaryValue": "..."}} for SQS SendMessage.
nlohmann::json sqs_message_attributes(const MessageAttributes& attributes);

}  // namespace sns
