#include "routing/host_pattern.hpp"

#include <cloudemu/status.hpp>
#include <vector>

namespace ce::host {
namespace {

std::vector<std::string_view> labels(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) dot = s.size();
    out.push_back(s.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

bool match_from(const std::vector<std::string_view>& p, std::size_t pi,
                const std::vector<std::string_view>& h, std::size_t hi) {
  if (pi == p.size()) return hi == h.size();
  if (p[pi] == "*") {
    // One or more non-empty labels; backtrack over how many.
    for (std::size_t take = 1; hi + take <= h.size(); ++take) {
      if (h[hi + take - 1].empty()) return false;
      if (match_from(p, pi + 1, h, hi + take)) return true;
    }
    return false;
  }
  return hi < h.size() && ce::iequals(p[pi], h[hi]) && match_from(p, pi + 1, h, hi + 1);
}

}  // namespace

std::string_view strip_port(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    return close == std::string_view::npos ? host : host.substr(0, close + 1);
  }
  const auto colon = host.rfind(':');
  return colon == std::string_view::npos ? host : host.substr(0, colon);
}

bool host_matches(std::string_view pattern, std::string_view host) {
  host = strip_port(host);
  if (host.empty()) return false;
  return match_from(labels(pattern), 0, labels(host), 0);
}

}  // namespace ce::host
