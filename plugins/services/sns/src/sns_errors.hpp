// SNS's client-visible errors as named factories (the query codes of the SNS API reference:
// InvalidParameter, ParameterValueInvalid, NotFound, the batch errors).
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>
#include <string_view>

namespace sns {

/// InvalidParameter (400): "Invalid parameter: <what>".
inline ce::AwsError invalid_parameter(std::string_view what) {
  return ce::AwsError::client(400, "InvalidParameter", "Invalid parameter: " + std::string(what));
}
/// InvalidParameterValue, spelled ParameterValueInvalid on the wire (message attributes).
inline ce::AwsError parameter_value_invalid(std::string message) {
  return ce::AwsError::client(400, "ParameterValueInvalid", std::move(message));
}
inline ce::AwsError topic_not_found() {
  return ce::AwsError::not_found("NotFound", "Topic does not exist");
}
inline ce::AwsError subscription_not_found() {
  return ce::AwsError::not_found("NotFound", "Subscription does not exist");
}
inline ce::AwsError resource_not_found() {
  return ce::AwsError::not_found("ResourceNotFound", "Resource does not exist");
}

}  // namespace sns
