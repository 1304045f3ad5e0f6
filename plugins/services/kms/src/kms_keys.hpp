// What operations share about keys: finding the key a request names (key id, key ARN, alias
// name or alias ARN), the key-state rules, and KeyMetadata as DescribeKey answers it.
#pragma once
#include <cloudemu/storage.hpp>
#include <string>
#include <string_view>

#include "kms_key_spec.hpp"
#include "kms_ops.hpp"
#include "kms_store.hpp"

namespace kms {

enum class AliasRefs { allowed, refused };

/// The key `ref` names in the caller's account and region. NotFoundException when there is
/// none, when it was deleted (its deletion date passed) or when `ref` names another account
/// or region; aliases only where the operation accepts them.
KeyRecord resolve_key(Call& call, ce::Txn& txn, const std::string& ref,
                      AliasRefs aliases = AliasRefs::allowed);
/// resolve_key for the request member `member` (default "KeyId"), which must be present.
KeyRecord resolve_key_member(Call& call, ce::Txn& txn, std::string_view member = "KeyId",
                             AliasRefs aliases = AliasRefs::allowed);

/// A cryptographic operation needs an Enabled key: DisabledException for a Disabled one,
/// KMSInvalidStateException for one pending deletion.
void require_enabled(const KeyRecord& key);
/// Management operations (tags, policy, description, aliases) work on a Disabled key but not
/// on one pending deletion.
void require_not_pending_deletion(const KeyRecord& key);
/// InvalidKeyUsageException unless the key's KeyUsage is `usage`.
void require_usage(const KeyRecord& key, std::string_view usage, std::string_view operation);

const KeySpecInfo& spec_of(const KeyRecord& key);
/// KeyMetadata with every field AWS answers for a customer managed key.
Json key_metadata(const KeyRecord& key);
/// Epoch seconds with milliseconds, the JSON protocols' timestamp form.
double epoch_seconds(int64_t ms);

/// The key's default policy: the account root may do everything (AWS's "default key policy").
std::string default_key_policy(std::string_view account);

}  // namespace kms
