// JSON-protocol requests through the SQS plugin on the SDK's fake host: the request document of
// every operation behind the real dispatch, decoder included. Any answer is fine except a
// handler failure (500), an unfinished response or an ABI misuse.
//
// Input: byte 0 picks the operation; the rest is the JSON body.
#include <cstdint>
#include <string>

#include "sqs_fuzz_host.hpp"

namespace {

constexpr const char* k_ops[] = {"CreateQueue",
                                 "DeleteQueue",
                                 "GetQueueUrl",
                                 "ListQueues",
                                 "GetQueueAttributes",
                                 "SetQueueAttributes",
                                 "PurgeQueue",
                                 "TagQueue",
                                 "UntagQueue",
                                 "ListQueueTags",
                                 "SendMessage",
                                 "SendMessageBatch",
                                 "ReceiveMessage",
                                 "DeleteMessage",
                                 "DeleteMessageBatch",
                                 "ChangeMessageVisibility",
                                 "ChangeMessageVisibilityBatch",
                                 "ListDeadLetterSourceQueues",
                                 "StartMessageMoveTask",
                                 "ListMessageMoveTasks",
                                 "CancelMessageMoveTask"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string op = k_ops[data[0] % (sizeof k_ops / sizeof k_ops[0])];
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"X-Amz-Target", "AmazonSQS." + op},
                 {"Content-Type", "application/x-amz-json-1.0"}};
  req.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  sqs_fuzz::require_answer(sqs_fuzz::host().send("sqs", req), op.c_str());
  return 0;
}
