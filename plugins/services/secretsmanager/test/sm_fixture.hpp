// A fake host with the Secrets Manager plugin loaded, and the shorthands the operation tests
// share: a call by operation name with a JSON body, the parsed answer of a success, the __type
// and message of a failure, secret creation.
//
// KmsFixture adds a fake `kms` service (FakeKms) that the plugin reaches through the host's
// internal call: it issues data keys bound to their encryption context, refuses disabled or
// unknown keys as KMS does, and records every request, so the tests can check what Secrets
// Manager asked KMS (the real KMS is exercised end to end: tests/e2e/secretsmanager_boto3.py).
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/service.hpp>
#include <cloudemu/testing/json_fixture.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sm_bytes.hpp"
#include "sm_store.hpp"

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Json = nlohmann::json;

using SmError = ce::testing::JsonError;

/// A token of the length the model asks for (32..64), distinct per `n`.
inline std::string token(int n) {
  std::string t = "00000000-0000-4000-8000-" + std::to_string(n);
  while (t.size() < 36) t += '0';
  return t;
}

struct SmFixture : ce::testing::JsonFixture {
  int next_token = 1000;
  SmFixture() : JsonFixture(&ce_plugin_entry, "secretsmanager", "secretsmanager", "1.1") {}

  /// CreateSecret with a string value (and a fresh token); returns the answer.
  Json create(const std::string& name, const std::string& value, Json extra = Json::object()) {
    extra["Name"] = name;
    extra["SecretString"] = value;
    if (!extra.contains("ClientRequestToken")) extra["ClientRequestToken"] = token(next_token++);
    return ok("CreateSecret", extra);
  }
  /// PutSecretValue with a fresh token; returns the new VersionId.
  std::string put(const std::string& id, const std::string& value, Json extra = Json::object()) {
    extra["SecretId"] = id;
    extra["SecretString"] = value;
    if (!extra.contains("ClientRequestToken")) extra["ClientRequestToken"] = token(next_token++);
    return ok("PutSecretValue", extra)["VersionId"].get<std::string>();
  }
  std::string value_of(const std::string& id, Json extra = Json::object()) {
    extra["SecretId"] = id;
    return ok("GetSecretValue", extra)["SecretString"].get<std::string>();
  }
  Json describe(const std::string& id) { return ok("DescribeSecret", {{"SecretId", id}}); }

  /// The stored value record, read straight from the plugin's keyspace.
  std::optional<sm::SealedValue> stored_value(const std::string& name,
                                              const std::string& version_id) {
    const ce::ServiceContext ctx(host.api(), host.context("secretsmanager"));
    const sm::Store store(ctx);
    ce::ReadTxn txn(ctx);
    return store.find_value(txn, account, region, name, version_id);
  }
};

// ---- the fake KMS ----

struct FakeKmsState {
  std::map<std::string, std::string> keys;             // key id -> "Enabled" | "Disabled"
  std::map<std::string, std::string> aliases;          // "alias/x" -> key id
  std::vector<std::pair<std::string, Json>> requests;  // (operation, body)
};

inline FakeKmsState& fake_kms() {
  static FakeKmsState state;
  return state;
}

class FakeKms {
 public:
  static constexpr const char* k_id = "kms";
  static constexpr const char* k_protocol = "json-1.1";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_TARGET_PREFIX, "TrentService"}};
  FakeKms(ce::ServiceContext, std::string_view) {}

  void handle(ce::Request& req, ce::Response& resp) {
    const std::string target(req.header_or("X-Amz-Target", ""));
    const std::string op = target.substr(target.find('.') + 1);
    const Json in = Json::parse(req.read_all(1 << 20));
    fake_kms().requests.emplace_back(op, in);
    if (op == "GenerateDataKey") {
      const std::string id = key_id(in.value("KeyId", std::string()));
      if (!usable(id, resp)) return;
      const std::string data_key = sm::random_bytes(32);
      const std::string blob = "fake|" + id + "|" + in["EncryptionContext"].dump() + "|" + data_key;
      send(resp, {{"KeyId", arn(id)},
                  {"Plaintext", sm::base64_encode(data_key)},
                  {"CiphertextBlob", sm::base64_encode(blob)}});
    } else if (op == "Decrypt") {
      const std::string blob = *sm::base64_decode(in.value("CiphertextBlob", std::string()));
      const std::size_t a = blob.find('|', 5), b = blob.find('|', a + 1);
      const std::string id = blob.substr(5, a - 5);
      if (!usable(id, resp)) return;
      if (blob.substr(a + 1, b - a - 1) != in["EncryptionContext"].dump())
        return error(resp, "InvalidCiphertextException", "");
      send(resp, {{"KeyId", arn(id)}, {"Plaintext", sm::base64_encode(blob.substr(b + 1))}});
    } else {
      error(resp, "UnsupportedOperationException", op + " is not faked");
    }
  }

 private:
  static std::string arn(const std::string& id) {
    return "arn:aws:kms:us-east-1:000000000000:key/" + id;
  }
  static std::string key_id(const std::string& ref) {
    if (const auto it = fake_kms().aliases.find(ref); it != fake_kms().aliases.end())
      return it->second;
    if (const auto slash = ref.rfind("key/"); ref.starts_with("arn:") && slash != std::string::npos)
      return ref.substr(slash + 4);
    return ref;
  }
  static void send(ce::Response& resp, const Json& doc) {
    resp.send(200, "application/x-amz-json-1.1", doc.dump());
  }
  static void error(ce::Response& resp, const std::string& type, const std::string& message) {
    resp.send(400, "application/x-amz-json-1.1",
              Json{{"__type", type}, {"message", message}}.dump());
  }
  static bool usable(const std::string& id, ce::Response& resp) {
    const auto it = fake_kms().keys.find(id);
    if (it == fake_kms().keys.end()) {
      error(resp, "NotFoundException", "Key '" + arn(id) + "' does not exist");
      return false;
    }
    if (it->second != "Enabled") {
      error(resp, "DisabledException", arn(id) + " is disabled.");
      return false;
    }
    return true;
  }
};

inline ce_status fake_kms_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg,
                               ce_error* err) noexcept {
  return ce::plugin_init("fake-kms.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<FakeKms>(h, reg, err);
  });
}
inline constexpr ce_plugin_descriptor k_fake_kms =
    ce::make_descriptor("fake-kms", "0", "test", CE_PLUGIN_SERVICE, &fake_kms_init);

struct KmsFixture : SmFixture {
  KmsFixture() {
    fake_kms() = {};
    fake_kms().keys = {{"key-1", "Enabled"}, {"key-2", "Enabled"}, {"off", "Disabled"}};
    fake_kms().aliases = {{"alias/app", "key-1"}};
    REQUIRE(host.load(&k_fake_kms) == CE_OK);
  }
  /// The operations Secrets Manager sent KMS, in order.
  std::vector<std::string> kms_operations() const {
    std::vector<std::string> out;
    for (const auto& [op, body] : fake_kms().requests) out.push_back(op);
    return out;
  }
};
