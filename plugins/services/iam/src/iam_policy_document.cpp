// Policy grammar checks (iam_policy_document.hpp). Only the structure IAM itself refuses is
// checked here; action and resource names are not looked up (IAM accepts unknown actions too).
#include "iam_policy_document.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "iam_errors.hpp"

namespace iam {

namespace {

using nlohmann::json;

const std::string k_syntax = "Syntax errors in policy.";

bool string_or_strings(const json& v) {
  if (v.is_string()) return true;
  if (!v.is_array() || v.empty()) return false;
  for (const auto& item : v)
    if (!item.is_string()) return false;
  return true;
}

/// "*" or "<vendor>:<action pattern>".
bool valid_action(const std::string& action) {
  if (action == "*") return true;
  const std::size_t colon = action.find(':');
  return colon != std::string::npos && colon > 0 && colon + 1 < action.size();
}

std::optional<std::string> actions_problem(const json& v) {
  if (!string_or_strings(v)) return k_syntax;
  const auto check = [](const json& a) { return valid_action(a.get<std::string>()); };
  const bool ok = v.is_string() ? check(v) : std::all_of(v.begin(), v.end(), check);
  if (!ok) return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  return std::nullopt;
}

/// "*" or {"AWS"|"Service"|"Federated"|"CanonicalUser": string or strings}.
bool valid_principal(const json& v) {
  if (v.is_string()) return v.get<std::string>() == "*";
  if (!v.is_object() || v.empty()) return false;
  static const std::set<std::string> k_types = {"AWS", "Service", "Federated", "CanonicalUser"};
  for (const auto& [type, ids] : v.items())
    if (!k_types.contains(type) || !string_or_strings(ids)) return false;
  return true;
}

/// {"<operator>": {"<key>": value or values}}.
bool valid_condition(const json& v) {
  if (!v.is_object()) return false;
  for (const auto& [op, block] : v.items()) {
    if (!block.is_object()) return false;
    for (const auto& [key, value] : block.items())
      if (value.is_object() || value.is_null()) return false;
  }
  return true;
}

std::optional<std::string> statement_problem(const json& s, PolicyUse use,
                                             std::set<std::string>& sids) {
  if (!s.is_object()) return k_syntax;
  static const std::set<std::string> k_keys = {"Sid",          "Effect",      "Principal",
                                               "NotPrincipal", "Action",      "NotAction",
                                               "Resource",     "NotResource", "Condition"};
  for (const auto& [key, value] : s.items())
    if (!k_keys.contains(key)) return k_syntax;
  if (const auto sid = s.find("Sid"); sid != s.end()) {
    if (!sid->is_string()) return k_syntax;
    const std::string text = sid->get<std::string>();
    for (const char ch : text) {
      if (std::isalnum(static_cast<unsigned char>(ch)) == 0 && use == PolicyUse::identity)
        return "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the "
               "regular expression [0-9A-Za-z]*";
    }
    if (!text.empty() && !sids.insert(text).second)
      return "Statement IDs (SID) in a single policy must be unique.";
  }
  const auto effect = s.find("Effect");
  if (effect == s.end()) return "Missing required field Effect";
  if (!effect->is_string() || (*effect != "Allow" && *effect != "Deny")) return k_syntax;

  const bool has_action = s.contains("Action"), has_not_action = s.contains("NotAction");
  if (!has_action && !has_not_action) return "Policy statement must contain actions.";
  if (has_action && has_not_action) return k_syntax;
  if (auto p = actions_problem(s[has_action ? "Action" : "NotAction"])) return p;

  const bool has_principal = s.contains("Principal") || s.contains("NotPrincipal");
  const bool has_resource = s.contains("Resource") || s.contains("NotResource");
  if (s.contains("Resource") && s.contains("NotResource")) return k_syntax;
  if (use == PolicyUse::identity) {
    if (has_principal) return "Policy document should not specify a principal.";
    if (!has_resource) return "Policy statement must contain resources.";
    if (!string_or_strings(s[s.contains("Resource") ? "Resource" : "NotResource"])) return k_syntax;
  } else {
    if (has_resource) return "Has prohibited field Resource";
    if (!has_principal) return "Missing required field Principal";
    if (s.contains("Principal") && s.contains("NotPrincipal")) return k_syntax;
    if (!valid_principal(s[s.contains("Principal") ? "Principal" : "NotPrincipal"]))
      return "Invalid principal in policy";
  }
  if (const auto cond = s.find("Condition"); cond != s.end() && !valid_condition(*cond))
    return k_syntax;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> policy_problem(std::string_view text, PolicyUse use) {
  // Depth is bounded by the grammar below, but the parser must not recurse without bound on
  // hostile input first: refuse absurd nesting before parsing.
  int depth = 0;
  for (const char ch : text) {
    if (ch == '{' || ch == '[') ++depth;
    if (ch == '}' || ch == ']') --depth;
    if (depth > 64) return k_syntax;
  }
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return k_syntax;
  for (const auto& [key, value] : doc.items())
    if (key != "Version" && key != "Id" && key != "Statement") return k_syntax;
  if (const auto version = doc.find("Version"); version != doc.end()) {
    if (!version->is_string() || (*version != "2012-10-17" && *version != "2008-10-17"))
      return "The policy failed legacy parsing";
  }
  if (const auto id = doc.find("Id"); id != doc.end() && !id->is_string()) return k_syntax;
  const auto statements = doc.find("Statement");
  if (statements == doc.end()) return k_syntax;
  std::set<std::string> sids;
  if (statements->is_array()) {
    if (statements->empty()) return k_syntax;
    for (const auto& s : *statements)
      if (auto p = statement_problem(s, use, sids)) return p;
    return std::nullopt;
  }
  return statement_problem(*statements, use, sids);
}

std::size_t policy_size(std::string_view text) {
  std::size_t n = 0;
  for (const char ch : text)
    if (std::isspace(static_cast<unsigned char>(ch)) == 0) ++n;
  return n;
}

void check_policy(std::string_view text, PolicyUse use) {
  if (auto problem = policy_problem(text, use)) throw malformed_policy(std::move(*problem));
}

}  // namespace iam
