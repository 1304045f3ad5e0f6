// Virtual-hosted and path-style addressing (S3 user guide, "Virtual hosting of buckets").
#include "s3_addressing.hpp"

#include <cloudemu/url.hpp>

#include "s3_text.hpp"

namespace s3 {

namespace {

std::string_view strip_port(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto end = host.find(']');
    return end == std::string_view::npos ? host : host.substr(0, end + 1);
  }
  const auto colon = host.rfind(':');
  return colon == std::string_view::npos ? host : host.substr(0, colon);
}
}  // namespace

std::optional<std::string> bucket_from_host(std::string_view raw_host) {
  const std::string host = ascii_lower(strip_port(raw_host));
  // "<bucket>.s3.<region>.amazonaws.com", "<bucket>.s3.localhost.localstack.cloud",
  // "<bucket>.s3-<region>.amazonaws.com", "<bucket>.s3-website...": the bucket is everything
  // before the first label that is "s3" or starts with "s3-" (bucket names may hold dots).
  std::size_t label = 0;
  while (label < host.size()) {
    const std::size_t dot = host.find('.', label);
    const std::string_view name = std::string_view(host).substr(
        label, dot == std::string::npos ? std::string::npos : dot - label);
    if (dot == std::string::npos) break;
    if (label > 0 && (name == "s3" || name.substr(0, 3) == "s3-")) return host.substr(0, label - 1);
    label = dot + 1;
  }
  constexpr std::string_view k_localhost = ".localhost";
  if (host.size() > k_localhost.size() &&
      host.compare(host.size() - k_localhost.size(), k_localhost.size(), k_localhost) == 0)
    return host.substr(0, host.size() - k_localhost.size());
  return std::nullopt;
}

std::optional<Address> parse_address(std::string_view host, std::string_view raw_path) {
  Address a;
  std::string_view path = raw_path;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (auto vbucket = bucket_from_host(host)) {
    a.bucket = std::move(*vbucket);
  } else {
    const auto slash = path.find('/');
    const auto bucket = ce::percent_decode(path.substr(0, slash), false);
    if (!bucket) return std::nullopt;
    a.bucket = std::move(*bucket);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  if (!path.empty()) {
    auto key = ce::percent_decode(path, false);
    if (!key) return std::nullopt;
    a.key = std::move(*key);
    a.has_key = true;
  }
  return a;
}

}  // namespace s3
