// Attach/Detach{User,Group,Role}Policy and ListAttached{User,Group,Role}Policies: managed
// policies attached to principals. The policy's AttachmentCount moves in the same transaction.
#include <algorithm>

#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

constexpr std::size_t k_max_attached = 10;  // PoliciesPer{User,Group,Role}, default quota

template <Kind K>
void attach_policy(Call& c, ce::XmlWriter&) {
  const KindInfo& k = info(K);
  const std::string name = c.required(k.name_param);
  const std::string text = c.required("PolicyArn");
  const PolicyArn arn = required_policy_arn(c);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    require_attachable_policy(c, txn, arn, text);
    if (std::find(p.attached.begin(), p.attached.end(), text) != p.attached.end()) return;
    if (p.attached.size() >= k_max_attached)
      throw limit_exceeded("Cannot exceed quota for PoliciesPer" + std::string(k.title) + ": 10");
    p.attached.push_back(text);
    c.store().put(txn, K, c.account(), p);
    count_policy_use(c, txn, text, 1, false);
  });
}

template <Kind K>
void detach_policy(Call& c, ce::XmlWriter&) {
  const std::string name = c.required(info(K).name_param);
  const std::string text = c.required("PolicyArn");
  required_policy_arn(c);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    if (std::erase(p.attached, text) == 0)
      throw no_such_entity("Policy " + text + " was not found.");
    c.store().put(txn, K, c.account(), p);
    count_policy_use(c, txn, text, -1, false);
  });
}

template <Kind K>
void list_attached_policies(Call& c, ce::XmlWriter& w) {
  const std::string prefix = checked_path_prefix(c);
  ce::ReadTxn txn(c.svc.ctx());
  const Principal p = require_principal(c, txn, K, c.required(info(K).name_param));
  std::vector<std::pair<std::string, std::string>> attached;  // (name, arn)
  for (const auto& text : p.attached) {
    const auto arn = parse_policy_arn(text);
    if (!arn) continue;
    // The path is what sits between "policy" and the name in the ARN.
    const std::size_t at = text.find(":policy") + 7;
    const std::string path = text.substr(at, text.size() - at - arn->name.size());
    if (path.starts_with(prefix)) attached.emplace_back(arn->name, text);
  }
  std::sort(attached.begin(), attached.end());
  write_page(
      c, w, "AttachedPolicies", attached, [](const auto& a) { return a.first; },
      [](ce::XmlWriter& out, const auto& a) {
        out.open("member").element("PolicyName", a.first).element("PolicyArn", a.second).close();
      });
}

template <Kind K>
void add_attached_for(OpRegistry& ops) {
  const std::string title(info(K).title);
  ops.add("Attach" + title + "Policy", &attach_policy<K>, false);
  ops.add("Detach" + title + "Policy", &detach_policy<K>, false);
  ops.add("ListAttached" + title + "Policies", &list_attached_policies<K>);
}

}  // namespace

void add_attached_policy_ops(OpRegistry& ops) {
  add_attached_for<Kind::user>(ops);
  add_attached_for<Kind::group>(ops);
  add_attached_for<Kind::role>(ops);
}

}  // namespace iam
