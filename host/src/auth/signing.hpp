// SigV4 steps 2-4: string to sign, signing key, signature; and the chained strings of aws-chunked
// streams (chunk and trailer signatures).
#pragma once
#include <string>
#include <string_view>

#include "crypto.hpp"

namespace ce::host::auth {

/// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical request>"
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);

/// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")
Digest signing_key(std::string_view secret, std::string_view scope_date, std::string_view region,
                   std::string_view service);

/// Lowercase hex HMAC-SHA256(key, string_to_sign).
std::string sign(const Digest& key, std::string_view string_to_sign);

/// "AWS4-HMAC-SHA256-PAYLOAD\n<date>\n<scope>\n<previous sig>\n<hash("")>\n<hash(chunk)>"
std::string chunk_string_to_sign(std::string_view amz_date, std::string_view scope,
                                 std::string_view previous_signature,
                                 std::string_view chunk_sha256_hex);

/// "AWS4-HMAC-SHA256-TRAILER\n<date>\n<scope>\n<previous sig>\n<hash(canonical trailers)>"
std::string trailer_string_to_sign(std::string_view amz_date, std::string_view scope,
                                   std::string_view previous_signature,
                                   std::string_view canonical_trailers);

}  // namespace ce::host::auth
