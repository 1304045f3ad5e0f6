// The STS service (query protocol: form POST Action=<Operation>&Version=2011-06-15, XML answers):
// dispatch and what every operation shares. Operation families live in their own files.
#pragma once
#include <cloudemu/clock.hpp>
#include <cloudemu/context.hpp>
#include <cloudemu/protocol/render.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string_view>

#include "sts_ops.hpp"
#include "sts_sessions.hpp"

namespace sts {

inline constexpr std::string_view k_xmlns = "https://sts.amazonaws.com/doc/2011-06-15/";

class StsService {
 public:
  static constexpr const char* k_id = "sts";
  static constexpr const char* k_protocol = "query";
  // Signed requests route by their credential scope; unsigned forms by Action. Every STS action
  // name is unique among AWS query services, so all are claimed.
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_SIGV4_SERVICE, "sts"},
      {CE_ROUTE_FORM_ACTION, "AssumeRole"},
      {CE_ROUTE_FORM_ACTION, "AssumeRoleWithWebIdentity"},
      {CE_ROUTE_FORM_ACTION, "AssumeRoleWithSAML"},
      {CE_ROUTE_FORM_ACTION, "GetCallerIdentity"},
      {CE_ROUTE_FORM_ACTION, "GetSessionToken"},
      {CE_ROUTE_FORM_ACTION, "GetFederationToken"},
      {CE_ROUTE_FORM_ACTION, "GetAccessKeyInfo"},
      {CE_ROUTE_FORM_ACTION, "DecodeAuthorizationMessage"},
  };
  static constexpr uint32_t k_flags = CE_SERVICE_NEEDS_FORM_BODY;
  static ce::ErrorRenderOptions error_options() {
    ce::ErrorRenderOptions o;
    o.xmlns = k_xmlns;
    return o;
  }

  StsService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  SessionStore& sessions() noexcept { return sessions_; }

 private:
  ce::ServiceContext ctx_;
  SessionStore sessions_;
  OpRegistry ops_;
  ce::PeriodicTask sweeper_;  // drops expired sessions (sts_sessions.hpp)
};

/// Sends <ActionResponse><ActionResult>fill</ActionResult><ResponseMetadata>..</ActionResponse>.
void send_result(ce::Response& resp, std::string_view action, std::string_view request_id,
                 const std::function<void(ce::XmlWriter&)>& fill);
/// Sends the query <ErrorResponse> for `e` (answers finished outside handle(): AssumeRole).
void send_error(ce::Response& resp, const ce::AwsError& e, std::string_view request_id);

}  // namespace sts
