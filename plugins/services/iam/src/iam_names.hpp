// Names, paths, ids and ARNs of IAM entities, checked and built the way IAM does.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "iam_ops.hpp"
#include "iam_store.hpp"

namespace iam {

/// A required name parameter of 1..max_len characters of [\w+=,.@-]; ValidationError otherwise.
std::string checked_name(const Call& c, std::string_view param, std::size_t max_len);
/// Path / PathPrefix-style parameter: "/" or "/a/b/" (1-512 printable ASCII); "/" when absent.
std::string checked_path(const Call& c, std::string_view param = "Path");
/// PathPrefix for listings: "/" when absent; must start with '/'.
std::string checked_path_prefix(const Call& c);

/// "arn:aws:iam::<account>:<noun><path><name>" ("role/app/x").
std::string arn(std::string_view account, std::string_view noun, std::string_view path,
                std::string_view name);
std::string principal_arn(std::string_view account, Kind kind, const Principal& p);

/// A unique id: the 4-letter prefix (AIDA, AROA, AGPA, ANPA, AIPA) and 17 base32 characters.
std::string new_unique_id(std::string_view prefix, std::string_view account);

struct PolicyArn {
  std::string account;  // "aws" for AWS managed policies
  std::string name;
  bool aws_managed() const { return account == "aws"; }
};
/// arn:aws:iam::<account|aws>:policy/<path><name>; nullopt when it is not a policy ARN.
std::optional<PolicyArn> parse_policy_arn(std::string_view arn);
/// The PolicyArn parameter parsed; InvalidInput "ARN <arn> is not valid." otherwise.
PolicyArn required_policy_arn(const Call& c, std::string_view param = "PolicyArn");

}  // namespace iam
