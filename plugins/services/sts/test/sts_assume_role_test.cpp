// AssumeRole and the identity of the credentials it returns.
#include <cloudemu/aws_ids.hpp>

#include "sts_fixture.hpp"

namespace {

const std::string k_role = "arn:aws:iam::123456789012:role/app/deployer";

}  // namespace

TEST_CASE("GetCallerIdentity of a long-term key is the account root", "[sts][identity]") {
  StsFixture f;
  f.use_key("123456789012", "123456789012");
  const std::string body = f.ok("GetCallerIdentity");
  CHECK(xml_one(body, "Account") == "123456789012");
  CHECK(xml_one(body, "Arn") == "arn:aws:iam::123456789012:root");
  CHECK(xml_one(body, "UserId") == "123456789012");
  CHECK(body.find("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"") != std::string::npos);
}

TEST_CASE("AssumeRole issues ASIA credentials that act as the role", "[sts][assume]") {
  StsFixture f;
  const std::string body = f.ok("AssumeRole", {{"RoleArn", k_role},
                                               {"RoleSessionName", "build-42"},
                                               {"DurationSeconds", "1800"},
                                               {"ExternalId", "ext"}});
  const std::string key = xml_one(body, "AccessKeyId");
  CHECK(key.starts_with("ASIA"));
  CHECK(ce::account_for_access_key(key) == "123456789012");
  CHECK(xml_one(body, "SecretAccessKey").size() == 40);
  CHECK_FALSE(xml_one(body, "SessionToken").empty());
  CHECK(xml_one(body, "Expiration") == "2023-11-14T22:43:20Z");  // fake clock + 1800 s
  CHECK(xml_one(body, "Arn") == "arn:aws:sts::123456789012:assumed-role/deployer/build-42");
  const std::string assumed_id = xml_one(body, "AssumedRoleId");
  CHECK(assumed_id.starts_with("AROA"));
  CHECK(assumed_id.ends_with(":build-42"));

  f.use_key(key, "123456789012");
  const std::string who = f.ok("GetCallerIdentity");
  CHECK(xml_one(who, "Arn") == "arn:aws:sts::123456789012:assumed-role/deployer/build-42");
  CHECK(xml_one(who, "UserId") == assumed_id);
  CHECK(xml_one(who, "Account") == "123456789012");

  f.host.advance(1801 * 1000);
  CHECK(f.fail("GetCallerIdentity").code == "ExpiredToken");
}

TEST_CASE("AssumeRole checks its parameters as STS does", "[sts][assume]") {
  StsFixture f;
  auto error = [&](Form form) { return f.fail("AssumeRole", form); };
  auto e = error({{"RoleArn", k_role}, {"RoleSessionName", "s"}, {"DurationSeconds", "899"}});
  CHECK(e.code == "ValidationError");
  CHECK(e.message.find("'roleSessionName'") != std::string::npos);
  e = error({{"RoleArn", k_role}, {"RoleSessionName", "ok-name"}, {"DurationSeconds", "899"}});
  CHECK(e.message ==
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy "
        "constraint: Member must have value greater than or equal to 900");
  e = error({{"RoleArn", k_role}, {"RoleSessionName", "ok-name"}, {"DurationSeconds", "43201"}});
  CHECK(e.message.find("less than or equal to 43200") != std::string::npos);
  e = error({{"RoleArn", k_role}, {"RoleSessionName", "has space"}});
  CHECK(e.message.find("regular expression pattern") != std::string::npos);
  e = error({{"RoleArn", "arn:aws:s3:::some-bucket-name"}, {"RoleSessionName", "ok-name"}});
  CHECK(e.code == "ValidationError");
  e = error({{"RoleSessionName", "ok-name"}});
  CHECK(e.message.find("Value null at 'roleArn'") != std::string::npos);
  e = error({{"RoleArn", k_role}, {"RoleSessionName", "ok-name"}, {"Policy", "{not json"}});
  CHECK(e.code == "MalformedPolicyDocument");
}

TEST_CASE("AssumeRole reports the packed size of a session policy", "[sts][assume]") {
  StsFixture f;
  const std::string body =
      f.ok("AssumeRole", {{"RoleArn", k_role},
                          {"RoleSessionName",
                           "p"
                           "olicy"},
                          {"Policy", R"({"Version":"2012-10-17","Statement":[]})"},
                          {"Tags.member.1.Key", "team"},
                          {"Tags.member.1.Value", "blue"}});
  CHECK(xml_one(body, "PackedPolicySize") == "1");
}

TEST_CASE("sessions survive a restart of the service", "[sts][assume]") {
  StsFixture f;
  const std::string key = xml_one(
      f.ok("AssumeRole", {{"RoleArn", k_role}, {"RoleSessionName", "keep"}}), "AccessKeyId");
  // The record is in the keyspace, not in memory: a second instance answers for it.
  REQUIRE(f.host.start("sts") == CE_OK);
  f.use_key(key, "123456789012");
  CHECK(xml_one(f.ok("GetCallerIdentity"), "Arn") ==
        "arn:aws:sts::123456789012:assumed-role/deployer/keep");
}

TEST_CASE("AssumeRoleWithWebIdentity reads the token's subject without verifying it",
          "[sts][assume]") {
  StsFixture f;
  // {"alg":"none"} . {"sub":"user-7","aud":"my-app","iss":"https://issuer.example"} . sig
  const std::string token =
      "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyLTciLCJhdWQiOiJteS1hcHAiLCJpc3MiOiJodHRwczovL2lzc3Vl"
      "ci5leGFtcGxlIn0.c2ln";
  const std::string body =
      f.ok("AssumeRoleWithWebIdentity",
           {{"RoleArn", k_role}, {"RoleSessionName", "web"}, {"WebIdentityToken", token}});
  CHECK(xml_one(body, "SubjectFromWebIdentityToken") == "user-7");
  CHECK(xml_one(body, "Audience") == "my-app");
  CHECK(xml_one(body, "Provider") == "https://issuer.example");
  CHECK(xml_one(body, "Arn") == "arn:aws:sts::123456789012:assumed-role/deployer/web");
}
