// Whole requests through the Secrets Manager plugin on the SDK's fake host: request JSON of every
// operation (names and ARNs, tokens, values, labels, filters, rotation rules, policies, password
// options, page tokens) behind the real dispatch. Any answer is fine except a handler failure
// (500: an exception other than an AWS error escaped), an unfinished response or an ABI misuse.
// No kms service is loaded, so a KmsKeyId takes the internal call's "not loaded" path.
//
// Input: byte 0 picks the operation; the rest is the JSON body. Seeds name the secrets made by
// seed() ("fuzz/a" with three versions and a custom label, "fuzz/deleted" scheduled for deletion).
#include <cloudemu/testing/fuzz_host.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

constexpr const char* k_ops[] = {"CreateSecret",
                                 "DescribeSecret",
                                 "UpdateSecret",
                                 "GetSecretValue",
                                 "BatchGetSecretValue",
                                 "PutSecretValue",
                                 "UpdateSecretVersionStage",
                                 "ListSecretVersionIds",
                                 "ListSecrets",
                                 "DeleteSecret",
                                 "RestoreSecret",
                                 "TagResource",
                                 "UntagResource",
                                 "PutResourcePolicy",
                                 "GetResourcePolicy",
                                 "DeleteResourcePolicy",
                                 "ValidateResourcePolicy",
                                 "RotateSecret",
                                 "CancelRotateSecret",
                                 "GetRandomPassword",
                                 "ReplicateSecretToRegions"};

ce::testing::HttpResponse call(ce::testing::FakeHost& fake, const std::string& op,
                               std::string body) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"X-Amz-Target", "secretsmanager." + op},
                 {"Content-Type", "application/x-amz-json-1.1"}};
  req.body = std::move(body);
  return fake.request("secretsmanager", req);
}

void seed(ce::testing::FakeHost& fake) {
  call(
      fake, "CreateSecret",
      R"({"Name":"fuzz/a","SecretString":"one","ClientRequestToken":"00000000-0000-4000-8000-000000000001"})");
  call(
      fake, "PutSecretValue",
      R"({"SecretId":"fuzz/a","SecretString":"two","ClientRequestToken":"00000000-0000-4000-8000-000000000002"})");
  call(
      fake, "PutSecretValue",
      R"({"SecretId":"fuzz/a","SecretString":"three","VersionStages":["blue"],"ClientRequestToken":"00000000-0000-4000-8000-000000000003"})");
  call(
      fake, "CreateSecret",
      R"({"Name":"fuzz/deleted","SecretString":"x","ClientRequestToken":"00000000-0000-4000-8000-000000000004"})");
  call(fake, "DeleteSecret", R"({"SecretId":"fuzz/deleted"})");
}

ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "secretsmanager", &seed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string op = k_ops[data[0] % (sizeof k_ops / sizeof k_ops[0])];
  std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto r = call(host(), op, std::move(body));
  ce::testing::require_sound_answer(host(), r, op);
  return 0;
}
