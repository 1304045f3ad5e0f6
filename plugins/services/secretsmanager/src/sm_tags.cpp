// Tag input and merging.
#include "sm_tags.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "sm_errors.hpp"
#include "sm_input.hpp"

namespace sm {

namespace {

// AWS's per-resource tag quota.
constexpr std::size_t k_max_tags = 50;

}  // namespace

std::vector<Tag> read_tags(const Json& in) {
  std::vector<Tag> out;
  const Json* tags = opt_array(in, "Tags");
  if (tags == nullptr) return out;
  for (const Json& t : *tags) {
    if (!t.is_object()) throw ce::AwsError::serialization("Unexpected value type in payload");
    Tag tag;
    tag.key = req_string(t, "Key", 1, 128);
    tag.value = opt_string(t, "Value", 0, 256).value_or("");
    out.push_back(std::move(tag));
  }
  return out;
}

void merge_tags(SecretRecord& secret, const std::vector<Tag>& tags) {
  for (const auto& t : tags) {
    bool replaced = false;
    for (auto& existing : secret.tags) {
      if (existing.key == t.key) {
        existing.value = t.value;
        replaced = true;
      }
    }
    if (!replaced) secret.tags.push_back(t);
  }
  if (secret.tags.size() > k_max_tags)
    throw err::limit_exceeded("A secret can have at most " + std::to_string(k_max_tags) + " tags.");
}

}  // namespace sm
