// CreateInstanceProfile, GetInstanceProfile, DeleteInstanceProfile, ListInstanceProfiles,
// AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile, ListInstanceProfilesForRole.
#include <algorithm>

#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

constexpr std::size_t k_max_roles_per_profile = 1;

InstanceProfileRecord require_profile(const Call& c, ce::Txn& txn, const std::string& name) {
  auto p = c.store().find_profile(txn, c.account(), name);
  if (!p) throw entity_not_found("Instance Profile", name);
  return std::move(*p);
}

std::vector<Principal> roles_of(const Call& c, ce::Txn& txn, const InstanceProfileRecord& p) {
  std::vector<Principal> roles;
  for (const auto& name : p.roles)
    if (auto r = c.store().find(txn, Kind::role, c.account(), name)) roles.push_back(*r);
  return roles;
}

void write_profile_element(const Call& c, ce::Txn& txn, ce::XmlWriter& w, std::string_view tag,
                           const InstanceProfileRecord& p) {
  w.open(tag);
  write_instance_profile(w, c.account(), p, roles_of(c, txn, p));
  w.close();
}

void create_instance_profile(Call& c, ce::XmlWriter& w) {
  InstanceProfileRecord p;
  p.name = checked_name(c, "InstanceProfileName", 128);
  p.path = checked_path(c);
  p.tags = parse_tags(c);
  p.id = new_unique_id("AIPA", c.account());
  p.created_ms = c.now_ms();
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (c.store().find_profile(txn, c.account(), p.name))
      throw entity_already_exists("Instance Profile " + p.name + " already exists.");
    c.store().put_profile(txn, c.account(), p);
  });
  ce::ReadTxn txn(c.svc.ctx());
  write_profile_element(c, txn, w, "InstanceProfile", p);
}

void get_instance_profile(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  write_profile_element(c, txn, w, "InstanceProfile",
                        require_profile(c, txn, c.required("InstanceProfileName")));
}

void delete_instance_profile(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("InstanceProfileName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    const InstanceProfileRecord p = require_profile(c, txn, name);
    if (!p.roles.empty())
      throw delete_conflict("Cannot delete entity, must remove roles from instance profile first.");
    c.store().erase_profile(txn, c.account(), p.name);
  });
}

void list_instance_profiles(Call& c, ce::XmlWriter& w) {
  const std::string prefix = checked_path_prefix(c);
  ce::ReadTxn txn(c.svc.ctx());
  auto profiles = c.store().all_profiles(txn, c.account());
  std::erase_if(profiles,
                [&](const InstanceProfileRecord& p) { return !p.path.starts_with(prefix); });
  write_page(
      c, w, "InstanceProfiles", profiles,
      [](const InstanceProfileRecord& p) { return lower(p.name); },
      [&](ce::XmlWriter& out, const InstanceProfileRecord& p) {
        write_profile_element(c, txn, out, "member", p);
      });
}

void add_role_to_instance_profile(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("InstanceProfileName");
  const std::string role_name = c.required("RoleName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    InstanceProfileRecord p = require_profile(c, txn, name);
    const Principal role = require_principal(c, txn, Kind::role, role_name);
    if (p.roles.size() >= k_max_roles_per_profile)
      throw limit_exceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    p.roles.push_back(role.name);
    c.store().put_profile(txn, c.account(), p);
  });
}

void remove_role_from_instance_profile(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("InstanceProfileName");
  const std::string role_name = c.required("RoleName");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    InstanceProfileRecord p = require_profile(c, txn, name);
    if (std::erase_if(p.roles,
                      [&](const std::string& r) { return lower(r) == lower(role_name); }) == 0)
      throw entity_not_found("role", role_name);
    c.store().put_profile(txn, c.account(), p);
  });
}

void list_instance_profiles_for_role(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  const Principal role = require_principal(c, txn, Kind::role, c.required("RoleName"));
  auto profiles = c.store().all_profiles(txn, c.account());
  std::erase_if(profiles, [&](const InstanceProfileRecord& p) {
    return std::none_of(p.roles.begin(), p.roles.end(),
                        [&](const std::string& r) { return lower(r) == lower(role.name); });
  });
  write_page(
      c, w, "InstanceProfiles", profiles,
      [](const InstanceProfileRecord& p) { return lower(p.name); },
      [&](ce::XmlWriter& out, const InstanceProfileRecord& p) {
        write_profile_element(c, txn, out, "member", p);
      });
}

}  // namespace

void add_instance_profile_ops(OpRegistry& ops) {
  ops.add("CreateInstanceProfile", &create_instance_profile);
  ops.add("GetInstanceProfile", &get_instance_profile);
  ops.add("DeleteInstanceProfile", &delete_instance_profile, false);
  ops.add("ListInstanceProfiles", &list_instance_profiles);
  ops.add("AddRoleToInstanceProfile", &add_role_to_instance_profile, false);
  ops.add("RemoveRoleFromInstanceProfile", &remove_role_from_instance_profile, false);
  ops.add("ListInstanceProfilesForRole", &list_instance_profiles_for_role);
}

}  // namespace iam
