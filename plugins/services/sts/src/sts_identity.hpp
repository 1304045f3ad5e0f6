// Who the caller is, and how issued credentials are written: shared by every action family.
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <string>
#include <string_view>

#include "sts_ops.hpp"
#include "sts_sessions.hpp"

namespace sts {

/// The identity of the request's access key: the session STS issued it for, else the account's
/// root user (IAM users are not looked up here; GetCallerIdentity asks IAM, sts_user_lookup.hpp).
/// ExpiredToken for a session past its expiry.
Identity caller_identity(Call& c);

/// <Credentials><AccessKeyId>..<SecretAccessKey>..<SessionToken>..<Expiration>..</Credentials>
void write_credentials(ce::XmlWriter& w, const SessionRecord& s);

/// Stores `s` (one short write transaction).
void save_session(Call& c, const SessionRecord& s);

/// "CE-AUTHZ-<hex of the JSON>": what DecodeAuthorizationMessage accepts (docs/sts.md).
std::string encode_authorization_message(std::string_view json);

}  // namespace sts
