// Protecting secret values at rest (docs/secretsmanager.md, "Encryption").
//
// With a customer managed KMS key, a value is sealed the way AWS describes it: Secrets Manager asks
// KMS for a data key (GenerateDataKey, AES_256) under the encryption context
// {"SecretARN": <arn>, "SecretVersionId": <version id>}, encrypts the value with it (AES-256-GCM)
// and keeps only KMS's ciphertext of the data key; reading asks KMS to Decrypt that ciphertext
// under the same context. KMS is reached through the host's internal call, never linked.
// A data key rather than KMS Encrypt because values reach 64 KiB and Encrypt takes 4 KiB.
//
// With the default key (no KmsKeyId, or alias/aws/secretsmanager) the value is stored as given:
// the KMS plugin has no AWS managed keys (docs/kms.md), so there is no aws/secretsmanager key to
// use.
//
// Both calls answer through `done`, on whatever thread KMS answered on (or right away for the
// default key). Plaintext and data keys are never logged.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <functional>
#include <optional>
#include <string>

#include "sm_store.hpp"

namespace sm {

/// A value, or the AWS error that stopped it.
template <typename T>
struct Outcome {
  std::optional<T> value;
  std::optional<ce::AwsError> error;
  /// The value, or throws the error (for use inside Reply::complete).
  const T& get() const {
    if (error) throw *error;
    return *value;
  }
};

struct Plaintext {
  bool binary = false;
  std::string bytes;
  bool operator==(const Plaintext&) const = default;
};

/// Where a value belongs: the encryption context and the caller's account and region.
struct ValueScope {
  std::string account, region, secret_arn, version_id;
};

/// True for "" and the AWS managed key's names: the value is kept without KMS.
bool is_default_key(const std::string& key_ref);

void seal(const ce::ServiceContext& ctx, const ValueScope& scope, const std::string& key_ref,
          Plaintext plaintext, std::function<void(Outcome<SealedValue>)> done);

void unseal(const ce::ServiceContext& ctx, const ValueScope& scope, const SealedValue& value,
            std::function<void(Outcome<Plaintext>)> done);

}  // namespace sm
