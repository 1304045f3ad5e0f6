// CreateGrant, ListGrants, ListRetirableGrants, RetireGrant, RevokeGrant. Grants are stored and
// listed; they do not change what a caller may do (this emulator enforces no permissions).
#include <cloudemu/storage.hpp>

#include "kms_bytes.hpp"
#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"

namespace kms {

namespace {

const std::vector<std::string_view> k_grant_operations = {"Decrypt",
                                                          "Encrypt",
                                                          "GenerateDataKey",
                                                          "GenerateDataKeyWithoutPlaintext",
                                                          "ReEncryptFrom",
                                                          "ReEncryptTo",
                                                          "Sign",
                                                          "Verify",
                                                          "GetPublicKey",
                                                          "CreateGrant",
                                                          "RetireGrant",
                                                          "DescribeKey",
                                                          "GenerateDataKeyPair",
                                                          "GenerateDataKeyPairWithoutPlaintext",
                                                          "GenerateMac",
                                                          "VerifyMac",
                                                          "DeriveSharedSecret"};

Json grant_json(const GrantRecord& g, std::string_view account, std::string_view region) {
  Json out = {
      {"KeyId", key_arn(account, region, g.key_id)}, {"GrantId", g.grant_id},
      {"CreationDate", epoch_seconds(g.created_ms)}, {"GranteePrincipal", g.grantee_principal},
      {"IssuingAccount", g.issuing_account},         {"Operations", g.operations}};
  if (!g.name.empty()) out["Name"] = g.name;
  if (!g.retiring_principal.empty()) out["RetiringPrincipal"] = g.retiring_principal;
  if (!g.constraints_json.empty()) out["Constraints"] = Json::parse(g.constraints_json);
  return out;
}

/// One page of grants, the Marker being the last GrantId of the previous page.
Json grant_page(const std::vector<GrantRecord>& grants, const Json& in, std::string_view account,
                std::string_view region) {
  const std::size_t limit = list_limit(in);
  const std::string marker = opt_string(in, "Marker", 1, 1024).value_or("");
  bool past_marker = marker.empty();
  Json list = Json::array();
  bool more = false;
  std::string last;
  for (const auto& g : grants) {
    if (!past_marker) {
      past_marker = g.grant_id == marker;
      continue;
    }
    if (list.size() == limit) {
      more = true;
      break;
    }
    list.push_back(grant_json(g, account, region));
    last = g.grant_id;
  }
  if (!past_marker) throw err::invalid_marker();
  Json out = {{"Grants", list}, {"Truncated", more}};
  if (more) out["NextMarker"] = last;
  return out;
}

Json create_grant(Call& call) {
  const Json& in = call.input;
  GrantRecord g;
  g.grantee_principal = req_string(in, "GranteePrincipal", 1, 256);
  g.retiring_principal = opt_string(in, "RetiringPrincipal", 1, 256).value_or("");
  g.name = opt_string(in, "Name", 1, 256).value_or("");
  const auto ops = in.find("Operations");
  if (ops == in.end() || ops->is_null())
    fail_constraint("Operations", "null", "Member must not be null");
  if (!ops->is_array()) throw ce::AwsError::serialization("Unexpected value type in payload");
  for (const Json& op : *ops) {
    const Json wrapper = {{"Operations", op}};
    g.operations.push_back(*opt_enum(wrapper, "Operations", k_grant_operations));
  }
  if (const auto c = in.find("Constraints"); c != in.end() && !c->is_null())
    g.constraints_json = c->dump();
  g.issuing_account = "arn:aws:iam::" + call.account() + ":root";
  g.created_ms = call.now_ms();
  g.grant_id = hex(random_bytes(32));
  g.token = base64_encode(random_bytes(48));
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    require_not_pending_deletion(key);
    g.key_id = key.key_id;
    // A grant with the same name and settings is the same grant (CreateGrant is idempotent).
    if (!g.name.empty()) {
      for (const auto& old : call.store().grants(txn, call.account(), call.region(), key.key_id))
        if (old.name == g.name && old.grantee_principal == g.grantee_principal &&
            old.operations == g.operations && old.constraints_json == g.constraints_json) {
          g = old;
          return;
        }
    }
    call.store().put_grant(txn, call.account(), call.region(), g);
  });
  return {{"GrantToken", g.token}, {"GrantId", g.grant_id}};
}

Json list_grants(Call& call) {
  const auto grant_id = opt_string(call.input, "GrantId", 1, 128);
  const auto grantee = opt_string(call.input, "GranteePrincipal", 1, 256);
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
  std::vector<GrantRecord> grants;
  for (auto& g : call.store().grants(txn, call.account(), call.region(), key.key_id)) {
    if (grant_id && g.grant_id != *grant_id) continue;
    if (grantee && g.grantee_principal != *grantee) continue;
    grants.push_back(std::move(g));
  }
  return grant_page(grants, call.input, call.account(), call.region());
}

Json list_retirable_grants(Call& call) {
  const std::string principal = req_string(call.input, "RetiringPrincipal", 1, 256);
  ce::ReadTxn txn(call.svc.ctx());
  std::vector<GrantRecord> grants;
  for (auto& g : call.store().grants(txn, call.account(), call.region(), ""))
    if (g.retiring_principal == principal) grants.push_back(std::move(g));
  return grant_page(grants, call.input, call.account(), call.region());
}

Json retire_grant(Call& call) {
  const auto token = opt_string(call.input, "GrantToken", 1, 8192);
  const auto grant_id = opt_string(call.input, "GrantId", 1, 128);
  const bool by_id = call.input.contains("KeyId") && grant_id.has_value();
  if (!token && !by_id)
    throw err::validation("Either GrantToken or both KeyId and GrantId must be specified.");
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (by_id) {
      const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
      if (!call.store().delete_grant(txn, call.account(), call.region(), key.key_id, *grant_id))
        throw err::not_found("Grant ID " + *grant_id + " not found");
      return;
    }
    for (const auto& g : call.store().grants(txn, call.account(), call.region(), ""))
      if (g.token == *token) {
        call.store().delete_grant(txn, call.account(), call.region(), g.key_id, g.grant_id);
        return;
      }
    throw err::invalid_grant_token();
  });
  return Json::object();
}

Json revoke_grant(Call& call) {
  const std::string grant_id = req_string(call.input, "GrantId", 1, 128);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    if (!call.store().delete_grant(txn, call.account(), call.region(), key.key_id, grant_id))
      throw err::invalid_grant_id("Grant ID " + grant_id + " not found");
  });
  return Json::object();
}

}  // namespace

void add_grant_ops(OpRegistry& ops) {
  ops.add("CreateGrant", &create_grant);
  ops.add("ListGrants", &list_grants);
  ops.add("ListRetirableGrants", &list_retirable_grants);
  ops.add("RetireGrant", &retire_grant);
  ops.add("RevokeGrant", &revoke_grant);
}

}  // namespace kms
