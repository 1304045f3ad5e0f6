// A fake host with the KMS plugin loaded, and the shorthands the operation tests share: a call by
// operation name with a JSON body, the parsed answer of a success, the __type and message of a
// failure, key creation, base64.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "kms_bytes.hpp"

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Json = nlohmann::json;

struct KmsError {
  uint32_t status = 0;
  std::string type;
  std::string message;
};

struct KmsFixture {
  ce::testing::FakeHost host;
  std::string account = "000000000000";
  std::string region = "us-east-1";

  KmsFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpResponse raw(const std::string& op, std::string body) {
    ce::testing::HttpRequest req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"X-Amz-Target", "TrentService." + op},
                   {"Content-Type", "application/x-amz-json-1.1"}};
    req.body = std::move(body);
    req.account_id = account;
    req.region = region;
    return host.request("kms", req);
  }

  Json ok(const std::string& op, const Json& body) {
    const auto r = raw(op, body.dump());
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return Json::parse(r.body);
  }

  /// A call that must fail with a 4xx: its error (never a 500, which is a handler failure).
  KmsError fail(const std::string& op, const Json& body) {
    const auto r = raw(op, body.dump());
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    const Json doc = Json::parse(r.body);
    return {r.status, doc.value("__type", std::string()), doc.value("message", std::string())};
  }

  /// A new key's KeyMetadata.
  Json create_key(const std::string& spec = "SYMMETRIC_DEFAULT",
                  const std::string& usage = "ENCRYPT_DECRYPT") {
    return ok("CreateKey", {{"KeySpec", spec}, {"KeyUsage", usage}})["KeyMetadata"];
  }
  std::string new_key(const std::string& spec = "SYMMETRIC_DEFAULT",
                      const std::string& usage = "ENCRYPT_DECRYPT") {
    return create_key(spec, usage)["KeyId"].get<std::string>();
  }
  std::string arn(const std::string& key_id) const {
    return "arn:aws:kms:" + region + ":" + account + ":key/" + key_id;
  }
};

inline std::string b64(std::string_view bytes) {
  return kms::base64_encode(bytes);
}
inline std::string unb64(const Json& v) {
  return kms::base64_decode(v.get<std::string>()).value();
}
