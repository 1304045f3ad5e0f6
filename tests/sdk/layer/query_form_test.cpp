// The query protocol's list and map encodings (cloudemu/protocol/query_form.hpp).
#include <catch2/catch.hpp>
#include <cloudemu/protocol/query_form.hpp>

TEST_CASE("members groups fields by numeric index", "[sdk][query]") {
  const ce::Params p = {{"Tags.member.10.Key", "k10"},
                        {"Tags.member.2.Key", "k2"},
                        {"Tags.member.2.Value", "v2"},
                        {"Tags.member.x.Key", "ignored"},
                        {"Other", "o"}};
  const auto m = ce::query::members(p, "Tags");
  REQUIRE(m.size() == 2);
  CHECK(ce::query::field_or_empty(m[0], "Key") == "k2");
  CHECK(ce::query::field_or_empty(m[0], "Value") == "v2");
  CHECK(ce::query::field_or_empty(m[1], "Key") == "k10");
}

TEST_CASE("member_values and entry_map", "[sdk][query]") {
  const ce::Params p = {{"TagKeys.member.2", "b"},
                        {"TagKeys.member.1", "a"},
                        {"Attributes.entry.1.key", "DisplayName"},
                        {"Attributes.entry.1.value", "x"},
                        {"Attributes.entry.2.key", "Policy"}};
  CHECK(ce::query::member_values(p, "TagKeys") == std::vector<std::string>{"a", "b"});
  const auto m = ce::query::entry_map(p, "Attributes");
  CHECK(m.at("DisplayName") == "x");
  CHECK(m.at("Policy") == "");
  CHECK(ce::query::has_prefix(p, "Attributes"));
  CHECK_FALSE(ce::query::has_prefix(p, "Tags"));
}

TEST_CASE("Nested entries of a batch member decode like a request's", "[sdk][query]") {
  const ce::Params p = {
      {"PublishBatchRequestEntries.member.1.Id", "a"},
      {"PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name", "n"},
      {"PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType", "String"}};
  const auto m = ce::query::members(p, "PublishBatchRequestEntries");
  REQUIRE(m.size() == 1);
  const auto e = ce::query::entries(m[0], "MessageAttributes");
  REQUIRE(e.size() == 1);
  CHECK(ce::query::field_or_empty(e[0], "Name") == "n");
  CHECK(ce::query::field_or_empty(e[0], "Value.DataType") == "String");
}
