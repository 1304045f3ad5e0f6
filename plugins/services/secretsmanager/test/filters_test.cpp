// ListSecrets filters (the pure matcher and through the operation), sorting and pages.
#include "sm_filters.hpp"
#include "sm_fixture.hpp"

namespace {

sm::SecretRecord record(std::string name, std::string description, std::vector<sm::Tag> tags = {}) {
  sm::SecretRecord s;
  s.name = std::move(name);
  s.description = std::move(description);
  s.tags = std::move(tags);
  s.region = "us-east-1";
  return s;
}

bool match(const sm::SecretRecord& s, std::string key, std::vector<std::string> values) {
  return sm::matches_filters(s, {{std::move(key), std::move(values)}});
}

}  // namespace

TEST_CASE("name and tag filters are case-sensitive prefixes; description is not",
          "[secretsmanager][filters]") {
  const auto s = record("prod/db", "Main Database", {{"Team", "Payments"}});
  CHECK(match(s, "name", {"prod/"}));
  CHECK_FALSE(match(s, "name", {"Prod/"}));
  CHECK_FALSE(match(s, "name", {"db"}));  // a prefix, not a substring
  CHECK(match(s, "description", {"main data"}));
  CHECK(match(s, "tag-key", {"Te"}));
  CHECK_FALSE(match(s, "tag-key", {"te"}));
  CHECK(match(s, "tag-value", {"Pay"}));
  CHECK(match(s, "primary-region", {"us-"}));
  CHECK_FALSE(match(s, "owning-service", {"rds"}));
}

TEST_CASE("A filter's values are alternatives; filters all apply", "[secretsmanager][filters]") {
  const auto s = record("prod/db", "x", {{"env", "prod"}});
  CHECK(match(s, "name", {"dev/", "prod/"}));
  CHECK(sm::matches_filters(s, {{"name", {"prod/"}}, {"tag-value", {"prod"}}}));
  CHECK_FALSE(sm::matches_filters(s, {{"name", {"prod/"}}, {"tag-value", {"dev"}}}));
}

TEST_CASE("A value starting with ! negates", "[secretsmanager][filters]") {
  const auto s = record("prod/db", "x", {{"env", "prod"}});
  CHECK_FALSE(match(s, "name", {"!prod"}));
  CHECK(match(s, "name", {"!dev"}));
  CHECK(match(s, "owning-service", {"!rds"}));
  CHECK_FALSE(match(s, "tag-key", {"!env"}));
}

TEST_CASE("all matches every word against any attribute, ignoring case",
          "[secretsmanager][filters]") {
  const auto s = record("orders-api", "Payment keys", {{"owner", "Alice"}});
  CHECK(match(s, "all", {"ORDERS alice"}));
  CHECK(match(s, "all", {"pay"}));
  CHECK_FALSE(match(s, "all", {"orders bob"}));
}

TEST_CASE("ListSecrets filters, sorts by creation and pages", "[secretsmanager][filters][list]") {
  SmFixture f;
  for (const auto* name : {"b/one", "a/two", "b/three"}) {
    f.create(name, "v", {{"Tags", Json::array({{{"Key", "app"}, {"Value", name}}})}});
    f.host.advance(1000);
  }
  Json r = f.ok("ListSecrets", {{"Filters", Json::array({{{"Key", "name"}, {"Values", {"b/"}}}})}});
  REQUIRE(r["SecretList"].size() == 2);
  CHECK(r["SecretList"][0]["Name"] == "b/one");
  CHECK(r["SecretList"][0].contains("SecretVersionsToStages"));
  CHECK(r["SecretList"][0]["Tags"][0]["Value"] == "b/one");
  r = f.ok("ListSecrets", {{"SortOrder", "desc"}});
  CHECK(r["SecretList"][0]["Name"] == "b/three");
  r = f.ok("ListSecrets", {{"SortBy", "name"}});
  CHECK(r["SecretList"][0]["Name"] == "a/two");
  r = f.ok("ListSecrets", {{"MaxResults", 2}});
  CHECK(r["SecretList"].size() == 2);
  REQUIRE(r.contains("NextToken"));
  r = f.ok("ListSecrets", {{"MaxResults", 2}, {"NextToken", r["NextToken"]}});
  CHECK(r["SecretList"].size() == 1);
  CHECK(r["SecretList"][0]["Name"] == "b/three");
  CHECK(f.fail("ListSecrets", {{"Filters", Json::array({{{"Key", "colour"}, {"Values", {"x"}}}})}})
            .type == "ValidationException");
  CHECK(f.fail("ListSecrets", {{"Filters", Json::array({{{"Key", "name"}, {"Values", {"a*"}}}})}})
            .type == "ValidationException");
}
