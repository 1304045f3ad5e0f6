// TagResource, UntagResource.
#include <algorithm>
#include <cloudemu/storage.hpp>

#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"
#include "sm_tags.hpp"

namespace sm {

namespace {

Json tag_resource(Call& call) {
  if (opt_array(call.input, "Tags") == nullptr)
    fail_constraint("Tags", "null", "Member must not be null");
  const std::vector<Tag> tags = read_tags(call.input);
  ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) {
    SecretRecord secret = resolve_live_secret(call, txn);
    merge_tags(secret, tags);
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
  });
  return Json::object();
}

Json untag_resource(Call& call) {
  const auto keys = opt_string_list(call.input, "TagKeys", 0, 0, 1, 128);
  if (!keys) fail_constraint("TagKeys", "null", "Member must not be null");
  ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) {
    SecretRecord secret = resolve_live_secret(call, txn);
    std::erase_if(secret.tags, [&](const Tag& t) {
      return std::find(keys->begin(), keys->end(), t.key) != keys->end();
    });
    secret.last_changed_ms = call.now_ms();
    call.store().put(txn, secret);
  });
  return Json::object();
}

}  // namespace

void add_tag_ops(OpRegistry& ops) {
  ops.add("TagResource", &tag_resource);
  ops.add("UntagResource", &untag_resource);
}

}  // namespace sm
