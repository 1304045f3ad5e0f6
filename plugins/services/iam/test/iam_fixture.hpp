// A fake host with the IAM plugin loaded, and shorthands for an action with its form parameters,
// a success's XML and a failure's code and message (ce::testing::QueryFixture).
#pragma once
#include <cloudemu/testing/query_fixture.hpp>
#include <string>
#include <utility>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using ce::testing::Form;
using ce::testing::xml_all;
using ce::testing::xml_one;
using ce::testing::xml_unescape;

using IamError = ce::testing::QueryError;

struct IamFixture : ce::testing::QueryFixture {
  IamFixture() : QueryFixture(&ce_plugin_entry, "iam", "2010-05-08") {}
  /// The text of every <tag> element, in document order.
  static std::vector<std::string> all(const std::string& body, const std::string& tag) {
    return xml_all(body, tag);
  }
};
