// What operations share about secrets: names and ARNs, finding the secret a SecretId names (name,
// full ARN or partial ARN), the deletion rules, timestamps, and the secret as DescribeSecret and
// ListSecrets show it.
#pragma once
#include <cloudemu/storage.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sm_ops.hpp"
#include "sm_store.hpp"

namespace sm {

/// arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>
std::string new_secret_arn(std::string_view account, std::string_view region,
                           std::string_view name);

/// ASCII letters, digits and /_+=.@- only; InvalidParameterException otherwise.
void check_secret_name(const std::string& name);

/// The secret `ref` names in the account and region: by name, by its full ARN, or by a partial
/// ARN (the ARN without the "-xxxxxx" suffix). A secret whose recovery window is over is gone.
std::optional<SecretRecord> lookup_secret(const Store& store, ce::Txn& txn,
                                          std::string_view account, std::string_view region,
                                          const std::string& ref, int64_t now_ms);
/// lookup_secret, or ResourceNotFoundException.
SecretRecord resolve_secret(Call& call, ce::Txn& txn, const std::string& ref);
/// resolve_secret for the request's SecretId, refusing a secret scheduled for deletion.
SecretRecord resolve_live_secret(Call& call, ce::Txn& txn);

/// Past its recovery window: the secret no longer exists (nothing sweeps the record eagerly).
bool purged(const SecretRecord& secret, int64_t now_ms);
/// InvalidRequestException for a secret scheduled for deletion.
void require_not_deleted(const SecretRecord& secret);

/// Epoch seconds with milliseconds, the JSON protocols' timestamp form.
double epoch_seconds(int64_t ms);
/// Midnight UTC of the day `ms` falls in: LastAccessedDate has day granularity.
int64_t start_of_day(int64_t ms);

enum class Shape { describe, list_entry };
/// DescribeSecret's answer, or one SecretList entry of ListSecrets.
Json secret_json(const SecretRecord& secret, Shape shape);
Json tags_json(const SecretRecord& secret);

}  // namespace sm
