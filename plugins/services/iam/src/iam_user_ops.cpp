// CreateUser, GetUser, UpdateUser, DeleteUser, ListUsers, and the users' permissions boundaries.
#include <cloudemu/timestamp.hpp>

#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

void create_user(Call& c, ce::XmlWriter& w) {
  Principal user;
  user.name = checked_name(c, "UserName", info(Kind::user).max_name);
  user.path = checked_path(c);
  user.tags = parse_tags(c);
  user.created_ms = c.now_ms();
  user.id = new_unique_id("AIDA", c.account());
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (c.store().find(txn, Kind::user, c.account(), user.name))
      throw entity_already_exists("User with name " + user.name + " already exists.");
    user.permissions_boundary = take_permissions_boundary(c, txn);
    c.store().put(txn, Kind::user, c.account(), user);
  });
  write_principal_element(w, "User", c.account(), Kind::user, user, true);
}

// Without UserName: the user the request's access key belongs to, or the account's root.
void get_user(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  if (const auto name = c.optional("UserName")) {
    write_principal_element(w, "User", c.account(), Kind::user,
                            require_principal(c, txn, Kind::user, *name), true);
    return;
  }
  if (const auto user = caller_user(c, txn)) {
    write_principal_element(w, "User", c.account(), Kind::user, *user, true);
    return;
  }
  w.open("User")
      .element("UserId", c.account())
      .element("Arn", "arn:aws:iam::" + c.account() + ":root")
      .element("CreateDate", ce::iso8601_seconds(0))
      .close();
}

void update_user(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("UserName");
  const auto new_name = c.optional("NewUserName");
  if (new_name) checked_name(c, "NewUserName", info(Kind::user).max_name);
  const auto new_path = c.optional("NewPath");
  if (new_path) checked_path(c, "NewPath");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal user = require_principal(c, txn, Kind::user, name);
    if (new_path) user.path = *new_path;
    if (new_name && *new_name != user.name) {
      if (lower(*new_name) != lower(user.name) &&
          c.store().find(txn, Kind::user, c.account(), *new_name))
        throw entity_already_exists("User with name " + *new_name + " already exists.");
      // Groups list their members and keys their owner by name: move them along.
      for (const auto& group_name : user.groups) {
        auto group = c.store().find(txn, Kind::group, c.account(), group_name);
        if (!group) continue;
        std::replace(group->members.begin(), group->members.end(), user.name, *new_name);
        c.store().put(txn, Kind::group, c.account(), *group);
      }
      for (const auto& key_id : user.access_keys) {
        if (auto key = c.store().find_key(txn, key_id)) {
          key->user_name = *new_name;
          c.store().put_key(txn, *key);
        }
      }
      c.store().erase(txn, Kind::user, c.account(), user.name);
      user.name = *new_name;
    }
    c.store().put(txn, Kind::user, c.account(), user);
  });
}

void delete_user(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("UserName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    const Principal user = require_principal(c, txn, Kind::user, name);
    if (!user.access_keys.empty())
      throw delete_conflict("Cannot delete entity, must delete access keys first.");
    if (!user.inline_policies.empty())
      throw delete_conflict("Cannot delete entity, must delete policies first.");
    if (!user.attached.empty())
      throw delete_conflict("Cannot delete entity, must detach all policies first.");
    if (!user.groups.empty())
      throw delete_conflict("Cannot delete entity, must remove user from all groups first.");
    if (!user.permissions_boundary.empty())
      count_policy_use(c, txn, user.permissions_boundary, -1, true);
    c.store().erase(txn, Kind::user, c.account(), user.name);
  });
}

void list_users(Call& c, ce::XmlWriter& w) {
  const std::string prefix = checked_path_prefix(c);
  ce::ReadTxn txn(c.svc.ctx());
  auto users = c.store().all(txn, Kind::user, c.account());
  std::erase_if(users, [&](const Principal& u) { return !u.path.starts_with(prefix); });
  write_page(
      c, w, "Users", users, [](const Principal& u) { return lower(u.name); },
      [&](ce::XmlWriter& out, const Principal& u) {
        write_principal_element(out, "member", c.account(), Kind::user, u, false);
      });
}

/// Put/DeleteUserPermissionsBoundary and Put/DeleteRolePermissionsBoundary.
template <Kind K>
void put_permissions_boundary(Call& c, ce::XmlWriter&) {
  const std::string name = c.required(info(K).name_param);
  c.required("PermissionsBoundary");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    if (!p.permissions_boundary.empty()) count_policy_use(c, txn, p.permissions_boundary, -1, true);
    p.permissions_boundary = take_permissions_boundary(c, txn);
    c.store().put(txn, K, c.account(), p);
  });
}

template <Kind K>
void delete_permissions_boundary(Call& c, ce::XmlWriter&) {
  const std::string name = c.required(info(K).name_param);
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal p = require_principal(c, txn, K, name);
    if (!p.permissions_boundary.empty()) count_policy_use(c, txn, p.permissions_boundary, -1, true);
    p.permissions_boundary.clear();
    c.store().put(txn, K, c.account(), p);
  });
}

}  // namespace

void add_user_ops(OpRegistry& ops) {
  ops.add("CreateUser", &create_user);
  ops.add("GetUser", &get_user);
  ops.add("UpdateUser", &update_user, false);
  ops.add("DeleteUser", &delete_user, false);
  ops.add("ListUsers", &list_users);
  ops.add("PutUserPermissionsBoundary", &put_permissions_boundary<Kind::user>, false);
  ops.add("DeleteUserPermissionsBoundary", &delete_permissions_boundary<Kind::user>, false);
  ops.add("PutRolePermissionsBoundary", &put_permissions_boundary<Kind::role>, false);
  ops.add("DeleteRolePermissionsBoundary", &delete_permissions_boundary<Kind::role>, false);
}

}  // namespace iam
