// The per-request context handed to every KMS operation, and the registry from operation name
// (the X-Amz-Target suffix after "TrentService.") to handler. Each operation family registers its
// handlers in its own add_*_ops function.
#pragma once
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kms {

using Json = nlohmann::json;
class KmsService;
class Store;

struct Call {
  KmsService& svc;
  ce::Request& req;
  ce::Response& resp;
  std::string operation;
  Json input;  // the request document

  std::string account() const { return std::string(req.account_id()); }
  std::string region() const { return std::string(req.region()); }
  int64_t now_ms() const;
  const Store& store() const;
};

/// Returns the response document (sent as 200 application/x-amz-json-1.1).
using Handler = Json (*)(Call&);

class OpRegistry {
 public:
  void add(std::string_view name, Handler h) { handlers_.emplace(std::string(name), h); }
  Handler find(std::string_view name) const {
    const auto it = handlers_.find(std::string(name));
    return it == handlers_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string, Handler> handlers_;
};

// One per operation family (one file each).
void add_key_ops(OpRegistry& ops);          // kms_key_ops.cpp: CreateKey, DescribeKey, ListKeys
void add_key_state_ops(OpRegistry& ops);    // kms_key_state_ops.cpp: enable, disable, deletion
void add_policy_ops(OpRegistry& ops);       // kms_policy_ops.cpp
void add_alias_ops(OpRegistry& ops);        // kms_alias_ops.cpp
void add_tag_ops(OpRegistry& ops);          // kms_tag_ops.cpp
void add_encrypt_ops(OpRegistry& ops);      // kms_encrypt_ops.cpp: Encrypt, Decrypt, ReEncrypt
void add_data_key_ops(OpRegistry& ops);     // kms_data_key_ops.cpp: data keys, GenerateRandom
void add_sign_ops(OpRegistry& ops);         // kms_sign_ops.cpp: Sign, Verify, GetPublicKey
void add_mac_ops(OpRegistry& ops);          // kms_mac_ops.cpp
void add_rotation_ops(OpRegistry& ops);     // kms_rotation_ops.cpp
void add_grant_ops(OpRegistry& ops);        // kms_grant_ops.cpp
void add_unsupported_ops(OpRegistry& ops);  // kms_unsupported_ops.cpp

}  // namespace kms
