// Staging labels, AWS's rules (docs/secretsmanager.md, "Versions and staging labels"):
//  - a label is on at most one version of a secret; attaching it elsewhere moves it;
//  - whenever AWSCURRENT moves, AWSPREVIOUS moves to the version AWSCURRENT left;
//  - the first version of a secret always gets AWSCURRENT;
//  - a version without labels is deprecated; Secrets Manager keeps 100 versions, dropping the
//    oldest deprecated ones, but never one created in the last 24 hours.
// Pure functions on a SecretRecord, so the rules are unit-tested without a host (staging_test).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "sm_store.hpp"

namespace sm {

inline constexpr const char* k_current = "AWSCURRENT";
inline constexpr const char* k_previous = "AWSPREVIOUS";
inline constexpr const char* k_pending = "AWSPENDING";

/// Most labels one version may carry (the model's SecretVersionStagesType max).
inline constexpr std::size_t k_max_stages_per_version = 20;
/// How many versions AWS keeps before dropping deprecated ones.
inline constexpr std::size_t k_max_versions = 100;

/// Adds `version` (its own stages ignored) and attaches `stages` to it, moving each label from
/// the version that had it. The first version of a secret also gets AWSCURRENT.
void add_version(SecretRecord& secret, VersionMeta version, const std::vector<std::string>& stages);

/// Moves `stage` onto version `id` (AWSCURRENT drags AWSPREVIOUS along, see above).
void attach_stage(SecretRecord& secret, const std::string& stage, const std::string& id);

/// UpdateSecretVersionStage: with `move_to`, the label goes there (and `remove_from` must name
/// the version that has it, if any has); without, it is removed from `remove_from`.
/// InvalidParameterException / ResourceNotFoundException / LimitExceededException as AWS.
void update_stage(SecretRecord& secret, const std::string& stage,
                  const std::optional<std::string>& remove_from,
                  const std::optional<std::string>& move_to);

/// Drops the oldest deprecated versions over k_max_versions (none younger than 24 hours);
/// returns their ids, whose values the caller deletes.
std::vector<std::string> prune_versions(SecretRecord& secret, int64_t now_ms);

}  // namespace sm
