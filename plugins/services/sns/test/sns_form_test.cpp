// The list and map encodings of SNS's form parameters.
#include "sns_form.hpp"

#include <catch2/catch.hpp>

TEST_CASE("members groups fields by numeric index", "[sns][form]") {
  const ce::Params p = {{"Tags.member.10.Key", "k10"},
                        {"Tags.member.2.Key", "k2"},
                        {"Tags.member.2.Value", "v2"},
                        {"Tags.member.x.Key", "ignored"},
                        {"Other", "o"}};
  const auto m = sns::members(p, "Tags");
  REQUIRE(m.size() == 2);
  CHECK(sns::field_or_empty(m[0], "Key") == "k2");
  CHECK(sns::field_or_empty(m[0], "Value") == "v2");
  CHECK(sns::field_or_empty(m[1], "Key") == "k10");
}

TEST_CASE("member_values and entry_map", "[sns][form]") {
  const ce::Params p = {{"TagKeys.member.2", "b"},
                        {"TagKeys.member.1", "a"},
                        {"Attributes.entry.1.key", "DisplayName"},
                        {"Attributes.entry.1.value", "x"},
                        {"Attributes.entry.2.key", "Policy"}};
  CHECK(sns::member_values(p, "TagKeys") == std::vector<std::string>{"a", "b"});
  const auto m = sns::entry_map(p, "Attributes");
  CHECK(m.at("DisplayName") == "x");
  CHECK(m.at("Policy") == "");
  CHECK(sns::has_prefix(p, "Attributes"));
  CHECK_FALSE(sns::has_prefix(p, "Tags"));
}

TEST_CASE("Nested entries of a batch member decode like a request's", "[sns][form]") {
  const ce::Params p = {
      {"PublishBatchRequestEntries.member.1.Id", "a"},
      {"PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name", "n"},
      {"PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType", "String"}};
  const auto m = sns::members(p, "PublishBatchRequestEntries");
  REQUIRE(m.size() == 1);
  const auto e = sns::entries(m[0], "MessageAttributes");
  REQUIRE(e.size() == 1);
  CHECK(sns::field_or_empty(e[0], "Name") == "n");
  CHECK(sns::field_or_empty(e[0], "Value.DataType") == "String");
}
