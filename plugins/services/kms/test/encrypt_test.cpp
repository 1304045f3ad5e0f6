// Encrypt, Decrypt, ReEncrypt, data keys and GenerateRandom through the service.
#include "kms_fixture.hpp"

TEST_CASE_METHOD(KmsFixture, "Encrypt and Decrypt round trip without a KeyId", "[kms][encrypt]") {
  const std::string id = new_key();
  const Json ctx = {{"purpose", "test"}, {"tenant", "7"}};
  const Json enc =
      ok("Encrypt", {{"KeyId", id}, {"Plaintext", b64("top secret")}, {"EncryptionContext", ctx}});
  CHECK(enc["KeyId"] == arn(id));
  CHECK(enc["EncryptionAlgorithm"] == "SYMMETRIC_DEFAULT");
  const Json dec =
      ok("Decrypt", {{"CiphertextBlob", enc["CiphertextBlob"]}, {"EncryptionContext", ctx}});
  CHECK(unb64(dec["Plaintext"]) == "top secret");
  CHECK(dec["KeyId"] == arn(id));
  // With the KeyId too (id or alias) it still works.
  ok("CreateAlias", {{"AliasName", "alias/enc"}, {"TargetKeyId", id}});
  ok("Decrypt", {{"CiphertextBlob", enc["CiphertextBlob"]},
                 {"EncryptionContext", ctx},
                 {"KeyId", "alias/enc"}});
}

TEST_CASE_METHOD(KmsFixture, "Decrypt with another context, key or altered blob fails",
                 "[kms][encrypt][errors]") {
  const std::string id = new_key();
  const std::string other = new_key();
  const Json blob = ok("Encrypt", {{"KeyId", id},
                                   {"Plaintext", b64("x")},
                                   {"EncryptionContext", {{"a", "1"}}}})["CiphertextBlob"];
  auto e = fail("Decrypt", {{"CiphertextBlob", blob}, {"EncryptionContext", {{"a", "2"}}}});
  CHECK(e.type == "InvalidCiphertextException");
  CHECK(fail("Decrypt", {{"CiphertextBlob", blob}}).type == "InvalidCiphertextException");
  e = fail("Decrypt",
           {{"CiphertextBlob", blob}, {"EncryptionContext", {{"a", "1"}}}, {"KeyId", other}});
  CHECK(e.type == "IncorrectKeyException");
  std::string bytes = unb64(blob);
  bytes.back() = static_cast<char>(bytes.back() ^ 0x40);
  CHECK(
      fail("Decrypt", {{"CiphertextBlob", b64(bytes)}, {"EncryptionContext", {{"a", "1"}}}}).type ==
      "InvalidCiphertextException");
  CHECK(fail("Decrypt", {{"CiphertextBlob", b64("garbage")}}).type == "InvalidCiphertextException");
}

TEST_CASE_METHOD(KmsFixture, "Encrypt validates plaintext size and algorithm",
                 "[kms][encrypt][errors]") {
  const std::string id = new_key();
  auto e = fail("Encrypt", {{"KeyId", id}, {"Plaintext", b64(std::string(4097, 'a'))}});
  CHECK(e.type == "ValidationException");
  CHECK(e.message.find("at 'plaintext' failed to satisfy constraint: Member must have length "
                       "less than or equal to 4096") != std::string::npos);
  e = fail("Encrypt",
           {{"KeyId", id}, {"Plaintext", b64("x")}, {"EncryptionAlgorithm", "RSAES_OAEP_SHA_1"}});
  CHECK(e.type == "InvalidKeyUsageException");
  const std::string signing = new_key("ECC_NIST_P256", "SIGN_VERIFY");
  CHECK(fail("Encrypt", {{"KeyId", signing}, {"Plaintext", b64("x")}}).type ==
        "InvalidKeyUsageException");
}

TEST_CASE_METHOD(KmsFixture, "RSA keys encrypt with OAEP up to their size limit",
                 "[kms][encrypt][rsa]") {
  const std::string id = new_key("RSA_2048", "ENCRYPT_DECRYPT");
  for (const std::string alg : {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}) {
    INFO(alg);
    const std::size_t max = alg == "RSAES_OAEP_SHA_1" ? 214 : 190;
    const std::string plaintext(max, 'p');
    const Json enc =
        ok("Encrypt", {{"KeyId", id}, {"Plaintext", b64(plaintext)}, {"EncryptionAlgorithm", alg}});
    CHECK(unb64(enc["CiphertextBlob"]).size() == 256);
    const Json dec = ok(
        "Decrypt",
        {{"CiphertextBlob", enc["CiphertextBlob"]}, {"KeyId", id}, {"EncryptionAlgorithm", alg}});
    CHECK(unb64(dec["Plaintext"]) == plaintext);
    CHECK(fail("Encrypt",
               {{"KeyId", id}, {"Plaintext", b64(plaintext + "x")}, {"EncryptionAlgorithm", alg}})
              .type == "ValidationException");
  }
  // The raw RSA ciphertext does not name its key: Decrypt needs the KeyId.
  const Json enc =
      ok("Encrypt",
         {{"KeyId", id}, {"Plaintext", b64("x")}, {"EncryptionAlgorithm", "RSAES_OAEP_SHA_256"}});
  CHECK(fail("Decrypt", {{"CiphertextBlob", enc["CiphertextBlob"]},
                         {"EncryptionAlgorithm", "RSAES_OAEP_SHA_256"}})
            .type == "ValidationException");
  CHECK(fail("Decrypt", {{"CiphertextBlob", enc["CiphertextBlob"]},
                         {"KeyId", id},
                         {"EncryptionAlgorithm", "RSAES_OAEP_SHA_1"}})
            .type == "InvalidCiphertextException");
}

TEST_CASE_METHOD(KmsFixture, "ReEncrypt moves a ciphertext to another key and context",
                 "[kms][encrypt]") {
  const std::string from = new_key();
  const std::string to = new_key();
  const Json blob = ok("Encrypt", {{"KeyId", from},
                                   {"Plaintext", b64("moving")},
                                   {"EncryptionContext", {{"v", "1"}}}})["CiphertextBlob"];
  const Json r = ok("ReEncrypt", {{"CiphertextBlob", blob},
                                  {"SourceEncryptionContext", {{"v", "1"}}},
                                  {"DestinationKeyId", to},
                                  {"DestinationEncryptionContext", {{"v", "2"}}}});
  CHECK(r["SourceKeyId"] == arn(from));
  CHECK(r["KeyId"] == arn(to));
  const Json dec =
      ok("Decrypt", {{"CiphertextBlob", r["CiphertextBlob"]}, {"EncryptionContext", {{"v", "2"}}}});
  CHECK(unb64(dec["Plaintext"]) == "moving");
  CHECK(dec["KeyId"] == arn(to));
}

TEST_CASE_METHOD(KmsFixture, "GenerateDataKey returns a key and its encrypted copy",
                 "[kms][datakey]") {
  const std::string id = new_key();
  const Json r = ok("GenerateDataKey",
                    {{"KeyId", id}, {"KeySpec", "AES_256"}, {"EncryptionContext", {{"f", "x"}}}});
  CHECK(unb64(r["Plaintext"]).size() == 32);
  CHECK(r["KeyId"] == arn(id));
  const Json dec =
      ok("Decrypt", {{"CiphertextBlob", r["CiphertextBlob"]}, {"EncryptionContext", {{"f", "x"}}}});
  CHECK(dec["Plaintext"] == r["Plaintext"]);
  CHECK(unb64(ok("GenerateDataKey", {{"KeyId", id}, {"KeySpec", "AES_128"}})["Plaintext"]).size() ==
        16);
  CHECK(unb64(ok("GenerateDataKey", {{"KeyId", id}, {"NumberOfBytes", 7}})["Plaintext"]).size() ==
        7);
  const Json w = ok("GenerateDataKeyWithoutPlaintext", {{"KeyId", id}, {"KeySpec", "AES_256"}});
  CHECK_FALSE(w.contains("Plaintext"));
  CHECK(unb64(ok("Decrypt", {{"CiphertextBlob", w["CiphertextBlob"]}})["Plaintext"]).size() == 32);
  auto e = fail("GenerateDataKey", {{"KeyId", id}});
  CHECK(e.type == "ValidationException");
  CHECK(fail("GenerateDataKey", {{"KeyId", id}, {"KeySpec", "AES_256"}, {"NumberOfBytes", 32}})
            .type == "ValidationException");
  CHECK(fail("GenerateDataKey", {{"KeyId", id}, {"NumberOfBytes", 1025}}).type ==
        "ValidationException");
  const std::string rsa = new_key("RSA_2048", "ENCRYPT_DECRYPT");
  CHECK(fail("GenerateDataKey", {{"KeyId", rsa}, {"KeySpec", "AES_256"}}).type ==
        "InvalidKeyUsageException");
}

TEST_CASE_METHOD(KmsFixture, "GenerateDataKeyPair returns PKCS#8 and SPKI DER keys",
                 "[kms][datakey]") {
  const std::string id = new_key();
  const Json r = ok("GenerateDataKeyPair", {{"KeyId", id}, {"KeyPairSpec", "ECC_NIST_P256"}});
  CHECK(r["KeyPairSpec"] == "ECC_NIST_P256");
  const std::string private_der = unb64(r["PrivateKeyPlaintext"]);
  CHECK(static_cast<uint8_t>(private_der[0]) == 0x30);  // a DER SEQUENCE
  const Json dec = ok("Decrypt", {{"CiphertextBlob", r["PrivateKeyCiphertextBlob"]}});
  CHECK(unb64(dec["Plaintext"]) == private_der);
  CHECK(static_cast<uint8_t>(unb64(r["PublicKey"])[0]) == 0x30);
  const Json w =
      ok("GenerateDataKeyPairWithoutPlaintext", {{"KeyId", id}, {"KeyPairSpec", "RSA_2048"}});
  CHECK_FALSE(w.contains("PrivateKeyPlaintext"));
  CHECK(w.contains("PublicKey"));
  CHECK(fail("GenerateDataKeyPair", {{"KeyId", id}}).type == "ValidationException");
}

TEST_CASE_METHOD(KmsFixture, "GenerateRandom returns 1 to 1024 bytes", "[kms][random]") {
  CHECK(unb64(ok("GenerateRandom", {{"NumberOfBytes", 1024}})["Plaintext"]).size() == 1024);
  CHECK(unb64(ok("GenerateRandom", {{"NumberOfBytes", 1}})["Plaintext"]).size() == 1);
  const auto e = fail("GenerateRandom", {{"NumberOfBytes", 1025}});
  CHECK(e.message ==
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to "
        "satisfy constraint: Member must have value less than or equal to 1024");
  CHECK(fail("GenerateRandom", {{"NumberOfBytes", 0}}).type == "ValidationException");
}
