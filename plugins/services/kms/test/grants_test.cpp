// Grants are stored and listed (not enforced).
#include "kms_fixture.hpp"

TEST_CASE_METHOD(KmsFixture, "CreateGrant, ListGrants, RetireGrant, RevokeGrant", "[kms][grants]") {
  const std::string id = new_key();
  const Json g = ok("CreateGrant", {{"KeyId", id},
                                    {"GranteePrincipal", "arn:aws:iam::000000000000:role/app"},
                                    {"RetiringPrincipal", "arn:aws:iam::000000000000:role/ops"},
                                    {"Operations", {"Encrypt", "Decrypt"}},
                                    {"Name", "app-grant"}});
  CHECK(g["GrantToken"].get<std::string>().size() > 20);
  const std::string grant_id = g["GrantId"];
  Json list = ok("ListGrants", {{"KeyId", id}})["Grants"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["GrantId"] == grant_id);
  CHECK(list[0]["KeyId"] == arn(id));
  CHECK(list[0]["Operations"] == Json::array({"Encrypt", "Decrypt"}));
  CHECK(list[0]["Name"] == "app-grant");
  CHECK(ok("ListRetirableGrants",
           {{"RetiringPrincipal", "arn:aws:iam::000000000000:role/ops"}})["Grants"]
            .size() == 1);
  ok("RetireGrant", {{"GrantToken", g["GrantToken"]}});
  CHECK(ok("ListGrants", {{"KeyId", id}})["Grants"].empty());
  CHECK(fail("RetireGrant", {{"GrantToken", g["GrantToken"]}}).type ==
        "InvalidGrantTokenException");

  const Json g2 =
      ok("CreateGrant", {{"KeyId", id}, {"GranteePrincipal", "p"}, {"Operations", {"Sign"}}});
  ok("RevokeGrant", {{"KeyId", id}, {"GrantId", g2["GrantId"]}});
  CHECK(fail("RevokeGrant", {{"KeyId", id}, {"GrantId", g2["GrantId"]}}).type ==
        "InvalidGrantIdException");
  CHECK(fail("CreateGrant", {{"KeyId", id}, {"GranteePrincipal", "p"}, {"Operations", {"Fly"}}})
            .type == "ValidationException");
}
