// What the managed-policy and policy-version families share.
#pragma once
#include <cstddef>
#include <string>

#include "iam_ops.hpp"

namespace iam {

inline constexpr std::size_t k_managed_policy_limit = 6144;  // PolicySize, whitespace excluded
inline constexpr std::size_t k_max_policy_versions = 5;

/// The PolicyDocument parameter of CreatePolicy/CreatePolicyVersion: an identity policy within
/// the managed policy size quota.
std::string checked_managed_document(const Call& c);

}  // namespace iam
