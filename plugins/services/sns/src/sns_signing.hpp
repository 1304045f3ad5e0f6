// Message signatures as SNS makes them: SignatureVersion 1 is SHA1withRSA, 2 is SHA256withRSA,
// over the canonical string of the notification (sns_envelope.hpp), base64-encoded. The RSA key
// and its self-signed certificate are generated once and kept in the "meta" keyspace, so a
// client that cached the certificate keeps verifying across restarts.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "sns_store.hpp"

namespace sns {

class Signer {
 public:
  explicit Signer(Store& store);
  ~Signer();
  Signer(const Signer&) = delete;
  Signer& operator=(const Signer&) = delete;

  /// Base64 signature of `text`; version "2" signs with SHA-256, anything else with SHA-1.
  std::string sign(std::string_view text, std::string_view version);
  /// The certificate (PEM) a client verifies with.
  std::string certificate_pem();
  /// "SimpleNotificationService-<hash>.pem": the file part of SigningCertURL, stable per key.
  std::string certificate_file_name();
  /// Drops the cached key (the store was wiped); the next use loads or makes a new one.
  void forget();

 private:
  struct Loaded;
  const Loaded& loaded();

  Store& store_;
  std::mutex mu_;
  std::unique_ptr<Loaded> loaded_;
};

/// A new RSA-2048 key and a self-signed certificate for it, both PEM (exposed for tests).
SigningRecord generate_signing_material(int64_t now_ms);

}  // namespace sns
