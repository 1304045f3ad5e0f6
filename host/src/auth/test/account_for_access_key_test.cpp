// The account every request acts in, from its access key id (docs/sts.md, "Access key ids").
#include <catch2/catch.hpp>
#include <cloudemu/aws_ids.hpp>

#include "auth/credentials.hpp"

using ce::host::auth::account_for_access_key;

TEST_CASE("a 12-digit access key id is that account", "[auth][account]") {
  CHECK(account_for_access_key("123456789012") == "123456789012");
  CHECK(account_for_access_key("12345678901") == "000000000000");
  CHECK(account_for_access_key("test") == "000000000000");
  CHECK(account_for_access_key("") == "000000000000");
}

TEST_CASE("AKIA and ASIA key ids decode to the account they encode", "[auth][account]") {
  // A key id published with the account it belongs to (GetAccessKeyInfo answers 609629065308).
  CHECK(account_for_access_key("ASIAY34FZKBOKMUTVV7A") == "609629065308");
  for (const char* account : {"000000000001", "123456789012", "999999999999", "000000000000"}) {
    CHECK(account_for_access_key(ce::make_aws_id("AKIA", account)) == account);
    CHECK(account_for_access_key(ce::make_aws_id("ASIA", account)) == account);
  }
}

TEST_CASE("key ids without an account keep the default account", "[auth][account]") {
  // AWS's documentation example is an old-generation key: no account in it.
  CHECK(account_for_access_key("AKIAIOSFODNN7EXAMPLE") == "000000000000");
  // Another prefix, a wrong length, a character outside base32.
  CHECK(account_for_access_key(ce::make_aws_id("AROA", "123456789012")) == "000000000000");
  CHECK(account_for_access_key(ce::make_aws_id("AKIA", "123456789012", 1)) == "000000000000");
  CHECK(account_for_access_key("AKIAY34FZKBOKMUTVV70") == "000000000000");
}
