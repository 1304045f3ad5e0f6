// The KMS service (JSON 1.1 protocol, X-Amz-Target TrentService.<Operation>): operation dispatch.
// Operation families live in their own files (kms_ops.hpp lists them).
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string>
#include <string_view>

#include "kms_ops.hpp"
#include "kms_store.hpp"

namespace kms {

class KmsService {
 public:
  static constexpr const char* k_id = "kms";
  static constexpr const char* k_protocol = "json-1.1";
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_TARGET_PREFIX, "TrentService"},
      {CE_ROUTE_SIGV4_SERVICE, "kms"},
  };

  KmsService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  const Store& store() const noexcept { return store_; }

 private:
  /// The operation's response document (errors are thrown as ce::AwsError).
  Json answer(ce::Request& req, ce::Response& resp);

  ce::ServiceContext ctx_;
  Store store_;
  OpRegistry ops_;
};

}  // namespace kms
