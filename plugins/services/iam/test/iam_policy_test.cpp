// Managed policies and their versions, inline and attached policies, and the grammar checks.
#include <cloudemu/url.hpp>

#include "iam_fixture.hpp"
#include "iam_policy_document.hpp"

namespace {

std::string allow(const std::string& action) {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":")" + action +
         R"(","Resource":"*"}]})";
}

}  // namespace

TEST_CASE("policy versions: at most five, one default, never the default deleted",
          "[iam][policy]") {
  IamFixture f;
  const std::string created =
      f.ok("CreatePolicy",
           {{"PolicyName", "ver"}, {"Path", "/team/"}, {"PolicyDocument", allow("s3:*")}});
  const std::string arn = xml_one(created, "Arn");
  CHECK(arn == "arn:aws:iam::000000000000:policy/team/ver");
  CHECK(xml_one(created, "PolicyId").starts_with("ANPA"));
  CHECK(xml_one(created, "DefaultVersionId") == "v1");
  for (int i = 2; i <= 5; ++i) {
    const std::string v =
        f.ok("CreatePolicyVersion", {{"PolicyArn", arn},
                                     {"PolicyDocument", allow("sqs:*")},
                                     {"SetAsDefault", i == 3 ? "true" : "false"}});
    CHECK(xml_one(v, "VersionId") == "v" + std::to_string(i));
  }
  auto e = f.fail("CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", allow("sns:*")}});
  CHECK(e.code == "LimitExceeded");
  CHECK(xml_one(f.ok("GetPolicy", {{"PolicyArn", arn}}), "DefaultVersionId") == "v3");
  CHECK(IamFixture::all(f.ok("ListPolicyVersions", {{"PolicyArn", arn}}), "VersionId") ==
        std::vector<std::string>{"v5", "v4", "v3", "v2", "v1"});
  e = f.fail("DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v3"}});
  CHECK(e.message == "Cannot delete the default version of a policy.");
  f.ok("SetDefaultPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v1"}});
  const std::string v1 = f.ok("GetPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v1"}});
  CHECK(ce::percent_decode(xml_one(v1, "Document"), false) == allow("s3:*"));
  CHECK(xml_one(v1, "IsDefaultVersion") == "true");
  CHECK(f.fail("DeletePolicy", {{"PolicyArn", arn}}).code == "DeleteConflict");
  for (const char* v : {"v2", "v3", "v4", "v5"})
    f.ok("DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", v}});
  // Ids are never reused.
  CHECK(
      xml_one(f.ok("CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", allow("s3:*")}}),
              "VersionId") == "v6");
  f.ok("DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v6"}});
  f.ok("DeletePolicy", {{"PolicyArn", arn}});
  e = f.fail("GetPolicy", {{"PolicyArn", arn}});
  CHECK(e.code == "NoSuchEntity");
  CHECK(e.message == "Policy " + arn + " was not found.");
}

TEST_CASE("ListUsers pages with Marker and MaxItems", "[iam][list]") {
  IamFixture f;
  for (const char* name : {"dave", "Alice", "carol", "bob", "eve"})
    f.ok("CreateUser", {{"UserName", name}, {"Path", std::string(name) == "eve" ? "/ops/" : "/"}});
  std::vector<std::string> seen;
  std::string marker;
  int pages = 0;
  for (;;) {
    Form form = {{"MaxItems", "2"}};
    if (!marker.empty()) form.emplace_back("Marker", marker);
    const std::string page = f.ok("ListUsers", form);
    ++pages;
    for (const auto& n : IamFixture::all(page, "UserName")) seen.push_back(n);
    if (xml_one(page, "IsTruncated") == "false") break;
    marker = xml_one(page, "Marker");
    REQUIRE_FALSE(marker.empty());
  }
  CHECK(pages == 3);
  CHECK(seen == std::vector<std::string>{"Alice", "bob", "carol", "dave", "eve"});
  CHECK(IamFixture::all(f.ok("ListUsers", {{"PathPrefix", "/ops/"}}), "UserName") ==
        std::vector<std::string>{"eve"});
  CHECK(f.fail("ListUsers", {{"MaxItems", "0"}}).code == "ValidationError");
}

TEST_CASE("ListPolicies filters by scope and attachment", "[iam][list]") {
  IamFixture f;
  f.ok("CreateUser", {{"UserName", "u"}});
  const std::string a = xml_one(
      f.ok("CreatePolicy", {{"PolicyName", "a"}, {"PolicyDocument", allow("s3:*")}}), "Arn");
  f.ok("CreatePolicy", {{"PolicyName", "b"}, {"PolicyDocument", allow("s3:*")}});
  f.ok("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", a}});
  f.ok("AttachUserPolicy",
       {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
  CHECK(IamFixture::all(f.ok("ListPolicies", {{"Scope", "Local"}}), "PolicyName").size() == 2);
  CHECK(IamFixture::all(f.ok("ListPolicies", {{"OnlyAttached", "true"}}), "PolicyName") ==
        std::vector<std::string>{"a"});
  CHECK(IamFixture::all(f.ok("ListAttachedUserPolicies", {{"UserName", "u"}}), "PolicyName") ==
        std::vector<std::string>{"ReadOnlyAccess", "a"});
  CHECK(f.fail("AttachUserPolicy",
               {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::000000000000:policy/missing"}})
            .message ==
        "Policy arn:aws:iam::000000000000:policy/missing does not exist or is not attachable.");
}

TEST_CASE("inline policies of users and groups", "[iam][policy]") {
  IamFixture f;
  f.ok("CreateUser", {{"UserName", "u"}});
  f.ok("PutUserPolicy",
       {{"UserName", "u"}, {"PolicyName", "p1"}, {"PolicyDocument", allow("s3:*")}});
  CHECK(IamFixture::all(f.ok("ListUserPolicies", {{"UserName", "u"}}), "member") ==
        std::vector<std::string>{"p1"});
  CHECK(ce::percent_decode(xml_one(f.ok("GetUserPolicy", {{"UserName", "u"}, {"PolicyName", "p1"}}),
                                   "PolicyDocument"),
                           false) == allow("s3:*"));
  CHECK(f.fail("GetUserPolicy", {{"UserName", "u"}, {"PolicyName", "p2"}}).message ==
        "The user policy with name p2 cannot be found.");
  f.ok("CreateGroup", {{"GroupName", "g"}});
  f.ok("PutGroupPolicy",
       {{"GroupName", "g"}, {"PolicyName", "gp"}, {"PolicyDocument", allow("s3:*")}});
  f.ok("DeleteGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "gp"}});
}

TEST_CASE("malformed policy documents are refused with IAM's words", "[iam][policy]") {
  IamFixture f;
  auto refused = [&](const std::string& doc) {
    const auto e = f.fail("CreatePolicy", {{"PolicyName", "bad"}, {"PolicyDocument", doc}});
    CHECK(e.code == "MalformedPolicyDocument");
    CHECK(e.status == 400);
    return e.message;
  };
  CHECK(refused("{not json") == "Syntax errors in policy.");
  CHECK(refused(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]})") ==
        "Policy statement must contain resources.");
  CHECK(refused(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}})") ==
        "Policy statement must contain actions.");
  CHECK(
      refused(
          R"({"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]})") ==
      "Policy document should not specify a principal.");
  CHECK(
      refused(
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"get","Resource":"*"}]})") ==
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
  CHECK(
      refused(
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"s3:*","Resource":"*"}]})") ==
      "Syntax errors in policy.");
  CHECK(refused(R"({"Version":"2013-01-01","Statement":[]})") ==
        "The policy failed legacy parsing");

  const auto e = f.fail("CreateRole",
                        {{"RoleName", "r"}, {"AssumeRolePolicyDocument", allow("sts:AssumeRole")}});
  CHECK(e.code == "MalformedPolicyDocument");
  CHECK(e.message == "Has prohibited field Resource");
  CHECK(iam::policy_problem(R"({"Statement":{"Effect":"Allow","Action":"sts:AssumeRole"}})",
                            iam::PolicyUse::trust) == "Missing required field Principal");

  std::string big = R"({"Version":"2012-10-17","Statement":[)";
  for (int i = 0; i < 200; ++i)
    big +=
        std::string(i ? "," : "") + R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*"})";
  big += "]}";
  const auto large = f.fail("CreatePolicy", {{"PolicyName", "big"}, {"PolicyDocument", big}});
  CHECK(large.code == "LimitExceeded");
  CHECK(large.message == "Cannot exceed quota for PolicySize: 6144");
}
