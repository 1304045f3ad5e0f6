// GetSubscriptionAttributes, SetSubscriptionAttributes.
#include "sns_errors.hpp"
#include "sns_ops.hpp"
#include "sns_service.hpp"
#include "sns_subscription_attributes.hpp"

namespace sns {

namespace {

SubscriptionRef subscription_ref(Call& c) {
  const auto ref = parse_subscription_arn(c.required("SubscriptionArn"));
  if (!ref) throw invalid_parameter("SubscriptionArn");
  return *ref;
}

void get_subscription_attributes(Call& c, ce::XmlWriter& w) {
  const SubscriptionRef ref = subscription_ref(c);
  ce::ReadTxn txn(c.svc.ctx());
  const auto sub = c.svc.store().find_subscription(txn, ref);
  if (!sub) throw subscription_not_found();
  w.open("Attributes");
  write_attribute_map(w, reported_subscription_attributes(*sub));
  w.close();
}

void set_subscription_attributes(Call& c, ce::XmlWriter&) {
  const SubscriptionRef ref = subscription_ref(c);
  const std::string name = c.required("AttributeName");
  if (!known_subscription_attribute(name)) throw invalid_parameter("AttributeName");
  const std::string value = c.optional("AttributeValue").value_or("");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    auto sub = c.svc.store().find_subscription(txn, ref);
    if (!sub) throw subscription_not_found();
    // Checked together with the rest: a new scope must suit the current policy and vice versa.
    AttributeMap merged = sub->attributes;
    merged[name] = value;
    sub->attributes = checked_subscription_attributes(merged, sub->protocol);
    c.svc.store().put_subscription(txn, *sub);
  });
}

}  // namespace

void add_subscription_attribute_ops(OpRegistry& ops) {
  ops.add("GetSubscriptionAttributes", &get_subscription_attributes);
  ops.add("SetSubscriptionAttributes", &set_subscription_attributes, false);
}

}  // namespace sns
