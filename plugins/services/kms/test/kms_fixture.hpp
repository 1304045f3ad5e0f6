// A fake host with the KMS plugin loaded, and the shorthands the operation tests share: a call by
// operation name with a JSON body, the parsed answer of a success, the __type and message of a
// failure, key creation, base64.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/json_fixture.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "kms_bytes.hpp"

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Json = nlohmann::json;

using KmsError = ce::testing::JsonError;

struct KmsFixture : ce::testing::JsonFixture {
  KmsFixture() : JsonFixture(&ce_plugin_entry, "kms", "TrentService", "1.1") {}

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
