// What both SQS fuzz targets share: one fake host with the plugin and two seeded queues, wiped
// now and then so state stays small, and the check that any answer is a finished non-500 one
// (a parked long poll is finished by moving the clock past its longest wait).
#pragma once
#include <cloudemu/testing/fake_host.hpp>
#include <cstdio>
#include <cstdlib>
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
  static ce::testing::FakeHost* h = [] {
    auto* fake = new ce::testing::FakeHost();
    if (fake->load(&ce_plugin_entry) != CE_OK) std::abort();
    seed(*fake);
    return fake;
  }();
  static unsigned runs = 0;
  if (++runs % 512 == 0) {
    h->reset("sqs");
    seed(*h);
  }
  return *h;
}

/// Aborts unless the exchange ended in a proper answer.
inline void require_answer(const std::shared_ptr<ce::testing::Exchange>& ex, const char* what) {
  auto r = ex->result();
  if (!r.finished) {
    host().advance(21'000);  // past the longest long poll
    r = ex->result();
  }
  if (!r.finished || r.status == 500 || !host().violations().empty()) {
    std::fprintf(stderr, "%s: status %u finished %d handle_error %s body %s\n", what, r.status,
                 r.finished ? 1 : 0, r.handle_error.c_str(), r.body.c_str());
    for (const auto& v : host().violations()) std::fprintf(stderr, "violation: %s\n", v.c_str());
    std::abort();
  }
}

}  // namespace sqs_fuzz
