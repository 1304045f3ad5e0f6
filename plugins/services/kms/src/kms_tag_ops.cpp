// TagResource, UntagResource, ListResourceTags.
#include <cloudemu/storage.hpp>

#include "kms_errors.hpp"
#include "kms_input.hpp"
#include "kms_keys.hpp"
#include "kms_service.hpp"
#include "kms_tags.hpp"

namespace kms {

namespace {

constexpr std::size_t k_max_tags = 50;

Json tag_resource(Call& call) {
  if (!call.input.contains("Tags")) fail_constraint("Tags", "null", "Member must not be null");
  const auto tags = read_tags(call.input);
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    require_not_pending_deletion(key);
    for (const auto& [k, v] : tags) key.tags[k] = v;
    if (key.tags.size() > k_max_tags)
      throw err::make("LimitExceededException", "The request would exceed the limit of " +
                                                    std::to_string(k_max_tags) + " tags per key.");
    call.store().put_key(txn, key);
  });
  return Json::object();
}

Json untag_resource(Call& call) {
  const auto it = call.input.find("TagKeys");
  if (it == call.input.end() || it->is_null())
    fail_constraint("TagKeys", "null", "Member must not be null");
  if (!it->is_array()) throw ce::AwsError::serialization("Unexpected value type in payload");
  ce::with_write_txn(call.svc.ctx(), [&](ce::WriteTxn& txn) {
    KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
    require_not_pending_deletion(key);
    for (const Json& k : *it) key.tags.erase(k.get<std::string>());
    call.store().put_key(txn, key);
  });
  return Json::object();
}

Json list_resource_tags(Call& call) {
  const std::size_t limit = list_limit(call.input);
  const std::string marker = opt_string(call.input, "Marker", 1, 1024).value_or("");
  ce::ReadTxn txn(call.svc.ctx());
  const KeyRecord key = resolve_key_member(call, txn, "KeyId", AliasRefs::refused);
  Json tags = Json::array();
  bool more = false;
  std::string last;
  for (const auto& [k, v] : key.tags) {
    if (!marker.empty() && k <= marker) continue;
    if (tags.size() == limit) {
      more = true;
      break;
    }
    tags.push_back({{"TagKey", k}, {"TagValue", v}});
    last = k;
  }
  Json out = {{"Tags", tags}, {"Truncated", more}};
  if (more) out["NextMarker"] = last;
  return out;
}

}  // namespace

void add_tag_ops(OpRegistry& ops) {
  ops.add("TagResource", &tag_resource);
  ops.add("UntagResource", &untag_resource);
  ops.add("ListResourceTags", &list_resource_tags);
}

}  // namespace kms
