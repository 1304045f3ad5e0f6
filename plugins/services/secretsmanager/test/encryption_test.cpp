// Values sealed with a KMS data key through the host's internal call (a fake kms service here:
// sm_fixture.hpp), and the errors of unusable keys.
#include <algorithm>

#include "sm_fixture.hpp"

TEST_CASE("A secret with a KmsKeyId is sealed under a data key bound to its ARN and version",
          "[secretsmanager][kms]") {
  KmsFixture f;
  const Json r = f.create("enc", "plain text value", {{"KmsKeyId", "alias/app"}});
  const std::string arn = r["ARN"], version = r["VersionId"];
  REQUIRE(f.kms_operations() == std::vector<std::string>{"GenerateDataKey"});
  const Json& asked = fake_kms().requests[0].second;
  CHECK(asked["KeyId"] == "alias/app");
  CHECK(asked["KeySpec"] == "AES_256");
  CHECK(asked["EncryptionContext"] == Json{{"SecretARN", arn}, {"SecretVersionId", version}});

  const auto stored = f.stored_value("enc", version);
  REQUIRE(stored.has_value());
  CHECK(stored->sealed);
  CHECK(stored->kms_key_arn == "arn:aws:kms:us-east-1:000000000000:key/key-1");
  CHECK(stored->data.find("plain text") == std::string::npos);
  CHECK(stored->data.size() == std::string("plain text value").size());

  CHECK(f.value_of("enc") == "plain text value");
  CHECK(f.kms_operations().back() == "Decrypt");
  CHECK(f.describe("enc")["KmsKeyId"] == "alias/app");
  const Json versions = f.ok("ListSecretVersionIds", {{"SecretId", "enc"}})["Versions"];
  CHECK(versions[0]["KmsKeyIds"] == Json{"arn:aws:kms:us-east-1:000000000000:key/key-1"});
}

TEST_CASE("The default key keeps the value without calling KMS", "[secretsmanager][kms]") {
  KmsFixture f;
  const std::string version =
      f.create("plain", "v", {{"KmsKeyId", "alias/aws/secretsmanager"}})["VersionId"];
  CHECK(f.kms_operations().empty());
  CHECK_FALSE(f.stored_value("plain", version)->sealed);
  CHECK_FALSE(f.describe("plain").contains("KmsKeyId"));
  CHECK(f.value_of("plain") == "v");
}

TEST_CASE("New versions use the secret's key; UpdateSecret's KmsKeyId applies to the next one",
          "[secretsmanager][kms]") {
  KmsFixture f;
  f.create("switch", "one", {{"KmsKeyId", "key-1"}});
  const std::string v2 = f.put("switch", "two");
  CHECK(f.stored_value("switch", v2)->kms_key_arn.ends_with("key/key-1"));
  f.ok("UpdateSecret", {{"SecretId", "switch"},
                        {"KmsKeyId", "key-2"},
                        {"SecretString", "three"},
                        {"ClientRequestToken", token(3)}});
  CHECK(f.stored_value("switch", token(3))->kms_key_arn.ends_with("key/key-2"));
  CHECK(f.value_of("switch") == "three");
  CHECK(f.value_of("switch", {{"VersionId", v2}}) == "two");  // still under key-1
}

TEST_CASE("A missing key is ResourceNotFoundException, a disabled one EncryptionFailure",
          "[secretsmanager][kms]") {
  KmsFixture f;
  SmError e = f.fail("CreateSecret", {{"Name", "nokey"},
                                      {"SecretString", "v"},
                                      {"KmsKeyId", "alias/missing"},
                                      {"ClientRequestToken", token(1)}});
  CHECK(e.type == "ResourceNotFoundException");
  CHECK(e.message.find("alias/missing") != std::string::npos);
  e = f.fail("CreateSecret", {{"Name", "offkey"},
                              {"SecretString", "v"},
                              {"KmsKeyId", "off"},
                              {"ClientRequestToken", token(2)}});
  CHECK(e.type == "EncryptionFailure");
  CHECK(e.message.find("DisabledException") != std::string::npos);
  // Neither secret was created.
  CHECK(f.ok("ListSecrets", Json::object())["SecretList"].empty());
}

TEST_CASE("A value whose key was disabled later cannot be read: DecryptionFailure",
          "[secretsmanager][kms]") {
  KmsFixture f;
  f.create("later", "v", {{"KmsKeyId", "key-2"}});
  fake_kms().keys["key-2"] = "Disabled";
  const SmError e = f.fail("GetSecretValue", {{"SecretId", "later"}});
  CHECK(e.type == "DecryptionFailure");
  const Json batch = f.ok("BatchGetSecretValue", {{"SecretIdList", {"later"}}});
  CHECK(batch["SecretValues"].empty());
  CHECK(batch["Errors"][0]["ErrorCode"] == "DecryptionFailure");
  fake_kms().keys["key-2"] = "Enabled";
  CHECK(f.value_of("later") == "v");
}

TEST_CASE("Idempotent retries of a sealed value compare the decrypted value",
          "[secretsmanager][kms][idempotency]") {
  KmsFixture f;
  f.create("idem", "v0", {{"KmsKeyId", "key-1"}});
  const Json body = {
      {"SecretId", "idem"}, {"SecretString", "v1"}, {"ClientRequestToken", token(8)}};
  f.ok("PutSecretValue", body);
  CHECK(f.ok("PutSecretValue", body)["VersionId"] == token(8));
  Json other = body;
  other["SecretString"] = "v2";
  CHECK(f.fail("PutSecretValue", other).type == "ResourceExistsException");
}

TEST_CASE("Without the kms service a KmsKeyId cannot be honoured: EncryptionFailure",
          "[secretsmanager][kms]") {
  SmFixture f;  // no kms loaded
  const SmError e = f.fail("CreateSecret", {{"Name", "nokms"},
                                            {"SecretString", "v"},
                                            {"KmsKeyId", "key-1"},
                                            {"ClientRequestToken", token(1)}});
  CHECK(e.type == "EncryptionFailure");
  CHECK(e.message.find("kms plugin") != std::string::npos);
  CHECK(f.host.violations().empty());
}

TEST_CASE("UpdateSecret with only a new KmsKeyId moves the labelled versions to it",
          "[secretsmanager][kms]") {
  KmsFixture f;
  const std::string v1 = f.create("move", "one", {{"KmsKeyId", "key-1"}})["VersionId"];
  const std::string v2 = f.put("move", "two");
  const std::string v3 = f.put("move", "three");  // v1 is deprecated now
  fake_kms().requests.clear();
  f.ok("UpdateSecret", {{"SecretId", "move"}, {"KmsKeyId", "key-2"}});
  auto ops = f.kms_operations();
  std::sort(ops.begin(), ops.end());  // the two versions' calls may interleave
  CHECK(ops ==
        std::vector<std::string>{"Decrypt", "Decrypt", "GenerateDataKey", "GenerateDataKey"});
  CHECK(f.stored_value("move", v3)->kms_key_arn.ends_with("key/key-2"));
  CHECK(f.stored_value("move", v2)->kms_key_arn.ends_with("key/key-2"));
  CHECK(f.stored_value("move", v1)->kms_key_arn.ends_with("key/key-1"));
  CHECK(f.describe("move")["KmsKeyId"] == "key-2");
  fake_kms().keys["key-1"] = "Disabled";  // the moved versions no longer need it
  CHECK(f.value_of("move") == "three");
  CHECK(f.value_of("move", {{"VersionStage", "AWSPREVIOUS"}}) == "two");
  CHECK(f.fail("GetSecretValue", {{"SecretId", "move"}, {"VersionId", v1}}).type ==
        "DecryptionFailure");
}

TEST_CASE("Moving to a key KMS refuses changes nothing", "[secretsmanager][kms]") {
  KmsFixture f;
  const std::string v1 = f.create("stay", "one", {{"KmsKeyId", "key-1"}})["VersionId"];
  CHECK(f.fail("UpdateSecret", {{"SecretId", "stay"}, {"KmsKeyId", "off"}}).type ==
        "EncryptionFailure");
  CHECK(f.describe("stay")["KmsKeyId"] == "key-1");
  CHECK(f.stored_value("stay", v1)->kms_key_arn.ends_with("key/key-1"));
}

TEST_CASE("Moving between the default key and a KMS key seals and unseals the values",
          "[secretsmanager][kms]") {
  KmsFixture f;
  const std::string v1 = f.create("flip", "plain")["VersionId"];
  CHECK_FALSE(f.stored_value("flip", v1)->sealed);
  f.ok("UpdateSecret", {{"SecretId", "flip"}, {"KmsKeyId", "key-1"}});
  CHECK(f.stored_value("flip", v1)->sealed);
  CHECK(f.value_of("flip") == "plain");
  f.ok("UpdateSecret", {{"SecretId", "flip"}, {"KmsKeyId", ""}});
  CHECK_FALSE(f.stored_value("flip", v1)->sealed);
  CHECK_FALSE(f.describe("flip").contains("KmsKeyId"));
  CHECK(f.value_of("flip") == "plain");
}
