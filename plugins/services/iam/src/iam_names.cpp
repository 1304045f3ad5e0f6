// Names, paths, ids and ARNs (iam_names.hpp).
#include "iam_names.hpp"

#include <cctype>
#include <cloudemu/aws_ids.hpp>

#include "iam_errors.hpp"

namespace iam {

namespace {

bool name_char(char ch) {
  const auto u = static_cast<unsigned char>(ch);
  return std::isalnum(u) != 0 || std::string_view("_+=,.@-").find(ch) != std::string_view::npos;
}

std::string member_name(std::string_view param) {
  std::string member(param);
  if (!member.empty()) member[0] = static_cast<char>(std::tolower(member[0]));
  return member;
}

bool valid_path(std::string_view path) {
  if (path.empty() || path.size() > 512 || path.front() != '/' || path.back() != '/') return false;
  for (const char ch : path)
    if (ch < 0x21 || ch > 0x7E) return false;
  return true;
}

}  // namespace

std::string checked_name(const Call& c, std::string_view param, std::size_t max_len) {
  const std::string name = c.required(param);
  const std::string member = member_name(param);
  if (name.size() > max_len)
    throw constraint_error(
        name, member, "Member must have length less than or equal to " + std::to_string(max_len));
  for (const char ch : name) {
    if (!name_char(ch))
      throw constraint_error(name, member,
                             "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
  return name;
}

std::string checked_path(const Call& c, std::string_view param) {
  const auto path = c.optional(param);
  if (!path) return "/";
  if (!valid_path(*path))
    throw ce::AwsError::validation_error(
        "The specified value for " + member_name(param) +
        " is invalid. It must begin and end with / and contain only alphanumeric characters "
        "and/or / characters.");
  return *path;
}

std::string checked_path_prefix(const Call& c) {
  const auto prefix = c.optional("PathPrefix");
  if (!prefix) return "/";
  if (prefix->empty() || prefix->front() != '/' || prefix->size() > 512)
    throw ce::AwsError::validation_error(
        "The specified value for pathPrefix is invalid. It must begin with / and contain only "
        "alphanumeric characters and/or / characters.");
  return *prefix;
}

std::string arn(std::string_view account, std::string_view noun, std::string_view path,
                std::string_view name) {
  return "arn:aws:iam::" + std::string(account) + ":" + std::string(noun) + std::string(path) +
         std::string(name);
}

std::string principal_arn(std::string_view account, Kind kind, const Principal& p) {
  return arn(account, info(kind).noun, p.path, p.name);
}

std::string new_unique_id(std::string_view prefix, std::string_view account) {
  return ce::make_aws_id(prefix, account, 1);
}

std::optional<PolicyArn> parse_policy_arn(std::string_view text) {
  constexpr std::string_view k_head = "arn:aws:iam::";
  if (!text.starts_with(k_head)) return std::nullopt;
  const std::size_t colon = text.find(':', k_head.size());
  if (colon == std::string_view::npos) return std::nullopt;
  PolicyArn out;
  out.account = std::string(text.substr(k_head.size(), colon - k_head.size()));
  const std::string_view resource = text.substr(colon + 1);
  if (!resource.starts_with("policy/")) return std::nullopt;
  const std::size_t slash = resource.rfind('/');
  out.name = std::string(resource.substr(slash + 1));
  if (out.name.empty() || (!out.aws_managed() && !ce::parse_account_id(out.account)))
    return std::nullopt;
  return out;
}

PolicyArn required_policy_arn(const Call& c, std::string_view param) {
  const std::string text = c.required(param);
  auto parsed = parse_policy_arn(text);
  if (!parsed) throw invalid_input("ARN " + text + " is not valid.");
  return *parsed;
}

}  // namespace iam
