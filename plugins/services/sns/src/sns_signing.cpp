// RSA signing key and certificate: generation, storage, signatures (sns_signing.hpp).
#include "sns_signing.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <stdexcept>
#include <vector>

namespace sns {

namespace detail {  // named, not anonymous: Signer::Loaded holds a PkeyPtr
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
}  // namespace detail

namespace {

using detail::PkeyFree;
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("sns signing: ") + what + " failed");
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string base64(const unsigned char* bytes, std::size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(n));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

}  // namespace

struct Signer::Loaded {
  PkeyPtr key;
  std::string cert_pem;
  std::string file_name;
};

Signer::Signer(Store& store) : store_(store) {}
Signer::~Signer() = default;

SigningRecord generate_signing_material(int64_t now_ms) {
  PkeyPtr key(EVP_RSA_gen(2048));
  if (!key) fail("EVP_RSA_gen");
  std::unique_ptr<X509, X509Free> cert(X509_new());
  if (!cert) fail("X509_new");
  X509_set_version(cert.get(), 2);
  uint64_t serial = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial);
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), serial >> 1);
  // Valid from a day before the host clock's now for ten years: clients check the dates.
  time_t now = static_cast<time_t>(now_ms / 1000);
  X509_time_adj_ex(X509_getm_notBefore(cert.get()), -1, 0, &now);
  X509_time_adj_ex(X509_getm_notAfter(cert.get()), 3650, 0, &now);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("sns.amazonaws.com"), -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("CloudEmu"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) fail("X509_sign");

  SigningRecord out;
  std::unique_ptr<BIO, BioFree> key_bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
      1)
    fail("PEM_write_bio_PrivateKey");
  out.key_pem = bio_text(key_bio.get());
  std::unique_ptr<BIO, BioFree> cert_bio(BIO_new(BIO_s_mem()));
  if (PEM_write_bio_X509(cert_bio.get(), cert.get()) != 1) fail("PEM_write_bio_X509");
  out.cert_pem = bio_text(cert_bio.get());
  return out;
}

const Signer::Loaded& Signer::loaded() {
  // Called with mu_ held.
  if (loaded_) return *loaded_;
  std::optional<SigningRecord> record;
  {
    ce::ReadTxn txn(store_.ctx());
    record = store_.signing(txn);
  }
  if (!record) {
    // Key generation (tens of milliseconds) happens outside the write transaction; a racing
    // instance that stored first wins and both use its key.
    const SigningRecord fresh = generate_signing_material(store_.ctx().now_ms());
    record = ce::with_write_txn(
        store_.ctx(), [&](ce::WriteTxn& txn) { return store_.put_signing_once(txn, fresh); });
  }
  auto out = std::make_unique<Loaded>();
  std::unique_ptr<BIO, BioFree> bio(
      BIO_new_mem_buf(record->key_pem.data(), static_cast<int>(record->key_pem.size())));
  out->key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!out->key) fail("PEM_read_bio_PrivateKey");
  out->cert_pem = record->cert_pem;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(out->cert_pem.data()), out->cert_pem.size(),
         digest);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hash;
  for (int i = 0; i < 16; ++i) {
    hash += k_hex[digest[i] >> 4];
    hash += k_hex[digest[i] & 0xF];
  }
  out->file_name = "SimpleNotificationService-" + hash + ".pem";
  loaded_ = std::move(out);
  return *loaded_;
}

std::string Signer::sign(std::string_view text, std::string_view version) {
  std::lock_guard lock(mu_);
  const Loaded& l = loaded();
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  const EVP_MD* md = version == "2" ? EVP_sha256() : EVP_sha1();
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, l.key.get()) != 1)
    fail("EVP_DigestSignInit");
  std::size_t n = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  if (EVP_DigestSign(ctx.get(), nullptr, &n, bytes, text.size()) != 1) fail("EVP_DigestSign");
  std::vector<unsigned char> signature(n);
  if (EVP_DigestSign(ctx.get(), signature.data(), &n, bytes, text.size()) != 1)
    fail("EVP_DigestSign");
  return base64(signature.data(), n);
}

std::string Signer::certificate_pem() {
  std::lock_guard lock(mu_);
  return loaded().cert_pem;
}

std::string Signer::certificate_file_name() {
  std::lock_guard lock(mu_);
  return loaded().file_name;
}

void Signer::forget() {
  std::lock_guard lock(mu_);
  loaded_.reset();
}

}  // namespace sns
