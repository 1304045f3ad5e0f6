// CreateRole, GetRole, DeleteRole, ListRoles, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy, and service-linked roles.
#include <charconv>

#include "iam_common.hpp"
#include "iam_errors.hpp"
#include "iam_listing.hpp"
#include "iam_policy_document.hpp"
#include "iam_service.hpp"
#include "iam_xml.hpp"

namespace iam {

namespace {

constexpr std::size_t k_trust_policy_limit = 2048;  // ACLSizePerRole, default quota
constexpr std::size_t k_max_description = 1000;

std::string checked_trust_policy(const Call& c, std::string_view param) {
  const std::string doc = c.required(param);
  check_policy(doc, PolicyUse::trust);
  if (policy_size(doc) > k_trust_policy_limit)
    throw limit_exceeded("Cannot exceed quota for ACLSizePerRole: 2048");
  return doc;
}

std::optional<std::string> checked_description(const Call& c) {
  auto d = c.optional("Description");
  if (d && d->size() > k_max_description)
    throw constraint_error(*d, "description", "Member must have length less than or equal to 1000");
  return d;
}

std::optional<int64_t> checked_max_session(const Call& c) {
  const auto text = c.optional("MaxSessionDuration");
  if (!text) return std::nullopt;
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 3600 || v > 43200)
    throw ce::AwsError::validation_error(
        "The requested MaxSessionDuration (" + *text +
        ") is out of range. Valid values are between 3600 and 43200 seconds.");
  return v;
}

Principal new_role(const Call& c, std::string name, std::string path) {
  Principal role;
  role.name = std::move(name);
  role.path = std::move(path);
  role.created_ms = c.now_ms();
  role.id = new_unique_id("AROA", c.account());
  return role;
}

void store_new_role(const Call& c, Principal& role, bool with_boundary) {
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (c.store().find(txn, Kind::role, c.account(), role.name))
      throw entity_already_exists("Role with name " + role.name + " already exists.");
    if (with_boundary) role.permissions_boundary = take_permissions_boundary(c, txn);
    c.store().put(txn, Kind::role, c.account(), role);
  });
}

void create_role(Call& c, ce::XmlWriter& w) {
  Principal role =
      new_role(c, checked_name(c, "RoleName", info(Kind::role).max_name), checked_path(c));
  role.assume_role_policy = checked_trust_policy(c, "AssumeRolePolicyDocument");
  role.description = checked_description(c).value_or("");
  role.max_session_duration = checked_max_session(c).value_or(3600);
  role.tags = parse_tags(c);
  store_new_role(c, role, true);
  write_principal_element(w, "Role", c.account(), Kind::role, role, true);
}

void get_role(Call& c, ce::XmlWriter& w) {
  ce::ReadTxn txn(c.svc.ctx());
  write_principal_element(w, "Role", c.account(), Kind::role,
                          require_principal(c, txn, Kind::role, c.required("RoleName")), true);
}

void delete_role_named(const Call& c, const std::string& name) {
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    const Principal role = require_principal(c, txn, Kind::role, name);
    for (const auto& profile : c.store().all_profiles(txn, c.account())) {
      for (const auto& r : profile.roles)
        if (lower(r) == lower(role.name))
          throw delete_conflict(
              "Cannot delete entity, must remove roles from instance profile first.");
    }
    if (!role.inline_policies.empty())
      throw delete_conflict("Cannot delete entity, must delete policies first.");
    if (!role.attached.empty())
      throw delete_conflict("Cannot delete entity, must detach all policies first.");
    if (!role.permissions_boundary.empty())
      count_policy_use(c, txn, role.permissions_boundary, -1, true);
    c.store().erase(txn, Kind::role, c.account(), role.name);
  });
}

void delete_role(Call& c, ce::XmlWriter&) {
  delete_role_named(c, c.required("RoleName"));
}

void list_roles(Call& c, ce::XmlWriter& w) {
  const std::string prefix = checked_path_prefix(c);
  ce::ReadTxn txn(c.svc.ctx());
  auto roles = c.store().all(txn, Kind::role, c.account());
  std::erase_if(roles, [&](const Principal& r) { return !r.path.starts_with(prefix); });
  write_page(
      c, w, "Roles", roles, [](const Principal& r) { return lower(r.name); },
      [&](ce::XmlWriter& out, const Principal& r) {
        write_principal_element(out, "member", c.account(), Kind::role, r, false);
      });
}

Principal update_role_fields(const Call& c) {
  const std::string name = c.required("RoleName");
  const auto description = checked_description(c);
  const auto max_session = checked_max_session(c);
  return ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal role = require_principal(c, txn, Kind::role, name);
    if (description) role.description = *description;
    if (max_session) role.max_session_duration = *max_session;
    c.store().put(txn, Kind::role, c.account(), role);
    return role;
  });
}

void update_role(Call& c, ce::XmlWriter&) {
  update_role_fields(c);
}

void update_role_description(Call& c, ce::XmlWriter& w) {
  c.required("Description");
  write_principal_element(w, "Role", c.account(), Kind::role, update_role_fields(c), true);
}

void update_assume_role_policy(Call& c, ce::XmlWriter&) {
  const std::string name = c.required("RoleName");
  const std::string doc = checked_trust_policy(c, "PolicyDocument");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    Principal role = require_principal(c, txn, Kind::role, name);
    role.assume_role_policy = doc;
    c.store().put(txn, Kind::role, c.account(), role);
  });
}

/// "elasticbeanstalk.amazonaws.com" -> "ElasticBeanstalk"-like: the first label, capitalised.
/// Real service-linked role names are chosen per service; this is the common shape.
std::string service_role_suffix(std::string_view service) {
  std::string label(service.substr(0, service.find('.')));
  bool upper = true;
  std::string out;
  for (const char ch : label) {
    if (ch == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
    upper = false;
  }
  return out;
}

void create_service_linked_role(Call& c, ce::XmlWriter& w) {
  const std::string service = c.required("AWSServiceName");
  if (service.find('.') == std::string::npos)
    throw invalid_input("Invalid service name: " + service);
  std::string name = "AWSServiceRoleFor" + service_role_suffix(service);
  if (const auto suffix = c.optional("CustomSuffix"); suffix && !suffix->empty())
    name += "_" + *suffix;
  Principal role = new_role(c, name, "/aws-service-role/" + service + "/");
  role.assume_role_policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":[")" +
      service + R"("]},"Action":["sts:AssumeRole"]}]})";
  role.description = checked_description(c).value_or("");
  ce::with_write_txn(c.svc.ctx(), [&](ce::WriteTxn& txn) {
    if (c.store().find(txn, Kind::role, c.account(), role.name))
      throw invalid_input("Service role name " + role.name +
                          " has been taken in this account, please try a different suffix.");
    c.store().put(txn, Kind::role, c.account(), role);
  });
  write_principal_element(w, "Role", c.account(), Kind::role, role, false);
}

// Deletion is immediate here; the task id only has to be answerable by the status call.
void delete_service_linked_role(Call& c, ce::XmlWriter& w) {
  const std::string name = c.required("RoleName");
  std::string path;
  {
    ce::ReadTxn txn(c.svc.ctx());
    path = require_principal(c, txn, Kind::role, name).path;
  }
  delete_role_named(c, name);
  w.element("DeletionTaskId", "task" + path + name + "/" + new_unique_id("", c.account()));
}

void get_service_linked_role_deletion_status(Call& c, ce::XmlWriter& w) {
  c.required("DeletionTaskId");
  w.element("Status", "SUCCEEDED");
}

}  // namespace

void add_role_ops(OpRegistry& ops) {
  ops.add("CreateRole", &create_role);
  ops.add("GetRole", &get_role);
  ops.add("DeleteRole", &delete_role, false);
  ops.add("ListRoles", &list_roles);
  ops.add("UpdateRole", &update_role);
  ops.add("UpdateRoleDescription", &update_role_description);
  ops.add("UpdateAssumeRolePolicy", &update_assume_role_policy, false);
  ops.add("CreateServiceLinkedRole", &create_service_linked_role);
  ops.add("DeleteServiceLinkedRole", &delete_service_linked_role);
  ops.add("GetServiceLinkedRoleDeletionStatus", &get_service_linked_role_deletion_status);
}

}  // namespace iam
