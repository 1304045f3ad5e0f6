// The Secrets Manager service (JSON 1.1 protocol, X-Amz-Target secretsmanager.<Operation>):
// operation dispatch. Operation families live in their own files (sm_ops.hpp lists them).
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string>
#include <string_view>

#include "sm_ops.hpp"
#include "sm_store.hpp"

namespace sm {

class SecretsManagerService {
 public:
  static constexpr const char* k_id = "secretsmanager";
  static constexpr const char* k_protocol = "json-1.1";
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_TARGET_PREFIX, "secretsmanager"},
      {CE_ROUTE_SIGV4_SERVICE, "secretsmanager"},
  };

  SecretsManagerService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  const Store& store() const noexcept { return store_; }

 private:
  ce::ServiceContext ctx_;
  Store store_;
  OpRegistry ops_;
};

}  // namespace sm
