// A fake host with the STS plugin loaded (IAM is not: roles are taken on trust), and shorthands
// for an action with its form parameters, a success's XML and a failure's code and message
// (ce::testing::QueryFixture).
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

using StsError = ce::testing::QueryError;

struct StsFixture : ce::testing::QueryFixture {
  StsFixture() : QueryFixture(&ce_plugin_entry, "sts", "2011-06-15") {}
};
