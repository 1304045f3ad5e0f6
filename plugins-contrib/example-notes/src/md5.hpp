// Streaming MD5 (the ETag) with OpenSSL's EVP interface, computed while the body streams in.
#pragma once
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace notes {

class Md5 {
 public:
  Md5() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_md5(), nullptr) != 1) {
      throw std::runtime_error("MD5 init failed");
    }
  }
  void update(std::string_view data) {
    if (EVP_DigestUpdate(ctx_.get(), data.data(), data.size()) != 1) {
      throw std::runtime_error("MD5 update failed");
    }
  }
  /// Lowercase hex digest; the object is spent afterwards.
  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(ctx_.get(), digest, &n) != 1)
      throw std::runtime_error("MD5 final failed");
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < n; ++i) {
      out.push_back(k_hex[digest[i] >> 4]);
      out.push_back(k_hex[digest[i] & 0xF]);
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

}  // namespace notes
