// The SNS service (query protocol: form POST Action=<Operation>&Version=2010-03-31, XML answers):
// dispatch, and what every operation family shares. Families live in their own files.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/protocol/render.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string_view>

#include "sns_http_delivery.hpp"
#include "sns_ops.hpp"
#include "sns_signing.hpp"
#include "sns_store.hpp"

namespace sns {

inline constexpr std::string_view k_xmlns = "http://sns.amazonaws.com/doc/2010-03-31/";
/// Where the signing certificate is served (SigningCertURL) and other emulator-only reads.
inline constexpr std::string_view k_path_prefix = "/_aws/sns/";

class SnsService {
 public:
  static constexpr const char* k_id = "sns";
  static constexpr const char* k_protocol = "query";
  // Signed requests route by their credential scope. Unsigned ones (the UnsubscribeURL of a
  // notification, hand-made forms) by Action: only names no other query service uses are
  // claimed; AddPermission/RemovePermission (SQS has them too) and the generic tag actions
  // (CloudWatch's) need a signature. See docs/sns.md, "Routing".
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_SIGV4_SERVICE, "sns"},
      {CE_ROUTE_PATH_PREFIX, "/_aws/sns/"},
      {CE_ROUTE_FORM_ACTION, "CreateTopic"},
      {CE_ROUTE_FORM_ACTION, "DeleteTopic"},
      {CE_ROUTE_FORM_ACTION, "ListTopics"},
      {CE_ROUTE_FORM_ACTION, "GetTopicAttributes"},
      {CE_ROUTE_FORM_ACTION, "SetTopicAttributes"},
      {CE_ROUTE_FORM_ACTION, "Subscribe"},
      {CE_ROUTE_FORM_ACTION, "Unsubscribe"},
      {CE_ROUTE_FORM_ACTION, "ConfirmSubscription"},
      {CE_ROUTE_FORM_ACTION, "ListSubscriptions"},
      {CE_ROUTE_FORM_ACTION, "ListSubscriptionsByTopic"},
      {CE_ROUTE_FORM_ACTION, "GetSubscriptionAttributes"},
      {CE_ROUTE_FORM_ACTION, "SetSubscriptionAttributes"},
      {CE_ROUTE_FORM_ACTION, "Publish"},
      {CE_ROUTE_FORM_ACTION, "PublishBatch"},
  };
  static constexpr uint32_t k_flags = CE_SERVICE_NEEDS_FORM_BODY;
  static ce::ErrorRenderOptions error_options() {
    ce::ErrorRenderOptions o;
    o.xmlns = k_xmlns;
    return o;
  }

  SnsService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);
  /// The host wiped the keyspaces: forget the cached signing key (a new one is made on use).
  void reset();

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  Store& store() noexcept { return store_; }
  Signer& signer() noexcept { return signer_; }
  HttpDeliveries& http_deliveries() noexcept { return http_deliveries_; }

 private:
  /// GET /_aws/sns/<certificate>.pem and friends.
  void serve_emulator_path(ce::Request& req, ce::Response& resp);

  ce::ServiceContext ctx_;
  Store store_;
  Signer signer_{store_};
  HttpDeliveries http_deliveries_{ctx_};
  OpRegistry ops_;
};

}  // namespace sns
