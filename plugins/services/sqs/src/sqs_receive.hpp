// Taking messages off a queue: what ReceiveMessage does at once and what a waiting long poll does
// each time it is woken (sqs_long_poll.hpp), and the receipt handles that identify one receive.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqs_ops.hpp"

namespace sqs {

struct ReceiveRequest {
  QueueRef queue;
  int64_t max_messages = 1;
  std::optional<int64_t> visibility_timeout;  // seconds; the queue's VisibilityTimeout when unset
  std::vector<std::string> system_attribute_names;   // AttributeNames + MessageSystemAttributeNames
  std::vector<std::string> message_attribute_names;  // MessageAttributeNames
};

/// Receives up to max_messages visible messages in one write transaction and makes them
/// invisible for the visibility timeout. On the way it drops expired messages and moves those
/// received more than the RedrivePolicy's maxReceiveCount to the dead-letter queue. FIFO: a
/// message is skipped while an earlier message of its group is in flight (or delayed).
/// @return the Messages array of ReceiveMessage's answer (possibly empty). Throws
/// QueueDoesNotExist when the queue is gone.
OJson receive_now(const Store& store, int64_t now, const ReceiveRequest& request);

struct Receipt {
  uint64_t queue_uid = 0;
  uint64_t seq = 0;
  uint64_t nonce = 0;
};
std::string make_receipt_handle(const Receipt& r);
/// nullopt for a handle this service did not make.
std::optional<Receipt> parse_receipt_handle(std::string_view handle);

}  // namespace sqs
