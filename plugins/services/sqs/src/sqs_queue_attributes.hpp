// Queue attributes: AWS's names, defaults, ranges and validation messages, and the computed ones
// (ApproximateNumberOfMessages..., QueueArn, timestamps) GetQueueAttributes reports.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqs_ops.hpp"

namespace sqs {

/// What a new queue has before CreateQueue's Attributes apply.
std::map<std::string, std::string> default_attributes(bool fifo);

/// Validates `changes` and writes them into q.attributes (CreateQueue when `creating`, else
/// SetQueueAttributes). Values are normalized ("TRUE" -> "true"); empty RedrivePolicy and Policy
/// remove the attribute. Throws InvalidAttributeName / InvalidAttributeValue as SQS does.
void apply_attributes(const Call& call, ce::Txn& txn, QueueRecord& q,
                      const std::map<std::string, std::string>& changes, bool creating);

/// The attributes `names` asks for ("All" for every one), by AWS name.
OJson read_attributes(const Call& call, ce::Txn& txn, const QueueRecord& q,
                      const std::vector<std::string>& names);

struct MessageCounts {
  int64_t visible = 0, in_flight = 0, delayed = 0;
};
MessageCounts count_messages(const Store& store, ce::Txn& txn, const QueueRecord& q, int64_t now);

struct RedrivePolicy {
  std::string dead_letter_target_arn;
  int64_t max_receive_count = 0;
};
/// The queue's RedrivePolicy when it has a valid one.
std::optional<RedrivePolicy> redrive_policy(const QueueRecord& q);

/// Whether a message sent at sent_ms has outlived the queue's MessageRetentionPeriod.
bool expired(const QueueRecord& q, int64_t sent_ms, int64_t now);

}  // namespace sqs
