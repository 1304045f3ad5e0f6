// Users, groups, roles and instance profiles: create, read, change, delete, and the conflicts
// IAM reports on the way.
#include <cloudemu/aws_ids.hpp>
#include <cloudemu/url.hpp>

#include "iam_fixture.hpp"

namespace {

const std::string k_trust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
const std::string k_allow_s3 =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";

}  // namespace

TEST_CASE("a role is created with its trust policy and read back", "[iam][role]") {
  IamFixture f;
  f.account = "123456789012";
  const std::string body = f.ok("CreateRole", {{"RoleName", "app-role"},
                                               {"Path", "/service/"},
                                               {"AssumeRolePolicyDocument", k_trust},
                                               {"Description", "for the app"},
                                               {"MaxSessionDuration", "7200"},
                                               {"Tags.member.1.Key", "team"},
                                               {"Tags.member.1.Value", "blue"}});
  CHECK(xml_one(body, "Arn") == "arn:aws:iam::123456789012:role/service/app-role");
  const std::string id = xml_one(body, "RoleId");
  CHECK(id.starts_with("AROA"));
  CHECK(id.size() == 21);
  CHECK(xml_one(body, "CreateDate") == "2023-11-14T22:13:20Z");

  const std::string got = f.ok("GetRole", {{"RoleName", "APP-ROLE"}});  // names ignore case
  CHECK(xml_one(got, "RoleId") == id);
  CHECK(ce::percent_decode(xml_one(got, "AssumeRolePolicyDocument"), false) == k_trust);
  CHECK(xml_one(got, "MaxSessionDuration") == "7200");
  CHECK(xml_one(got, "Description") == "for the app");
  CHECK(xml_one(got, "Value") == "blue");

  auto e = f.fail("CreateRole", {{"RoleName", "app-role"}, {"AssumeRolePolicyDocument", k_trust}});
  CHECK(e.status == 409);
  CHECK(e.code == "EntityAlreadyExists");
  CHECK(e.message == "Role with name app-role already exists.");
  e = f.fail("GetRole", {{"RoleName", "nope"}});
  CHECK(e.status == 404);
  CHECK(e.code == "NoSuchEntity");
  CHECK(e.message == "The role with name nope cannot be found.");
}

TEST_CASE("a role with policies or an instance profile cannot be deleted", "[iam][role]") {
  IamFixture f;
  f.ok("CreateRole", {{"RoleName", "r"}, {"AssumeRolePolicyDocument", k_trust}});
  const std::string arn =
      xml_one(f.ok("CreatePolicy", {{"PolicyName", "p"}, {"PolicyDocument", k_allow_s3}}), "Arn");
  f.ok("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  f.ok("PutRolePolicy",
       {{"RoleName", "r"}, {"PolicyName", "inline"}, {"PolicyDocument", k_allow_s3}});
  f.ok("CreateInstanceProfile", {{"InstanceProfileName", "ip"}});
  f.ok("AddRoleToInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});

  CHECK(f.fail("DeleteRole", {{"RoleName", "r"}}).message ==
        "Cannot delete entity, must remove roles from instance profile first.");
  CHECK(xml_one(f.ok("ListInstanceProfilesForRole", {{"RoleName", "r"}}), "InstanceProfileName") ==
        "ip");
  f.ok("RemoveRoleFromInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  CHECK(f.fail("DeleteRole", {{"RoleName", "r"}}).message ==
        "Cannot delete entity, must delete policies first.");
  f.ok("DeleteRolePolicy", {{"RoleName", "r"}, {"PolicyName", "inline"}});
  const auto e = f.fail("DeleteRole", {{"RoleName", "r"}});
  CHECK(e.code == "DeleteConflict");
  CHECK(e.message == "Cannot delete entity, must detach all policies first.");
  CHECK(f.fail("DeletePolicy", {{"PolicyArn", arn}}).message ==
        "Cannot delete a policy attached to entities.");
  CHECK(xml_one(f.ok("GetPolicy", {{"PolicyArn", arn}}), "AttachmentCount") == "1");
  f.ok("DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  f.ok("DeleteRole", {{"RoleName", "r"}});
  f.ok("DeletePolicy", {{"PolicyArn", arn}});
  f.ok("DeleteInstanceProfile", {{"InstanceProfileName", "ip"}});
}

TEST_CASE("users, groups and membership", "[iam][user][group]") {
  IamFixture f;
  const std::string user = f.ok("CreateUser", {{"UserName", "alice"}});
  CHECK(xml_one(user, "UserId").starts_with("AIDA"));
  CHECK(xml_one(user, "Arn") == "arn:aws:iam::000000000000:user/alice");
  CHECK(xml_one(f.ok("CreateGroup", {{"GroupName", "devs"}}), "GroupId").starts_with("AGPA"));
  f.ok("AddUserToGroup", {{"GroupName", "devs"}, {"UserName", "alice"}});
  const std::string group = f.ok("GetGroup", {{"GroupName", "devs"}});
  CHECK(IamFixture::all(group, "UserName") == std::vector<std::string>{"alice"});
  CHECK(xml_one(f.ok("ListGroupsForUser", {{"UserName", "alice"}}), "GroupName") == "devs");
  CHECK(f.fail("DeleteGroup", {{"GroupName", "devs"}}).message ==
        "Cannot delete entity, must remove users from group first.");
  CHECK(f.fail("DeleteUser", {{"UserName", "alice"}}).code == "DeleteConflict");
  f.ok("RemoveUserFromGroup", {{"GroupName", "devs"}, {"UserName", "alice"}});
  f.ok("DeleteGroup", {{"GroupName", "devs"}});
  f.ok("DeleteUser", {{"UserName", "alice"}});
  CHECK(f.fail("GetUser", {{"UserName", "alice"}}).message ==
        "The user with name alice cannot be found.");
}

TEST_CASE("access keys encode the account and identify their user", "[iam][keys]") {
  IamFixture f;
  f.account = "210987654321";
  f.ok("CreateUser", {{"UserName", "bob"}});
  const std::string body = f.ok("CreateAccessKey", {{"UserName", "bob"}});
  const std::string key = xml_one(body, "AccessKeyId");
  CHECK(key.starts_with("AKIA"));
  CHECK(ce::account_for_access_key(key) == "210987654321");
  CHECK(xml_one(body, "SecretAccessKey").size() == 40);
  f.ok("CreateAccessKey", {{"UserName", "bob"}});
  const auto e = f.fail("CreateAccessKey", {{"UserName", "bob"}});
  CHECK(e.code == "LimitExceeded");
  CHECK(e.message == "Cannot exceed quota for AccessKeysPerUser: 2");

  f.use_key(key, "210987654321");
  CHECK(xml_one(f.ok("GetUser"), "UserName") == "bob");
  CHECK(IamFixture::all(f.ok("ListAccessKeys"), "AccessKeyId").size() == 2);
  f.ok("UpdateAccessKey", {{"AccessKeyId", key}, {"Status", "Inactive"}});
  CHECK(xml_one(f.ok("GetAccessKeyLastUsed", {{"AccessKeyId", key}}), "ServiceName") == "N/A");
  f.ok("DeleteAccessKey", {{"AccessKeyId", key}});
  CHECK(f.fail("DeleteAccessKey", {{"AccessKeyId", key}, {"UserName", "bob"}}).message ==
        "The Access Key with id " + key + " cannot be found.");

  f.use_key("210987654321", "210987654321");
  CHECK(xml_one(f.ok("GetUser"), "Arn") == "arn:aws:iam::210987654321:root");
}

TEST_CASE("state is per account", "[iam]") {
  IamFixture f;
  f.account = "111111111111";
  f.ok("CreateUser", {{"UserName", "same"}});
  f.account = "222222222222";
  f.ok("CreateUser", {{"UserName", "same"}});
  CHECK(IamFixture::all(f.ok("ListUsers"), "UserName").size() == 1);
}

TEST_CASE("service-linked roles and tags", "[iam][role][tags]") {
  IamFixture f;
  const std::string body =
      f.ok("CreateServiceLinkedRole", {{"AWSServiceName", "autoscaling.amazonaws.com"}});
  CHECK(xml_one(body, "RoleName") == "AWSServiceRoleForAutoscaling");
  CHECK(xml_one(body, "Path") == "/aws-service-role/autoscaling.amazonaws.com/");
  CHECK(f.fail("CreateServiceLinkedRole", {{"AWSServiceName", "autoscaling.amazonaws.com"}}).code ==
        "InvalidInput");
  f.ok("TagRole", {{"RoleName", "AWSServiceRoleForAutoscaling"},
                   {"Tags.member.1.Key", "a"},
                   {"Tags.member.1.Value", "1"},
                   {"Tags.member.2.Key", "b"},
                   {"Tags.member.2.Value", "2"}});
  f.ok("UntagRole", {{"RoleName", "AWSServiceRoleForAutoscaling"}, {"TagKeys.member.1", "a"}});
  CHECK(IamFixture::all(f.ok("ListRoleTags", {{"RoleName", "AWSServiceRoleForAutoscaling"}}),
                        "Key") == std::vector<std::string>{"b"});
  const std::string task =
      xml_one(f.ok("DeleteServiceLinkedRole", {{"RoleName", "AWSServiceRoleForAutoscaling"}}),
              "DeletionTaskId");
  CHECK(xml_one(f.ok("GetServiceLinkedRoleDeletionStatus", {{"DeletionTaskId", task}}), "Status") ==
        "SUCCEEDED");
}

TEST_CASE("an unknown action answers InvalidAction", "[iam]") {
  IamFixture f;
  CHECK(f.fail("CreateSAMLProvider").code == "InvalidAction");
}
