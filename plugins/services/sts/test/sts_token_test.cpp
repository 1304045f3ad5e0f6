// GetSessionToken, GetFederationToken and DecodeAuthorizationMessage.
#include "sts_fixture.hpp"
#include "sts_identity.hpp"

TEST_CASE("GetSessionToken credentials act as their caller", "[sts][token]") {
  StsFixture f;
  f.use_key("111122223333", "111122223333");
  const std::string body = f.ok("GetSessionToken", {{"DurationSeconds", "900"}});
  const std::string key = xml_one(body, "AccessKeyId");
  CHECK(key.starts_with("ASIA"));
  f.use_key(key, "111122223333");
  CHECK(xml_one(f.ok("GetCallerIdentity"), "Arn") == "arn:aws:iam::111122223333:root");
  CHECK(f.fail("GetSessionToken").code == "AccessDenied");
  f.use_key("111122223333", "111122223333");
  CHECK(f.fail("GetSessionToken", {{"DurationSeconds", "129601"}}).code == "ValidationError");
}

TEST_CASE("GetFederationToken names a federated user", "[sts][token]") {
  StsFixture f;
  const std::string body = f.ok("GetFederationToken", {{"Name", "bob"}});
  CHECK(xml_one(body, "Arn") == "arn:aws:sts::000000000000:federated-user/bob");
  CHECK(xml_one(body, "FederatedUserId") == "000000000000:bob");
  f.use_key(xml_one(body, "AccessKeyId"), "000000000000");
  CHECK(xml_one(f.ok("GetCallerIdentity"), "UserId") == "000000000000:bob");
}

TEST_CASE("DecodeAuthorizationMessage decodes messages of this emulator only", "[sts][authz]") {
  StsFixture f;
  const std::string message = R"({"allowed":false})";
  const std::string body = f.ok("DecodeAuthorizationMessage",
                                {{"EncodedMessage", sts::encode_authorization_message(message)}});
  CHECK(xml_one(body, "DecodedMessage") == message);
  CHECK(f.fail("DecodeAuthorizationMessage", {{"EncodedMessage", "garbage"}}).code ==
        "InvalidAuthorizationMessageException");
}

TEST_CASE("an unknown action answers InvalidAction", "[sts]") {
  StsFixture f;
  CHECK(f.fail("GetDelegatedAccessToken").code == "InvalidAction");
}
