// libFuzzer target for DynamoDB expressions. Input: one byte choosing the expression kind, the
// expression text up to the first '\n', then optionally a JSON object {"names": {...}, "values":
// {...}}. Values that are not well-formed AttributeValues are dropped (request validation is the
// caller's job). Parsing and evaluating may throw ce::AwsError; anything else is a bug.
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ddb_expr.hpp"
#include "ddb_number.hpp"

namespace {

using ddb::expr::Json;

bool well_formed(const Json& v, int depth = 0) {
  if (depth > 8 || !v.is_object() || v.size() != 1) return false;
  const std::string& t = v.begin().key();
  const Json& x = v.begin().value();
  auto is_number = [](const Json& s) {
    if (!s.is_string()) return false;
    try {
      ddb::Number::parse(s.get<std::string>());
      return true;
    } catch (const ce::AwsError&) {
      return false;
    }
  };
  if (t == "S" || t == "B") return x.is_string();
  if (t == "N") return is_number(x);
  if (t == "BOOL") return x.is_boolean();
  if (t == "NULL") return x == true;
  if (t == "SS" || t == "BS" || t == "NS") {
    if (!x.is_array() || x.empty()) return false;
    for (const auto& e : x) {
      if (t == "NS" ? !is_number(e) : !e.is_string()) return false;
    }
    return true;
  }
  if (t == "L") {
    if (!x.is_array()) return false;
    for (const auto& e : x) {
      if (!well_formed(e, depth + 1)) return false;
    }
    return true;
  }
  if (t == "M") {
    if (!x.is_object()) return false;
    for (const auto& e : x) {
      if (!well_formed(e, depth + 1)) return false;
    }
    return true;
  }
  return false;
}

const Json& sample_item() {
  static const Json item = Json::parse(R"({
    "a": {"S": "abc"}, "n": {"N": "3.5"}, "b": {"B": "YWJj"},
    "l": {"L": [{"N": "1"}, {"S": "x"}, {"M": {"k": {"SS": ["p", "q"]}}}]},
    "m": {"M": {"x": {"N": "1"}, "y": {"L": []}}}, "ns": {"NS": ["1", "2"]},
    "t": {"BOOL": true}, "z": {"NULL": true}
  })");
  return item;
}

void run(uint8_t kind, std::string_view text, const Json* names, const Json* values) {
  using namespace ddb::expr;
  Substitutions subs(names, values);
  const Json& item = sample_item();
  switch (kind % 5) {
    case 0:
      parse_condition(text, subs, ExprKind::condition).evaluate(item);
      parse_condition(text, subs, ExprKind::filter).evaluate(Json::object());
      break;
    case 1: {
      const auto u = parse_update(text, subs);
      Json copy = item;
      u.apply(copy);
      Json empty = Json::object();
      u.apply(empty);
      break;
    }
    case 2:
      parse_projection(text, subs).apply(item);
      break;
    case 3:
      parse_key_condition(text, subs, "a", std::string_view("n"));
      break;
    default:
      parse_key_condition(text, subs, "a", std::nullopt).sort_matches(Json{{"N", "1"}});
      break;
  }
  subs.check_all_used();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto newline = input.find('\n');
  const std::string_view text = input.substr(0, newline);
  Json names, values;
  bool have_names = false, have_values = false;
  if (newline != std::string_view::npos) {
    const Json extra = Json::parse(input.substr(newline + 1), nullptr, false);
    if (extra.is_object()) {
      if (const auto n = extra.find("names"); n != extra.end() && n->is_object()) {
        for (auto it = n->begin(); it != n->end(); ++it) {
          if (it->is_string()) names[it.key()] = *it;
        }
        have_names = true;
        if (!names.is_object()) names = Json::object();
      }
      if (const auto v = extra.find("values"); v != extra.end() && v->is_object()) {
        values = Json::object();
        for (auto it = v->begin(); it != v->end(); ++it) {
          if (well_formed(*it)) values[it.key()] = *it;
        }
        have_values = true;
      }
    }
  }
  try {
    run(data[0], text, have_names ? &names : nullptr, have_values ? &values : nullptr);
  } catch (const ce::AwsError&) {
    // DynamoDB's answer to bad input: fine.
  } catch (const std::exception&) {
    std::abort();
  }
  return 0;
}
