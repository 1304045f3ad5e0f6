// Put/Get/Delete/List{User,Group,Role}Policy/Policies: inline policies, one set of handlers for
// the three principal kinds.
#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_policy_document.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

template <Kind K>
void put_inline_policy(Call& c, ce::XmlWriter&) {
  const KindInfo& k = info(K);
  const std::string name = c.required(k.name_param);
  const std::string policy_name = checked_name(c, "PolicyName", 128);
  const std::string document = c.required("PolicyDocument");
  check_policy(document, PolicyUse::identity);
  if (policy_size(document) > k.inline_policy_limit)
    throw limit_exceeded("Maximum policy size of " + std::to_string(k.inline_policy_limit) +
                         " bytes exceeded for " + std::string(k.noun) + " " + name);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    p.inline_policies[policy_name] = document;
    c.store().put(txn, K, c.account(), p);
  });
}

template <Kind K>
void get_inline_policy(Call& c, ce::XmlWriter& w) {
  const KindInfo& k = info(K);
  const std::string policy_name = c.required("PolicyName");
  ce::ReadTxn txn(c.svc.ctx());
  const Principal p = require_principal(c, txn, K, c.required(k.name_param));
  const auto it = p.inline_policies.find(policy_name);
  if (it == p.inline_policies.end())
    throw no_such_entity("The " + std::string(k.noun) + " policy with name " + policy_name +
                         " cannot be found.");
  w.element(k.name_param, p.name)
      .element("PolicyName", it->first)
      .element("PolicyDocument", encoded_document(it->second));
}

template <Kind K>
void delete_inline_policy(Call& c, ce::XmlWriter&) {
  const KindInfo& k = info(K);
  const std::string name = c.required(k.name_param);
  const std::string policy_name = c.required("PolicyName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    if (p.inline_policies.erase(policy_name) == 0)
      throw no_such_entity("The " + std::string(k.noun) + " policy with name " + policy_name +
                           " cannot be found.");
    c.store().put(txn, K, c.account(), p);
  });
}

template <Kind K>
void list_inline_policies(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const Principal p = require_principal(c, txn, K, c.required(info(K).name_param));
  std::vector<std::string> names;
  for (const auto& [name, doc] : p.inline_policies) names.push_back(name);
  write_page(
      c, w, "PolicyNames", names, [](const std::string& n) { return n; },
      [](ce::XmlWriter& out, const std::string& n) { out.element("member", n); });
}

template <Kind K>
void add_inline_for(OpRegistry& ops) {
  const std::string title(info(K).title);
  ops.add("Put" + title + "Policy", &put_inline_policy<K>, false);
  ops.add("Get" + title + "Policy", &get_inline_policy<K>);
  ops.add("Delete" + title + "Policy", &delete_inline_policy<K>, false);
  ops.add("List" + title + "Policies", &list_inline_policies<K>);
}

}  // namespace

void add_inline_policy_ops(OpRegistry& ops) {
  add_inline_for<Kind::user>(ops);
  add_inline_for<Kind::group>(ops);
  add_inline_for<Kind::role>(ops);
}

}  // namespace iam
