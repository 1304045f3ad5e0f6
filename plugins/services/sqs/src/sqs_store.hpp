// SQS state in the service's keyspaces (docs/sqs.md, "Storage layout"):
//
//   queues    (account, region, queue name)        -> QueueRecord
//   messages  (queue uid, message seq)             -> MessageRecord
//   dedup     (queue uid, scope, deduplication id) -> DedupRecord (FIFO, 5-minute window)
//   move_tasks (source queue uid, ~task id)        -> MoveTaskRecord (newest first)
//   meta      ("uid")                              -> the last queue uid handed out
//   meta      ("task")                             -> the last message move task id
//
// Messages are keyed by a per-queue sequence in send order, so one cursor walk visits a queue in
// FIFO order; a message's visibility (visible_at_ms) lives in its record, so messages in flight
// come back on their own after a restart. A deleted queue's uid is never reused: a receipt
// handle of the old queue cannot touch a new queue of the same name.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <cloudemu/value.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <msgpack.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqs {

inline constexpr uint8_t k_record_version = 1;

struct QueueRecord {
  std::string account, region, name;
  uint64_t uid = 0;
  /// Settable attributes by AWS name, as strings (defaults filled in at creation).
  std::map<std::string, std::string> attributes;
  std::map<std::string, std::string> tags;
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
  int64_t last_purge_ms = 0;  // 0: never purged
  uint64_t next_seq = 1;      // the key of the next message
  MSGPACK_DEFINE_MAP(account, region, name, uid, attributes, tags, created_ms, modified_ms,
                     last_purge_ms, next_seq)

  bool fifo() const { return name.size() > 5 && name.ends_with(".fifo"); }
  /// An attribute as an integer (the stored value was validated).
  int64_t number(const std::string& attribute, int64_t fallback = 0) const;
  std::string attribute(const std::string& name, std::string fallback = {}) const;
};

struct MessageRecord {
  std::string message_id;
  std::string body;
  std::string attributes_json;  // MessageAttributes in the JSON protocol's shape, "" when none
  std::string md5_body, md5_attributes, md5_system;
  std::string trace_header;  // MessageSystemAttributes.AWSTraceHeader
  std::string sender_id;
  std::string group_id, dedup_id, sequence_number;  // FIFO
  int64_t sent_ms = 0;
  int64_t visible_at_ms = 0;
  int64_t first_receive_ms = 0;
  uint32_t receive_count = 0;
  uint64_t receipt_nonce = 0;  // changes on every receive: identifies the latest receipt handle
  bool delayed = false;        // invisible because of DelaySeconds, never received yet
  std::string dead_letter_source_arn;
  MSGPACK_DEFINE_MAP(message_id, body, attributes_json, md5_body, md5_attributes, md5_system,
                     trace_header, sender_id, group_id, dedup_id, sequence_number, sent_ms,
                     visible_at_ms, first_receive_ms, receive_count, receipt_nonce, delayed,
                     dead_letter_source_arn)
};

/// What a deduplicated FIFO send answers: the original message's identity.
struct DedupRecord {
  std::string message_id, sequence_number, md5_body, md5_attributes, md5_system;
  int64_t expires_ms = 0;
  MSGPACK_DEFINE_MAP(message_id, sequence_number, md5_body, md5_attributes, md5_system, expires_ms)
};

/// A StartMessageMoveTask (DLQ redrive) and how it ended.
struct MoveTaskRecord {
  uint64_t id = 0;
  std::string task_handle;
  std::string status;                       // RUNNING | COMPLETED | CANCELLED | FAILED
  std::string source_arn, destination_arn;  // destination "": each message's original queue
  int64_t max_per_second = 0;               // 0: not given
  int64_t moved = 0, to_move = 0;
  std::string failure_reason;
  int64_t started_ms = 0;
  MSGPACK_DEFINE_MAP(id, task_handle, status, source_arn, destination_arn, max_per_second, moved,
                     to_move, failure_reason, started_ms)
};

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);
  const ce::ServiceContext& ctx() const noexcept { return ctx_; }

  // ---- queues ----
  std::optional<QueueRecord> find_queue(ce::Txn& txn, std::string_view account,
                                        std::string_view region, std::string_view name) const;
  void put_queue(ce::WriteTxn& txn, const QueueRecord& q) const;
  /// Deletes the queue, its messages and its deduplication entries.
  void delete_queue(ce::WriteTxn& txn, const QueueRecord& q) const;
  /// Queues of one account and region in name order whose name starts with `prefix`, from after
  /// `after` (exclusive), at most `limit`; *more tells whether others follow.
  std::vector<QueueRecord> list_queues(ce::Txn& txn, std::string_view account,
                                       std::string_view region, std::string_view prefix,
                                       std::string_view after, std::size_t limit, bool* more) const;
  uint64_t next_uid(ce::WriteTxn& txn) const;

  // ---- messages ----
  std::optional<MessageRecord> get_message(ce::Txn& txn, uint64_t uid, uint64_t seq) const;
  void put_message(ce::WriteTxn& txn, uint64_t uid, uint64_t seq, const MessageRecord& m) const;
  void delete_message(ce::WriteTxn& txn, uint64_t uid, uint64_t seq) const;
  /// Visits the queue's messages in send order until fn returns false. fn must not write in txn
  /// (collect, then write once the walk is over).
  void scan_messages(ce::Txn& txn, uint64_t uid,
                     const std::function<bool(uint64_t seq, const MessageRecord&)>& fn) const;
  /// Deletes every message of the queue (PurgeQueue, DeleteQueue).
  void delete_messages(ce::WriteTxn& txn, uint64_t uid) const;

  // ---- FIFO deduplication ----
  std::optional<DedupRecord> find_dedup(ce::Txn& txn, uint64_t uid, std::string_view scope,
                                        std::string_view dedup_id) const;
  void put_dedup(ce::WriteTxn& txn, uint64_t uid, std::string_view scope, std::string_view dedup_id,
                 const DedupRecord& d) const;

  // ---- message move tasks ----
  uint64_t next_task_id(ce::WriteTxn& txn) const;
  void put_move_task(ce::WriteTxn& txn, uint64_t queue_uid, const MoveTaskRecord& t) const;
  /// The queue's tasks, newest first, at most `limit`.
  std::vector<MoveTaskRecord> move_tasks(ce::Txn& txn, uint64_t queue_uid, std::size_t limit) const;

 private:
  void delete_prefix(ce::WriteTxn& txn, ce::Keyspace ks, const std::string& prefix) const;
  ce::ServiceContext ctx_;
  uint64_t next_counter(ce::WriteTxn& txn, std::string_view name) const;
  ce::Keyspace queues_, messages_, dedup_, meta_, move_tasks_;
};

}  // namespace sqs
