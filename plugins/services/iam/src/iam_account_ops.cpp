// Account-level reads: ListAccountAliases (none are kept: an alias cannot be created yet).
#include "iam_service.hpp"

namespace iam {

namespace {

void list_account_aliases(Call&, ce::XmlWriter& w) {
  w.empty_element("AccountAliases").element("IsTruncated", "false");
}

}  // namespace

void add_account_ops(OpRegistry& ops) {
  ops.add("ListAccountAliases", &list_account_aliases);
}

}  // namespace iam
