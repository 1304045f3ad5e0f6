// Parameter checks shared by the STS actions (sts_params.hpp).
#include "sts_params.hpp"

#include <charconv>
#include <cloudemu/aws_ids.hpp>
#include <cloudemu/protocol/query_form.hpp>
#include <nlohmann/json.hpp>

#include "sts_errors.hpp"

namespace sts {

namespace {

constexpr std::size_t k_max_policy_chars = 2048;
constexpr std::size_t k_max_tags = 50;

bool name_char(char ch) {
  const auto u = static_cast<unsigned char>(ch);
  return std::isalnum(u) != 0 || std::string_view("_+=,.@-").find(ch) != std::string_view::npos;
}

std::string member_name(std::string_view param) {
  std::string member(param);
  if (!member.empty()) member[0] = static_cast<char>(std::tolower(member[0]));
  return member;
}

}  // namespace

int64_t duration_seconds(const Call& c, int64_t min_s, int64_t max_s, int64_t fallback_s) {
  const auto text = c.optional("DurationSeconds");
  if (!text) return fallback_s;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size())
    throw constraint_error(*text, "durationSeconds", "Member must be an integer");
  if (value < min_s)
    throw constraint_error(
        *text, "durationSeconds",
        "Member must have value greater than or equal to " + std::to_string(min_s));
  if (value > max_s)
    throw constraint_error(*text, "durationSeconds",
                           "Member must have value less than or equal to " + std::to_string(max_s));
  return value;
}

std::string checked_name(const Call& c, std::string_view param, std::size_t min_len,
                         std::size_t max_len) {
  const std::string name = c.required(param);
  const std::string member = member_name(param);
  if (name.size() < min_len)
    throw constraint_error(
        name, member,
        "Member must have length greater than or equal to " + std::to_string(min_len));
  if (name.size() > max_len)
    throw constraint_error(
        name, member, "Member must have length less than or equal to " + std::to_string(max_len));
  for (const char ch : name) {
    if (!name_char(ch))
      throw constraint_error(name, member,
                             "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  }
  return name;
}

RoleArn parse_role_arn(const std::string& arn) {
  if (arn.size() < 20)
    throw constraint_error(arn, "roleArn", "Member must have length greater than or equal to 20");
  constexpr std::string_view k_head = "arn:aws:iam::";
  RoleArn out;
  out.arn = arn;
  const std::string_view v(arn);
  const std::size_t colon = v.find(':', k_head.size());
  if (!v.starts_with(k_head) || colon == std::string_view::npos ||
      !v.substr(colon + 1).starts_with("role/"))
    throw ce::AwsError::validation_error(arn + " is invalid");
  out.account = std::string(v.substr(k_head.size(), colon - k_head.size()));
  const std::string_view resource = v.substr(colon + 1 + 5);  // after "role/"
  const std::size_t slash = resource.rfind('/');
  out.name = std::string(slash == std::string_view::npos ? resource : resource.substr(slash + 1));
  out.path =
      slash == std::string_view::npos ? "/" : "/" + std::string(resource.substr(0, slash + 1));
  if (!ce::parse_account_id(out.account) || out.name.empty())
    throw ce::AwsError::validation_error(arn + " is invalid");
  return out;
}

std::optional<int> session_policy_size(const Call& c) {
  const auto policy = c.optional("Policy");
  if (!policy) return std::nullopt;
  if (policy->size() > k_max_policy_chars)
    throw constraint_error(*policy, "policy", "Member must have length less than or equal to 2048");
  const auto doc = nlohmann::json::parse(*policy, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw malformed_policy("The policy is not in the valid JSON format.");
  // AWS packs the policy (and session tags) into a binary form; its share of the limit is what
  // clients see. The compact JSON's share is a fair stand-in.
  const std::size_t packed = doc.dump().size();
  const auto percent = static_cast<int>(packed * 100 / k_max_policy_chars);
  if (percent > 100) throw packed_policy_too_large();
  return percent;
}

std::map<std::string, std::string> session_tags(const Call& c) {
  std::map<std::string, std::string> tags;
  const auto members = ce::query::members(c.params, "Tags");
  if (members.size() > k_max_tags)
    throw constraint_error("[...]", "tags", "Member must have length less than or equal to 50");
  for (const auto& m : members) {
    const std::string key = ce::query::field_or_empty(m, "Key");
    const std::string value = ce::query::field_or_empty(m, "Value");
    if (key.empty() || key.size() > 128)
      throw constraint_error(key, "tags.member.key", "Member must have length between 1 and 128");
    if (value.size() > 256)
      throw constraint_error(value, "tags.member.value",
                             "Member must have length less than or equal to 256");
    tags[key] = value;
  }
  return tags;
}

}  // namespace sts
