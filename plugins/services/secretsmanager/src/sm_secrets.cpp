// Secret names, ARNs, lookup and the DescribeSecret shape.
#include "sm_secrets.hpp"

#include <cloudemu/clock.hpp>
#include <vector>

#include "sm_bytes.hpp"
#include "sm_errors.hpp"
#include "sm_input.hpp"
#include "sm_service.hpp"

namespace sm {

namespace {

constexpr std::string_view k_suffix_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

bool name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("/_+=.@-").find(c) != std::string_view::npos;
}

/// arn:<partition>:secretsmanager:<region>:<account>:secret:<rest>, split; nullopt otherwise.
struct ParsedArn {
  std::string region, account, rest;
};
std::optional<ParsedArn> parse_arn(const std::string& ref) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 6; ++i) {
    const std::size_t colon = ref.find(':', start);
    if (colon == std::string::npos) return std::nullopt;
    parts.push_back(ref.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn" || parts[2] != "secretsmanager" || parts[5] != "secret")
    return std::nullopt;
  return ParsedArn{parts[3], parts[4], ref.substr(start)};
}

}  // namespace

std::string new_secret_arn(std::string_view account, std::string_view region,
                           std::string_view name) {
  std::string suffix;
  for (int i = 0; i < 6; ++i)
    suffix += k_suffix_alphabet[random_below(static_cast<uint32_t>(k_suffix_alphabet.size()))];
  return "arn:aws:secretsmanager:" + std::string(region) + ":" + std::string(account) +
         ":secret:" + std::string(name) + "-" + suffix;
}

void check_secret_name(const std::string& name) {
  for (const char c : name)
    if (!name_char(c))
      throw err::invalid_parameter(
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
          "following: -/_+=.@!");
}

std::optional<SecretRecord> lookup_secret(const Store& store, ce::Txn& txn,
                                          std::string_view account, std::string_view region,
                                          const std::string& ref, int64_t now_ms) {
  std::optional<SecretRecord> found;
  if (ref.starts_with("arn:")) {
    const auto arn = parse_arn(ref);
    if (!arn || arn->region != region || arn->account != account) return std::nullopt;
    // A full ARN ends in "-" and six characters; its name is what comes before. The same text
    // may also be a partial ARN of a secret whose name ends that way (AWS warns about such
    // names), so the exact ARN match is tried first.
    const std::string& rest = arn->rest;
    if (rest.size() > 7 && rest[rest.size() - 7] == '-') {
      found = store.find(txn, account, region, rest.substr(0, rest.size() - 7));
      if (found && found->arn != ref) found.reset();
    }
    if (!found) found = store.find(txn, account, region, rest);
  } else {
    found = store.find(txn, account, region, ref);
  }
  if (found && purged(*found, now_ms)) return std::nullopt;
  return found;
}

SecretRecord resolve_secret(Call& call, ce::Txn& txn, const std::string& ref) {
  auto found = lookup_secret(call.store(), txn, call.account(), call.region(), ref, call.now_ms());
  if (!found) throw err::secret_not_found();
  return std::move(*found);
}

SecretRecord resolve_live_secret(Call& call, ce::Txn& txn) {
  SecretRecord secret = resolve_secret(call, txn, secret_id(call.input));
  require_not_deleted(secret);
  return secret;
}

bool purged(const SecretRecord& secret, int64_t now_ms) {
  return secret.scheduled_for_deletion() && secret.purge_ms <= now_ms;
}

void require_not_deleted(const SecretRecord& secret) {
  if (secret.scheduled_for_deletion()) throw err::marked_for_deletion();
}

double epoch_seconds(int64_t ms) {
  return static_cast<double>(ms) / 1000.0;
}

int64_t start_of_day(int64_t ms) {
  return ms - (ms % ce::k_day_ms);
}

Json tags_json(const SecretRecord& secret) {
  Json tags = Json::array();
  for (const auto& t : secret.tags) tags.push_back({{"Key", t.key}, {"Value", t.value}});
  return tags;
}

Json secret_json(const SecretRecord& s, Shape shape) {
  Json out = {{"ARN", s.arn}, {"Name", s.name}};
  if (!s.description.empty()) out["Description"] = s.description;
  if (!s.kms_key_id.empty()) out["KmsKeyId"] = s.kms_key_id;
  out["RotationEnabled"] = s.rotation_enabled;
  if (!s.rotation_lambda_arn.empty()) out["RotationLambdaARN"] = s.rotation_lambda_arn;
  if (!s.rotation_rules.empty()) {
    Json rules = Json::object();
    if (s.rotation_rules.automatically_after_days != 0)
      rules["AutomaticallyAfterDays"] = s.rotation_rules.automatically_after_days;
    if (!s.rotation_rules.schedule_expression.empty())
      rules["ScheduleExpression"] = s.rotation_rules.schedule_expression;
    if (!s.rotation_rules.duration.empty()) rules["Duration"] = s.rotation_rules.duration;
    out["RotationRules"] = rules;
  }
  if (s.last_rotated_ms != 0) out["LastRotatedDate"] = epoch_seconds(s.last_rotated_ms);
  out["LastChangedDate"] = epoch_seconds(s.last_changed_ms);
  if (s.last_accessed_ms != 0) out["LastAccessedDate"] = epoch_seconds(s.last_accessed_ms);
  if (s.deleted_ms != 0) out["DeletedDate"] = epoch_seconds(s.deleted_ms);
  if (s.rotation_enabled && s.next_rotation_ms != 0)
    out["NextRotationDate"] = epoch_seconds(s.next_rotation_ms);
  if (!s.tags.empty()) out["Tags"] = tags_json(s);
  // Deprecated versions (no label) are left out, as AWS does.
  Json stages = Json::object();
  for (const auto& v : s.versions)
    if (!v.stages.empty()) stages[v.version_id] = v.stages;
  out[shape == Shape::describe ? "VersionIdsToStages" : "SecretVersionsToStages"] = stages;
  out["CreatedDate"] = epoch_seconds(s.created_ms);
  out["PrimaryRegion"] = s.region;
  return out;
}

}  // namespace sm
