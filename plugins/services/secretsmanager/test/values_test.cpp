// GetSecretValue, PutSecretValue, BatchGetSecretValue.
#include "sm_fixture.hpp"

TEST_CASE("GetSecretValue reads by VersionId, by VersionStage, and checks they agree",
          "[secretsmanager][values]") {
  SmFixture f;
  const std::string v1 = f.create("g", "one")["VersionId"];
  const std::string v2 = f.put("g", "two");
  CHECK(f.value_of("g", {{"VersionId", v1}}) == "one");
  CHECK(f.value_of("g", {{"VersionId", v2}, {"VersionStage", "AWSCURRENT"}}) == "two");
  const Json r = f.ok("GetSecretValue", {{"SecretId", "g"}});
  CHECK(r["VersionId"] == v2);
  CHECK(r["VersionStages"] == Json{"AWSCURRENT"});
  CHECK(r["CreatedDate"] == 1'700'000'000.0);
  SmError e = f.fail("GetSecretValue",
                     {{"SecretId", "g"}, {"VersionId", v1}, {"VersionStage", "AWSCURRENT"}});
  CHECK(e.type == "InvalidRequestException");
  e = f.fail("GetSecretValue", {{"SecretId", "g"}, {"VersionId", token(424242)}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message ==
        "Secrets Manager can't find the specified secret value for VersionId: " + token(424242));
  e = f.fail("GetSecretValue", {{"SecretId", "g"}, {"VersionStage", "AWSPENDING"}});
  CHECK(e.message ==
        "Secrets Manager can't find the specified secret value for staging label: AWSPENDING");
}

TEST_CASE("A binary secret comes back as SecretBinary only", "[secretsmanager][values]") {
  SmFixture f;
  const std::string bytes(
      "\x00\x01\xFF"
      "binary",
      9);
  f.ok("CreateSecret", {{"Name", "bin"},
                        {"SecretBinary", sm::base64_encode(bytes)},
                        {"ClientRequestToken", token(1)}});
  const Json r = f.ok("GetSecretValue", {{"SecretId", "bin"}});
  CHECK_FALSE(r.contains("SecretString"));
  CHECK(sm::base64_decode(r["SecretBinary"].get<std::string>()) == bytes);
}

TEST_CASE("PutSecretValue retried with the same token and value succeeds, another value fails",
          "[secretsmanager][values][idempotency]") {
  SmFixture f;
  f.create("p", "zero");
  const Json first =
      f.ok("PutSecretValue",
           {{"SecretId", "p"}, {"SecretString", "one"}, {"ClientRequestToken", token(42)}});
  const Json again =
      f.ok("PutSecretValue",
           {{"SecretId", "p"}, {"SecretString", "one"}, {"ClientRequestToken", token(42)}});
  CHECK(again["VersionId"] == first["VersionId"]);
  CHECK(again["VersionStages"] == Json{"AWSCURRENT"});
  CHECK(f.ok("ListSecretVersionIds", {{"SecretId", "p"}, {"IncludeDeprecated", true}})["Versions"]
            .size() == 2);
  const SmError e =
      f.fail("PutSecretValue",
             {{"SecretId", "p"}, {"SecretString", "other"}, {"ClientRequestToken", token(42)}});
  CHECK(e.type == "ResourceExistsException");
  CHECK(f.value_of("p") == "one");
}

TEST_CASE("PutSecretValue needs a value", "[secretsmanager][values]") {
  SmFixture f;
  f.create("nv", "x");
  CHECK(f.fail("PutSecretValue", {{"SecretId", "nv"}, {"ClientRequestToken", token(3)}}).type ==
        "InvalidParameterException");
  CHECK(f.fail("PutSecretValue", {{"SecretId", "nv"}, {"SecretString", ""}}).type ==
        "ValidationException");
}

TEST_CASE("LastAccessedDate is the day of the last read, at midnight UTC",
          "[secretsmanager][values]") {
  SmFixture f;
  f.create("acc", "x");
  CHECK_FALSE(f.describe("acc").contains("LastAccessedDate"));
  f.host.advance(3 * 3'600'000);  // 1700000000 is 22:13 UTC: this is the next day
  f.value_of("acc");
  const int64_t now_s = f.host.now() / 1000;
  CHECK(f.describe("acc")["LastAccessedDate"] == static_cast<double>(now_s - now_s % 86400));
  const Json versions = f.ok("ListSecretVersionIds", {{"SecretId", "acc"}})["Versions"];
  CHECK(versions[0]["LastAccessedDate"] == static_cast<double>(now_s - now_s % 86400));
}

TEST_CASE("BatchGetSecretValue by SecretIdList reports each missing secret in Errors",
          "[secretsmanager][values][batch]") {
  SmFixture f;
  const std::string arn_a = f.create("batch/a", "A")["ARN"];
  f.create("batch/b", "B");
  f.ok("CreateSecret", {{"Name", "batch/empty"}});
  const Json r = f.ok("BatchGetSecretValue",
                      {{"SecretIdList", {arn_a, "batch/b", "batch/missing", "batch/empty"}}});
  REQUIRE(r["SecretValues"].size() == 2);
  CHECK(r["SecretValues"][0]["SecretString"] == "A");
  CHECK(r["SecretValues"][1]["Name"] == "batch/b");
  REQUIRE(r["Errors"].size() == 2);
  CHECK(r["Errors"][0] == Json{{"SecretId", "batch/missing"},
                               {"ErrorCode", "ResourceNotFoundException"},
                               {"Message", "Secrets Manager can't find the specified secret."}});
  CHECK(r["Errors"][1]["SecretId"] == "batch/empty");
}

TEST_CASE("BatchGetSecretValue by Filters pages with MaxResults",
          "[secretsmanager][values][batch]") {
  SmFixture f;
  for (int i = 0; i < 5; ++i) f.create("svc/" + std::to_string(i), "value" + std::to_string(i));
  f.create("other", "no");
  const Json filters = Json::array({{{"Key", "name"}, {"Values", {"svc/"}}}});
  const Json first = f.ok("BatchGetSecretValue", {{"Filters", filters}, {"MaxResults", 3}});
  CHECK(first["SecretValues"].size() == 3);
  REQUIRE(first.contains("NextToken"));
  const Json rest =
      f.ok("BatchGetSecretValue",
           {{"Filters", filters}, {"MaxResults", 3}, {"NextToken", first["NextToken"]}});
  CHECK(rest["SecretValues"].size() == 2);
  CHECK(rest["SecretValues"][1]["SecretString"] == "value4");
  CHECK(f.fail("BatchGetSecretValue", {{"SecretIdList", {"other"}}, {"Filters", filters}}).type ==
        "InvalidParameterException");
  CHECK(f.fail("BatchGetSecretValue", Json::object()).type == "InvalidParameterException");
  CHECK(f.fail("BatchGetSecretValue", {{"SecretIdList", {"other"}}, {"MaxResults", 2}}).type ==
        "InvalidParameterException");
}
