// IAM policy documents: the grammar checks IAM applies before it stores one (IAM JSON policy
// grammar; MalformedPolicyDocument with IAM's texts) and its size quotas (LimitExceeded).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace iam {

enum class PolicyUse {
  identity,  // managed and inline policies: Resource required, Principal prohibited
  trust,     // a role's AssumeRolePolicyDocument: Principal required, Resource prohibited
};

/// What is wrong with `text` as a policy, in IAM's words; nullopt when it is acceptable. Pure and
/// total: the fuzz target fuzz_iam_policy feeds it arbitrary bytes.
std::optional<std::string> policy_problem(std::string_view text, PolicyUse use);

/// Characters of a policy that count against IAM's size quotas (whitespace does not).
std::size_t policy_size(std::string_view text);

/// Throws MalformedPolicyDocument for a policy_problem. (Size quotas have per-call messages; the
/// callers check policy_size themselves.)
void check_policy(std::string_view text, PolicyUse use);

}  // namespace iam
