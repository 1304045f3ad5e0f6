// libFuzzer target for PartiQL statements. Input: the statement up to the first '\n', then
// optionally a JSON array of parameters; parameters that request validation (validate_value)
// refuses are dropped, as the service refuses them before parsing. A statement that parses is
// run against a sample item: its WHERE evaluated, its update applied, its projection taken.
// Parsing and running may throw ce::AwsError; anything else is a bug.
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ddb_expr.hpp"
#include "ddb_item.hpp"
#include "ddb_partiql_exec.hpp"
#include "ddb_partiql_parser.hpp"

namespace {

using ddb::partiql::Json;

const Json& sample_item() {
  static const Json item = Json::parse(R"({
    "pk": {"S": "a"}, "n": {"N": "3.5"}, "b": {"B": "YWJj"},
    "l": {"L": [{"N": "1"}, {"S": "x"}, {"M": {"k": {"SS": ["p", "q"]}}}]},
    "m": {"M": {"x": {"N": "1"}, "y": {"L": []}}}, "ns": {"NS": ["1", "2"]},
    "t": {"BOOL": true}, "z": {"NULL": true}
  })");
  return item;
}

Json valid_parameters(std::string_view text) {
  Json out = Json::array();
  const Json doc = Json::parse(text, nullptr, false);
  if (!doc.is_array()) return out;
  for (Json v : doc) {
    try {
      ddb::validate_value(v);
      out.push_back(std::move(v));
    } catch (const ce::AwsError&) {
    } catch (const nlohmann::json::exception&) {
    }
  }
  return out;
}

void run(std::string_view text, const Json& params) {
  using namespace ddb::partiql;
  const Statement s = parse_statement(text, params);
  const Json& item = sample_item();
  if (s.where) ddb::expr::Condition(s.where).evaluate(item);
  project(s, item);
  if (!s.actions.empty()) {
    Json copy = item;
    ddb::expr::Update(s.actions).apply(copy);
  }
  ddb::KeySchema key;
  key.hash = {"pk", "S"};
  pinned_key(s, key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const Json params = newline == std::string_view::npos
                          ? Json::array()
                          : valid_parameters(input.substr(newline + 1));
  try {
    run(input.substr(0, newline), params);
  } catch (const ce::AwsError&) {
    // DynamoDB's answer to a bad statement: fine.
  } catch (const std::exception&) {
    std::abort();
  }
  return 0;
}
