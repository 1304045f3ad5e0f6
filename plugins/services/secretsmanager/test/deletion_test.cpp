// DeleteSecret's recovery window, RestoreSecret, and what a secret scheduled for deletion refuses.
#include <cloudemu/clock.hpp>

#include "sm_fixture.hpp"

namespace {}

TEST_CASE("DeleteSecret schedules deletion 30 days out by default", "[secretsmanager][deletion]") {
  SmFixture f;
  const std::string arn = f.create("gone", "v")["ARN"];
  const Json r = f.ok("DeleteSecret", {{"SecretId", "gone"}});
  CHECK(r["ARN"] == arn);
  CHECK(r["DeletionDate"] == 1'700'000'000.0 + 30 * 86400);
  const Json d = f.describe("gone");
  CHECK(d["DeletedDate"] == 1'700'000'000.0);
}

TEST_CASE("RecoveryWindowInDays must be 7 to 30, and not with ForceDeleteWithoutRecovery",
          "[secretsmanager][deletion]") {
  SmFixture f;
  f.create("w", "v");
  SmError e = f.fail("DeleteSecret", {{"SecretId", "w"}, {"RecoveryWindowInDays", 6}});
  CHECK(e.type == "InvalidParameterException");
  CHECK(e.message == "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
  CHECK(f.fail("DeleteSecret", {{"SecretId", "w"}, {"RecoveryWindowInDays", 31}}).type ==
        "InvalidParameterException");
  e = f.fail(
      "DeleteSecret",
      {{"SecretId", "w"}, {"RecoveryWindowInDays", 7}, {"ForceDeleteWithoutRecovery", true}});
  CHECK(e.message ==
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  CHECK(f.ok("DeleteSecret", {{"SecretId", "w"}, {"RecoveryWindowInDays", 7}})["DeletionDate"] ==
        1'700'000'000.0 + 7 * 86400);
}

TEST_CASE("A secret scheduled for deletion refuses reads and writes until it is restored",
          "[secretsmanager][deletion]") {
  SmFixture f;
  f.create("paused", "v");
  f.ok("DeleteSecret", {{"SecretId", "paused"}});
  const std::string marked =
      "You can't perform this operation on the secret because it was marked for deletion.";
  for (const auto& [op, body] : std::vector<std::pair<std::string, Json>>{
           {"GetSecretValue", {{"SecretId", "paused"}}},
           {"PutSecretValue",
            {{"SecretId", "paused"}, {"SecretString", "x"}, {"ClientRequestToken", token(1)}}},
           {"UpdateSecret", {{"SecretId", "paused"}, {"Description", "d"}}},
           {"TagResource", {{"SecretId", "paused"}, {"Tags", Json::array()}}},
           {"GetResourcePolicy", {{"SecretId", "paused"}}}}) {
    const SmError e = f.fail(op, body);
    INFO(op);
    CHECK(e.type == "InvalidRequestException");
    CHECK(e.message == marked);
  }
  CHECK(f.fail("DeleteSecret", {{"SecretId", "paused"}}).type == "InvalidRequestException");
  CHECK(f.fail("CreateSecret", {{"Name", "paused"}}).message ==
        "You can't create this secret because a secret with this name is already scheduled for "
        "deletion.");
  CHECK(f.ok("ListSecrets", Json::object())["SecretList"].empty());
  CHECK(f.ok("ListSecrets", {{"IncludePlannedDeletion", true}})["SecretList"].size() == 1);
  f.ok("RestoreSecret", {{"SecretId", "paused"}});
  CHECK_FALSE(f.describe("paused").contains("DeletedDate"));
  CHECK(f.value_of("paused") == "v");
}

TEST_CASE("After the recovery window the secret is gone and its name is free",
          "[secretsmanager][deletion]") {
  SmFixture f;
  const std::string old_arn = f.create("expire", "old")["ARN"];
  f.ok("DeleteSecret", {{"SecretId", "expire"}, {"RecoveryWindowInDays", 7}});
  f.host.advance(7 * ce::k_day_ms - 1);
  CHECK(f.describe("expire")["ARN"] == old_arn);
  f.host.advance(1);
  CHECK(f.fail("DescribeSecret", {{"SecretId", "expire"}}).type == "ResourceNotFoundException");
  CHECK(f.fail("RestoreSecret", {{"SecretId", "expire"}}).type == "ResourceNotFoundException");
  const Json again = f.create("expire", "new");
  CHECK(again["ARN"] != old_arn);
  CHECK(f.value_of("expire") == "new");
  CHECK(f.ok("ListSecretVersionIds",
             {{"SecretId", "expire"}, {"IncludeDeprecated", true}})["Versions"]
            .size() == 1);
}

TEST_CASE("ForceDeleteWithoutRecovery removes the secret at once, even a missing one",
          "[secretsmanager][deletion]") {
  SmFixture f;
  const std::string version = f.create("now", "v")["VersionId"];
  f.ok("DeleteSecret", {{"SecretId", "now"}, {"ForceDeleteWithoutRecovery", true}});
  CHECK(f.fail("DescribeSecret", {{"SecretId", "now"}}).type == "ResourceNotFoundException");
  CHECK_FALSE(f.stored_value("now", version).has_value());  // the value records went too
  const Json r =
      f.ok("DeleteSecret", {{"SecretId", "never-existed"}, {"ForceDeleteWithoutRecovery", true}});
  CHECK(r["Name"] == "never-existed");
  CHECK(f.fail("DeleteSecret", {{"SecretId", "never-existed"}}).type ==
        "ResourceNotFoundException");
}
