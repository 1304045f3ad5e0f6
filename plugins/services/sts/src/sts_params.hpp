// The parameters STS actions share, checked the way STS checks them: durations, session and
// federated-user names, role ARNs, session policies and session tags.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sts_ops.hpp"

namespace sts {

/// DurationSeconds within [min_s, max_s]; `fallback_s` when absent.
int64_t duration_seconds(const Call& c, int64_t min_s, int64_t max_s, int64_t fallback_s);

/// A required name parameter of `min_len`..`max_len` characters of [\w+=,.@-] (RoleSessionName,
/// Name of GetFederationToken).
std::string checked_name(const Call& c, std::string_view param, std::size_t min_len,
                         std::size_t max_len);

struct RoleArn {
  std::string arn, account, path, name;  // path "/" or "/a/b/"
};
/// arn:aws:iam::<12 digits>:role/<path/><name>; ValidationError otherwise.
RoleArn parse_role_arn(const std::string& arn);

/// The session policy's share of the packed-policy limit in percent (PackedPolicySize); nullopt
/// without a Policy parameter. MalformedPolicyDocument when it is not a JSON object.
std::optional<int> session_policy_size(const Call& c);

/// Tags.member.N.Key/Value (at most 50, keys 1-128, values up to 256 characters).
std::map<std::string, std::string> session_tags(const Call& c);

}  // namespace sts
