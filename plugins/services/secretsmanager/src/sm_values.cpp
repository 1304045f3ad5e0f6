// Value input, sealing-then-writing and reading-then-unsealing (sm_values.hpp).
#include "sm_values.hpp"

#include <mutex>

#include "sm_bytes.hpp"
#include "sm_errors.hpp"
#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"
#include "sm_staging.hpp"

namespace sm {

namespace {

constexpr std::size_t k_max_value_bytes = 65536;

ValueScope scope_of(const Call& call, const SecretRecord& secret, const std::string& version_id) {
  return {call.account(), call.region(), secret.arn, version_id};
}

}  // namespace

std::optional<Plaintext> value_input(const Json& in) {
  auto text = opt_string(in, "SecretString", 1, k_max_value_bytes);
  auto binary = opt_blob(in, "SecretBinary", 1, k_max_value_bytes);
  if (text && binary)
    throw err::invalid_parameter(
        "You can't specify both a binary secret value and a string secret value in the same "
        "secret.");
  if (text) return Plaintext{false, std::move(*text)};
  if (binary) return Plaintext{true, std::move(*binary)};
  return std::nullopt;
}

std::string version_id_for_new_value(const Json& in) {
  auto token = client_request_token(in);
  if (!token) throw err::missing_token();
  return *token;
}

void seal_then_commit(Call& call, const SecretRecord& secret, const std::string& key_ref,
                      const std::string& version_id, Plaintext plaintext,
                      std::function<Json(ce::WriteTxn&, const SealedValue&)> commit) {
  auto reply = call.defer();
  const ce::ServiceContext ctx = call.ctx();
  seal(ctx, scope_of(call, secret, version_id), key_ref, std::move(plaintext),
       [reply, ctx, commit = std::move(commit)](Outcome<SealedValue> sealed) {
         reply->complete([&] {
           const SealedValue& value = sealed.get();
           return ce::with_write_txn(ctx, [&](ce::WriteTxn& txn) { return commit(txn, value); });
         });
       });
}

SecretRecord commit_version(const Caller& caller, ce::WriteTxn& txn, const SecretRecord& seen,
                            const std::string& version_id, const std::vector<std::string>& stages,
                            const SealedValue& sealed) {
  auto current = caller.store().find(txn, caller.account, caller.region, seen.name);
  // Deleted (or deleted and created again) while KMS was sealing.
  if (!current || current->arn != seen.arn || purged(*current, caller.now_ms()))
    throw err::secret_not_found();
  SecretRecord secret = std::move(*current);
  require_not_deleted(secret);
  if (secret.version(version_id) != nullptr)
    throw err::resource_exists("A version with the ClientRequestToken " + version_id +
                               " already exists for this secret.");
  VersionMeta v;
  v.version_id = version_id;
  v.created_ms = caller.now_ms();
  v.kms_key_arn = sealed.kms_key_arn;
  add_version(secret, std::move(v), stages);
  for (const auto& dropped : prune_versions(secret, caller.now_ms()))
    caller.store().delete_value(txn, secret.account, secret.region, secret.name, dropped);
  secret.last_changed_ms = caller.now_ms();
  caller.store().put_value(txn, secret.account, secret.region, secret.name, version_id, sealed);
  caller.store().put(txn, secret);
  return secret;
}

namespace {

/// The re-sealing of several versions in flight; the last one to finish answers.
struct ResealState {
  std::mutex mu;
  Resealed done;
  std::optional<ce::AwsError> error;
  std::size_t remaining = 0;
  std::shared_ptr<Reply> reply;
  ce::ServiceContext ctx;
  std::function<Json(ce::WriteTxn&, const Resealed&)> commit;

  void finish_one(const std::string& version_id, Outcome<SealedValue> sealed) {
    {
      std::lock_guard lock(mu);
      if (sealed.error && !error) error = sealed.error;
      if (sealed.value) done.emplace_back(version_id, std::move(*sealed.value));
      if (--remaining != 0) return;
    }
    answer();
  }
  void answer() {
    reply->complete([this] {
      if (error) throw *error;
      return ce::with_write_txn(ctx, [&](ce::WriteTxn& txn) { return commit(txn, done); });
    });
  }
};

}  // namespace

void reseal_labelled_versions(Call& call, const SecretRecord& secret, const std::string& key_ref,
                              std::function<Json(ce::WriteTxn&, const Resealed&)> commit) {
  std::vector<std::pair<std::string, SealedValue>> stored;
  {
    ce::ReadTxn txn(call.ctx());
    for (const auto& v : secret.versions) {
      if (!v.has_stage(k_current) && !v.has_stage(k_pending) && !v.has_stage(k_previous)) continue;
      if (auto value = call.store().find_value(txn, call.account(), call.region(), secret.name,
                                               v.version_id))
        stored.emplace_back(v.version_id, std::move(*value));
    }
  }
  auto state = std::make_shared<ResealState>();
  state->reply = call.defer();
  state->ctx = call.ctx();
  state->commit = std::move(commit);
  state->remaining = stored.size();
  if (stored.empty()) {
    state->answer();
    return;
  }
  for (const auto& [version_id, value] : stored) {
    const ValueScope scope = scope_of(call, secret, version_id);
    const std::string id = version_id;
    unseal(state->ctx, scope, value, [state, scope, key_ref, id](Outcome<Plaintext> plaintext) {
      if (plaintext.error) {
        state->finish_one(id, {std::nullopt, plaintext.error});
        return;
      }
      seal(state->ctx, scope, key_ref, std::move(*plaintext.value),
           [state, id](Outcome<SealedValue> sealed) { state->finish_one(id, std::move(sealed)); });
    });
  }
}

void unseal_then(Call& call, const SecretRecord& secret, const std::string& version_id,
                 std::function<Json(const Plaintext&)> use) {
  std::optional<SealedValue> stored;
  {
    ce::ReadTxn txn(call.ctx());
    stored = call.store().find_value(txn, call.account(), call.region(), secret.name, version_id);
  }
  if (!stored) throw err::value_not_found_for_version(version_id);
  auto reply = call.defer();
  unseal(call.ctx(), scope_of(call, secret, version_id), *stored,
         [reply, use = std::move(use)](Outcome<Plaintext> plaintext) {
           reply->complete([&] { return use(plaintext.get()); });
         });
}

void compare_existing(Call& call, const SecretRecord& secret, const std::string& version_id,
                      const Plaintext& candidate, std::function<Json()> same,
                      ce::AwsError conflict) {
  unseal_then(call, secret, version_id,
              [candidate, same = std::move(same), conflict](const Plaintext& stored) -> Json {
                if (!(stored == candidate)) throw conflict;
                return same();
              });
}

void put_value_json(Json& out, const Plaintext& plaintext) {
  if (plaintext.binary)
    out["SecretBinary"] = base64_encode(plaintext.bytes);
  else
    out["SecretString"] = plaintext.bytes;
}

}  // namespace sm
