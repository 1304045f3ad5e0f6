// What both SQS fuzz targets share: one fake host with the plugin and two seeded queues, wiped
// now and then so state stays small, and the check that any answer is a finished non-500 one
// (a parked long poll is finished by moving the clock past its longest wait).
#pragma once
#include <cloudemu/testing/fuzz_host.hpp>
#include <string>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace sqs_fuzz {

inline ce::testing::HttpResponse json_call(ce::testing::FakeHost& fake, const std::string& op,
                                           std::string body) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"X-Amz-Target", "AmazonSQS." + op},
                 {"Content-Type", "application/x-amz-json-1.0"}};
  req.body = std::move(body);
  return fake.request("sqs", req);
}

inline void seed(ce::testing::FakeHost& fake) {
  json_call(fake, "CreateQueue", R"({"QueueName":"q"})");
  json_call(
      fake, "CreateQueue",
      R"({"QueueName":"f.fifo","Attributes":{"FifoQueue":"true","ContentBasedDeduplication":"true"}})");
  json_call(fake, "SendMessage",
            R"({"QueueUrl":"http://localhost/000000000000/q","MessageBody":"m",
                "MessageAttributes":{"a":{"DataType":"String","StringValue":"v"}}})");
}

inline ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "sqs", &seed);
}

/// Aborts unless the exchange ended in a proper answer.
inline void require_answer(const std::shared_ptr<ce::testing::Exchange>& ex, const char* what) {
  auto r = ex->result();
  if (!r.finished) {
    host().advance(21'000);  // past the longest long poll
    r = ex->result();
  }
  ce::testing::require_sound_answer(host(), r, what);
}

}  // namespace sqs_fuzz
