// Codes and messages as SQS sends them (API reference "Errors" of each action and captured
// answers of the real service).
#include "sqs_errors.hpp"

namespace sqs::err {

ce::AwsError coded(std::string json_code, std::string query_code, std::string message,
                   uint32_t status) {
  ce::AwsError e(status, std::move(json_code), std::move(message), true);
  e.query_code = std::move(query_code);
  return e;
}

ce::AwsError same(std::string code, std::string message, uint32_t status) {
  return ce::AwsError(status, std::move(code), std::move(message), true);
}

ce::AwsError queue_does_not_exist() {
  return coded("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue",
               "The specified queue does not exist.");
}

ce::AwsError queue_name_exists(std::string_view name) {
  return coded("QueueNameExists", "QueueAlreadyExists",
               "A queue already exists with the same name and a different value for attribute(s)"
               " (queue " +
                   std::string(name) + ").");
}

ce::AwsError queue_deleted_recently() {
  return coded("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently",
               "You must wait 60 seconds after deleting a queue before you can create another "
               "with the same name.");
}

ce::AwsError invalid_parameter_value(std::string message) {
  return same("InvalidParameterValue", std::move(message));
}

ce::AwsError missing_parameter(std::string_view name) {
  return same("MissingParameter",
              "The request must contain the parameter " + std::string(name) + ".");
}

ce::AwsError invalid_attribute_name(std::string message) {
  return same("InvalidAttributeName", std::move(message));
}

ce::AwsError invalid_attribute_value(std::string message) {
  return coded("InvalidAttributeValue", "InvalidAttributeValue", std::move(message));
}

ce::AwsError invalid_address(std::string_view url) {
  return coded("InvalidAddress", "InvalidAddress",
               "The address " + std::string(url) + " is not valid for this endpoint.", 404);
}

ce::AwsError receipt_handle_is_invalid(std::string_view handle) {
  return same("ReceiptHandleIsInvalid", "The input receipt handle \"" + std::string(handle) +
                                            "\" is not a valid receipt handle.");
}

ce::AwsError message_not_inflight() {
  return coded("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight",
               "The message referred to isn't in flight.");
}

ce::AwsError purge_queue_in_progress(std::string_view name) {
  return coded(
      "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress",
      "Only one PurgeQueue operation on " + std::string(name) + " is allowed every 60 seconds.",
      403);
}

ce::AwsError empty_batch_request(std::string_view entry_shape) {
  return coded("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest",
               "There should be at least one " + std::string(entry_shape) + " in the request.");
}

ce::AwsError too_many_entries_in_batch_request(std::size_t count) {
  return coded(
      "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      "Maximum number of entries per request are 10. You have sent " + std::to_string(count) + ".");
}

ce::AwsError batch_entry_ids_not_distinct(std::string_view id) {
  return coded("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
               "Id " + std::string(id) + " repeated.");
}

ce::AwsError invalid_batch_entry_id() {
  return coded("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId",
               "A batch entry id can only contain alphanumeric characters, hyphens and "
               "underscores. It can be at most 80 letters long.");
}

ce::AwsError batch_request_too_long(std::size_t bytes) {
  return coded("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong",
               "Batch requests cannot be longer than 262144 bytes. You have sent " +
                   std::to_string(bytes) + " bytes.");
}

ce::AwsError invalid_message_contents(std::string message) {
  return same("InvalidMessageContents", std::move(message));
}

ce::AwsError unsupported_operation(std::string message) {
  return coded("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation",
               std::move(message));
}

ce::AwsError resource_not_found(std::string message) {
  return coded("ResourceNotFoundException", "ResourceNotFoundException", std::move(message), 404);
}

ce::AwsError invalid_value(std::string_view param, std::string_view value,
                           std::string_view reason) {
  return invalid_parameter_value("Value " + std::string(value) + " for parameter " +
                                 std::string(param) +
                                 " is invalid. Reason: " + std::string(reason));
}

}  // namespace sqs::err
