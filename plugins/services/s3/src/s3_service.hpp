// The S3 service: addressing (path and virtual-hosted style), operation dispatch, and what every
// operation family shares. Operation families live in their own files and register their
// handlers by AWS operation name (s3_ops.hpp).
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string>
#include <string_view>

#include "s3_lifecycle.hpp"
#include "s3_ops.hpp"
#include "s3_store.hpp"

namespace s3 {

class S3Service {
 public:
  static constexpr const char* k_id = "s3";
  static constexpr const char* k_protocol = "rest-xml";
  // LocalStack's claims: the SigV4 scope, virtual-hosted names, and whatever nothing else claims
  // (unsigned path-style requests, browser POST uploads).
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_SIGV4_SERVICE, "s3"},
      {CE_ROUTE_HOST_PATTERN, "*.s3.*"},
      {CE_ROUTE_HOST_PATTERN, "*.s3-website.*"},
      {CE_ROUTE_HOST_PATTERN, "*.localhost"},
      {CE_ROUTE_FALLBACK, ""},
  };

  S3Service(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);
  /// Point reads (GetObject, HeadObject, HeadBucket, GetBucket* configurations) may run on the
  /// host's network thread: a seek or two in storage, nothing that waits (ABI 1.1).
  bool answers_inline(const ce::Request& req) const;

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  Store& store() noexcept { return store_; }
  int64_t now_ms() const { return ctx_.now_ms(); }

 private:
  void dispatch(Call& call);

  ce::ServiceContext ctx_;
  Store store_;
  OpRegistry ops_;
  LifecycleSweeper lifecycle_{store_};  // last: it uses store_ from its timer
};

}  // namespace s3
