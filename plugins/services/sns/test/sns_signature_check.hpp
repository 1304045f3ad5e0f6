// Checks an SNS message's Signature the way a subscriber does (shared by the delivery tests).
#pragma once
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sns_fixture.hpp"

inline std::vector<unsigned char> base64_decode(const std::string& text) {
  std::vector<unsigned char> out(text.size());
  const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  REQUIRE(n >= 0);
  // EVP_DecodeBlock counts each '=' of padding as a zero byte.
  std::size_t pad = 0;
  while (pad < text.size() && text[text.size() - 1 - pad] == '=') ++pad;
  out.resize(static_cast<std::size_t>(n) - pad);
  return out;
}

/// Verifies an envelope's Signature as a subscriber would: the documented canonical string, the
/// certificate fetched from the SigningCertURL path, SHA1 (version 1) or SHA256 (version 2).
/// Works for notifications and subscription confirmations.
inline bool signature_verifies(SnsFixture& f, const nlohmann::json& env) {
  const std::string url = env.at("SigningCertURL");
  const std::string path = url.substr(url.find("/_aws/sns/"));
  const auto cert = f.host.request("sns", "GET", path);
  REQUIRE(cert.status == 200);
  std::string canonical;
  // Notifications sign Subject (when present); confirmations SubscribeURL and Token: one sorted
  // list covers both, as each lacks the other's keys.
  for (const char* key : {"Message", "MessageId", "Subject", "SubscribeURL", "Timestamp", "Token",
                          "TopicArn", "Type"}) {
    if (!env.contains(key)) continue;
    canonical += std::string(key) + "\n" + env.at(key).get<std::string>() + "\n";
  }
  BIO* bio = BIO_new_mem_buf(cert.body.data(), static_cast<int>(cert.body.size()));
  X509* x509 = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  REQUIRE(x509 != nullptr);
  EVP_PKEY* key = X509_get_pubkey(x509);
  const auto sig = base64_decode(env.at("Signature"));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const EVP_MD* md = env.at("SignatureVersion") == "2" ? EVP_sha256() : EVP_sha1();
  const bool ok = EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx, sig.data(), sig.size(),
                                   reinterpret_cast<const unsigned char*>(canonical.data()),
                                   canonical.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(x509);
  return ok;
}
