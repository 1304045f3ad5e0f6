// CreateKey, DescribeKey, ListKeys, UpdateKeyDescription.
#include <cloudemu/storage.hpp>

#include "kms_bytes.hpp"
#include "kms_crypto.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"
#include "kms_tags.hpp"

namespace kms {

namespace {

const std::vector<std::string_view> k_key_usages = {"SIGN_VERIFY", "ENCRYPT_DECRYPT",
                                                    "GENERATE_VERIFY_MAC"};
const std::vector<std::string_view> k_origins = {"AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM",
                                                 "EXTERNAL_KEY_STORE"};

/// KeySpec or its deprecated twin CustomerMasterKeySpec (never both).
std::string requested_key_spec(const Json& in) {
  std::vector<std::string_view> names = key_spec_names();
  names.push_back("SM2");
  const auto key_spec = opt_enum(in, "KeySpec", names);
  const auto cmk_spec = opt_enum(in, "CustomerMasterKeySpec", names);
  if (key_spec && cmk_spec)
    throw err::validation(
        "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. "
        "CustomerMasterKeySpec is deprecated.");
  const std::string spec = key_spec.value_or(cmk_spec.value_or("SYMMETRIC_DEFAULT"));
  if (spec == "SM2") throw err::unsupported("KeySpec SM2 is available only in China Regions.");
  return spec;
}

/// The policy as given (it must be a JSON document) or the default key policy.
std::string requested_policy(const Json& in, std::string_view account) {
  const auto policy = opt_string(in, "Policy", 1, 131072);
  if (!policy) return default_key_policy(account);
  const Json doc = Json::parse(*policy, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw err::malformed_policy(
        "The new key policy will not allow you to update the key policy "
        "in the future.");
  return *policy;
}

Json create_key(Call& call) {
  const Json& in = call.input;
  const std::string spec_name = requested_key_spec(in);
  const KeySpecInfo& spec = *find_key_spec(spec_name);
  const std::string usage = opt_enum(in, "KeyUsage", k_key_usages).value_or("ENCRYPT_DECRYPT");
  if (!allows_usage(spec, usage))
    throw err::validation("KeyUsage " + usage + " is not compatible with KeySpec " + spec_name);
  const std::string origin = opt_enum(in, "Origin", k_origins).value_or("AWS_KMS");
  if (origin != "AWS_KMS")
    throw err::unsupported("Origin " + origin + " is not supported by this emulator yet.");
  if (opt_bool(in, "MultiRegion").value_or(false))
    throw err::unsupported("Multi-Region keys are not supported by this emulator yet.");
  if (opt_string(in, "CustomKeyStoreId"))
    throw err::unsupported("Custom key stores are not supported by this emulator yet.");

  KeyRecord key;
  key.account = call.account();
  key.region = call.region();
  key.key_id = random_uuid();
  key.description = opt_string(in, "Description", 0, 8192).value_or("");
  key.key_spec = spec_name;
  key.key_usage = usage;
  key.policy = requested_policy(in, key.account);
  key.created_ms = call.now_ms();
  key.tags = read_tags(in);
  // Key generation (RSA 4096 takes a while) happens before the write transaction opens.
  key.materials.push_back({1, key.created_ms, "", generate_key_material(spec)});
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) { call.store().put_key(txn, key); });
  return {{"KeyMetadata", key_metadata(key)}};
}

Json describe_key(Call& call) {
  ce::ReadTxn txn(call.svc.ctx());
  return {{"KeyMetadata", key_metadata(resolve_key_member(call, txn))}};
}

Json list_keys(Call& call) {
  const std::size_t limit = list_limit(call.input);
  const std::string marker = opt_string(call.input, "Marker", 1, 1024).value_or("");
  ce::ReadTxn txn(call.svc.ctx());
  Json keys = Json::array();
  bool more = false;
  std::string last;
  // Deleted keys still have records: skip them and keep reading until the page is full.
  std::string after = marker;
  while (keys.size() < limit) {
    const auto page = call.store().keys(txn, call.account(), call.region(), after, limit, &more);
    for (const auto& k : page) {
      after = k.key_id;
      if (k.state == "PendingDeletion" && k.deletion_ms <= call.now_ms()) continue;
      if (keys.size() == limit) {
        more = true;
        break;
      }
      keys.push_back({{"KeyId", k.key_id}, {"KeyArn", k.arn()}});
      last = k.key_id;
    }
    if (!more || keys.size() == limit) break;
  }
  Json out = {{"Keys", keys}, {"Truncated", more}};
  if (more) out["NextMarker"] = last;
  return out;
}

Json update_key_description(Call& call) {
  const std::string description = req_string(call.input, "Description", 0, 8192);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    require_not_pending_deletion(key);
    key.description = description;
    call.store().put_key(txn, key);
  });
  return Json::object();
}

}  // namespace

std::map<std::string, std::string> read_tags(const Json& in) {
  std::map<std::string, std::string> tags;
  const auto it = in.find("Tags");
  if (it == in.end() || it->is_null()) return tags;
  if (!it->is_array()) throw ce::AwsError::serialization("Unexpected value type in payload");
  for (const Json& tag : *it) {
    if (!tag.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
    const std::string key = req_string(tag, "TagKey", 1, 128);
    const std::string value = req_string(tag, "TagValue", 0, 256);
    if (key.starts_with("aws:")) throw err::tag_error("Tags beginning with aws: are reserved");
    tags[key] = value;
  }
  return tags;
}

void add_key_ops(OpRegistry& ops) {
  ops.add("CreateKey", &create_key);
  ops.add("DescribeKey", &describe_key);
  ops.add("ListKeys", &list_keys);
  ops.add("UpdateKeyDescription", &update_key_description);
}

}  // namespace kms
