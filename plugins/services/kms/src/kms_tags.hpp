// Tags of a key as KMS takes them ([{"TagKey": .., "TagValue": ..}]), shared by CreateKey and
// TagResource.
#pragma once
#include <map>
#include <string>

#include "kms_ops.hpp"

namespace kms {

/// The Tags member, validated (key 1..128, value 0..256 characters, no "aws:" prefix).
std::map<std::string, std::string> read_tags(const Json& in);

}  // namespace kms
