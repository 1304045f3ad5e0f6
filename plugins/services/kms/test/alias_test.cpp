// CreateAlias, UpdateAlias, DeleteAlias, ListAliases and their naming rules.
#include "kms_fixture.hpp"

TEST_CASE_METHOD(KmsFixture, "Aliases are created, listed, moved and deleted", "[kms][alias]") {
  const std::string a = new_key();
  const std::string b = new_key();
  ok("CreateAlias", {{"AliasName", "alias/one"}, {"TargetKeyId", a}});
  ok("CreateAlias", {{"AliasName", "alias/two"}, {"TargetKeyId", arn(b)}});
  Json list = ok("ListAliases", Json::object())["Aliases"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["AliasName"] == "alias/one");
  CHECK(list[0]["AliasArn"] == "arn:aws:kms:us-east-1:000000000000:alias/one");
  CHECK(list[0]["TargetKeyId"] == a);
  CHECK(ok("ListAliases", {{"KeyId", b}})["Aliases"].size() == 1);
  const Json page = ok("ListAliases", {{"Limit", 1}});
  CHECK(page["Truncated"] == true);
  CHECK(ok("ListAliases",
           {{"Limit", 1}, {"Marker", page["NextMarker"]}})["Aliases"][0]["AliasName"] ==
        "alias/two");

  ok("UpdateAlias", {{"AliasName", "alias/one"}, {"TargetKeyId", b}});
  CHECK(ok("DescribeKey", {{"KeyId", "alias/one"}})["KeyMetadata"]["KeyId"] == b);
  ok("DeleteAlias", {{"AliasName", "alias/one"}});
  CHECK(fail("DescribeKey", {{"KeyId", "alias/one"}}).type == "NotFoundException");
  CHECK(fail("DeleteAlias", {{"AliasName", "alias/one"}}).type == "NotFoundException");
}

TEST_CASE_METHOD(KmsFixture, "Alias naming rules and duplicates", "[kms][alias][errors]") {
  const std::string id = new_key();
  ok("CreateAlias", {{"AliasName", "alias/taken"}, {"TargetKeyId", id}});
  auto e = fail("CreateAlias", {{"AliasName", "alias/taken"}, {"TargetKeyId", id}});
  CHECK(e.type == "AlreadyExistsException");
  CHECK(e.message ==
        "An alias with the name arn:aws:kms:us-east-1:000000000000:alias/taken already exists");
  e = fail("CreateAlias", {{"AliasName", "taken"}, {"TargetKeyId", id}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message.starts_with("Alias must start with the prefix \"alias/\"."));
  CHECK(fail("CreateAlias", {{"AliasName", "alias/aws/s3"}, {"TargetKeyId", id}}).type ==
        "InvalidAliasNameException");
  CHECK(fail("CreateAlias", {{"AliasName", "alias/bad name"}, {"TargetKeyId", id}}).type ==
        "ValidationException");
  CHECK(fail("CreateAlias", {{"AliasName", "alias/x"}, {"TargetKeyId", "alias/taken"}}).type ==
        "ValidationException");
  // An alias cannot move to a key of another kind.
  const std::string signing = new_key("ECC_NIST_P256", "SIGN_VERIFY");
  CHECK(fail("UpdateAlias", {{"AliasName", "alias/taken"}, {"TargetKeyId", signing}}).type ==
        "ValidationException");
}
