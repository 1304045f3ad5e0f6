// Filter policy validation and matching (sns_filter_policy.hpp).
#include "sns_filter_policy.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sns_errors.hpp"

namespace sns {

namespace {

using Json = nlohmann::json;

[[noreturn]] void reject(const std::string& reason) {
  throw invalid_parameter("FilterPolicy: " + reason);
}

constexpr double k_numeric_limit = 1e9;

bool is_range_lower(std::string_view op) {
  return op == ">" || op == ">=";
}
bool is_range_upper(std::string_view op) {
  return op == "<" || op == "<=";
}
bool is_numeric_op(std::string_view op) {
  return op == "=" || is_range_lower(op) || is_range_upper(op);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// ---- validation -------------------------------------------------------------------------------

void check_number(const Json& v, std::string_view op) {
  if (!v.is_number()) reject("Value of " + std::string(op) + " must be numeric");
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < -k_numeric_limit || d > k_numeric_limit)
    reject("Value of " + std::string(op) + " must be between -1.0E9 and 1.0E9");
}

void check_numeric(const Json& spec) {
  if (!spec.is_array() || spec.empty()) reject("Value of numeric must be an array.");
  if (spec.size() != 2 && spec.size() != 4) reject("Too many elements in numeric expression");
  if (!spec[0].is_string() || !is_numeric_op(spec[0].get<std::string>()))
    reject("Unrecognized numeric range operator: " + spec[0].dump());
  const std::string first = spec[0].get<std::string>();
  check_number(spec[1], first);
  if (spec.size() == 4) {
    if (!is_range_lower(first)) reject("Too many elements in numeric expression");
    if (!spec[2].is_string() || !is_range_upper(spec[2].get<std::string>()))
      reject("Bad numeric range operator: " + spec[2].dump());
    check_number(spec[3], spec[2].get<std::string>());
    if (spec[1].get<double>() >= spec[3].get<double>()) reject("Bottom must be less than top");
  }
}

bool valid_ipv4_cidr(std::string_view text);

void check_anything_but(const Json& spec) {
  if (spec.is_string() || spec.is_number()) return;
  if (spec.is_array()) {
    if (spec.empty()) reject("Empty arrays are not allowed");
    const bool strings = spec[0].is_string();
    for (const auto& v : spec) {
      if (strings ? !v.is_string() : !v.is_number())
        reject("Inside anything but list, start|null|boolean is not supported.");
    }
    return;
  }
  if (spec.is_object() && spec.size() == 1) {
    // The key and value of the one member (not a binding to items().begin(): that proxy is a
    // temporary, and its key dangles once the statement ends; the fuzzer found it).
    const std::string op = spec.begin().key();
    const Json& v = spec.begin().value();
    if (op == "prefix" || op == "suffix") {
      if (!v.is_string() || v.get<std::string>().empty())
        reject("Value of " + op + " must be a non-empty string");
      return;
    }
    reject("Unsupported anything-but pattern: " + op);
  }
  reject("Value of anything-but must be an array or single string/number value.");
}

void check_operator(const Json& cond) {
  if (cond.size() != 1) reject("Only one key allowed in match expression");
  // The key and value of the one member (not a binding to items().begin(): that proxy is a
  // temporary, and its key dangles once the statement ends; the fuzzer found it).
  const std::string op = cond.begin().key();
  const Json& v = cond.begin().value();
  if (op == "prefix" || op == "suffix" || op == "equals-ignore-case") {
    if (!v.is_string()) reject(op + " match pattern must be a string");
  } else if (op == "anything-but") {
    check_anything_but(v);
  } else if (op == "numeric") {
    check_numeric(v);
  } else if (op == "exists") {
    if (!v.is_boolean()) reject("exists match pattern must be either true or false.");
  } else if (op == "cidr") {
    if (!v.is_string() || !valid_ipv4_cidr(v.get<std::string>())) reject("Malformed CIDR");
  } else {
    reject("Unrecognized match type " + op);
  }
}

void check_conditions(const std::string& key, const Json& conditions) {
  if (!conditions.is_array()) reject("\"" + key + "\" must be an object or an array");
  if (conditions.empty()) reject("Empty arrays are not allowed");
  for (const auto& cond : conditions) {
    if (cond.is_object()) {
      check_operator(cond);
    } else if (cond.is_number()) {
      check_number(cond, "=");
    } else if (!cond.is_string() && !cond.is_boolean() && !cond.is_null()) {
      reject("Match value must be String, number, true, false, or null");
    }
  }
}

/// Counts as SNS does: keys along one $or alternative, combinations as the product of each key's
/// value count (an $or adds its alternatives' combinations).
struct Complexity {
  std::size_t keys = 0;
  std::size_t combinations = 1;
};

Complexity check_object(const Json& policy, FilterScope scope, int depth) {
  if (depth > 32) reject("Filter policy is too deeply nested");
  Complexity out;
  for (const auto& [key, value] : policy.items()) {
    if (key == "$or") {
      if (!value.is_array() || value.size() < 2)
        reject("$or must be an array of at least 2 objects");
      std::size_t alternatives = 0, most_keys = 0;
      for (const auto& branch : value) {
        if (!branch.is_object() || branch.empty())
          reject("$or must be an array of at least 2 objects");
        const Complexity c = check_object(branch, scope, depth + 1);
        alternatives += c.combinations;
        most_keys = std::max(most_keys, c.keys);
        if (alternatives > k_filter_policy_max_combinations) reject("Filter policy is too complex");
      }
      out.keys += most_keys;
      out.combinations *= alternatives;
    } else if (value.is_object()) {
      if (scope == FilterScope::message_attributes)
        throw invalid_parameter(
            "Filter policy scope MessageAttributes does not support nested filter policy");
      if (value.empty()) reject("Empty objects are not allowed");
      const Complexity c = check_object(value, scope, depth + 1);
      out.keys += c.keys;
      out.combinations *= c.combinations;
    } else {
      check_conditions(key, value);
      out.keys += 1;
      out.combinations *= value.size();
    }
    if (out.combinations > k_filter_policy_max_combinations) reject("Filter policy is too complex");
  }
  if (out.keys > k_filter_policy_max_keys) reject("Filter policy can not have more than 5 keys");
  return out;
}

// ---- matching ---------------------------------------------------------------------------------

bool parse_ipv4(std::string_view text, uint32_t* out) {
  uint32_t value = 0;
  int parts = 0;
  while (parts < 4) {
    if (text.empty()) return false;
    std::size_t i = 0;
    unsigned octet = 0;
    while (i < text.size() && i < 4 && text[i] >= '0' && text[i] <= '9')
      octet = octet * 10 + static_cast<unsigned>(text[i++] - '0');
    if (i == 0 || i > 3 || octet > 255) return false;
    value = (value << 8) | octet;
    ++parts;
    text.remove_prefix(i);
    if (parts < 4) {
      if (text.empty() || text[0] != '.') return false;
      text.remove_prefix(1);
    }
  }
  *out = value;
  return text.empty();
}

bool parse_cidr(std::string_view text, uint32_t* net, uint32_t* mask) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view bits_text = text.substr(slash + 1);
  if (bits_text.empty() || bits_text.size() > 2) return false;
  unsigned bits = 0;
  for (const char c : bits_text) {
    if (c < '0' || c > '9') return false;
    bits = bits * 10 + static_cast<unsigned>(c - '0');
  }
  if (bits > 32 || !parse_ipv4(text.substr(0, slash), net)) return false;
  *mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return true;
}

bool valid_ipv4_cidr(std::string_view text) {
  uint32_t net = 0, mask = 0;
  return parse_cidr(text, &net, &mask);
}

/// Numbers compare with five decimal digits of precision, as SNS documents.
bool numbers_equal(double a, double b) {
  return std::fabs(a - b) < 0.000005;
}

bool numeric_matches(const Json& spec, double v) {
  auto holds = [&](const std::string& op, double bound) {
    if (op == "=") return numbers_equal(v, bound);
    if (op == "<") return v < bound && !numbers_equal(v, bound);
    if (op == "<=") return v <= bound || numbers_equal(v, bound);
    if (op == ">") return v > bound && !numbers_equal(v, bound);
    return v >= bound || numbers_equal(v, bound);  // ">="
  };
  if (!holds(spec[0].get<std::string>(), spec[1].get<double>())) return false;
  return spec.size() < 4 || holds(spec[2].get<std::string>(), spec[3].get<double>());
}

bool anything_but_matches(const Json& spec, const Json& v) {
  if (spec.is_object()) {
    // The key and value of the one member (not a binding to items().begin(): that proxy is a
    // temporary, and its key dangles once the statement ends; the fuzzer found it).
    const std::string op = spec.begin().key();
    const Json& pattern = spec.begin().value();
    if (!v.is_string()) return false;
    const std::string s = v.get<std::string>(), p = pattern.get<std::string>();
    return op == "prefix" ? !s.starts_with(p) : !s.ends_with(p);
  }
  if (!v.is_string() && !v.is_number()) return false;
  auto same = [&](const Json& excluded) {
    if (excluded.is_string()) return v.is_string() && v.get<std::string>() == excluded;
    return v.is_number() && numbers_equal(v.get<double>(), excluded.get<double>());
  };
  if (spec.is_array()) return std::none_of(spec.begin(), spec.end(), same);
  return !same(spec);
}

/// One condition against one scalar value of the message.
bool condition_matches_value(const Json& cond, const Json& v) {
  if (cond.is_string()) return v.is_string() && v.get<std::string>() == cond.get<std::string>();
  if (cond.is_number()) return v.is_number() && numbers_equal(v.get<double>(), cond.get<double>());
  if (cond.is_boolean()) return v.is_boolean() && v.get<bool>() == cond.get<bool>();
  if (cond.is_null()) return v.is_null();
  // The key and value of the one member (not a binding to items().begin(): that proxy is a
  // temporary, and its key dangles once the statement ends; the fuzzer found it).
  const std::string op = cond.begin().key();
  const Json& spec = cond.begin().value();
  if (op == "prefix")
    return v.is_string() && v.get<std::string>().starts_with(spec.get<std::string>());
  if (op == "suffix")
    return v.is_string() && v.get<std::string>().ends_with(spec.get<std::string>());
  if (op == "equals-ignore-case")
    return v.is_string() && lower(v.get<std::string>()) == lower(spec.get<std::string>());
  if (op == "anything-but") return anything_but_matches(spec, v);
  if (op == "numeric") return v.is_number() && numeric_matches(spec, v.get<double>());
  if (op == "cidr") {
    uint32_t net = 0, mask = 0, ip = 0;
    return v.is_string() && parse_cidr(spec.get<std::string>(), &net, &mask) &&
           parse_ipv4(v.get<std::string>(), &ip) && (ip & mask) == (net & mask);
  }
  return false;
}

/// A key's condition list against the key's value in the message (nullptr: the key is absent).
bool conditions_match(const Json& conditions, const Json* value) {
  for (const auto& cond : conditions) {
    if (cond.is_object() && cond.begin().key() == "exists") {
      if (cond.begin().value().get<bool>() == (value != nullptr)) return true;
      continue;
    }
    if (value == nullptr) continue;
    if (value->is_array()) {
      for (const auto& element : *value)
        if (condition_matches_value(cond, element)) return true;
    } else if (condition_matches_value(cond, *value)) {
      return true;
    }
  }
  return false;
}

bool object_matches(const Json& policy, const Json& message) {
  for (const auto& [key, value] : policy.items()) {
    if (key == "$or") {
      const bool any = std::any_of(value.begin(), value.end(), [&](const Json& branch) {
        return object_matches(branch, message);
      });
      if (!any) return false;
      continue;
    }
    const Json* field = nullptr;
    if (message.is_object()) {
      const auto it = message.find(key);
      if (it != message.end()) field = &*it;
    }
    if (value.is_object()) {
      // Nested keys (body scope): an array of objects matches when one of them does.
      if (field == nullptr) {
        if (!object_matches(value, Json())) return false;
      } else if (field->is_array()) {
        // A named reference: clang 14 cannot capture a structured binding.
        const Json& nested = value;
        if (std::none_of(field->begin(), field->end(),
                         [&](const Json& e) { return object_matches(nested, e); }))
          return false;
      } else if (!object_matches(value, *field)) {
        return false;
      }
      continue;
    }
    if (!conditions_match(value, field)) return false;
  }
  return true;
}

}  // namespace

std::optional<FilterScope> parse_filter_scope(std::string_view text) {
  if (text == "MessageAttributes") return FilterScope::message_attributes;
  if (text == "MessageBody") return FilterScope::message_body;
  return std::nullopt;
}

FilterPolicy FilterPolicy::parse(std::string_view text, FilterScope scope) {
  if (text.size() > k_filter_policy_max_bytes) reject("Filter policy is too large");
  FilterPolicy out;
  out.policy_ = Json::parse(text, nullptr, false);
  if (out.policy_.is_discarded()) reject("failed to parse JSON.");
  if (!out.policy_.is_object()) reject("Filter policy must be a JSON object");
  check_object(out.policy_, scope, 0);
  return out;
}

bool FilterPolicy::matches(const nlohmann::json& message) const {
  return object_matches(policy_, message);
}

}  // namespace sns
