// ReceiveMessage: parameter rules, then an immediate receive; with nothing to return and a wait
// time, the response is detached and parked in LongPolls (no thread waits).
#include "sqs_errors.hpp"
#include "sqs_long_poll.hpp"
#include "sqs_ops.hpp"
#include "sqs_receive.hpp"
#include "sqs_service.hpp"

namespace sqs {

namespace {

int64_t bounded(const Call& call, const char* name, int64_t min, int64_t max, int64_t fallback,
                const char* reason) {
  const auto v = opt_int(call.input, name);
  if (!v) return fallback;
  if (*v < min || *v > max) throw err::invalid_value(name, std::to_string(*v), reason);
  return *v;
}

OJson receive_message(Call& call) {
  ReceiveRequest request;
  request.queue = queue_ref(call);
  request.max_messages =
      bounded(call, "MaxNumberOfMessages", 1, 10, 1, "Must be between 1 and 10, if provided.");
  if (call.input.contains("VisibilityTimeout"))
    request.visibility_timeout =
        bounded(call, "VisibilityTimeout", 0, 43200, 0, "Must be >= 0 and <= 43200, if provided.");
  std::optional<int64_t> wait_seconds;
  if (call.input.contains("WaitTimeSeconds"))
    wait_seconds =
        bounded(call, "WaitTimeSeconds", 0, 20, 0, "Must be >= 0 and <= 20, if provided.");
  request.system_attribute_names = string_list(call.input, "AttributeNames");
  for (auto& name : string_list(call.input, "MessageSystemAttributeNames"))
    request.system_attribute_names.push_back(std::move(name));
  request.message_attribute_names = string_list(call.input, "MessageAttributeNames");

  if (!wait_seconds) {
    ce::ReadTxn txn(call.svc.ctx());
    const QueueRecord q = require_queue(call, txn, request.queue);
    wait_seconds = q.number("ReceiveMessageWaitTimeSeconds");
  }
  OJson messages = receive_now(call.store(), call.now_ms(), request);
  if (messages.empty() && *wait_seconds > 0) {
    call.pending = true;
    call.svc.long_polls().wait(std::move(request), call.resp.detach(), call.protocol,
                               std::string(call.req.request_id()), *wait_seconds * 1000);
    return OJson::object();
  }
  OJson out = OJson::object();
  if (!messages.empty()) out["Messages"] = std::move(messages);
  return out;
}

}  // namespace

void add_receive_ops(OpRegistry& ops) {
  ops.add("ReceiveMessage", &receive_message);
}

}  // namespace sqs
