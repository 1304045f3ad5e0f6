// RotateSecret, CancelRotateSecret. The settings are stored as AWS stores them ("the operation
// sets the values for the secret and then immediately starts a rotation"); starting the rotation
// means invoking the rotation Lambda function, and CloudEmu has no Lambda service yet, so that
// step fails the way AWS fails when it cannot invoke the function (AccessDeniedException). No
// version is created and no label moves: nothing pretends a rotation happened.
#include <cloudemu/storage.hpp>

#include "sm_errors.hpp"
#include "sm_input.hpp"
#include "sm_rotation.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"
#include "sm_staging.hpp"

namespace sm {

namespace {

/// AWSPENDING on a version that is not AWSCURRENT: a rotation that did not finish.
const VersionMeta* unfinished_rotation(const SecretRecord& secret) {
  const VersionMeta* pending = secret.version_with_stage(k_pending);
  return pending != nullptr && !pending->has_stage(k_current) ? pending : nullptr;
}

ce::AwsError cannot_invoke_lambda() {
  return err::make("AccessDeniedException",
                   "Secrets Manager cannot invoke the specified Lambda function. Ensure that the "
                   "function policy grants access to the principal "
                   "secretsmanager.amazonaws.com. (CloudEmu has no Lambda service yet, so "
                   "rotation functions cannot run; the rotation settings were saved. See "
                   "docs/secretsmanager.md.)");
}

Json rotate_secret(Call& call) {
  client_request_token(call.input);  // validated; it would name the AWSPENDING version
  const auto lambda = opt_string(call.input, "RotationLambdaARN", 0, 2048);
  const Json* rules_in = opt_object(call.input, "RotationRules");
  const std::optional<RotationRules> rules =
      rules_in ? std::optional(read_rotation_rules(*rules_in)) : std::nullopt;
  opt_bool(call.input, "RotateImmediately");  // either way the Lambda function would run
  if (opt_array(call.input, "ExternalSecretRotationMetadata") != nullptr ||
      opt_string(call.input, "ExternalSecretRotationRoleArn").has_value())
    throw ce::AwsError::not_implemented(
        "Managed external secret rotation is not implemented by the CloudEmu Secrets Manager "
        "emulator.");
  ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) {
    SecretRecord secret = resolve_live_secret(call, txn);
    if (unfinished_rotation(secret) != nullptr)
      throw err::invalid_request(
          "A previous rotation isn't complete. That rotation will be "
          "reattempted.");
    if (lambda && !lambda->empty()) secret.rotation_lambda_arn = *lambda;
    if (secret.rotation_lambda_arn.empty())
      throw err::invalid_request(
          "No Lambda rotation function ARN is associated with this secret: pass "
          "RotationLambdaARN.");
    if (rules) secret.rotation_rules = *rules;
    secret.rotation_enabled = !secret.rotation_rules.empty();
    secret.next_rotation_ms = next_rotation_ms(secret.rotation_rules, call.now_ms());
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
  });
  throw cannot_invoke_lambda();
}

Json cancel_rotate_secret(Call& call) {
  return ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) -> Json {
    SecretRecord secret = resolve_live_secret(call, txn);
    secret.rotation_enabled = false;
    secret.next_rotation_ms = 0;
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
    Json out = {{"ARN", secret.arn}, {"Name", secret.name}};
    // The version an interrupted rotation left, for the caller to inspect (AWS's VersionId).
    if (const VersionMeta* pending = unfinished_rotation(secret))
      out["VersionId"] = pending->version_id;
    return out;
  });
}

}  // namespace

void add_rotation_ops(OpRegistry& ops) {
  ops.add("RotateSecret", &rotate_secret);
  ops.add("CancelRotateSecret", &cancel_rotate_secret);
}

}  // namespace sm
