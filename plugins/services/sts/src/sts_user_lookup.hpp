// Who owns a long-term access key, asked of IAM through the host's internal call (STS never reads
// IAM's keyspaces). GetCallerIdentity of an IAM user's key is that user, as in AWS.
#pragma once
#include <cloudemu/context.hpp>
#include <functional>
#include <optional>
#include <string>

#include "sts_sessions.hpp"

namespace sts {

/// Asks IAM GetAccessKeyLastUsed(key) then GetUser(its UserName) in `account`; done runs once,
/// maybe on another thread, with the user's identity, or nullopt when IAM is not loaded or knows
/// no such key (the caller then answers the account root).
void lookup_key_owner(const ce::ServiceContext& ctx, const std::string& account,
                      const std::string& access_key_id,
                      std::function<void(std::optional<Identity>)> done);

}  // namespace sts
