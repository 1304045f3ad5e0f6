// Topic and subscription ARNs (sns_arn.hpp).
#include "sns_arn.hpp"

#include <openssl/rand.h>

#include <cstdio>
#include <stdexcept>
#include <vector>

namespace sns {

std::string TopicRef::arn() const {
  return topic_arn(region, account, name);
}

std::string SubscriptionRef::arn() const {
  return topic.arn() + ":" + id;
}

std::string topic_arn(std::string_view region, std::string_view account, std::string_view name) {
  return "arn:aws:sns:" + std::string(region) + ":" + std::string(account) + ":" +
         std::string(name);
}

std::optional<Arn> parse_arn(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return std::nullopt;
    parts.emplace_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn" || parts[1].empty() || parts[2].empty()) return std::nullopt;
  return Arn{parts[1], parts[2], parts[3], parts[4], std::string(text.substr(start))};
}

std::optional<TopicRef> parse_topic_arn(std::string_view text) {
  auto arn = parse_arn(text);
  if (!arn || arn->service != "sns" || arn->region.empty() || arn->account.empty() ||
      arn->resource.empty() || arn->resource.find(':') != std::string::npos)
    return std::nullopt;
  return TopicRef{arn->region, arn->account, arn->resource};
}

std::optional<SubscriptionRef> parse_subscription_arn(std::string_view text) {
  auto arn = parse_arn(text);
  if (!arn || arn->service != "sns" || arn->region.empty() || arn->account.empty())
    return std::nullopt;
  const std::size_t colon = arn->resource.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == arn->resource.size() ||
      arn->resource.find(':', colon + 1) != std::string::npos)
    return std::nullopt;
  return SubscriptionRef{TopicRef{arn->region, arn->account, arn->resource.substr(0, colon)},
                         arn->resource.substr(colon + 1)};
}

bool valid_topic_name(std::string_view name, bool fifo) {
  if (name.empty() || name.size() > 256) return false;
  std::string_view base = name;
  if (fifo) {
    if (!name.ends_with(".fifo")) return false;
    base = name.substr(0, name.size() - 5);
    if (base.empty()) return false;
  }
  for (const char c : base) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string random_uuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw std::runtime_error("RAND_bytes failed");
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace sns
