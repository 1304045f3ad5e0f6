// Whole requests through the DynamoDB plugin on the SDK's fake host: request JSON of every
// operation, AttributeValues, numbers, expressions, keys and pages behind the real dispatch. Any
// answer is fine except a handler failure (500: an exception other than a DynamoDB error
// escaped), an unfinished response or an ABI misuse.
//
// Input: byte 0 picks the operation; the rest is the JSON body.
#include <cloudemu/testing/fuzz_host.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

constexpr const char* k_ops[] = {"PutItem",
                                 "GetItem",
                                 "UpdateItem",
                                 "DeleteItem",
                                 "Query",
                                 "Scan",
                                 "BatchGetItem",
                                 "BatchWriteItem",
                                 "CreateTable",
                                 "DescribeTable",
                                 "UpdateTable",
                                 "DeleteTable",
                                 "ListTables",
                                 "UpdateTimeToLive",
                                 "TagResource",
                                 "UntagResource",
                                 "ListTagsOfResource",
                                 "TransactWriteItems",
                                 "TransactGetItems",
                                 "DynamoDBStreams_20120810.ListStreams",
                                 "DynamoDBStreams_20120810.DescribeStream",
                                 "DynamoDBStreams_20120810.GetShardIterator",
                                 "DynamoDBStreams_20120810.GetRecords"};

ce::testing::HttpResponse call(ce::testing::FakeHost& fake, const std::string& op,
                               std::string body) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  // An operation of the Streams API comes with its whole target.
  const std::string target = op.find('.') == std::string::npos ? "DynamoDB_20120810." + op : op;
  req.headers = {{"X-Amz-Target", target}, {"Content-Type", "application/x-amz-json-1.0"}};
  req.body = std::move(body);
  return fake.request("dynamodb", req);
}

void seed(ce::testing::FakeHost& fake) {
  call(fake, "CreateTable",
       R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST",
           "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
             {"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}],
           "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
           "GlobalSecondaryIndexes":[{"IndexName":"gi","Projection":{"ProjectionType":"KEYS_ONLY"},
             "KeySchema":[{"AttributeName":"g","KeyType":"HASH"}]}],
           "StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})");
  for (int i = 0; i < 4; ++i)
    call(fake, "PutItem",
         R"({"TableName":"tbl","Item":{"pk":{"S":"a"},"sk":{"N":")" + std::to_string(i) +
             R"("},"g":{"S":"x"},"m":{"M":{"l":{"L":[{"N":"1"},{"SS":["p","q"]}]}}}}})");
}

ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "dynamodb", &seed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string op = k_ops[data[0] % (sizeof k_ops / sizeof k_ops[0])];
  const auto r = call(host(), op, std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  ce::testing::require_sound_answer(host(), r, op);
  return 0;
}
