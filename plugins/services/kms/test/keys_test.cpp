// CreateKey for every key spec and usage, DescribeKey, ListKeys, key states, policies, tags.
#include <set>

#include "kms_fixture.hpp"

TEST_CASE_METHOD(KmsFixture, "CreateKey makes a symmetric key by default with full metadata",
                 "[kms][keys]") {
  const Json m = ok("CreateKey", {{"Description", "first"}})["KeyMetadata"];
  const std::string id = m["KeyId"];
  CHECK(id.size() == 36);
  CHECK(m["AWSAccountId"] == account);
  CHECK(m["Arn"] == arn(id));
  CHECK(m["CreationDate"].get<double>() == Approx(1'700'000'000.0));
  CHECK(m["Enabled"] == true);
  CHECK(m["KeyState"] == "Enabled");
  CHECK(m["KeyManager"] == "CUSTOMER");
  CHECK(m["KeySpec"] == "SYMMETRIC_DEFAULT");
  CHECK(m["CustomerMasterKeySpec"] == "SYMMETRIC_DEFAULT");
  CHECK(m["KeyUsage"] == "ENCRYPT_DECRYPT");
  CHECK(m["Origin"] == "AWS_KMS");
  CHECK(m["MultiRegion"] == false);
  CHECK(m["Description"] == "first");
  CHECK(m["EncryptionAlgorithms"] == Json::array({"SYMMETRIC_DEFAULT"}));
  CHECK_FALSE(m.contains("SigningAlgorithms"));
  CHECK_FALSE(m.contains("DeletionDate"));
}

TEST_CASE_METHOD(KmsFixture, "CreateKey accepts every key spec with its usages", "[kms][keys]") {
  struct Case {
    const char* spec;
    const char* usage;
    const char* algorithms_member;
    Json algorithms;
  };
  const std::vector<Case> cases = {
      {"RSA_2048",
       "ENCRYPT_DECRYPT",
       "EncryptionAlgorithms",
       {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}},
      {"RSA_3072",
       "SIGN_VERIFY",
       "SigningAlgorithms",
       {"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512",
        "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512"}},
      {"RSA_4096",
       "ENCRYPT_DECRYPT",
       "EncryptionAlgorithms",
       {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}},
      {"ECC_NIST_P256", "SIGN_VERIFY", "SigningAlgorithms", {"ECDSA_SHA_256"}},
      {"ECC_NIST_P384", "SIGN_VERIFY", "SigningAlgorithms", {"ECDSA_SHA_384"}},
      {"ECC_NIST_P521", "SIGN_VERIFY", "SigningAlgorithms", {"ECDSA_SHA_512"}},
      {"ECC_SECG_P256K1", "SIGN_VERIFY", "SigningAlgorithms", {"ECDSA_SHA_256"}},
      {"HMAC_224", "GENERATE_VERIFY_MAC", "MacAlgorithms", {"HMAC_SHA_224"}},
      {"HMAC_256", "GENERATE_VERIFY_MAC", "MacAlgorithms", {"HMAC_SHA_256"}},
      {"HMAC_384", "GENERATE_VERIFY_MAC", "MacAlgorithms", {"HMAC_SHA_384"}},
      {"HMAC_512", "GENERATE_VERIFY_MAC", "MacAlgorithms", {"HMAC_SHA_512"}},
  };
  for (const auto& c : cases) {
    INFO(c.spec);
    const Json m = create_key(c.spec, c.usage);
    CHECK(m["KeySpec"] == c.spec);
    CHECK(m["KeyUsage"] == c.usage);
    CHECK(m[c.algorithms_member] == c.algorithms);
  }
  // The deprecated CustomerMasterKeySpec still works.
  CHECK(ok("CreateKey", {{"CustomerMasterKeySpec", "ECC_NIST_P256"},
                         {"KeyUsage", "SIGN_VERIFY"}})["KeyMetadata"]["KeySpec"] ==
        "ECC_NIST_P256");
}

TEST_CASE_METHOD(KmsFixture, "CreateKey refuses usages a key spec does not allow",
                 "[kms][keys][errors]") {
  auto e = fail("CreateKey", {{"KeySpec", "ECC_NIST_P256"}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message == "KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ECC_NIST_P256");
  CHECK(fail("CreateKey", {{"KeySpec", "HMAC_256"}, {"KeyUsage", "SIGN_VERIFY"}}).type ==
        "ValidationException");
  CHECK(fail("CreateKey", {{"KeySpec", "SYMMETRIC_DEFAULT"}, {"KeyUsage", "SIGN_VERIFY"}}).type ==
        "ValidationException");
  e = fail("CreateKey", {{"KeySpec", "RSA_1024"}});
  CHECK(e.type == "ValidationException");
  CHECK(
      e.message.starts_with("1 validation error detected: Value 'RSA_1024' at 'keySpec' failed "
                            "to satisfy constraint: Member must satisfy enum value set: ["));
  e = fail("CreateKey", {{"KeySpec", "RSA_2048"}, {"CustomerMasterKeySpec", "RSA_2048"}});
  CHECK(e.type == "ValidationException");
  CHECK(fail("CreateKey", {{"MultiRegion", true}}).type == "UnsupportedOperationException");
  CHECK(fail("CreateKey", {{"Policy", "not json"}}).type == "MalformedPolicyDocumentException");
}

TEST_CASE_METHOD(KmsFixture, "DescribeKey finds a key by id, ARN, alias and alias ARN",
                 "[kms][keys]") {
  const std::string id = new_key();
  ok("CreateAlias", {{"AliasName", "alias/app"}, {"TargetKeyId", id}});
  for (const std::string& ref : {id, arn(id), std::string("alias/app"),
                                 std::string("arn:aws:kms:us-east-1:000000000000:alias/app")}) {
    INFO(ref);
    CHECK(ok("DescribeKey", {{"KeyId", ref}})["KeyMetadata"]["KeyId"] == id);
  }
  auto e = fail("DescribeKey", {{"KeyId", "00000000-0000-4000-8000-000000000000"}});
  CHECK(e.type == "NotFoundException");
  CHECK(e.message ==
        "Key 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-4000-8000-000000000000' "
        "does not exist");
  e = fail("DescribeKey", {{"KeyId", "alias/nope"}});
  CHECK(e.type == "NotFoundException");
  CHECK(e.message == "Alias 'arn:aws:kms:us-east-1:000000000000:alias/nope' is not found.");
  // Another region's ARN names no key here.
  CHECK(fail("DescribeKey", {{"KeyId", "arn:aws:kms:eu-west-1:000000000000:key/" + id}}).type ==
        "NotFoundException");
  e = fail("DescribeKey", Json::object());
  CHECK(e.message ==
        "1 validation error detected: Value null at 'keyId' failed to satisfy "
        "constraint: Member must not be null");
}

TEST_CASE_METHOD(KmsFixture, "Keys are kept per account and region", "[kms][keys]") {
  const std::string id = new_key();
  region = "eu-west-1";
  CHECK(fail("DescribeKey", {{"KeyId", id}}).type == "NotFoundException");
  CHECK(ok("ListKeys", Json::object())["Keys"].empty());
  region = "us-east-1";
  account = "111122223333";
  CHECK(fail("DescribeKey", {{"KeyId", id}}).type == "NotFoundException");
}

TEST_CASE_METHOD(KmsFixture, "ListKeys pages with Limit and Marker", "[kms][keys]") {
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.insert(new_key());
  std::set<std::string> seen;
  Json page = ok("ListKeys", {{"Limit", 2}});
  int pages = 1;
  for (;;) {
    for (const auto& k : page["Keys"]) {
      seen.insert(k["KeyId"].get<std::string>());
      CHECK(k["KeyArn"] == arn(k["KeyId"]));
    }
    if (!page["Truncated"].get<bool>()) break;
    page = ok("ListKeys", {{"Limit", 2}, {"Marker", page["NextMarker"]}});
    ++pages;
  }
  CHECK(pages == 3);
  CHECK(seen == ids);
  CHECK(fail("ListKeys", {{"Limit", 0}}).type == "ValidationException");
}

TEST_CASE_METHOD(KmsFixture, "A disabled key refuses cryptography until enabled", "[kms][state]") {
  const std::string id = new_key();
  ok("DisableKey", {{"KeyId", id}});
  const Json m = ok("DescribeKey", {{"KeyId", id}})["KeyMetadata"];
  CHECK(m["Enabled"] == false);
  CHECK(m["KeyState"] == "Disabled");
  const auto e = fail("Encrypt", {{"KeyId", id}, {"Plaintext", b64("x")}});
  CHECK(e.type == "DisabledException");
  CHECK(e.message == arn(id) + " is disabled.");
  ok("EnableKey", {{"KeyId", id}});
  ok("Encrypt", {{"KeyId", id}, {"Plaintext", b64("x")}});
}

TEST_CASE_METHOD(KmsFixture, "ScheduleKeyDeletion holds the key, CancelKeyDeletion disables it",
                 "[kms][state]") {
  const std::string id = new_key();
  const Json blob = ok("Encrypt", {{"KeyId", id}, {"Plaintext", b64("x")}})["CiphertextBlob"];
  CHECK(fail("ScheduleKeyDeletion", {{"KeyId", id}, {"PendingWindowInDays", 6}}).message ==
        "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy "
        "constraint: Member must have value greater than or equal to 7");
  CHECK(fail("ScheduleKeyDeletion", {{"KeyId", id}, {"PendingWindowInDays", 31}}).type ==
        "ValidationException");
  const Json r = ok("ScheduleKeyDeletion", {{"KeyId", id}, {"PendingWindowInDays", 7}});
  CHECK(r["KeyId"] == arn(id));
  CHECK(r["KeyState"] == "PendingDeletion");
  CHECK(r["PendingWindowInDays"] == 7);
  CHECK(r["DeletionDate"].get<double>() == Approx(1'700'000'000.0 + 7 * 86400));
  const Json m = ok("DescribeKey", {{"KeyId", id}})["KeyMetadata"];
  CHECK(m["KeyState"] == "PendingDeletion");
  CHECK(m["DeletionDate"] == r["DeletionDate"]);

  auto e = fail("Decrypt", {{"CiphertextBlob", blob}});
  CHECK(e.type == "KMSInvalidStateException");
  CHECK(e.message == arn(id) + " is pending deletion.");
  CHECK(fail("EnableKey", {{"KeyId", id}}).type == "KMSInvalidStateException");
  CHECK(fail("ScheduleKeyDeletion", {{"KeyId", id}}).type == "KMSInvalidStateException");

  CHECK(ok("CancelKeyDeletion", {{"KeyId", id}})["KeyId"] == arn(id));
  CHECK(ok("DescribeKey", {{"KeyId", id}})["KeyMetadata"]["KeyState"] == "Disabled");
  CHECK(fail("CancelKeyDeletion", {{"KeyId", id}}).type == "KMSInvalidStateException");
  ok("EnableKey", {{"KeyId", id}});
  CHECK(unb64(ok("Decrypt", {{"CiphertextBlob", blob}})["Plaintext"]) == "x");
}

TEST_CASE_METHOD(KmsFixture, "A key is gone once its deletion date passes", "[kms][state]") {
  const std::string id = new_key();
  ok("ScheduleKeyDeletion", {{"KeyId", id}, {"PendingWindowInDays", 7}});
  host.advance(7LL * 86400 * 1000);
  CHECK(fail("DescribeKey", {{"KeyId", id}}).type == "NotFoundException");
  CHECK(ok("ListKeys", Json::object())["Keys"].empty());
}

TEST_CASE_METHOD(KmsFixture, "Key policies: the default one, PutKeyPolicy, ListKeyPolicies",
                 "[kms][policy]") {
  const std::string id = new_key();
  const Json got = ok("GetKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}});
  CHECK(got["PolicyName"] == "default");
  const Json policy = Json::parse(got["Policy"].get<std::string>());
  CHECK(policy["Statement"][0]["Principal"]["AWS"] == "arn:aws:iam::000000000000:root");
  CHECK(policy["Statement"][0]["Action"] == "kms:*");
  const std::string mine = R"({"Version":"2012-10-17","Statement":[]})";
  ok("PutKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}, {"Policy", mine}});
  CHECK(ok("GetKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}})["Policy"] == mine);
  CHECK(ok("ListKeyPolicies", {{"KeyId", id}})["PolicyNames"] == Json::array({"default"}));
  CHECK(fail("GetKeyPolicy", {{"KeyId", id}, {"PolicyName", "other"}}).type == "NotFoundException");
  CHECK(fail("PutKeyPolicy", {{"KeyId", id}, {"PolicyName", "default"}, {"Policy", "{"}}).type ==
        "MalformedPolicyDocumentException");
}

TEST_CASE_METHOD(KmsFixture, "Tags: CreateKey tags, TagResource, UntagResource, ListResourceTags",
                 "[kms][tags]") {
  const std::string id = ok(
      "CreateKey", {{"Tags", {{{"TagKey", "team"}, {"TagValue", "a"}}}}})["KeyMetadata"]["KeyId"];
  ok("TagResource",
     {{"KeyId", id},
      {"Tags",
       {{{"TagKey", "env"}, {"TagValue", "dev"}}, {{"TagKey", "team"}, {"TagValue", "b"}}}}});
  Json tags = ok("ListResourceTags", {{"KeyId", id}})["Tags"];
  CHECK(tags ==
        Json::parse(R"([{"TagKey":"env","TagValue":"dev"},{"TagKey":"team","TagValue":"b"}])"));
  ok("UntagResource", {{"KeyId", id}, {"TagKeys", {"env"}}});
  tags = ok("ListResourceTags", {{"KeyId", id}})["Tags"];
  CHECK(tags == Json::parse(R"([{"TagKey":"team","TagValue":"b"}])"));
  CHECK(fail("TagResource", {{"KeyId", id}, {"Tags", {{{"TagKey", "aws:x"}, {"TagValue", "1"}}}}})
            .type == "TagException");
}

TEST_CASE_METHOD(KmsFixture, "UpdateKeyDescription changes the description", "[kms][keys]") {
  const std::string id = new_key();
  ok("UpdateKeyDescription", {{"KeyId", id}, {"Description", "new words"}});
  CHECK(ok("DescribeKey", {{"KeyId", id}})["KeyMetadata"]["Description"] == "new words");
}

TEST_CASE_METHOD(KmsFixture, "Unbuilt operations answer UnsupportedOperationException",
                 "[kms][service]") {
  const auto e = fail("ImportKeyMaterial", Json::object());
  CHECK(e.type == "UnsupportedOperationException");
  CHECK(fail("NoSuchOperation", Json::object()).type == "UnknownOperationException");
  const auto r = raw("ListKeys", "{not json");
  CHECK(r.status == 400);
}
