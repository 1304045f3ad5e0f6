// Staging labels: the pure rules (sm_staging.hpp) and the operations that move them.
#include "sm_fixture.hpp"
#include "sm_staging.hpp"

namespace {

sm::SecretRecord secret_with(int versions) {
  sm::SecretRecord s;
  for (int i = 0; i < versions; ++i) {
    sm::VersionMeta v;
    v.version_id = "v" + std::to_string(i);
    v.created_ms = i;
    sm::add_version(s, v, {"AWSCURRENT"});
  }
  return s;
}

std::vector<std::string> stages_of(const sm::SecretRecord& s, const std::string& id) {
  return s.version(id)->stages;
}

}  // namespace

TEST_CASE("A new current version takes AWSCURRENT and its predecessor AWSPREVIOUS",
          "[secretsmanager][staging]") {
  const sm::SecretRecord s = secret_with(3);
  CHECK(stages_of(s, "v2") == std::vector<std::string>{"AWSCURRENT"});
  CHECK(stages_of(s, "v1") == std::vector<std::string>{"AWSPREVIOUS"});
  CHECK(stages_of(s, "v0").empty());  // deprecated
}

TEST_CASE("The first version gets AWSCURRENT even when only AWSPENDING was asked for",
          "[secretsmanager][staging]") {
  sm::SecretRecord s;
  sm::VersionMeta v;
  v.version_id = "first";
  sm::add_version(s, v, {"AWSPENDING"});
  CHECK(stages_of(s, "first") == std::vector<std::string>{"AWSCURRENT", "AWSPENDING"});
}

TEST_CASE("A version added with AWSPENDING leaves AWSCURRENT where it is",
          "[secretsmanager][staging]") {
  sm::SecretRecord s = secret_with(1);
  sm::VersionMeta v;
  v.version_id = "pending";
  sm::add_version(s, v, {"AWSPENDING"});
  CHECK(stages_of(s, "v0") == std::vector<std::string>{"AWSCURRENT"});
  CHECK(stages_of(s, "pending") == std::vector<std::string>{"AWSPENDING"});
}

TEST_CASE("Moving AWSCURRENT needs RemoveFromVersionId naming its holder",
          "[secretsmanager][staging]") {
  sm::SecretRecord s = secret_with(2);  // v1 current, v0 previous
  CHECK_THROWS_WITH(sm::update_stage(s, "AWSCURRENT", std::nullopt, std::string("v0")),
                    Catch::Contains("RemoveFromVersionId can't be empty"));
  CHECK_THROWS_WITH(sm::update_stage(s, "AWSCURRENT", std::string("v0"), std::string("v0")),
                    Catch::Contains("is attached to version v1"));
  sm::update_stage(s, "AWSCURRENT", std::string("v1"), std::string("v0"));
  CHECK(stages_of(s, "v0") == std::vector<std::string>{"AWSCURRENT"});
  CHECK(stages_of(s, "v1") == std::vector<std::string>{"AWSPREVIOUS"});
}

TEST_CASE("A custom label moves without touching AWSPREVIOUS, and can be removed",
          "[secretsmanager][staging]") {
  sm::SecretRecord s = secret_with(3);
  sm::update_stage(s, "blue", std::nullopt, std::string("v0"));
  CHECK(stages_of(s, "v0") == std::vector<std::string>{"blue"});
  sm::update_stage(s, "blue", std::string("v0"), std::string("v2"));
  CHECK(stages_of(s, "v2") == std::vector<std::string>{"AWSCURRENT", "blue"});
  CHECK(stages_of(s, "v1") == std::vector<std::string>{"AWSPREVIOUS"});
  sm::update_stage(s, "blue", std::string("v2"), std::nullopt);
  CHECK(stages_of(s, "v2") == std::vector<std::string>{"AWSCURRENT"});
  CHECK_THROWS_WITH(sm::update_stage(s, "blue", std::string("v2"), std::nullopt),
                    Catch::Contains("isn't attached"));
  CHECK_THROWS_WITH(sm::update_stage(s, "AWSCURRENT", std::string("v2"), std::nullopt),
                    Catch::Contains("can't remove the staging label AWSCURRENT"));
  CHECK_THROWS_WITH(sm::update_stage(s, "x", std::nullopt, std::string("nope")),
                    Catch::Contains("VersionId: nope"));
}

TEST_CASE("Deprecated versions beyond 100 are dropped oldest first, never younger than a day",
          "[secretsmanager][staging]") {
  sm::SecretRecord s = secret_with(103);
  // All created at ms 0..102: a day later every deprecated one may go.
  const int64_t day = 86'400'000;
  CHECK(sm::prune_versions(s, day - 1).empty());  // too young
  const auto dropped = sm::prune_versions(s, day + 200);
  CHECK(dropped == std::vector<std::string>{"v0", "v1", "v2"});
  CHECK(s.versions.size() == 100);
  CHECK(s.version("v102")->has_stage("AWSCURRENT"));
  CHECK(s.version("v101")->has_stage("AWSPREVIOUS"));
}

TEST_CASE("UpdateSecretVersionStage rolls a secret back to its previous version",
          "[secretsmanager][staging]") {
  SmFixture f;
  const std::string v1 = f.create("roll", "one")["VersionId"];
  const std::string v2 = f.put("roll", "two");
  f.ok("UpdateSecretVersionStage", {{"SecretId", "roll"},
                                    {"VersionStage", "AWSCURRENT"},
                                    {"MoveToVersionId", v1},
                                    {"RemoveFromVersionId", v2}});
  CHECK(f.value_of("roll") == "one");
  CHECK(f.value_of("roll", {{"VersionStage", "AWSPREVIOUS"}}) == "two");
  const SmError e =
      f.fail("UpdateSecretVersionStage",
             {{"SecretId", "roll"}, {"VersionStage", "AWSCURRENT"}, {"MoveToVersionId", v2}});
  CHECK(e.type == "InvalidParameterException");
}

TEST_CASE("PutSecretValue with VersionStages AWSPENDING keeps the current value",
          "[secretsmanager][staging]") {
  SmFixture f;
  f.create("rot", "current");
  const std::string pending = f.put("rot", "next", {{"VersionStages", {"AWSPENDING"}}});
  CHECK(f.value_of("rot") == "current");
  CHECK(f.value_of("rot", {{"VersionStage", "AWSPENDING"}}) == "next");
  const Json versions = f.ok("ListSecretVersionIds", {{"SecretId", "rot"}})["Versions"];
  CHECK(versions.size() == 2);
  CHECK(versions[0]["VersionId"] == pending);  // newest first
  CHECK(versions[0]["VersionStages"] == Json{"AWSPENDING"});
}

TEST_CASE("ListSecretVersionIds hides deprecated versions unless asked, and pages",
          "[secretsmanager][staging]") {
  SmFixture f;
  f.create("many", "0");
  for (int i = 1; i <= 4; ++i) {
    f.host.advance(1000);
    f.put("many", std::to_string(i));
  }
  CHECK(f.ok("ListSecretVersionIds", {{"SecretId", "many"}})["Versions"].size() == 2);
  Json page = f.ok("ListSecretVersionIds",
                   {{"SecretId", "many"}, {"IncludeDeprecated", true}, {"MaxResults", 3}});
  CHECK(page["Versions"].size() == 3);
  REQUIRE(page.contains("NextToken"));
  const Json rest = f.ok("ListSecretVersionIds", {{"SecretId", "many"},
                                                  {"IncludeDeprecated", true},
                                                  {"MaxResults", 3},
                                                  {"NextToken", page["NextToken"]}});
  CHECK(rest["Versions"].size() == 2);
  CHECK_FALSE(rest.contains("NextToken"));
  CHECK_FALSE(rest["Versions"][1].contains("VersionStages"));  // the oldest is deprecated
  CHECK(f.fail("ListSecretVersionIds", {{"SecretId", "many"}, {"NextToken", "bogus"}}).type ==
        "InvalidNextTokenException");
}
