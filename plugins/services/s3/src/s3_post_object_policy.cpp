// POST policy: decode, validate the document, then expiration, conditions and extra fields.
#include "s3_post_object_policy.hpp"

#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "s3_checksum.hpp"
#include "s3_text.hpp"
#include "s3_time.hpp"

namespace s3 {

namespace {

using nlohmann::json;

enum class Match { eq, starts_with, length_range };

struct Condition {
  Match match = Match::eq;
  std::string field;  // lowercased, without '$'
  std::string value;
  uint64_t min = 0, max = 0;
  std::string text;  // as S3 quotes it when the condition fails: ["eq", "$key", "a"]
};

ce::AwsError invalid_policy(const std::string& why) {
  return ce::AwsError::client(400, "InvalidPolicyDocument", "Invalid Policy: " + why);
}

ce::AwsError policy_denied(const std::string& why) {
  return ce::AwsError::client(403, "AccessDenied", "Invalid according to Policy: " + why);
}

std::string quote(std::string_view s) {
  return json(std::string(s)).dump();
}

/// A content-length-range bound: a non-negative integer, or a string of digits (some policy
/// builders quote numbers, and S3 takes them).
std::optional<uint64_t> size_bound(const json& v) {
  if (v.is_number_unsigned()) return v.get<uint64_t>();
  if (v.is_number_integer()) {
    const auto i = v.get<int64_t>();
    if (i >= 0) return static_cast<uint64_t>(i);
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  const auto& s = v.get_ref<const std::string&>();
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t out = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return out;
}

Condition parse_condition(const json& c) {
  const ce::AwsError bad = invalid_policy("Invalid Condition: " + c.dump());
  Condition out;
  if (c.is_array() && c.size() == 3 && c[0].is_string()) {
    const auto& op = c[0].get_ref<const std::string&>();
    if (ascii_lower(op) == "content-length-range") {
      const auto lo = size_bound(c[1]);
      const auto hi = size_bound(c[2]);
      if (!lo || !hi) throw bad;
      out.match = Match::length_range;
      out.min = *lo;
      out.max = *hi;
      return out;
    }
    if (!c[1].is_string() || !c[2].is_string()) throw bad;
    const auto& field = c[1].get_ref<const std::string&>();
    if (field.size() < 2 || field[0] != '$') throw bad;
    if (ascii_lower(op) == "eq") {
      out.match = Match::eq;
    } else if (ascii_lower(op) == "starts-with") {
      out.match = Match::starts_with;
    } else {
      throw bad;
    }
    out.field = ascii_lower(field.substr(1));
    out.value = c[2].get<std::string>();
    out.text = "[" + quote(op) + ", " + quote(field) + ", " + quote(out.value) + "]";
    return out;
  }
  throw bad;
}

/// Every condition of the document; an exact-match object may name several fields.
std::vector<Condition> parse_conditions(const json& list) {
  std::vector<Condition> out;
  for (const auto& c : list) {
    if (!c.is_object()) {
      out.push_back(parse_condition(c));
      continue;
    }
    for (const auto& [name, value] : c.items()) {
      if (!value.is_string() || name.empty())
        throw invalid_policy("Invalid Condition: " + c.dump());
      Condition eq;
      eq.field = ascii_lower(name);
      eq.value = value.get<std::string>();
      // S3 reports a failed exact match in the array form.
      eq.text = "[\"eq\", " + quote("$" + name) + ", " + quote(eq.value) + "]";
      out.push_back(std::move(eq));
    }
  }
  return out;
}

bool holds(const Condition& c, const PostForm& form, std::string_view bucket) {
  std::string_view value;
  if (c.field == "bucket") {
    value = bucket;
  } else if (const std::string* v = form.find(c.field)) {
    value = *v;
  } else {
    return false;  // S3 fails a condition on an absent field, even starts-with ""
  }
  if (c.match == Match::eq) return value == c.value;
  if (c.field != "content-type") return std::string_view(value).starts_with(c.value);
  // Content-Type may list several types; each must start with the prefix (S3 POST policy docs).
  std::size_t from = 0;
  while (true) {
    const std::size_t comma = value.find(',', from);
    std::string_view one = value.substr(from, comma - from);
    while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
    if (!std::string_view(one).starts_with(c.value)) return false;
    if (comma == std::string_view::npos) return true;
    from = comma + 1;
  }
}

/// Fields a policy need not mention: the signature and the policy themselves, the file, and
/// x-ignore-*; for SigV2 forms, AWSAccessKeyId and signature play the part of x-amz-signature.
bool exempt(std::string_view name) {
  return name == "x-amz-signature" || name == "file" || name == "policy" ||
         name == "awsaccesskeyid" || name == "signature" ||
         std::string_view(name).starts_with("x-ignore-");
}

}  // namespace

SizeRange check_post_policy(std::string_view policy_base64, const PostForm& form,
                            std::string_view bucket, int64_t now_ms) {
  // Base64 wrapped at 60 or 76 columns (Ruby's encode64, openssl) is common in hand-made forms.
  std::string compact;
  for (const char c : policy_base64)
    if (c != '\r' && c != '\n' && c != ' ' && c != '\t') compact += c;
  const auto text = base64_decode(compact);
  if (!text) throw invalid_policy("Invalid JSON.");
  const json doc = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) throw invalid_policy("Invalid JSON.");

  const auto exp = doc.find("expiration");
  if (exp == doc.end()) throw invalid_policy("Policy missing expiration.");
  const std::string exp_text = exp->is_string() ? exp->get<std::string>() : exp->dump();
  // ISO 8601 only: parse_http_date also takes RFC 1123 dates, which a policy may not use.
  const auto expires_ms = exp->is_string() && exp_text.find('T') != std::string::npos
                              ? parse_http_date(exp_text)
                              : std::nullopt;
  if (!expires_ms) throw invalid_policy("Invalid 'expiration' value: '" + exp_text + "'");
  const auto list = doc.find("conditions");
  if (list == doc.end()) throw invalid_policy("Policy missing conditions.");
  if (!list->is_array()) throw invalid_policy("Invalid 'conditions' value.");
  const std::vector<Condition> conditions = parse_conditions(*list);

  if (now_ms > *expires_ms) throw policy_denied("Policy expired.");

  SizeRange range;
  std::set<std::string> covered;
  for (const auto& c : conditions) {
    if (c.match == Match::length_range) {
      range.min = std::max(range.min, c.min);
      range.max = std::min(range.max, c.max);
      continue;
    }
    if (!holds(c, form, bucket)) throw policy_denied("Policy Condition failed: " + c.text);
    covered.insert(c.field);
  }
  std::string extra;
  for (const auto& [name, value] : form.fields) {
    if (exempt(name) || !covered.insert(name).second) continue;  // a repeated field: listed once
    extra += (extra.empty() ? "" : ", ") + name;
  }
  if (!extra.empty()) throw policy_denied("Extra input fields: " + extra);
  return range;
}

}  // namespace s3
