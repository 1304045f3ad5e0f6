// Query-protocol requests through the SQS plugin on the SDK's fake host: form bodies with
// flattened lists and maps (Attribute.N.Name, MessageAttribute.N.Value.*, *RequestEntry.N.*)
// behind the real dispatch, decoder included. Any answer is fine except a handler failure (500),
// an unfinished response or an ABI misuse.
//
// Input: the form body as is (Action=...&...), posted to "/".
#include <cstdint>
#include <string>

#include "sqs_fuzz_host.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  req.body.assign(reinterpret_cast<const char*>(data), size);
  sqs_fuzz::require_answer(sqs_fuzz::host().send("sqs", req), "query");
  return 0;
}
