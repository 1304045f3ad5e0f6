// Access key ids carry their account (cloudemu/aws_ids.hpp), as GetAccessKeyInfo reads them.
#include <cloudemu/aws_ids.hpp>

#include "sts_fixture.hpp"

TEST_CASE("key ids round-trip the account they encode", "[sts][keyid]") {
  for (const char* account : {"000000000000", "000000000001", "123456789012", "999999999999"}) {
    const std::string id = ce::make_aws_id("ASIA", account);
    CHECK(id.size() == 20);
    CHECK(id.starts_with("ASIA"));
    CHECK(ce::account_from_aws_id(id) == std::optional<std::string>(account));
  }
  CHECK(ce::make_aws_id("AROA", "123456789012", 1).size() == 21);
}

TEST_CASE("GetAccessKeyInfo decodes the account of a key id", "[sts][keyid]") {
  StsFixture f;
  const std::string key = ce::make_aws_id("AKIA", "210987654321");
  CHECK(xml_one(f.ok("GetAccessKeyInfo", {{"AccessKeyId", key}}), "Account") == "210987654321");
  CHECK(xml_one(f.ok("GetAccessKeyInfo", {{"AccessKeyId", "ASIAY34FZKBOKMUTVV7A"}}), "Account") ==
        "609629065308");
  CHECK(xml_one(f.ok("GetAccessKeyInfo", {{"AccessKeyId", "AKIAIOSFODNN7EXAMPLE"}}), "Account") ==
        "000000000000");
  const auto e = f.fail("GetAccessKeyInfo", {{"AccessKeyId", "AKIA"}});
  CHECK(e.code == "ValidationError");
}
