// GetSecretValue, BatchGetSecretValue, PutSecretValue.
#include <cloudemu/storage.hpp>
#include <mutex>

#include "sm_errors.hpp"
#include "sm_filters.hpp"
#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"
#include "sm_staging.hpp"
#include "sm_values.hpp"

namespace sm {

namespace {

/// The version a read names: VersionId, VersionStage (both must agree), or AWSCURRENT.
const VersionMeta& pick_version(const SecretRecord& secret,
                                const std::optional<std::string>& version_id,
                                const std::optional<std::string>& stage) {
  if (version_id) {
    const VersionMeta* v = secret.version(*version_id);
    if (v == nullptr) throw err::value_not_found_for_version(*version_id);
    if (stage && !v->has_stage(*stage))
      throw err::invalid_request(
          "You provided a VersionStage that is not associated to the provided VersionId.");
    return *v;
  }
  const std::string wanted = stage.value_or(k_current);
  const VersionMeta* v = secret.version_with_stage(wanted);
  if (v == nullptr) throw err::value_not_found_for_stage(wanted);
  return *v;
}

/// LastAccessedDate has day granularity: a read writes only the first time on a given day.
bool accessed_today(const SecretRecord& s, const std::string& version_id, int64_t today) {
  const VersionMeta* v = s.version(version_id);
  return s.last_accessed_ms == today && (v == nullptr || v->last_accessed_ms == today);
}

void note_access(const Caller& caller,
                 const std::vector<std::pair<SecretRecord, std::string>>& reads) {
  const int64_t today = start_of_day(caller.now_ms());
  bool any = false;
  for (const auto& [secret, version_id] : reads)
    any = any || !accessed_today(secret, version_id, today);
  if (!any) return;
  ce::with_write_txn(caller.ctx(), [&](ce::WriteTxn& txn) {
    for (const auto& [seen, version_id] : reads) {
      auto s = caller.store().find(txn, caller.account, caller.region, seen.name);
      if (!s || s->arn != seen.arn) continue;
      s->last_accessed_ms = today;
      if (VersionMeta* v = s->version(version_id)) v->last_accessed_ms = today;
      caller.store().put(txn, *s);
    }
  });
}

Json value_answer(const SecretRecord& secret, const VersionMeta& v, const Plaintext& plaintext) {
  Json out = {{"ARN", secret.arn}, {"Name", secret.name}, {"VersionId", v.version_id}};
  put_value_json(out, plaintext);
  out["VersionStages"] = v.stages;
  out["CreatedDate"] = epoch_seconds(v.created_ms);
  return out;
}

Json get_secret_value(Call& call) {
  const auto version_id = opt_string(call.input, "VersionId", 32, 64);
  const auto stage = opt_string(call.input, "VersionStage", 1, 256);
  SecretRecord secret;
  {
    ce::ReadTxn txn(call.ctx());
    secret = resolve_live_secret(call, txn);
  }
  const VersionMeta version = pick_version(secret, version_id, stage);
  const Caller caller = call.caller();
  unseal_then(call, secret, version.version_id,
              [caller, secret, version](const Plaintext& plaintext) {
                note_access(caller, {{secret, version.version_id}});
                return value_answer(secret, version, plaintext);
              });
  return {};
}

/// One secret of a BatchGetSecretValue: its AWSCURRENT value, or the error it got.
struct BatchItem {
  std::string secret_id;
  SecretRecord secret;
  VersionMeta version;
  std::optional<SealedValue> sealed;
  std::optional<Plaintext> plaintext;
  std::optional<ce::AwsError> error;
};

/// Collects the unsealed values; the last one to arrive answers.
struct BatchState {
  std::mutex mu;
  std::vector<BatchItem> items;
  std::size_t remaining = 0;
  std::string next_token;
  std::shared_ptr<Reply> reply;
  Caller caller;

  void answer() {
    reply->complete([this] {
      Json values = Json::array(), errors = Json::array();
      std::vector<std::pair<SecretRecord, std::string>> reads;
      for (const auto& item : items) {
        if (item.error) {
          errors.push_back({{"SecretId", item.secret_id},
                            {"ErrorCode", item.error->code},
                            {"Message", item.error->message}});
        } else {
          values.push_back(value_answer(item.secret, item.version, *item.plaintext));
          reads.emplace_back(item.secret, item.version.version_id);
        }
      }
      note_access(caller, reads);
      Json out = {{"SecretValues", values}, {"Errors", errors}};
      if (!next_token.empty()) out["NextToken"] = next_token;
      return out;
    });
  }
};

Json batch_get_secret_value(Call& call) {
  const auto ids = opt_string_list(call.input, "SecretIdList", 1, 20, 1, 2048);
  const bool filtered = opt_array(call.input, "Filters") != nullptr;
  const std::vector<Filter> filters = read_filters(call.input);
  const auto max = opt_int(call.input, "MaxResults", 1, 20);
  const std::string token = opt_string(call.input, "NextToken", 1, 4096).value_or("");
  if (ids.has_value() == filtered)
    throw err::invalid_parameter("You must provide either SecretIdList or Filters, but not both.");
  if (max && !filtered)
    throw err::invalid_parameter("MaxResults can be used only together with Filters.");

  auto state = std::make_shared<BatchState>();
  state->caller = call.caller();
  {
    ce::ReadTxn txn(call.ctx());
    const auto add = [&](const std::string& id, const SecretRecord& secret) {
      BatchItem item;
      item.secret_id = id;
      item.secret = secret;
      try {
        require_not_deleted(secret);
        item.version = pick_version(secret, std::nullopt, std::nullopt);
        item.sealed = call.store().find_value(txn, call.account(), call.region(), secret.name,
                                              item.version.version_id);
        if (!item.sealed) throw err::value_not_found_for_stage(k_current);
      } catch (const ce::AwsError& e) {
        item.error = e;
      }
      state->items.push_back(std::move(item));
    };
    if (ids) {
      for (const auto& id : *ids) {
        auto secret =
            lookup_secret(call.store(), txn, call.account(), call.region(), id, call.now_ms());
        if (secret) {
          add(id, *secret);
        } else {
          BatchItem missing;
          missing.secret_id = id;
          missing.error = err::secret_not_found();
          state->items.push_back(std::move(missing));
        }
      }
    } else {
      std::vector<SecretRecord> matching;
      for (auto& s : call.store().all(txn, call.account(), call.region()))
        if (!purged(s, call.now_ms()) && !s.scheduled_for_deletion() && matches_filters(s, filters))
          matching.push_back(std::move(s));
      for (const auto& s : page(std::move(matching), token,
                                static_cast<std::size_t>(max.value_or(20)), &state->next_token))
        add(s.arn, s);
    }
  }

  state->reply = call.defer();
  std::vector<std::size_t> to_open;
  for (std::size_t i = 0; i < state->items.size(); ++i)
    if (!state->items[i].error) to_open.push_back(i);
  state->remaining = to_open.size();
  if (to_open.empty()) {
    state->answer();
    return {};
  }
  for (const std::size_t i : to_open) {
    const BatchItem& item = state->items[i];
    const ValueScope scope{call.account(), call.region(), item.secret.arn, item.version.version_id};
    unseal(call.ctx(), scope, *item.sealed, [state, i](Outcome<Plaintext> opened) {
      bool last = false;
      {
        std::lock_guard lock(state->mu);
        if (opened.error)
          state->items[i].error = *opened.error;
        else
          state->items[i].plaintext = std::move(opened.value);
        last = --state->remaining == 0;
      }
      if (last) state->answer();
    });
  }
  return {};
}

Json put_secret_value(Call& call) {
  auto value = value_input(call.input);
  const auto stages = opt_string_list(call.input, "VersionStages", 1, 20, 1, 256);
  opt_string(call.input, "RotationToken", 36, 256);  // validated; nothing checks it here
  if (!value) throw err::invalid_parameter("You must provide either SecretString or SecretBinary.");
  const std::string version_id = version_id_for_new_value(call.input);
  SecretRecord secret;
  {
    ce::ReadTxn txn(call.ctx());
    secret = resolve_live_secret(call, txn);
  }
  if (const VersionMeta* existing = secret.version(version_id)) {
    // A retry of the call that made this version succeeds again; another value cannot reuse it.
    const Json same = {{"ARN", secret.arn},
                       {"Name", secret.name},
                       {"VersionId", version_id},
                       {"VersionStages", existing->stages}};
    compare_existing(
        call, secret, version_id, *value, [same] { return same; },
        err::resource_exists("You can't modify an existing version, you can only create new "
                             "versions. A version with the ClientRequestToken " +
                             version_id + " already exists with a different value."));
    return {};
  }
  const Caller caller = call.caller();
  const std::vector<std::string> new_stages = stages.value_or(std::vector<std::string>{k_current});
  seal_then_commit(
      call, secret, secret.kms_key_id, version_id, std::move(*value),
      [caller, secret, version_id, new_stages](ce::WriteTxn& txn, const SealedValue& sealed) {
        const SecretRecord stored =
            commit_version(caller, txn, secret, version_id, new_stages, sealed);
        return Json{{"ARN", stored.arn},
                    {"Name", stored.name},
                    {"VersionId", version_id},
                    {"VersionStages", stored.version(version_id)->stages}};
      });
  return {};
}

}  // namespace

void add_value_ops(OpRegistry& ops) {
  ops.add("GetSecretValue", &get_secret_value);
  ops.add("BatchGetSecretValue", &batch_get_secret_value);
  ops.add("PutSecretValue", &put_secret_value);
}

}  // namespace sm
