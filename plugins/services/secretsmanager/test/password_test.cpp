// GetRandomPassword: length, the character classes, exclusions, RequireEachIncludedType.
#include <algorithm>
#include <set>

#include "sm_fixture.hpp"
#include "sm_password.hpp"

namespace {

bool any_of_class(const std::string& s, int (*cls)(int)) {
  return std::any_of(s.begin(), s.end(),
                     [&](char c) { return cls(static_cast<unsigned char>(c)); });
}
bool has_punctuation(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return sm::k_punctuation.find(c) != std::string_view::npos; });
}

}  // namespace

TEST_CASE("The punctuation set is AWS's 32 characters", "[secretsmanager][password]") {
  CHECK(sm::k_punctuation.size() == 32);
  for (char c = 33; c < 127; ++c) {
    const bool punct = std::ispunct(static_cast<unsigned char>(c)) != 0;
    CHECK((sm::k_punctuation.find(c) != std::string_view::npos) == punct);
  }
}

TEST_CASE("By default a password has 32 characters with every type", "[secretsmanager][password]") {
  SmFixture f;
  for (int i = 0; i < 50; ++i) {
    const std::string p = f.ok("GetRandomPassword", Json::object())["RandomPassword"];
    REQUIRE(p.size() == 32);
    CHECK(any_of_class(p, &isupper));
    CHECK(any_of_class(p, &islower));
    CHECK(any_of_class(p, &isdigit));
    CHECK(has_punctuation(p));
    CHECK(p.find(' ') == std::string::npos);
  }
}

TEST_CASE("Excluded types and characters never appear", "[secretsmanager][password]") {
  sm::PasswordRules rules;
  rules.length = 4096;
  rules.exclude_punctuation = true;
  rules.exclude_uppercase = true;
  rules.exclude_characters = "abc0123";
  const std::string p = sm::generate_password(rules);
  CHECK(p.size() == 4096);
  CHECK_FALSE(any_of_class(p, &isupper));
  CHECK_FALSE(has_punctuation(p));
  CHECK(p.find_first_of("abc0123") == std::string::npos);
  CHECK(p.find_first_not_of("defghijklmnopqrstuvwxyz456789") == std::string::npos);
  // 4096 draws from 29 characters: each appears (a failure here is a broken generator).
  CHECK(std::set<char>(p.begin(), p.end()).size() == 29);
}

TEST_CASE("IncludeSpace adds the space character", "[secretsmanager][password]") {
  sm::PasswordRules rules;
  rules.length = 2000;
  rules.include_space = true;
  CHECK(sm::generate_password(rules).find(' ') != std::string::npos);
}

TEST_CASE("RequireEachIncludedType puts one of each type even in a short password",
          "[secretsmanager][password]") {
  sm::PasswordRules rules;
  rules.length = 4;
  for (int i = 0; i < 200; ++i) {
    const std::string p = sm::generate_password(rules);
    CHECK(any_of_class(p, &isupper));
    CHECK(any_of_class(p, &islower));
    CHECK(any_of_class(p, &isdigit));
    CHECK(has_punctuation(p));
  }
  rules.length = 3;
  CHECK_THROWS_WITH(sm::generate_password(rules), Catch::Contains("too short"));
  rules.require_each_included_type = false;
  CHECK(sm::generate_password(rules).size() == 3);
}

TEST_CASE("A type emptied by ExcludeCharacters is not required", "[secretsmanager][password]") {
  sm::PasswordRules rules;
  rules.length = 3;
  rules.exclude_characters = "0123456789";
  const std::string p = sm::generate_password(rules);
  CHECK(p.size() == 3);
  CHECK_FALSE(any_of_class(p, &isdigit));
}

TEST_CASE("GetRandomPassword refuses impossible requests", "[secretsmanager][password]") {
  SmFixture f;
  CHECK(f.fail("GetRandomPassword", {{"PasswordLength", 0}}).type == "ValidationException");
  CHECK(f.fail("GetRandomPassword", {{"PasswordLength", 4097}})
            .message.find("Member must have value less than or equal to 4096") !=
        std::string::npos);
  const SmError e = f.fail("GetRandomPassword", {{"ExcludeNumbers", true},
                                                 {"ExcludePunctuation", true},
                                                 {"ExcludeUppercase", true},
                                                 {"ExcludeLowercase", true}});
  CHECK(e.type == "InvalidParameterException");
  const std::string p = f.ok("GetRandomPassword", {{"PasswordLength", 10},
                                                   {"ExcludeLowercase", true},
                                                   {"ExcludeUppercase", true},
                                                   {"ExcludePunctuation", true}})["RandomPassword"];
  CHECK(p.find_first_not_of("0123456789") == std::string::npos);
  CHECK(p.size() == 10);
}
