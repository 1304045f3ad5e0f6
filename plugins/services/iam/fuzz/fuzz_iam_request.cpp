// Whole query-protocol requests through the IAM plugin on the SDK's fake host: form bodies of every
// action (names and paths, ARNs, policy documents, version ids, Tags.member.N.*, TagKeys.member.N,
// Marker/MaxItems paging, access key states) behind the real dispatch, decoder included. Any
// answer is fine except a handler failure (500: an exception other than an AWS error escaped), an
// unfinished response or an ABI misuse. fuzz_iam_policy covers the policy grammar on its own.
//
// Input: byte 0 picks the action; the rest is appended to "Action=<action>&Version=2010-05-08&" as
// the form body, so a repeated Action or Version in it reaches the decoder too. Seeds name what
// seed() makes (user, group, role, managed policy, instance profile, all "fuzz-*").
#include <cloudemu/testing/fuzz_host.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <utility>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

constexpr const char* k_actions[] = {"CreateUser",
                                     "GetUser",
                                     "UpdateUser",
                                     "DeleteUser",
                                     "ListUsers",
                                     "PutUserPermissionsBoundary",
                                     "DeleteUserPermissionsBoundary",
                                     "PutRolePermissionsBoundary",
                                     "DeleteRolePermissionsBoundary",
                                     "CreateGroup",
                                     "GetGroup",
                                     "DeleteGroup",
                                     "ListGroups",
                                     "AddUserToGroup",
                                     "RemoveUserFromGroup",
                                     "ListGroupsForUser",
                                     "CreateRole",
                                     "GetRole",
                                     "DeleteRole",
                                     "ListRoles",
                                     "UpdateRole",
                                     "UpdateRoleDescription",
                                     "UpdateAssumeRolePolicy",
                                     "CreateServiceLinkedRole",
                                     "DeleteServiceLinkedRole",
                                     "GetServiceLinkedRoleDeletionStatus",
                                     "CreatePolicy",
                                     "GetPolicy",
                                     "DeletePolicy",
                                     "ListPolicies",
                                     "ListEntitiesForPolicy",
                                     "CreatePolicyVersion",
                                     "GetPolicyVersion",
                                     "ListPolicyVersions",
                                     "SetDefaultPolicyVersion",
                                     "DeletePolicyVersion",
                                     "PutUserPolicy",
                                     "GetUserPolicy",
                                     "DeleteUserPolicy",
                                     "ListUserPolicies",
                                     "PutGroupPolicy",
                                     "GetGroupPolicy",
                                     "DeleteGroupPolicy",
                                     "ListGroupPolicies",
                                     "PutRolePolicy",
                                     "GetRolePolicy",
                                     "DeleteRolePolicy",
                                     "ListRolePolicies",
                                     "AttachUserPolicy",
                                     "DetachUserPolicy",
                                     "ListAttachedUserPolicies",
                                     "AttachGroupPolicy",
                                     "DetachGroupPolicy",
                                     "ListAttachedGroupPolicies",
                                     "AttachRolePolicy",
                                     "DetachRolePolicy",
                                     "ListAttachedRolePolicies",
                                     "CreateAccessKey",
                                     "ListAccessKeys",
                                     "UpdateAccessKey",
                                     "DeleteAccessKey",
                                     "GetAccessKeyLastUsed",
                                     "CreateInstanceProfile",
                                     "GetInstanceProfile",
                                     "DeleteInstanceProfile",
                                     "ListInstanceProfiles",
                                     "AddRoleToInstanceProfile",
                                     "RemoveRoleFromInstanceProfile",
                                     "ListInstanceProfilesForRole",
                                     "TagUser",
                                     "UntagUser",
                                     "ListUserTags",
                                     "TagRole",
                                     "UntagRole",
                                     "ListRoleTags",
                                     "TagPolicy",
                                     "UntagPolicy",
                                     "ListPolicyTags",
                                     "TagInstanceProfile",
                                     "UntagInstanceProfile",
                                     "ListInstanceProfileTags",
                                     "ListAccountAliases"};

ce::testing::HttpResponse call(ce::testing::FakeHost& fake, const std::string& action,
                               const std::string& form) {
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  req.body = "Action=" + action + "&Version=2010-05-08&" + form;
  return fake.request("iam", req);
}

// Percent-encoded: {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",
// "Resource":"*"}]} and the same trust policy for ec2.amazonaws.com.
constexpr const char* k_policy =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
    "%22Action%22%3A%22s3%3A%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
constexpr const char* k_trust =
    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
    "%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3A"
    "AssumeRole%22%7D%5D%7D";
constexpr const char* k_policy_arn = "arn%3Aaws%3Aiam%3A%3A000000000000%3Apolicy%2Ffuzz-policy";

/// One of each entity, linked to each other, so actions on existing things are reachable.
void seed(ce::testing::FakeHost& fake) {
  const std::string policy(k_policy), trust(k_trust), arn(k_policy_arn);
  const std::pair<const char*, std::string> steps[] = {
      {"CreateUser", "UserName=fuzz-user&Tags.member.1.Key=team&Tags.member.1.Value=fuzz"},
      {"CreateGroup", "GroupName=fuzz-group"},
      {"AddUserToGroup", "GroupName=fuzz-group&UserName=fuzz-user"},
      {"CreateRole", "RoleName=fuzz-role&Path=%2Ffuzz%2F&AssumeRolePolicyDocument=" + trust},
      {"CreatePolicy", "PolicyName=fuzz-policy&PolicyDocument=" + policy},
      {"CreatePolicyVersion", "PolicyArn=" + arn + "&PolicyDocument=" + policy},
      {"AttachRolePolicy", "RoleName=fuzz-role&PolicyArn=" + arn},
      {"AttachUserPolicy", "UserName=fuzz-user&PolicyArn=" + arn},
      {"PutUserPolicy", "UserName=fuzz-user&PolicyName=inline&PolicyDocument=" + policy},
      {"CreateAccessKey", "UserName=fuzz-user"},
      {"CreateInstanceProfile", "InstanceProfileName=fuzz-profile"},
      {"AddRoleToInstanceProfile", "InstanceProfileName=fuzz-profile&RoleName=fuzz-role"},
  };
  for (const auto& [action, form] : steps) {
    if (call(fake, action, form).status != 200) std::abort();  // the seeds would mean nothing
  }
}

ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "iam", &seed);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string action = k_actions[data[0] % std::size(k_actions)];
  const std::string form(reinterpret_cast<const char*>(data) + 1, size - 1);
  ce::testing::FakeHost& fake = host();
  const auto r = call(fake, action, form);
  ce::testing::require_sound_answer(fake, r, action);
  return 0;
}
