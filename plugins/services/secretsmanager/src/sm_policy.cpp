// Resource policy checks (sm_policy.hpp).
#include "sm_policy.hpp"

#include <nlohmann/json.hpp>

#include "sm_errors.hpp"

namespace sm {

namespace {

using Json = nlohmann::json;

std::vector<Json> statements(const Json& doc) {
  const Json& s = doc.at("Statement");
  if (s.is_object()) return {s};
  return std::vector<Json>(s.begin(), s.end());
}

bool is_wildcard(const Json& principal) {
  if (principal.is_string()) return principal == "*";
  if (principal.is_array()) {
    for (const auto& p : principal)
      if (is_wildcard(p)) return true;
    return false;
  }
  if (principal.is_object()) {
    for (const auto& [k, v] : principal.items())
      if (is_wildcard(v)) return true;
  }
  return false;
}

}  // namespace

void check_policy_syntax(const std::string& policy) {
  const Json doc = Json::parse(policy, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw err::malformed_policy(
        "This resource policy contains a syntax error: it is not a JSON "
        "object.");
  const auto it = doc.find("Statement");
  if (it == doc.end() || !(it->is_object() || (it->is_array() && !it->empty())))
    throw err::malformed_policy(
        "This resource policy contains a syntax error: it has no "
        "Statement.");
  for (const Json& s : statements(doc)) {
    if (!s.is_object())
      throw err::malformed_policy(
          "This resource policy contains a syntax error: a Statement is "
          "not an object.");
    const auto effect = s.find("Effect");
    if (effect == s.end() || !effect->is_string() || (*effect != "Allow" && *effect != "Deny"))
      throw err::malformed_policy(
          "This resource policy contains a syntax error: a Statement's "
          "Effect must be Allow or Deny.");
  }
}

bool grants_public_access(const std::string& policy) {
  const Json doc = Json::parse(policy, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("Statement")) return false;
  for (const Json& s : statements(doc)) {
    if (!s.is_object() || s.value("Effect", std::string()) != "Allow") continue;
    // A Condition may narrow a wildcard principal; without one, everyone is let in.
    if (s.contains("Principal") && is_wildcard(s["Principal"]) && !s.contains("Condition"))
      return true;
  }
  return false;
}

}  // namespace sm
