// SQS's client-visible errors as named factories. SQS is "awsQueryCompatible": each error has a
// JSON-protocol code (AwsError::code, "QueueDoesNotExist") and the legacy query code
// (AwsError::query_code, "AWS.SimpleQueueService.NonExistentQueue") that query clients match and
// JSON clients receive in x-amzn-query-error. Both renderings live in sqs_protocol.cpp.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string>
#include <string_view>

namespace sqs::err {

/// An error whose JSON and query codes differ.
ce::AwsError coded(std::string json_code, std::string query_code, std::string message,
                   uint32_t status = 400);
/// An error whose code is the same in both protocols.
ce::AwsError same(std::string code, std::string message, uint32_t status = 400);

ce::AwsError queue_does_not_exist();
ce::AwsError queue_name_exists(std::string_view name);
ce::AwsError queue_deleted_recently();
ce::AwsError invalid_parameter_value(std::string message);
ce::AwsError missing_parameter(std::string_view name);
ce::AwsError invalid_attribute_name(std::string message);
ce::AwsError invalid_attribute_value(std::string message);
ce::AwsError invalid_address(std::string_view url);
ce::AwsError receipt_handle_is_invalid(std::string_view handle);
ce::AwsError message_not_inflight();
ce::AwsError purge_queue_in_progress(std::string_view name);
ce::AwsError empty_batch_request(std::string_view entry_shape);
ce::AwsError too_many_entries_in_batch_request(std::size_t count);
ce::AwsError batch_entry_ids_not_distinct(std::string_view id);
ce::AwsError invalid_batch_entry_id();
ce::AwsError batch_request_too_long(std::size_t bytes);
ce::AwsError invalid_message_contents(std::string message);
ce::AwsError unsupported_operation(std::string message);
ce::AwsError resource_not_found(std::string message);
/// "Value X for parameter Name is invalid. Reason: ..." (InvalidParameterValue).
ce::AwsError invalid_value(std::string_view param, std::string_view value, std::string_view reason);

}  // namespace sqs::err
