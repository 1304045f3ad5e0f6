// Whole query-protocol requests through the STS plugin on the SDK's fake host: form bodies of every
// action (role ARNs, session names, durations, session policies, Tags.member.N.*, web identity
// tokens, SAML assertions, encoded messages) behind the real dispatch, decoder included, made by
// every kind of caller. Any answer is fine except a handler failure (500: an exception other than
// an AWS error escaped), an unfinished response or an ABI misuse. No iam service is loaded, so
// AssumeRole takes the role lookup's "IAM not loaded" path (roles are taken on trust).
//
// Input: byte 0 picks the action, byte 1 the caller (callers); the rest is appended to
// "Action=<action>&Version=2011-06-15&" as the form body, so a repeated Action or Version in it
// reaches the decoder too.
#include <cloudemu/aws_ids.hpp>
#include <cloudemu/testing/fuzz_host.hpp>
#include <cloudemu/url.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

#include "sts_role_lookup.hpp"

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

constexpr const char* k_actions[] = {
    "GetCallerIdentity", "GetAccessKeyInfo",          "DecodeAuthorizationMessage",
    "AssumeRole",        "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML",
    "GetSessionToken",   "GetFederationToken"};

constexpr const char* k_role_arn = "arn:aws:iam::123456789012:role/fuzz/fuzz-role";

ce::testing::HttpResponse call(ce::testing::FakeHost& fake, const std::string& action,
                               const std::string& form, const std::string& key_id) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  req.body = "Action=" + action + "&Version=2011-06-15&" + form;
  // The host derives the account from the key; do the same so sessions act in their own account.
  req.access_key_id = key_id;
  if (!key_id.empty()) req.account_id = ce::account_for_access_key(key_id);
  return fake.request("sts", req);
}

/// Callers, picked by byte 1: unsigned, AWS's documentation key (a long-term key of the default
/// account), the role session and the federated user seed() makes (ASIA keys STS knows), and an
/// ASIA key it never issued.
std::string callers[] = {"", "AKIAIOSFODNN7EXAMPLE", "", "", "ASIAQAAAAAAAAAAAAAAA"};

void seed(ce::testing::FakeHost& fake) {
  const auto role = call(
      fake, "AssumeRole",
      std::string("RoleSessionName=fuzz-session&RoleArn=") + ce::percent_encode(k_role_arn), "");
  callers[2] = sts::xml_text(role.body, "AccessKeyId");
  const auto federated = call(fake, "GetFederationToken", "Name=fuzz-user", "AKIAIOSFODNN7EXAMPLE");
  callers[3] = sts::xml_text(federated.body, "AccessKeyId");
  if (callers[2].empty() || callers[3].empty()) std::abort();  // the seeds would mean nothing
}

ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "sts", &seed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::string action = k_actions[data[0] % std::size(k_actions)];
  ce::testing::FakeHost& fake = host();  // before the caller: a reset re-seeds the session keys
  const std::string& caller = callers[data[1] % std::size(callers)];
  const std::string form(reinterpret_cast<const char*>(data) + 2, size - 2);
  const auto r = call(fake, action, form, caller);
  ce::testing::require_sound_answer(fake, r, action);
  return 0;
}
