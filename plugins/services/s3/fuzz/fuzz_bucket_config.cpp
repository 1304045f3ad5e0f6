// The S3 configuration parsers and validators (every bucket subresource kind, ACL bodies, tagging
// documents, policy status): any bytes are accepted or refused with an AwsError, never crash or
// throw anything else, and an accepted document is a fixed point (normalizing what we stored
// gives it back), since GET answers it and clients PUT it again.
//
// Input: one selector byte, then the body.
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "s3_bucket_config.hpp"
#include "s3_tagging.hpp"

namespace {

template <typename Fn>
void refused_ok(Fn&& fn) {
  try {
    fn();
  } catch (const ce::AwsError&) {
    // Refusing input is fine; anything else propagates and libFuzzer reports it.
  }
}

void check_kind(const s3::config::ConfigKind& kind, std::string_view body) {
  refused_ok([&] {
    const std::string doc = kind.normalize(body);
    if (kind.normalize(doc) != doc) std::abort();
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto kinds = s3::config::kinds();
  const std::size_t selector = data[0] % (kinds.size() + 3);
  if (selector < kinds.size()) {
    check_kind(*kinds[selector], body);
  } else if (selector == kinds.size()) {
    refused_ok([&] {
      const std::string doc = s3::config::render_acl(s3::config::parse_acl(body));
      if (s3::config::render_acl(s3::config::parse_acl(doc)) != doc) std::abort();
    });
  } else if (selector == kinds.size() + 1) {
    refused_ok([&] {
      const s3::Tags tags = s3::parse_tagging(body, s3::TagScope::bucket);
      if (s3::parse_tagging(s3::render_tagging(tags), s3::TagScope::bucket) != tags) std::abort();
    });
  } else {
    (void)s3::config::policy_is_public(body);
  }
  return 0;
}
