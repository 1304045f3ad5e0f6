// DynamoDB Streams on the fake host: records per change in order, iterator types and paging,
// expiry on the host clock, a disabled stream's closed shard, and a new stream replacing it.
#include "ddb_fixture.hpp"

namespace {

const std::string k_streams = "DynamoDBStreams_20120810.";

struct StreamFixture : DdbFixture {
  std::string arn, shard;

  StreamFixture() {
    ok("CreateTable",
       {{"TableName", "events"},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
        {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
        {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
    arn = ok("DescribeTable", {{"TableName", "events"}})["Table"]["LatestStreamArn"];
    shard = ok(k_streams + "DescribeStream",
               {{"StreamArn", arn}})["StreamDescription"]["Shards"][0]["ShardId"];
  }
  std::string iterator(const std::string& type, const std::string& seq = "") {
    Json req = {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", type}};
    if (!seq.empty()) req["SequenceNumber"] = seq;
    return ok(k_streams + "GetShardIterator", req)["ShardIterator"];
  }
  Json records(const std::string& it, int limit = 1000) {
    return ok(k_streams + "GetRecords", {{"ShardIterator", it}, {"Limit", limit}});
  }
};

std::vector<std::string> keys(const Json& answer) {
  std::vector<std::string> out;
  for (const auto& r : answer["Records"]) out.push_back(r["dynamodb"]["Keys"]["id"]["S"]);
  return out;
}

}  // namespace

TEST_CASE_METHOD(StreamFixture, "stream records page in order and iterators position them",
                 "[dynamodb][streams]") {
  for (const char* id : {"a", "b", "c"}) put("events", {{"id", S(id)}});
  Json page = records(iterator("TRIM_HORIZON"), 2);
  CHECK(keys(page) == std::vector<std::string>{"a", "b"});
  CHECK(page["Records"][0]["eventName"] == "INSERT");
  CHECK_FALSE(page["Records"][0]["dynamodb"].contains("NewImage"));  // KEYS_ONLY
  page = records(page["NextShardIterator"]);
  CHECK(keys(page) == std::vector<std::string>{"c"});

  const std::string second =
      records(iterator("TRIM_HORIZON"))["Records"][1]["dynamodb"]["SequenceNumber"];
  CHECK(keys(records(iterator("AT_SEQUENCE_NUMBER", second))) ==
        std::vector<std::string>{"b", "c"});
  CHECK(keys(records(iterator("AFTER_SEQUENCE_NUMBER", second))) == std::vector<std::string>{"c"});
  const std::string latest = iterator("LATEST");
  put("events", {{"id", S("d")}});
  CHECK(keys(records(latest)) == std::vector<std::string>{"d"});
  CHECK(fail(k_streams + "GetShardIterator",
             {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}})
            .type == "ValidationException");
}

TEST_CASE_METHOD(StreamFixture, "a shard iterator expires after 15 minutes of host clock",
                 "[dynamodb][streams]") {
  const std::string it = iterator("TRIM_HORIZON");
  host.advance(16 * 60 * 1000);
  CHECK(fail(k_streams + "GetRecords", {{"ShardIterator", it}}).type == "ExpiredIteratorException");
}

TEST_CASE_METHOD(StreamFixture, "a disabled stream closes its shard; a new stream replaces it",
                 "[dynamodb][streams]") {
  put("events", {{"id", S("a")}});
  ok("UpdateTable", {{"TableName", "events"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  const Json d = ok(k_streams + "DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
  CHECK(d["StreamStatus"] == "DISABLED");
  CHECK(d["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  const Json last = records(iterator("TRIM_HORIZON"));
  CHECK(keys(last) == std::vector<std::string>{"a"});
  CHECK_FALSE(last.contains("NextShardIterator"));
  put("events", {{"id", S("b")}});  // no stream: no record

  host.advance(1000);  // a new label needs a later millisecond
  ok("UpdateTable",
     {{"TableName", "events"},
      {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}}}});
  CHECK(fail(k_streams + "DescribeStream", {{"StreamArn", arn}}).type ==
        "ResourceNotFoundException");
  const Json listed = ok(k_streams + "ListStreams", {{"TableName", "events"}});
  REQUIRE(listed["Streams"].size() == 1);
  CHECK(listed["Streams"][0]["StreamArn"] != arn);
}

TEST_CASE_METHOD(StreamFixture, "a deleted table's stream stays readable, disabled, for a day",
                 "[dynamodb][streams]") {
  put("events", {{"id", S("a")}});
  put("events", {{"id", S("b")}});
  ok("DeleteTable", {{"TableName", "events"}});

  const Json listed = ok(k_streams + "ListStreams", Json::object());
  REQUIRE(listed["Streams"].size() == 1);
  CHECK(listed["Streams"][0]["StreamArn"] == arn);
  CHECK(listed["Streams"][0]["TableName"] == "events");
  const Json d = ok(k_streams + "DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
  CHECK(d["StreamStatus"] == "DISABLED");
  CHECK(d["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
  const Json r = records(iterator("TRIM_HORIZON"));
  CHECK(keys(r) == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(r.contains("NextShardIterator"));  // the shard is closed

  // A table of the same name has a stream of its own; the old one is still listed beside it.
  host.advance(1000);
  ok("CreateTable",
     {{"TableName", "events"},
      {"BillingMode", "PAY_PER_REQUEST"},
      {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
      {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
      {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
  CHECK(ok(k_streams + "ListStreams", {{"TableName", "events"}})["Streams"].size() == 2);

  host.advance(24 * 3600 * 1000);  // a day later the sweep has ended it
  CHECK(fail(k_streams + "DescribeStream", {{"StreamArn", arn}}).type ==
        "ResourceNotFoundException");
  CHECK(ok(k_streams + "ListStreams", Json::object())["Streams"].size() == 1);
}
