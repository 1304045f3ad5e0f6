// StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask: the DLQ redrive. A task
// moves the dead-letter queue's available messages at once, to DestinationArn or back to the
// queue each message came from, and is COMPLETED when StartMessageMoveTask answers (clients poll
// ListMessageMoveTasks until then, so finishing early is indistinguishable from a fast task).
#include <map>

#include "sqs_codec.hpp"
#include "sqs_errors.hpp"
#include "sqs_ops.hpp"
#include "sqs_queue_attributes.hpp"
#include "sqs_service.hpp"
#include "sqs_url.hpp"

namespace sqs {

namespace {

constexpr const char* k_task_prefix = "ce1-task:";

QueueRecord require_queue_arn(const Call& call, ce::Txn& txn, const std::string& arn,
                              const char* param) {
  const auto address = parse_queue_arn(arn);
  std::optional<QueueRecord> q;
  if (address) q = call.store().find_queue(txn, address->account, address->region, address->name);
  if (!q)
    throw err::resource_not_found("The resource that you specified for the " + std::string(param) +
                                  " parameter doesn't exist.");
  return std::move(*q);
}

bool is_dead_letter_queue(const Call& call, ce::Txn& txn, const QueueRecord& dlq) {
  bool more = false;
  const std::string arn = arn_of(dlq);
  for (const auto& q :
       call.store().list_queues(txn, dlq.account, dlq.region, "", "", SIZE_MAX, &more)) {
    const auto policy = redrive_policy(q);
    if (policy && policy->dead_letter_target_arn == arn) return true;
  }
  return false;
}

std::string task_handle(uint64_t id, const std::string& source_arn) {
  return base64_encode(k_task_prefix + std::to_string(id) + ":" + source_arn);
}

OJson start_message_move_task(Call& call) {
  const std::string source_arn = require_string(call.input, "SourceArn");
  const auto destination_arn = opt_string(call.input, "DestinationArn");
  const auto rate = opt_int(call.input, "MaxNumberOfMessagesPerSecond");
  if (rate && (*rate < 1 || *rate > 500))
    throw err::invalid_value("MaxNumberOfMessagesPerSecond", std::to_string(*rate),
                             "Must be between 1 and 500.");
  const int64_t now = call.now_ms();
  std::vector<QueueRef> touched;
  const std::string handle = ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    touched.clear();
    const QueueRecord dlq = require_queue_arn(call, txn, source_arn, "SourceArn");
    if (!is_dead_letter_queue(call, txn, dlq))
      throw err::invalid_parameter_value("Source queue must be configured as a Dead Letter Queue.");
    std::optional<QueueRecord> fixed_destination;
    if (destination_arn)
      fixed_destination = require_queue_arn(call, txn, *destination_arn, "DestinationArn");

    std::vector<std::pair<uint64_t, MessageRecord>> available;
    call.store().scan_messages(txn, dlq.uid, [&](uint64_t seq, const MessageRecord& m) {
      if (m.visible_at_ms <= now && !expired(dlq, m.sent_ms, now)) available.emplace_back(seq, m);
      return true;
    });
    std::map<std::string, QueueRecord> destinations;  // by ARN, written back at the end
    if (fixed_destination) destinations.emplace(*destination_arn, *fixed_destination);
    int64_t moved = 0;
    for (auto& [seq, m] : available) {
      const std::string target = destination_arn.value_or(m.dead_letter_source_arn);
      auto it = destinations.find(target);
      if (it == destinations.end()) {
        const auto address = parse_queue_arn(target);
        if (!address) continue;  // no known origin: the message stays in the DLQ
        auto q = call.store().find_queue(txn, address->account, address->region, address->name);
        if (!q) continue;
        it = destinations.emplace(target, std::move(*q)).first;
      }
      QueueRecord& dest = it->second;
      m.receive_count = 0;
      m.first_receive_ms = 0;
      m.visible_at_ms = now;
      m.delayed = false;
      m.dead_letter_source_arn.clear();
      call.store().put_message(txn, dest.uid, dest.next_seq++, m);
      call.store().delete_message(txn, dlq.uid, seq);
      ++moved;
    }
    for (const auto& [arn, q] : destinations) {
      call.store().put_queue(txn, q);
      touched.push_back(QueueRef{q.account, q.region, q.name});
    }
    MoveTaskRecord task;
    task.id = call.store().next_task_id(txn);
    task.task_handle = task_handle(task.id, source_arn);
    task.status = "COMPLETED";
    task.source_arn = source_arn;
    task.destination_arn = destination_arn.value_or("");
    task.max_per_second = rate.value_or(0);
    task.moved = task.to_move = moved;
    task.started_ms = now;
    call.store().put_move_task(txn, dlq.uid, task);
    return task.task_handle;
  });
  for (const auto& ref : touched) call.svc.long_polls().wake(ref);
  OJson out;
  out["TaskHandle"] = handle;
  return out;
}

OJson list_message_move_tasks(Call& call) {
  const std::string source_arn = require_string(call.input, "SourceArn");
  const auto max_results = opt_int(call.input, "MaxResults");
  if (max_results && (*max_results < 1 || *max_results > 10))
    throw err::invalid_value("MaxResults", std::to_string(*max_results),
                             "Must be between 1 and 10.");
  ce::ReadTxn txn(call.svc.ctx());
  const QueueRecord dlq = require_queue_arn(call, txn, source_arn, "SourceArn");
  OJson results = OJson::array();
  for (const auto& t :
       call.store().move_tasks(txn, dlq.uid, static_cast<std::size_t>(max_results.value_or(1)))) {
    OJson r;
    if (t.status == "RUNNING") r["TaskHandle"] = t.task_handle;
    r["Status"] = t.status;
    r["SourceArn"] = t.source_arn;
    if (!t.destination_arn.empty()) r["DestinationArn"] = t.destination_arn;
    if (t.max_per_second > 0) r["MaxNumberOfMessagesPerSecond"] = t.max_per_second;
    r["ApproximateNumberOfMessagesMoved"] = t.moved;
    r["ApproximateNumberOfMessagesToMove"] = t.to_move;
    if (!t.failure_reason.empty()) r["FailureReason"] = t.failure_reason;
    r["StartedTimestamp"] = t.started_ms;
    results.push_back(std::move(r));
  }
  OJson out;
  out["Results"] = std::move(results);
  return out;
}

OJson cancel_message_move_task(Call& call) {
  const std::string handle = require_string(call.input, "TaskHandle");
  // Tasks finish within StartMessageMoveTask, so none is ever still running to cancel.
  const auto text = base64_decode(handle);
  const bool ours = text && text->starts_with(k_task_prefix);
  throw err::resource_not_found(ours ? "Task does not exist." : "Task handle is not valid.");
}

}  // namespace

void add_move_task_ops(OpRegistry& ops) {
  ops.add("StartMessageMoveTask", &start_message_move_task);
  ops.add("ListMessageMoveTasks", &list_message_move_tasks);
  ops.add("CancelMessageMoveTask", &cancel_message_move_task);
}

}  // namespace sqs
