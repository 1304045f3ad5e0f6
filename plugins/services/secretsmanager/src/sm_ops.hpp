// The per-request context handed to every Secrets Manager operation, the way an operation answers
// later (after an internal call to KMS), and the registry from operation name (the X-Amz-Target
// suffix after "secretsmanager.") to handler. Each operation family registers its handlers in its
// own add_*_ops function.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sm {

using Json = nlohmann::json;
class SecretsManagerService;
class Store;

/// Finishes a detached exchange from a callback: the answer document, or the error a step threw.
/// Whatever happens, the client gets an answer: an unexpected exception becomes
/// InternalServiceError (logged without any secret material).
class Reply {
 public:
  explicit Reply(std::shared_ptr<ce::Response> resp) : resp_(std::move(resp)) {}
  void send(const Json& doc);
  void fail(const ce::AwsError& e);
  /// Runs `produce` and sends what it returns, or the error it throws.
  void complete(const std::function<Json()>& produce) noexcept;

 private:
  std::shared_ptr<ce::Response> resp_;
};

/// What a deferred step may use: the service and the caller's account and region. (Call itself
/// lives on the handler's stack and is gone when KMS answers.)
struct Caller {
  const SecretsManagerService* svc = nullptr;
  std::string account, region;

  int64_t now_ms() const;
  const Store& store() const;
  const ce::ServiceContext& ctx() const;
};

struct Call {
  SecretsManagerService& svc;
  ce::Request& req;
  ce::Response& resp;
  std::string operation;
  Json input;                    // the request document
  std::shared_ptr<Reply> reply;  // set once the handler deferred its answer

  std::string account() const { return std::string(req.account_id()); }
  std::string region() const { return std::string(req.region()); }
  int64_t now_ms() const;
  const Store& store() const;
  const ce::ServiceContext& ctx() const;
  Caller caller() const { return {&svc, account(), region()}; }
  /// Detaches the response: the handler's return value is then ignored and `reply` answers.
  std::shared_ptr<Reply> defer();
};

/// Returns the response document (sent as 200 application/x-amz-json-1.1) unless it deferred.
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
void add_secret_ops(OpRegistry& ops);       // sm_secret_ops.cpp: Create, Describe, Update
void add_deletion_ops(OpRegistry& ops);     // sm_deletion_ops.cpp: DeleteSecret, RestoreSecret
void add_value_ops(OpRegistry& ops);        // sm_value_ops.cpp: Get, BatchGet, PutSecretValue
void add_version_ops(OpRegistry& ops);      // sm_version_ops.cpp: stages, ListSecretVersionIds
void add_list_ops(OpRegistry& ops);         // sm_list_ops.cpp: ListSecrets
void add_tag_ops(OpRegistry& ops);          // sm_tag_ops.cpp
void add_policy_ops(OpRegistry& ops);       // sm_policy_ops.cpp: resource policies
void add_rotation_ops(OpRegistry& ops);     // sm_rotation_ops.cpp
void add_password_ops(OpRegistry& ops);     // sm_password_ops.cpp: GetRandomPassword
void add_unsupported_ops(OpRegistry& ops);  // sm_unsupported_ops.cpp: replication

}  // namespace sm
