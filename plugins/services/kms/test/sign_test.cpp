// Sign and Verify with every signing algorithm of every asymmetric key spec, RAW and DIGEST;
// each signature is also checked by OpenSSL directly against the DER public key GetPublicKey
// exported. GenerateMac / VerifyMac for every HMAC key spec.
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "kms_crypto.hpp"
#include "kms_fixture.hpp"

namespace {

/// Verifies a signature over `message` with OpenSSL alone (no plugin code).
bool openssl_verifies(const std::string& spki_der, const std::string& algorithm,
                      const std::string& message, const std::string& signature) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(spki_der.data());
  EVP_PKEY* key = d2i_PUBKEY(nullptr, &p, static_cast<long>(spki_der.size()));
  REQUIRE(key != nullptr);
  const char* md = algorithm.ends_with("256")   ? "SHA256"
                   : algorithm.ends_with("384") ? "SHA384"
                                                : "SHA512";
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  REQUIRE(EVP_DigestVerifyInit(ctx, &pctx, EVP_get_digestbyname(md), nullptr, key) == 1);
  if (algorithm.starts_with("RSASSA_PSS")) {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  const int ok = EVP_DigestVerify(
      ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
      reinterpret_cast<const unsigned char*>(message.data()), message.size());
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return ok == 1;
}

}  // namespace

TEST_CASE_METHOD(KmsFixture, "Sign and Verify with every algorithm of every key spec",
                 "[kms][sign]") {
  const std::string message = "the message to sign";
  for (const std::string spec : {"RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256",
                                 "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1"}) {
    const Json meta = create_key(spec, "SIGN_VERIFY");
    const std::string id = meta["KeyId"];
    const Json pub = ok("GetPublicKey", {{"KeyId", id}});
    CHECK(pub["KeySpec"] == spec);
    CHECK(pub["KeyUsage"] == "SIGN_VERIFY");
    CHECK(pub["SigningAlgorithms"] == meta["SigningAlgorithms"]);
    const std::string spki = unb64(pub["PublicKey"]);
    for (const auto& alg_json : meta["SigningAlgorithms"]) {
      const std::string alg = alg_json;
      INFO(spec << " " << alg);
      const Json s = ok("Sign", {{"KeyId", id},
                                 {"Message", b64(message)},
                                 {"SigningAlgorithm", alg},
                                 {"MessageType", "RAW"}});
      CHECK(s["SigningAlgorithm"] == alg);
      const std::string sig = unb64(s["Signature"]);
      CHECK(openssl_verifies(spki, alg, message, sig));
      const Json v = ok("Verify", {{"KeyId", id},
                                   {"Message", b64(message)},
                                   {"Signature", s["Signature"]},
                                   {"SigningAlgorithm", alg}});
      CHECK(v["SignatureValid"] == true);
      // DIGEST: the caller hashes; the signature verifies as one over the raw message.
      const std::string digest = kms::digest(kms::digest_name_of(alg), message);
      const Json d = ok("Sign", {{"KeyId", id},
                                 {"Message", b64(digest)},
                                 {"SigningAlgorithm", alg},
                                 {"MessageType", "DIGEST"}});
      CHECK(openssl_verifies(spki, alg, message, unb64(d["Signature"])));
      ok("Verify", {{"KeyId", id},
                    {"Message", b64(digest)},
                    {"MessageType", "DIGEST"},
                    {"Signature", d["Signature"]},
                    {"SigningAlgorithm", alg}});
      CHECK(fail("Sign", {{"KeyId", id},
                          {"Message", b64(digest + "x")},
                          {"SigningAlgorithm", alg},
                          {"MessageType", "DIGEST"}})
                .type == "ValidationException");
      CHECK(fail("Verify", {{"KeyId", id},
                            {"Message", b64("another message")},
                            {"Signature", s["Signature"]},
                            {"SigningAlgorithm", alg}})
                .type == "KMSInvalidSignatureException");
    }
  }
}

TEST_CASE_METHOD(KmsFixture, "Sign refuses an algorithm of another key spec and other usages",
                 "[kms][sign][errors]") {
  const std::string ec = new_key("ECC_NIST_P256", "SIGN_VERIFY");
  CHECK(fail("Sign", {{"KeyId", ec}, {"Message", b64("m")}, {"SigningAlgorithm", "ECDSA_SHA_384"}})
            .type == "InvalidKeyUsageException");
  CHECK(fail("Sign", {{"KeyId", ec}, {"Message", b64("m")}}).type == "ValidationException");
  const std::string sym = new_key();
  CHECK(fail("Sign", {{"KeyId", sym}, {"Message", b64("m")}, {"SigningAlgorithm", "ECDSA_SHA_256"}})
            .type == "InvalidKeyUsageException");
  CHECK(fail("GetPublicKey", {{"KeyId", sym}}).type == "UnsupportedOperationException");
}

TEST_CASE_METHOD(KmsFixture, "GetPublicKey of an RSA encryption key lists its algorithms",
                 "[kms][sign]") {
  const std::string id = new_key("RSA_2048", "ENCRYPT_DECRYPT");
  const Json pub = ok("GetPublicKey", {{"KeyId", id}});
  CHECK(pub["EncryptionAlgorithms"] == Json::array({"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}));
  CHECK_FALSE(pub.contains("SigningAlgorithms"));
}

TEST_CASE_METHOD(KmsFixture, "GenerateMac and VerifyMac with every HMAC key spec", "[kms][mac]") {
  for (const std::string bits : {"224", "256", "384", "512"}) {
    const std::string id = new_key("HMAC_" + bits, "GENERATE_VERIFY_MAC");
    const std::string alg = "HMAC_SHA_" + bits;
    INFO(alg);
    const Json m =
        ok("GenerateMac", {{"KeyId", id}, {"Message", b64("hello")}, {"MacAlgorithm", alg}});
    CHECK(unb64(m["Mac"]).size() == static_cast<std::size_t>(std::stoi(bits) / 8));
    CHECK(m["MacAlgorithm"] == alg);
    const Json v =
        ok("VerifyMac",
           {{"KeyId", id}, {"Message", b64("hello")}, {"MacAlgorithm", alg}, {"Mac", m["Mac"]}});
    CHECK(v["MacValid"] == true);
    CHECK(fail("VerifyMac",
               {{"KeyId", id}, {"Message", b64("hellO")}, {"MacAlgorithm", alg}, {"Mac", m["Mac"]}})
              .type == "KMSInvalidMacException");
  }
  const std::string id = new_key("HMAC_256", "GENERATE_VERIFY_MAC");
  CHECK(
      fail("GenerateMac", {{"KeyId", id}, {"Message", b64("x")}, {"MacAlgorithm", "HMAC_SHA_512"}})
          .type == "InvalidKeyUsageException");
}
