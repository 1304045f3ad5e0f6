// CreateGroup, GetGroup, DeleteGroup, ListGroups, and membership: AddUserToGroup,
// RemoveUserFromGroup, ListGroupsForUser. A membership is kept on both sides (group.members,
// user.groups), written in one transaction.
#include <algorithm>

#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

void create_group(Call& c, ce::XmlWriter& w) {
  Principal group;
  group.name = checked_name(c, "GroupName", info(Kind::group).max_name);
  group.path = checked_path(c);
  group.created_ms = c.now_ms();
  group.id = new_unique_id("AGPA", c.account());
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (c.store().find(txn, Kind::group, c.account(), group.name))
      throw entity_already_exists("Group with name " + group.name + " already exists.");
    c.store().put(txn, Kind::group, c.account(), group);
  });
  write_principal_element(w, "Group", c.account(), Kind::group, group, false);
}

void get_group(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const Principal group = require_principal(c, txn, Kind::group, c.required("GroupName"));
  write_principal_element(w, "Group", c.account(), Kind::group, group, false);
  std::vector<Principal> users;
  for (const auto& name : group.members)
    if (auto u = c.store().find(txn, Kind::user, c.account(), name)) users.push_back(*u);
  std::sort(users.begin(), users.end(),
            [](const Principal& a, const Principal& b) { return lower(a.name) < lower(b.name); });
  write_page(
      c, w, "Users", users, [](const Principal& u) { return lower(u.name); },
      [&](ce::XmlWriter& out, const Principal& u) {
        write_principal_element(out, "member", c.account(), Kind::user, u, false);
      });
}

void delete_group(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("GroupName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    const Principal group = require_principal(c, txn, Kind::group, name);
    if (!group.members.empty())
      throw delete_conflict("Cannot delete entity, must remove users from group first.");
    if (!group.inline_policies.empty())
      throw delete_conflict("Cannot delete entity, must delete policies first.");
    if (!group.attached.empty())
      throw delete_conflict("Cannot delete entity, must detach all policies first.");
    c.store().erase(txn, Kind::group, c.account(), group.name);
  });
}

void list_groups(Call& c, ce::XmlWriter& w) {
  const std::string prefix = checked_path_prefix(c);
  ce::ReadTxn txn(c.svc.ctx());
  auto groups = c.store().all(txn, Kind::group, c.account());
  std::erase_if(groups, [&](const Principal& g) { return !g.path.starts_with(prefix); });
  write_page(
      c, w, "Groups", groups, [](const Principal& g) { return lower(g.name); },
      [&](ce::XmlWriter& out, const Principal& g) {
        write_principal_element(out, "member", c.account(), Kind::group, g, false);
      });
}

void add_user_to_group(Call& c, ce::XmlWriter&) {
  const std::string group_name = c.required("GroupName");
  const std::string user_name = c.required("UserName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal group = require_principal(c, txn, Kind::group, group_name);
    Principal user = require_principal(c, txn, Kind::user, user_name);
    if (std::find(group.members.begin(), group.members.end(), user.name) != group.members.end())
      return;  // adding twice is not an error
    group.members.push_back(user.name);
    user.groups.push_back(group.name);
    c.store().put(txn, Kind::group, c.account(), group);
    c.store().put(txn, Kind::user, c.account(), user);
  });
}

void remove_user_from_group(Call& c, ce::XmlWriter&) {
  const std::string group_name = c.required("GroupName");
  const std::string user_name = c.required("UserName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal group = require_principal(c, txn, Kind::group, group_name);
    Principal user = require_principal(c, txn, Kind::user, user_name);
    if (std::erase(group.members, user.name) == 0) throw entity_not_found("user", user_name);
    std::erase(user.groups, group.name);
    c.store().put(txn, Kind::group, c.account(), group);
    c.store().put(txn, Kind::user, c.account(), user);
  });
}

void list_groups_for_user(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const Principal user = require_principal(c, txn, Kind::user, c.required("UserName"));
  std::vector<Principal> groups;
  for (const auto& name : user.groups)
    if (auto g = c.store().find(txn, Kind::group, c.account(), name)) groups.push_back(*g);
  std::sort(groups.begin(), groups.end(),
            [](const Principal& a, const Principal& b) { return lower(a.name) < lower(b.name); });
  write_page(
      c, w, "Groups", groups, [](const Principal& g) { return lower(g.name); },
      [&](ce::XmlWriter& out, const Principal& g) {
        write_principal_element(out, "member", c.account(), Kind::group, g, false);
      });
}

}  // namespace

void add_group_ops(OpRegistry& ops) {
  ops.add("CreateGroup", &create_group);
  ops.add("GetGroup", &get_group);
  ops.add("DeleteGroup", &delete_group, false);
  ops.add("ListGroups", &list_groups);
  ops.add("AddUserToGroup", &add_user_to_group, false);
  ops.add("RemoveUserFromGroup", &remove_user_from_group, false);
  ops.add("ListGroupsForUser", &list_groups_for_user);
}

}  // namespace iam
