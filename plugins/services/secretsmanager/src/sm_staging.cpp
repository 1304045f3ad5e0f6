// Staging-label moves and version pruning (rules: sm_staging.hpp).
#include "sm_staging.hpp"

#include <algorithm>
#include <cloudemu/clock.hpp>

#include "sm_errors.hpp"

namespace sm {

namespace {

constexpr int64_t k_keep_young_ms = ce::k_day_ms;

void remove_stage(VersionMeta& v, const std::string& stage) {
  v.stages.erase(std::remove(v.stages.begin(), v.stages.end(), stage), v.stages.end());
}

VersionMeta* holder_of(SecretRecord& secret, const std::string& stage) {
  for (auto& v : secret.versions)
    if (v.has_stage(stage)) return &v;
  return nullptr;
}

}  // namespace

void attach_stage(SecretRecord& secret, const std::string& stage, const std::string& id) {
  VersionMeta* target = secret.version(id);
  if (target == nullptr) throw err::value_not_found_for_version(id);
  VersionMeta* holder = holder_of(secret, stage);
  if (holder == target) return;
  if (target->stages.size() >= k_max_stages_per_version)
    throw err::limit_exceeded("A version of a secret can have at most " +
                              std::to_string(k_max_stages_per_version) + " staging labels.");
  std::string left;  // the version AWSCURRENT leaves
  if (holder != nullptr) {
    remove_stage(*holder, stage);
    left = holder->version_id;
  }
  target->stages.push_back(stage);
  if (stage == k_current && !left.empty()) attach_stage(secret, k_previous, left);
}

void add_version(SecretRecord& secret, VersionMeta version,
                 const std::vector<std::string>& stages) {
  const bool first = secret.versions.empty();
  version.stages.clear();
  const std::string id = version.version_id;
  secret.versions.push_back(std::move(version));
  if (first && std::find(stages.begin(), stages.end(), k_current) == stages.end())
    attach_stage(secret, k_current, id);
  for (const auto& stage : stages) attach_stage(secret, stage, id);
}

void update_stage(SecretRecord& secret, const std::string& stage,
                  const std::optional<std::string>& remove_from,
                  const std::optional<std::string>& move_to) {
  VersionMeta* holder = holder_of(secret, stage);
  if (remove_from && secret.version(*remove_from) == nullptr)
    throw err::value_not_found_for_version(*remove_from);
  if (move_to) {
    if (secret.version(*move_to) == nullptr) throw err::value_not_found_for_version(*move_to);
    if (holder != nullptr && holder->version_id != *move_to) {
      if (!remove_from)
        throw err::invalid_parameter(
            "The parameter RemoveFromVersionId can't be empty. Staging "
            "label " +
            stage + " is currently attached to version " + holder->version_id +
            ", so you must explicitly reference that version in "
            "RemoveFromVersionId.");
      if (*remove_from != holder->version_id)
        throw err::invalid_parameter("The staging label " + stage + " is attached to version " +
                                     holder->version_id + ", not to version " + *remove_from +
                                     " named in RemoveFromVersionId.");
    }
    attach_stage(secret, stage, *move_to);
    return;
  }
  if (!remove_from)
    throw err::invalid_parameter("You must specify MoveToVersionId, RemoveFromVersionId, or both.");
  if (holder == nullptr || holder->version_id != *remove_from)
    throw err::invalid_parameter("The staging label " + stage + " isn't attached to version " +
                                 *remove_from + ".");
  // A secret always has a current version: AWSCURRENT can only be moved, never removed.
  if (stage == k_current)
    throw err::invalid_parameter(
        "You can't remove the staging label AWSCURRENT from a version "
        "without moving it to another version (MoveToVersionId).");
  remove_stage(*holder, stage);
}

std::vector<std::string> prune_versions(SecretRecord& secret, int64_t now_ms) {
  std::vector<std::string> dropped;
  // Versions are kept oldest first, so the first deprecated ones found are the oldest.
  for (auto it = secret.versions.begin();
       secret.versions.size() > k_max_versions && it != secret.versions.end();) {
    if (it->stages.empty() && it->created_ms + k_keep_young_ms <= now_ms) {
      dropped.push_back(it->version_id);
      it = secret.versions.erase(it);
    } else {
      ++it;
    }
  }
  return dropped;
}

}  // namespace sm
