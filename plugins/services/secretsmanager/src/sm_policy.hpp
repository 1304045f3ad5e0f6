// Resource policies: the JSON checks PutResourcePolicy and ValidateResourcePolicy make. No policy
// is enforced (docs/secretsmanager.md, "Missing"); these checks exist so that a client learns of
// a malformed or public policy where AWS would tell it.
#pragma once
#include <string>

namespace sm {

/// MalformedPolicyDocumentException unless `policy` is a JSON object with a Statement (an object
/// or a non-empty array of objects), each with Effect Allow or Deny.
void check_policy_syntax(const std::string& policy);
/// Whether an Allow statement names every principal ("*" or {"AWS": "*"}): what
/// BlockPublicPolicy refuses.
bool grants_public_access(const std::string& policy);

}  // namespace sm
