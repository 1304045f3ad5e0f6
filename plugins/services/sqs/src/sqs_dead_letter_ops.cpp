// ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one. (Messages move to
// a dead-letter queue in receive_now, sqs_receive.cpp.)
#include "sqs_codec.hpp"
#include "sqs_errors.hpp"
#include "sqs_ops.hpp"
#include "sqs_queue_attributes.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

OJson list_dead_letter_source_queues(Call& call) {
  const auto max_results = opt_int(call.input, "MaxResults");
  if (max_results && (*max_results < 1 || *max_results > 1000))
    throw err::invalid_value("MaxResults", std::to_string(*max_results),
                             "MaxResults must be an integer between 1 and 1000.");
  std::string after;
  if (const auto token = opt_string(call.input, "NextToken")) {
    const auto decoded = base64_decode(*token);
    if (!decoded) throw err::invalid_parameter_value("Invalid NextToken value.");
    after = *decoded;
  }
  ce::ReadTxn txn(call.svc.ctx());
  const QueueRecord dlq = require_queue(call, txn);
  const std::string arn = arn_of(dlq);
  bool more = false;
  const auto queues =
      call.store().list_queues(txn, dlq.account, dlq.region, "", after, SIZE_MAX, &more);
  OJson urls = OJson::array();
  std::string last;
  bool truncated = false;
  for (const auto& q : queues) {
    const auto policy = redrive_policy(q);
    if (!policy || policy->dead_letter_target_arn != arn) continue;
    if (max_results && static_cast<int64_t>(urls.size()) == *max_results) {
      truncated = true;
      break;
    }
    urls.push_back(url_of(call, q));
    last = q.name;
  }
  OJson out;
  out["queueUrls"] = std::move(urls);
  if (truncated) out["NextToken"] = base64_encode(last);
  return out;
}

}  // namespace

void add_dead_letter_ops(OpRegistry& ops) {
  ops.add("ListDeadLetterSourceQueues", &list_dead_letter_source_queues);
}

}  // namespace sqs
