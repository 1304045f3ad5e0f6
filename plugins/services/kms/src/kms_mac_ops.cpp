// GenerateMac, VerifyMac with HMAC keys (HMAC_224 .. HMAC_512).
#include <cloudemu/storage.hpp>

#include "kms_bytes.hpp"
#include "kms_crypto.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

const std::vector<std::string_view> k_mac_algorithms = {"HMAC_SHA_224", "HMAC_SHA_256",
                                                        "HMAC_SHA_384", "HMAC_SHA_512"};

struct MacRequest {
  KeyRecord key;
  std::string algorithm;
  std::string message;
};

MacRequest read_mac_request(Call& call) {
  std::string message = req_blob(call.input, "Message", 1, 4096);
  const auto algorithm = opt_enum(call.input, "MacAlgorithm", k_mac_algorithms);
  if (!algorithm) fail_constraint("MacAlgorithm", "null", "Member must not be null");
  ce::ReadTxn txn(call.svc.ctx());
  KeyRecord key = resolve_key_member(call, txn);
  require_enabled(key);
  require_usage(key, "GENERATE_VERIFY_MAC", call.operation);
  const auto offered = mac_algorithms(spec_of(key), key.key_usage);
  if (offered.empty() || offered.front() != *algorithm)
    throw err::invalid_key_usage("Algorithm " + *algorithm + " is incompatible with key spec " +
                                 key.key_spec + ".");
  return {std::move(key), *algorithm, std::move(message)};
}

Json generate_mac(Call& call) {
  const MacRequest r = read_mac_request(call);
  return {{"Mac", base64_encode(hmac(r.algorithm, r.key.current_material().secret, r.message))},
          {"MacAlgorithm", r.algorithm},
          {"KeyId", r.key.arn()}};
}

Json verify_mac(Call& call) {
  const std::string mac = req_blob(call.input, "Mac", 1, 6144);
  const MacRequest r = read_mac_request(call);
  if (!equal_secret(mac, hmac(r.algorithm, r.key.current_material().secret, r.message)))
    throw err::invalid_mac();
  return {{"KeyId", r.key.arn()}, {"MacValid", true}, {"MacAlgorithm", r.algorithm}};
}

}  // namespace

void add_mac_ops(OpRegistry& ops) {
  ops.add("GenerateMac", &generate_mac);
  ops.add("VerifyMac", &verify_mac);
}

}  // namespace kms
