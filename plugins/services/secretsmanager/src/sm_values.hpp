// What the operations that write or read secret values share: the SecretString / SecretBinary
// input, the ClientRequestToken rules, and the two asynchronous steps around KMS (seal then
// write a new version; read then unseal a version).
#pragma once
#include <cloudemu/storage.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sm_ops.hpp"
#include "sm_seal.hpp"
#include "sm_store.hpp"

namespace sm {

/// SecretString or SecretBinary (1..65536 each); both is InvalidParameterException.
std::optional<Plaintext> value_input(const Json& in);

/// The VersionId of a new version: ClientRequestToken, which a raw request must send (the SDKs
/// and the CLI fill in a UUID); InvalidRequestException when missing.
std::string version_id_for_new_value(const Json& in);

/// Seals `plaintext` for version `version_id` of `secret` with `key_ref`, then runs `commit` in
/// a write transaction and answers with what it returns. The call is deferred; errors of either
/// step are the answer.
void seal_then_commit(Call& call, const SecretRecord& secret, const std::string& key_ref,
                      const std::string& version_id, Plaintext plaintext,
                      std::function<Json(ce::WriteTxn&, const SealedValue&)> commit);

/// Adds a sealed version to the stored secret `name` (re-read in `txn`: it may have changed while
/// KMS worked), attaches `stages`, drops versions over the limit and stores everything.
/// ResourceExistsException if `version_id` exists by now. Returns the updated record.
SecretRecord commit_version(const Caller& caller, ce::WriteTxn& txn, const SecretRecord& seen,
                            const std::string& version_id, const std::vector<std::string>& stages,
                            const SealedValue& sealed);

/// Versions re-sealed under another key: (version id, its new sealed value).
using Resealed = std::vector<std::pair<std::string, SealedValue>>;

/// UpdateSecret with a new KmsKeyId: AWS re-encrypts the versions labelled AWSCURRENT,
/// AWSPENDING and AWSPREVIOUS under the new key. Each is unsealed with the key that sealed it and
/// sealed again with `key_ref`; then `commit` stores them in one write transaction and answers.
/// Any KMS failure is the answer and nothing changes. The call is deferred.
void reseal_labelled_versions(Call& call, const SecretRecord& secret, const std::string& key_ref,
                              std::function<Json(ce::WriteTxn&, const Resealed&)> commit);

/// Reads version `version_id` of `secret` and unseals it; `use` builds the answer from it.
/// The call is deferred.
void unseal_then(Call& call, const SecretRecord& secret, const std::string& version_id,
                 std::function<Json(const Plaintext&)> use);

/// Idempotent retries: when version `version_id` already exists with the same value, `same`
/// answers; with another value, `conflict` is the error.
void compare_existing(Call& call, const SecretRecord& secret, const std::string& version_id,
                      const Plaintext& candidate, std::function<Json()> same,
                      ce::AwsError conflict);

/// SecretString or SecretBinary (base64) of a plaintext, for GetSecretValue-like answers.
void put_value_json(Json& out, const Plaintext& plaintext);

}  // namespace sm
