#include "sqs_url.hpp"

#include <vector>

namespace sqs {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (;;) {
    const auto pos = s.find(sep);
    out.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return out;
    s.remove_prefix(pos + 1);
  }
}

bool looks_like_region(std::string_view label) {
  return label.find('-') != std::string_view::npos && label.size() >= 9;
}

/// The region named by a host such as sqs.eu-west-1.localhost.localstack.cloud,
/// eu-west-1.queue.localhost.localstack.cloud or sqs.eu-west-1.amazonaws.com.
std::string region_of_host(std::string_view host) {
  const auto labels = split(host.substr(0, host.find(':')), '.');
  if (labels.size() >= 3 && labels[0] == "sqs" && looks_like_region(labels[1]))
    return std::string(labels[1]);
  if (labels.size() >= 3 && labels[1] == "queue" && looks_like_region(labels[0]))
    return std::string(labels[0]);
  return {};
}

}  // namespace

std::optional<QueueAddress> parse_queue_url(std::string_view url) {
  std::string_view host;
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
    const auto slash = url.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    host = url.substr(0, slash);
    url.remove_prefix(slash);
  }
  if (const auto q = url.find('?'); q != std::string_view::npos) url = url.substr(0, q);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  const auto parts = split(url, '/');
  // "/<account>/<name>": parts are "", account, name.
  if (parts.size() != 3 || !parts[0].empty() || parts[1].empty() || parts[2].empty())
    return std::nullopt;
  return QueueAddress{std::string(parts[1]), std::string(parts[2]), region_of_host(host)};
}

std::string queue_url(std::string_view host, std::string_view account, std::string_view name) {
  return "http://" + std::string(host.empty() ? "localhost:4566" : host) + "/" +
         std::string(account) + "/" + std::string(name);
}

std::string queue_arn(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:aws:sqs:" + std::string(region) + ":" + std::string(account) + ":" +
         std::string(name);
}

std::optional<QueueAddress> parse_queue_arn(std::string_view arn) {
  const auto parts = split(arn, ':');
  if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[3].empty() ||
      parts[4].empty() || parts[5].empty())
    return std::nullopt;
  return QueueAddress{std::string(parts[4]), std::string(parts[5]), std::string(parts[3])};
}

}  // namespace sqs
