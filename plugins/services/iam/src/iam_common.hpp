// Lookups and parameter readers the IAM operation families share.
#pragma once
#include <cloudemu/storage.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "iam_names.hpp"
#include "iam_ops.hpp"
#include "iam_store.hpp"

namespace iam {

/// The named user, group or role; NoSuchEntity "The <noun> with name X cannot be found."
Principal require_principal(const Call& c, ce::Txn& txn, Kind kind, std::string_view name);

/// The IAM user owning the request's access key, when IAM issued it in this account.
std::optional<Principal> caller_user(const Call& c, ce::Txn& txn);

/// Tags.member.N.Key/Value: keys 1-128 and values up to 256 characters, at most 50.
Tags parse_tags(const Call& c);
/// Sets each tag of `add` in `into` (a key already there takes the new value, keeps its place);
/// LimitExceeded past 50 tags.
void merge_tags(Tags& into, const Tags& add);
/// TagKeys.member.N removed from `from`.
void remove_tags(const Call& c, Tags& from);

/// A customer managed policy of this account, or an AWS managed one (arn:aws:iam::aws:policy/..,
/// synthesized: the emulator ships no catalog of their documents, see docs/iam.md).
std::optional<PolicyRecord> find_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn);
/// find_policy or NoSuchEntity "Policy <arn> does not exist or is not attachable."
PolicyRecord require_attachable_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn,
                                       std::string_view text);
/// find_policy or NoSuchEntity "Policy <arn> was not found."
PolicyRecord require_policy(const Call& c, ce::Txn& txn, const PolicyArn& arn,
                            std::string_view text);
/// Counts an attachment (or a permissions boundary) of a customer managed policy; AWS managed
/// policies keep no counts here.
void count_policy_use(const Call& c, ce::WriteTxn& txn, std::string_view policy_arn, int delta,
                      bool boundary);
/// The PermissionsBoundary parameter checked and counted; "" when absent.
std::string take_permissions_boundary(const Call& c, ce::WriteTxn& txn);

}  // namespace iam
