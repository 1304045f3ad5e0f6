// Picks the service for a request from the claims plugins declared as data (ce_route_claim), in
// LocalStack's order. Built once at start-up; route() is lock-free and read-only.
#pragma once
#include <cloudemu/abi.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ce::host {

struct ServiceRecord;

struct RouteInput {
  std::string_view signing_service;  // from the SigV4 credential scope, "" when unsigned
  std::string_view target;           // X-Amz-Target header
  std::string_view path;             // raw path
  std::string_view host;             // Host header
  std::string_view query_action;     // Action= from the query string
};

struct RouteMatch {
  ServiceRecord* service = nullptr;
  uint32_t kind = 0;
  std::string_view value;
};

class Router {
 public:
  /// "" when the service's claims fit, else a message naming the claim and the service holding it.
  std::string conflicts(const ServiceRecord& candidate) const;
  /// Adds the service's claims; call conflicts() first.
  void add(ServiceRecord& service);
  /// Removes every claim of a service (a plugin refused after it registered).
  void remove(const ServiceRecord& service);
  /// form_action, when given, reads the Action of a form body (only called when needed).
  std::optional<RouteMatch> route(const RouteInput& in,
                                  const std::function<std::string()>& form_action = {}) const;
  bool has_form_claims() const { return !form_actions_.empty(); }

 private:
  struct Claim {
    ServiceRecord* service;
    std::string value;
  };
  const Claim* find_exact(uint32_t kind, std::string_view value) const;
  std::unordered_map<std::string, Claim> sigv4_, targets_, form_actions_;
  std::vector<Claim> path_prefixes_;  // longest first
  std::vector<Claim> host_patterns_;  // most literal characters first
  std::optional<Claim> fallback_;
};

const char* route_kind_name(uint32_t kind);

}  // namespace ce::host
