// Whole requests through the KMS plugin on the SDK's fake host: request JSON of every operation
// (blobs, contexts, key references, enums, limits) and ciphertext blobs behind the real dispatch.
// Any answer is fine except a handler failure (500: an exception other than a KMS error escaped),
// an unfinished response or an ABI misuse.
//
// Input: byte 0 picks the operation; the rest is the JSON body. For Decrypt, an input whose
// byte 1 is '!' sends the remaining bytes, base64-encoded, as the CiphertextBlob, so the
// ciphertext parser sees arbitrary bytes (the JSON path would rarely produce valid base64).
#include <cloudemu/testing/fuzz_host.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "kms_bytes.hpp"
#include "kms_ciphertext.hpp"

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

// New operations go at the end: byte 0 of the seeds indexes this list.
constexpr const char* k_ops[] = {"CreateKey",
                                 "DescribeKey",
                                 "ListKeys",
                                 "EnableKey",
                                 "DisableKey",
                                 "ScheduleKeyDeletion",
                                 "CancelKeyDeletion",
                                 "GetKeyPolicy",
                                 "PutKeyPolicy",
                                 "CreateAlias",
                                 "UpdateAlias",
                                 "DeleteAlias",
                                 "ListAliases",
                                 "TagResource",
                                 "UntagResource",
                                 "ListResourceTags",
                                 "Encrypt",
                                 "Decrypt",
                                 "ReEncrypt",
                                 "GenerateDataKey",
                                 "GenerateDataKeyWithoutPlaintext",
                                 "GenerateRandom",
                                 "Sign",
                                 "Verify",
                                 "GetPublicKey",
                                 "GenerateMac",
                                 "VerifyMac",
                                 "EnableKeyRotation",
                                 "GetKeyRotationStatus",
                                 "RotateKeyOnDemand",
                                 "ListKeyRotations",
                                 "CreateGrant",
                                 "ListGrants",
                                 "RetireGrant",
                                 "RevokeGrant",
                                 "UpdateKeyDescription",
                                 "GenerateDataKeyPair",
                                 "GenerateDataKeyPairWithoutPlaintext",
                                 "ListKeyPolicies",
                                 "DisableKeyRotation",
                                 "ListRetirableGrants"};

ce::testing::HttpResponse call(ce::testing::FakeHost& fake, const std::string& op,
                               std::string body) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"X-Amz-Target", "TrentService." + op},
                 {"Content-Type", "application/x-amz-json-1.1"}};
  req.body = std::move(body);
  return fake.request("kms", req);
}

/// A symmetric key with a fixed alias, an HMAC key and an EC signing key: the seeds name them.
void seed(ce::testing::FakeHost& fake) {
  const auto r = call(fake, "CreateKey", "{}");
  const auto id = nlohmann::json::parse(r.body)["KeyMetadata"]["KeyId"].get<std::string>();
  call(fake, "CreateAlias", R"({"AliasName":"alias/fuzz","TargetKeyId":")" + id + "\"}");
  const auto m =
      call(fake, "CreateKey", R"({"KeySpec":"HMAC_256","KeyUsage":"GENERATE_VERIFY_MAC"})");
  const auto mid = nlohmann::json::parse(m.body)["KeyMetadata"]["KeyId"].get<std::string>();
  call(fake, "CreateAlias", R"({"AliasName":"alias/fuzz-mac","TargetKeyId":")" + mid + "\"}");
  const auto s = call(fake, "CreateKey", R"({"KeySpec":"ECC_NIST_P256","KeyUsage":"SIGN_VERIFY"})");
  const auto sid = nlohmann::json::parse(s.body)["KeyMetadata"]["KeyId"].get<std::string>();
  call(fake, "CreateAlias", R"({"AliasName":"alias/fuzz-sign","TargetKeyId":")" + sid + "\"}");
}

ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "kms", &seed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string op = k_ops[data[0] % (sizeof k_ops / sizeof k_ops[0])];
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (op == "Decrypt" && !body.empty() && body[0] == '!') {
    const std::string blob = body.substr(1);
    (void)kms::parse_ciphertext(blob);  // the parser alone, then through the service
    body = R"({"CiphertextBlob":")" + kms::base64_encode(blob) + "\"}";
  }
  const auto r = call(host(), op, std::move(body));
  ce::testing::require_sound_answer(host(), r, op);
  return 0;
}
