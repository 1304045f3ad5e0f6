// GetCallerIdentity of an IAM user's long-term key: STS asks IAM (a fake `iam` service here) who
// owns the key and answers that user, as AWS does; without an answer, the account root.
#include <cloudemu/service.hpp>
#include <vector>

#include "sts_fixture.hpp"

namespace {

const std::string k_account = "123456789012";
const std::string k_alice_key = "AKIAALICEKEY00000000";

std::vector<std::string>& iam_calls() {
  static std::vector<std::string> calls;
  return calls;
}

/// Knows one access key, alice's, in k_account.
class FakeIam {
 public:
  static constexpr const char* k_id = "iam";
  static constexpr const char* k_protocol = "query";
  static constexpr ce_route_claim k_routes[] = {{CE_ROUTE_SIGV4_SERVICE, "iam"}};
  FakeIam(ce::ServiceContext, std::string_view) {}
  void handle(ce::Request& req, ce::Response& resp) {
    const std::string body = req.read_all(1 << 16);
    iam_calls().push_back(body);
    const bool ours = req.account_id() == k_account;
    if (ours && body.find("Action=GetAccessKeyLastUsed") != std::string::npos &&
        body.find("AccessKeyId=" + k_alice_key) != std::string::npos) {
      resp.send(
          200, "text/xml",
          "<GetAccessKeyLastUsedResponse><GetAccessKeyLastUsedResult><UserName>alice</UserName>"
          "</GetAccessKeyLastUsedResult></GetAccessKeyLastUsedResponse>");
    } else if (ours && body.find("Action=GetUser") != std::string::npos &&
               body.find("UserName=alice") != std::string::npos) {
      resp.send(
          200, "text/xml",
          "<GetUserResponse><GetUserResult><User><Path>/dev/</Path><UserName>alice</UserName>"
          "<UserId>AIDAALICE00000000000X</UserId><Arn>arn:aws:iam::123456789012:user/dev/alice"
          "</Arn></User></GetUserResult></GetUserResponse>");
    } else {
      resp.send(404, "text/xml",
                "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code></Error>"
                "</ErrorResponse>");
    }
  }
};

ce_status fake_iam_init(const ce_host_api_v1* host, ce_registrar_host_ptr reg,
                        ce_error* err) noexcept {
  return ce::plugin_init("fake-iam.init", host, err, [&](const ce_host_api_v1* h) {
    return ce::register_service<FakeIam>(h, reg, err);
  });
}
constexpr ce_plugin_descriptor k_fake_iam =
    ce::make_descriptor("fake-iam", "0", "test", CE_PLUGIN_SERVICE, &fake_iam_init);

struct UserKeyFixture : StsFixture {
  UserKeyFixture() {
    iam_calls().clear();
    REQUIRE(host.load(&k_fake_iam) == CE_OK);
  }
};

}  // namespace

TEST_CASE("GetCallerIdentity of an IAM user's access key is that user", "[sts][identity]") {
  UserKeyFixture f;
  f.use_key(k_alice_key, k_account);
  const std::string body = f.ok("GetCallerIdentity");
  CHECK(xml_one(body, "Arn") == "arn:aws:iam::123456789012:user/dev/alice");
  CHECK(xml_one(body, "UserId") == "AIDAALICE00000000000X");
  CHECK(xml_one(body, "Account") == k_account);
  REQUIRE(iam_calls().size() == 2);
  CHECK(iam_calls()[0].find("Action=GetAccessKeyLastUsed") != std::string::npos);
}

TEST_CASE("GetCallerIdentity of a key IAM does not know is the account root", "[sts][identity]") {
  UserKeyFixture f;
  f.use_key("AKIAIOSFODNN7EXAMPLE", k_account);
  const std::string body = f.ok("GetCallerIdentity");
  CHECK(xml_one(body, "Arn") == "arn:aws:iam::123456789012:root");
  CHECK(xml_one(body, "UserId") == k_account);
  CHECK(iam_calls().size() == 1);  // GetAccessKeyLastUsed answered NoSuchEntity: no GetUser
}

TEST_CASE("GetCallerIdentity without IAM loaded is the account root", "[sts][identity]") {
  StsFixture f;
  f.use_key(k_alice_key, k_account);
  CHECK(xml_one(f.ok("GetCallerIdentity"), "Arn") == "arn:aws:iam::123456789012:root");
}
