// Tags as Secrets Manager takes them ([{"Key": .., "Value": ..}]), shared by CreateSecret and
// TagResource.
#pragma once
#include <string>
#include <vector>

#include "sm_ops.hpp"
#include "sm_store.hpp"

namespace sm {

/// The Tags member (key 1..128, value 0..256 characters); empty when absent.
std::vector<Tag> read_tags(const Json& in);
/// Sets each tag on the secret: a key it already has gets the new value in place.
void merge_tags(SecretRecord& secret, const std::vector<Tag>& tags);

}  // namespace sm
