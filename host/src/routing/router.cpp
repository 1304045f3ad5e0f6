#include "routing/router.hpp"

#include <algorithm>

#include "plugins/registry.hpp"
#include "routing/host_pattern.hpp"

namespace ce::host {
namespace {

std::size_t literal_chars(std::string_view pattern) {
  return static_cast<std::size_t>(
      std::count_if(pattern.begin(), pattern.end(), [](char c) { return c != '*'; }));
}

}  // namespace

const char* route_kind_name(uint32_t kind) {
  switch (kind) {
    case CE_ROUTE_SIGV4_SERVICE:
      return "sigv4-service";
    case CE_ROUTE_TARGET_PREFIX:
      return "target-prefix";
    case CE_ROUTE_PATH_PREFIX:
      return "path-prefix";
    case CE_ROUTE_HOST_PATTERN:
      return "host-pattern";
    case CE_ROUTE_FORM_ACTION:
      return "form-action";
    case CE_ROUTE_FALLBACK:
      return "fallback";
    default:
      return "unknown";
  }
}

const Router::Claim* Router::find_exact(uint32_t kind, std::string_view value) const {
  auto lookup = [&](const std::unordered_map<std::string, Claim>& m) -> const Claim* {
    auto it = m.find(std::string(value));
    return it == m.end() ? nullptr : &it->second;
  };
  auto scan = [&](const std::vector<Claim>& v) -> const Claim* {
    for (const auto& c : v)
      if (c.value == value) return &c;
    return nullptr;
  };
  switch (kind) {
    case CE_ROUTE_SIGV4_SERVICE:
      return lookup(sigv4_);
    case CE_ROUTE_TARGET_PREFIX:
      return lookup(targets_);
    case CE_ROUTE_FORM_ACTION:
      return lookup(form_actions_);
    case CE_ROUTE_PATH_PREFIX:
      return scan(path_prefixes_);
    case CE_ROUTE_HOST_PATTERN:
      return scan(host_patterns_);
    case CE_ROUTE_FALLBACK:
      return fallback_ ? &*fallback_ : nullptr;
    default:
      return nullptr;
  }
}

std::string Router::conflicts(const ServiceRecord& candidate) const {
  for (std::size_t i = 0; i < candidate.routes.size(); ++i) {
    const auto& r = candidate.routes[i];
    const std::string value = r.value ? r.value : "";
    if (r.kind < CE_ROUTE_SIGV4_SERVICE || r.kind > CE_ROUTE_FALLBACK)
      return "route " + std::to_string(i) + " has unknown kind " + std::to_string(r.kind);
    if (r.kind != CE_ROUTE_FALLBACK && value.empty())
      return std::string("route ") + std::to_string(i) + " (" + route_kind_name(r.kind) +
             ") has an empty value";
    // A clash inside the candidate's own table is as fatal as one with another service.
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = candidate.routes[j];
      if (o.kind == r.kind && (r.kind == CE_ROUTE_FALLBACK || value == (o.value ? o.value : "")))
        return std::string("service '") + candidate.id + "' claims route " +
               route_kind_name(r.kind) + " '" + value + "' twice";
    }
    if (const Claim* held = find_exact(r.kind, value)) {
      const ServiceRecord& owner = *held->service;
      return std::string("route ") + route_kind_name(r.kind) + " '" + value + "' of service '" +
             candidate.id + "' (plugin " + candidate.plugin_name +
             ") is already claimed by service '" + owner.id + "' (plugin " + owner.plugin_name +
             ")";
    }
  }
  return {};
}

void Router::add(ServiceRecord& service) {
  for (const auto& r : service.routes) {
    Claim claim{&service, r.value ? r.value : ""};
    switch (r.kind) {
      case CE_ROUTE_SIGV4_SERVICE:
        sigv4_.emplace(claim.value, claim);
        break;
      case CE_ROUTE_TARGET_PREFIX:
        targets_.emplace(claim.value, claim);
        break;
      case CE_ROUTE_FORM_ACTION:
        form_actions_.emplace(claim.value, claim);
        break;
      case CE_ROUTE_PATH_PREFIX:
        path_prefixes_.push_back(claim);
        break;
      case CE_ROUTE_HOST_PATTERN:
        host_patterns_.push_back(claim);
        break;
      case CE_ROUTE_FALLBACK:
        fallback_ = claim;
        break;
      default:
        break;
    }
  }
  std::stable_sort(path_prefixes_.begin(), path_prefixes_.end(),
                   [](const Claim& a, const Claim& b) { return a.value.size() > b.value.size(); });
  std::stable_sort(host_patterns_.begin(), host_patterns_.end(),
                   [](const Claim& a, const Claim& b) {
                     return literal_chars(a.value) > literal_chars(b.value);
                   });
}

void Router::remove(const ServiceRecord& service) {
  auto erase_map = [&](std::unordered_map<std::string, Claim>& m) {
    std::erase_if(m, [&](const auto& kv) { return kv.second.service == &service; });
  };
  erase_map(sigv4_);
  erase_map(targets_);
  erase_map(form_actions_);
  std::erase_if(path_prefixes_, [&](const Claim& c) { return c.service == &service; });
  std::erase_if(host_patterns_, [&](const Claim& c) { return c.service == &service; });
  if (fallback_ && fallback_->service == &service) fallback_.reset();
}

std::optional<RouteMatch> Router::route(const RouteInput& in,
                                        const std::function<std::string()>& form_action) const {
  // X-Amz-Target first: DynamoDB Streams signs as "dynamodb" but targets DynamoDBStreams_20120810.
  if (!in.target.empty()) {
    const auto dot = in.target.find('.');
    const std::string prefix(in.target.substr(0, dot));
    if (auto it = targets_.find(prefix); it != targets_.end())
      return RouteMatch{it->second.service, CE_ROUTE_TARGET_PREFIX, it->second.value};
  }
  if (!in.signing_service.empty()) {
    if (auto it = sigv4_.find(std::string(in.signing_service)); it != sigv4_.end())
      return RouteMatch{it->second.service, CE_ROUTE_SIGV4_SERVICE, it->second.value};
  }
  for (const auto& c : path_prefixes_) {
    if (in.path.substr(0, c.value.size()) == c.value) {
      // "/_example/notes" claims "/_example/notes" and "/_example/notes/x", not "/_example/notesx".
      const bool boundary = in.path.size() == c.value.size() || c.value.back() == '/' ||
                            in.path[c.value.size()] == '/' || in.path[c.value.size()] == '?';
      if (boundary) return RouteMatch{c.service, CE_ROUTE_PATH_PREFIX, c.value};
    }
  }
  for (const auto& c : host_patterns_)
    if (host_matches(c.value, in.host))
      return RouteMatch{c.service, CE_ROUTE_HOST_PATTERN, c.value};
  if (!form_actions_.empty()) {
    std::string action(in.query_action);
    if (action.empty() && form_action) action = form_action();
    if (!action.empty()) {
      if (auto it = form_actions_.find(action); it != form_actions_.end())
        return RouteMatch{it->second.service, CE_ROUTE_FORM_ACTION, it->second.value};
    }
  }
  // The fallback takes what names no service, never a request that names one nobody claimed
  // (signed for "dynamodb", an X-Amz-Target, a query Action): that one gets the host's 501.
  if (fallback_ && in.signing_service.empty() && in.target.empty() && in.query_action.empty())
    return RouteMatch{fallback_->service, CE_ROUTE_FALLBACK, fallback_->value};
  return std::nullopt;
}

}  // namespace ce::host
