// What STS learns about a role from IAM, through the host's internal call (STS never reads IAM's
// keyspaces: plugins share nothing but requests). IAM not loaded: the role is taken on trust.
#pragma once
#include <cloudemu/context.hpp>
#include <cstdint>
#include <functional>
#include <string>

namespace sts {

struct RoleLookup {
  enum class Outcome { found, missing, unknown };  // unknown: IAM not loaded or failing
  Outcome outcome = Outcome::unknown;
  std::string role_id;               // AROA...; a stand-in derived from the ARN unless found
  int64_t max_session_duration = 0;  // seconds; 0 = not known
};

/// Asks IAM for GetRole(name) in `account`; done runs once, maybe on another thread.
void lookup_role(const ce::ServiceContext& ctx, const std::string& account,
                 const std::string& role_name, std::function<void(RoleLookup)> done);

/// The text of the first <tag> in a small IAM answer (no nesting of the same tag there; IAM's
/// ARNs and ids need no unescaping).
std::string xml_text(const std::string& body, const std::string& tag);

/// A stable AROA id for a role IAM does not know, so AssumedRoleId stays the same across
/// sessions of that role.
std::string derived_role_id(const std::string& account, const std::string& role_name);

}  // namespace sts
