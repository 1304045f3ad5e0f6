// CreateSecret, DescribeSecret, UpdateSecret, tags, lookup by name / full ARN / partial ARN.
#include "sm_fixture.hpp"

TEST_CASE("CreateSecret answers an ARN with a six-character suffix and the first VersionId",
          "[secretsmanager][secret]") {
  SmFixture f;
  const Json r = f.create("app/db", "hunter2", {{"ClientRequestToken", token(1)}});
  const std::string arn = r["ARN"];
  CHECK(arn.starts_with("arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-"));
  CHECK(arn.size() ==
        std::string("arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-").size() + 6);
  CHECK(r["Name"] == "app/db");
  CHECK(r["VersionId"] == token(1));
  CHECK(f.value_of("app/db") == "hunter2");
}

TEST_CASE("DescribeSecret shows the metadata, tags and the labels of each version",
          "[secretsmanager][secret]") {
  SmFixture f;
  const Json r = f.create("described", "v1",
                          {{"Description", "the db password"},
                           {"Tags", Json::array({{{"Key", "team"}, {"Value", "a"}},
                                                 {{"Key", "env"}, {"Value", "dev"}}})}});
  const Json d = f.describe("described");
  CHECK(d["ARN"] == r["ARN"]);
  CHECK(d["Name"] == "described");
  CHECK(d["Description"] == "the db password");
  CHECK(d["RotationEnabled"] == false);
  CHECK_FALSE(d.contains("KmsKeyId"));  // the default key
  CHECK_FALSE(d.contains("DeletedDate"));
  CHECK(d["Tags"] ==
        Json::array({{{"Key", "team"}, {"Value", "a"}}, {{"Key", "env"}, {"Value", "dev"}}}));
  CHECK(d["VersionIdsToStages"] == Json{{r["VersionId"].get<std::string>(), {"AWSCURRENT"}}});
  CHECK(d["CreatedDate"] == 1'700'000'000.0);
  CHECK(d["LastChangedDate"] == 1'700'000'000.0);
  CHECK(d["PrimaryRegion"] == "us-east-1");
}

TEST_CASE("A secret is found by name, full ARN and partial ARN, only in its account and region",
          "[secretsmanager][secret][arn]") {
  SmFixture f;
  const std::string arn = f.create("prod/api-key", "k")["ARN"];
  const std::string partial = arn.substr(0, arn.size() - 7);
  CHECK(f.describe("prod/api-key")["ARN"] == arn);
  CHECK(f.describe(arn)["ARN"] == arn);
  CHECK(f.describe(partial)["ARN"] == arn);
  // A full ARN with the wrong suffix names no secret.
  const std::string wrong = partial + "-AAAAAA";
  CHECK(f.fail("DescribeSecret", {{"SecretId", wrong}}).type == "ResourceNotFoundException");
  SmError e = f.fail("DescribeSecret", {{"SecretId", "prod/other"}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message == "Secrets Manager can't find the specified secret.");
  f.region = "eu-west-1";
  CHECK(f.fail("DescribeSecret", {{"SecretId", "prod/api-key"}}).type ==
        "ResourceNotFoundException");
  f.region = "us-east-1";
  std::string other_account = arn;
  other_account.replace(other_account.find("000000000000"), 12, "111111111111");
  CHECK(f.fail("DescribeSecret", {{"SecretId", other_account}}).type ==
        "ResourceNotFoundException");
}

TEST_CASE("A secret whose name ends like an ARN suffix is still found by its partial ARN",
          "[secretsmanager][secret][arn]") {
  SmFixture f;
  const std::string arn = f.create("db-abcdef", "x")["ARN"];
  const std::string partial = "arn:aws:secretsmanager:us-east-1:000000000000:secret:db-abcdef";
  CHECK(f.describe(partial)["ARN"] == arn);
  CHECK(f.describe(arn)["Name"] == "db-abcdef");
}

TEST_CASE("CreateSecret refuses a taken name and characters outside /_+=.@-",
          "[secretsmanager][secret]") {
  SmFixture f;
  f.create("taken", "a");
  SmError e = f.fail("CreateSecret",
                     {{"Name", "taken"}, {"SecretString", "b"}, {"ClientRequestToken", token(9)}});
  CHECK(e.type == "ResourceExistsException");
  CHECK(e.message == "The operation failed because the secret taken already exists.");
  e = f.fail("CreateSecret", {{"Name", "bad name!"}});
  CHECK(e.type == "InvalidParameterException");
  e = f.fail("CreateSecret", {{"Name", std::string(513, 'a')}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message.find("at 'name' failed to satisfy constraint") != std::string::npos);
}

TEST_CASE("CreateSecret retried with its token and value answers again; another value conflicts",
          "[secretsmanager][secret][idempotency]") {
  SmFixture f;
  const Json first = f.create("retry", "same", {{"ClientRequestToken", token(5)}});
  const Json again = f.create("retry", "same", {{"ClientRequestToken", token(5)}});
  CHECK(again["ARN"] == first["ARN"]);
  CHECK(again["VersionId"] == token(5));
  const SmError e =
      f.fail("CreateSecret",
             {{"Name", "retry"}, {"SecretString", "different"}, {"ClientRequestToken", token(5)}});
  CHECK(e.type == "ResourceExistsException");
}

TEST_CASE("A value without a ClientRequestToken is refused, as for raw HTTP requests to AWS",
          "[secretsmanager][secret]") {
  SmFixture f;
  const SmError e = f.fail("CreateSecret", {{"Name", "n"}, {"SecretString", "v"}});
  CHECK(e.type == "InvalidRequestException");
  CHECK(e.message ==
        "You must provide a ClientRequestToken value. We recommend a UUID-type value.");
}

TEST_CASE("A secret without a value has no AWSCURRENT version until PutSecretValue",
          "[secretsmanager][secret]") {
  SmFixture f;
  const Json r = f.ok("CreateSecret", {{"Name", "empty"}});
  CHECK_FALSE(r.contains("VersionId"));
  const SmError e = f.fail("GetSecretValue", {{"SecretId", "empty"}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message ==
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
  const std::string v = f.put("empty", "now");
  CHECK(f.describe("empty")["VersionIdsToStages"] == Json{{v, {"AWSCURRENT"}}});
  CHECK(f.value_of("empty") == "now");
}

TEST_CASE("SecretString and SecretBinary together are refused", "[secretsmanager][secret]") {
  SmFixture f;
  const SmError e = f.fail("CreateSecret", {{"Name", "both"},
                                            {"SecretString", "a"},
                                            {"SecretBinary", sm::base64_encode("b")},
                                            {"ClientRequestToken", token(1)}});
  CHECK(e.type == "InvalidParameterException");
}

TEST_CASE("UpdateSecret changes the description alone, or makes a new current version",
          "[secretsmanager][secret]") {
  SmFixture f;
  const std::string v1 = f.create("upd", "one")["VersionId"];
  f.host.advance(5000);
  Json r = f.ok("UpdateSecret", {{"SecretId", "upd"}, {"Description", "changed"}});
  CHECK_FALSE(r.contains("VersionId"));
  CHECK(f.describe("upd")["Description"] == "changed");
  CHECK(f.describe("upd")["LastChangedDate"] == 1'700'000'005.0);
  r = f.ok("UpdateSecret",
           {{"SecretId", "upd"}, {"SecretString", "two"}, {"ClientRequestToken", token(77)}});
  CHECK(r["VersionId"] == token(77));
  CHECK(f.value_of("upd") == "two");
  CHECK(f.value_of("upd", {{"VersionStage", "AWSPREVIOUS"}}) == "one");
  CHECK(f.describe("upd")["VersionIdsToStages"] ==
        Json{{v1, {"AWSPREVIOUS"}}, {token(77), {"AWSCURRENT"}}});
  // UpdateSecret cannot reuse a version's token (AWS: "the operation results in an error").
  CHECK(f.fail("UpdateSecret",
               {{"SecretId", "upd"}, {"SecretString", "x"}, {"ClientRequestToken", token(77)}})
            .type == "ResourceExistsException");
}

TEST_CASE("TagResource adds or replaces tags in place; UntagResource removes them",
          "[secretsmanager][tags]") {
  SmFixture f;
  f.create("tagged", "v", {{"Tags", Json::array({{{"Key", "a"}, {"Value", "1"}}})}});
  f.ok("TagResource",
       {{"SecretId", "tagged"},
        {"Tags", Json::array({{{"Key", "b"}, {"Value", "2"}}, {{"Key", "a"}, {"Value", "3"}}})}});
  CHECK(f.describe("tagged")["Tags"] ==
        Json::array({{{"Key", "a"}, {"Value", "3"}}, {{"Key", "b"}, {"Value", "2"}}}));
  f.ok("UntagResource", {{"SecretId", "tagged"}, {"TagKeys", {"a", "missing"}}});
  CHECK(f.describe("tagged")["Tags"] == Json::array({{{"Key", "b"}, {"Value", "2"}}}));
  CHECK(f.fail("TagResource", {{"SecretId", "tagged"}}).type == "ValidationException");
}

TEST_CASE("Resource policies are checked, stored, returned and deleted",
          "[secretsmanager][policy]") {
  SmFixture f;
  f.create("guarded", "v");
  const std::string policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]})";
  const std::string public_policy =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"secretsmanager:*","Resource":"*"}})";
  CHECK_FALSE(f.ok("GetResourcePolicy", {{"SecretId", "guarded"}}).contains("ResourcePolicy"));
  f.ok("PutResourcePolicy", {{"SecretId", "guarded"}, {"ResourcePolicy", policy}});
  CHECK(f.ok("GetResourcePolicy", {{"SecretId", "guarded"}})["ResourcePolicy"] == policy);
  CHECK(f.fail("PutResourcePolicy", {{"SecretId", "guarded"}, {"ResourcePolicy", "{not json"}})
            .type == "MalformedPolicyDocumentException");
  CHECK(f.fail("PutResourcePolicy", {{"SecretId", "guarded"},
                                     {"ResourcePolicy", public_policy},
                                     {"BlockPublicPolicy", true}})
            .type == "PublicPolicyException");
  // Without BlockPublicPolicy a public policy is accepted, as AWS accepts it.
  f.ok("PutResourcePolicy", {{"SecretId", "guarded"}, {"ResourcePolicy", public_policy}});
  const Json v = f.ok("ValidateResourcePolicy", {{"ResourcePolicy", public_policy}});
  CHECK(v["PolicyValidationPassed"] == false);
  CHECK(v["ValidationErrors"].size() == 1);
  CHECK(f.ok("ValidateResourcePolicy", {{"ResourcePolicy", policy}})["PolicyValidationPassed"] ==
        true);
  f.ok("DeleteResourcePolicy", {{"SecretId", "guarded"}});
  CHECK_FALSE(f.ok("GetResourcePolicy", {{"SecretId", "guarded"}}).contains("ResourcePolicy"));
}

TEST_CASE("Unknown targets and replication operations are refused by name",
          "[secretsmanager][dispatch]") {
  SmFixture f;
  CHECK(f.fail("NoSuchOperation", Json::object()).type == "UnknownOperationException");
  const auto r = f.raw("ReplicateSecretToRegions", R"({"SecretId":"x","AddReplicaRegions":[]})");
  CHECK(r.status == 501);
  CHECK(Json::parse(r.body)["__type"] == "NotImplemented");
  const auto c =
      f.raw("CreateSecret", R"({"Name":"r","AddReplicaRegions":[{"Region":"eu-west-1"}]})");
  CHECK(c.status == 501);
  CHECK(f.fail("DescribeSecret", {{"SecretId", 5}}).type == "SerializationException");
}
