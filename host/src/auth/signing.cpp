#include "signing.hpp"

namespace ce::host::auth {
namespace {

std::string_view as_view(const Digest& d) {
  return {reinterpret_cast<const char*>(d.data()), d.size()};
}

}  // namespace

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
  std::string out = "AWS4-HMAC-SHA256\n";
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += sha256_hex(canonical_request);
  return out;
}

Digest signing_key(std::string_view secret, std::string_view scope_date, std::string_view region,
                   std::string_view service) {
  const std::string k_secret = "AWS4" + std::string(secret);
  const Digest k_date = hmac_sha256(k_secret, scope_date);
  const Digest k_region = hmac_sha256(as_view(k_date), region);
  const Digest k_service = hmac_sha256(as_view(k_region), service);
  return hmac_sha256(as_view(k_service), "aws4_request");
}

std::string sign(const Digest& key, std::string_view string_to_sign) {
  return to_hex(hmac_sha256(as_view(key), string_to_sign));
}

std::string chunk_string_to_sign(std::string_view amz_date, std::string_view scope,
                                 std::string_view previous_signature,
                                 std::string_view chunk_sha256_hex) {
  std::string out = "AWS4-HMAC-SHA256-PAYLOAD\n";
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += previous_signature;
  out += '\n';
  out += kEmptySha256Hex;
  out += '\n';
  out += chunk_sha256_hex;
  return out;
}

std::string trailer_string_to_sign(std::string_view amz_date, std::string_view scope,
                                   std::string_view previous_signature,
                                   std::string_view canonical_trailers) {
  std::string out = "AWS4-HMAC-SHA256-TRAILER\n";
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += previous_signature;
  out += '\n';
  out += sha256_hex(canonical_trailers);
  return out;
}

}  // namespace ce::host::auth
