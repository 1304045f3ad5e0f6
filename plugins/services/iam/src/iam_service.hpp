// The IAM service (query protocol: form POST Action=<Operation>&Version=2010-05-08, XML answers):
// dispatch and what every operation family shares. Families live in their own files.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/protocol/render.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string_view>

#include "iam_ops.hpp"
#include "iam_store.hpp"

namespace iam {

inline constexpr std::string_view k_xmlns = "https://iam.amazonaws.com/doc/2010-05-08/";

class IamService {
 public:
  static constexpr const char* k_id = "iam";
  static constexpr const char* k_protocol = "query";
  // Signed requests route by their credential scope (every SDK signs IAM calls). Unsigned forms
  // route by Action only for the principal and policy actions no other query service has; the
  // generic names (TagResource, ListTagsForResource, ...) are IAM's no more than anyone's.
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_SIGV4_SERVICE, "iam"},          {CE_ROUTE_FORM_ACTION, "CreateUser"},
      {CE_ROUTE_FORM_ACTION, "GetUser"},        {CE_ROUTE_FORM_ACTION, "ListUsers"},
      {CE_ROUTE_FORM_ACTION, "DeleteUser"},     {CE_ROUTE_FORM_ACTION, "CreateRole"},
      {CE_ROUTE_FORM_ACTION, "GetRole"},        {CE_ROUTE_FORM_ACTION, "ListRoles"},
      {CE_ROUTE_FORM_ACTION, "DeleteRole"},     {CE_ROUTE_FORM_ACTION, "CreateGroup"},
      {CE_ROUTE_FORM_ACTION, "GetGroup"},       {CE_ROUTE_FORM_ACTION, "ListGroups"},
      {CE_ROUTE_FORM_ACTION, "DeleteGroup"},    {CE_ROUTE_FORM_ACTION, "CreatePolicy"},
      {CE_ROUTE_FORM_ACTION, "GetPolicy"},      {CE_ROUTE_FORM_ACTION, "ListPolicies"},
      {CE_ROUTE_FORM_ACTION, "DeletePolicy"},   {CE_ROUTE_FORM_ACTION, "AttachRolePolicy"},
      {CE_ROUTE_FORM_ACTION, "PutRolePolicy"},  {CE_ROUTE_FORM_ACTION, "CreateAccessKey"},
      {CE_ROUTE_FORM_ACTION, "ListAccessKeys"}, {CE_ROUTE_FORM_ACTION, "CreateInstanceProfile"},
  };
  static constexpr uint32_t k_flags = CE_SERVICE_NEEDS_FORM_BODY;
  static ce::ErrorRenderOptions error_options() {
    ce::ErrorRenderOptions o;
    o.xmlns = k_xmlns;
    return o;
  }

  IamService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  Store& store() noexcept { return store_; }

 private:
  ce::ServiceContext ctx_;
  Store store_;
  OpRegistry ops_;
};

}  // namespace iam
