// Browser POST uploads (PostObject) on the fake host: form parsing, policy checks, metadata,
// success actions. The fake host clock starts at 1'700'000'000'000 ms = 2023-11-14T22:13:20Z.
#include <nlohmann/json.hpp>

#include "config_fixture.hpp"
#include "s3_checksum.hpp"
#include "s3_form_data.hpp"

using ce::testing::HttpRequest;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {

constexpr const char* k_boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

struct FileSpec {
  std::string content = "hello world";
  std::string filename = "photo.jpg";
};

/// A form as a browser sends it: fields in order, then the file, then (optionally) trailing fields.
std::string form_body(const Fields& fields, const std::optional<FileSpec>& file,
                      const Fields& after = {}) {
  std::string b;
  auto field = [&](const std::string& name, const std::string& value) {
    b += "--" + std::string(k_boundary) + "\r\nContent-Disposition: form-data; name=\"" + name +
         "\"\r\n\r\n" + value + "\r\n";
  };
  for (const auto& [n, v] : fields) field(n, v);
  if (file) {
    b += "--" + std::string(k_boundary) +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file->filename +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file->content + "\r\n";
  }
  for (const auto& [n, v] : after) field(n, v);
  b += "--" + std::string(k_boundary) + "--\r\n";
  return b;
}

std::string policy(const std::string& expiration, const nlohmann::json& conditions) {
  const nlohmann::json doc = {{"expiration", expiration}, {"conditions", conditions}};
  return s3::base64_encode(doc.dump());
}

/// The SigV4 fields boto3's generate_presigned_post adds, and the conditions that cover them.
Fields sigv4_fields() {
  return {{"x-amz-algorithm", "AWS4-HMAC-SHA256"},
          {"x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20231114/us-east-1/s3/aws4_request"},
          {"x-amz-date", "20231114T221320Z"}};
}
nlohmann::json sigv4_conditions() {
  return nlohmann::json::array(
      {{{"x-amz-algorithm", "AWS4-HMAC-SHA256"}},
       {{"x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20231114/us-east-1/s3/aws4_request"}},
       {{"x-amz-date", "20231114T221320Z"}}});
}

struct PostFixture : ConfigFixture {
  PostFixture() { make_bucket("bkt"); }

  ce::testing::HttpResponse post(const std::string& body, const std::string& bucket = "bkt",
                                 std::size_t chunk = 64 * 1024) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/" + bucket;
    r.headers = {{"Content-Type", std::string("multipart/form-data; boundary=") + k_boundary},
                 {"Host", "localhost:4566"}};
    r.body = body;
    r.body_chunk = chunk;
    return host.request("s3", r);
  }
  /// A signed upload: SigV4 fields, a policy covering them plus `conditions`, then `fields`.
  ce::testing::HttpResponse post_with_policy(
      const Fields& fields, nlohmann::json conditions, const FileSpec& file = {},
      const std::string& expiration = "2023-11-15T00:00:00.000Z") {
    for (const auto& c : sigv4_conditions()) conditions.push_back(c);
    Fields all = fields;
    for (auto& f : sigv4_fields()) all.push_back(f);
    all.emplace_back("policy", policy(expiration, conditions));
    all.emplace_back("x-amz-signature", "0123456789abcdef");
    return post(form_body(all, file));
  }
};

std::string message(const ce::testing::HttpResponse& r) {
  const auto start = r.body.find("<Message>");
  const auto end = r.body.find("</Message>");
  if (start == std::string::npos || end == std::string::npos) return {};
  return r.body.substr(start + 9, end - start - 9);
}

}  // namespace

TEST_CASE_METHOD(PostFixture, "POST upload stores the file; 204 by default with ETag and Location",
                 "[s3][post]") {
  auto r = post(form_body({{"key", "uploads/a.txt"}}, FileSpec{}));
  REQUIRE(r.status == 204);
  CHECK(r.body.empty());
  const std::string etag = "\"" + s3::to_hex(s3::md5_raw("hello world")) + "\"";
  CHECK(r.header("ETag") == etag);
  CHECK(r.header("Location") == "http://localhost:4566/bkt/uploads%2Fa.txt");
  r = call("GET", "/bkt/uploads/a.txt");
  REQUIRE(r.status == 200);
  CHECK(r.body == "hello world");
  CHECK(r.header("ETag") == etag);
  CHECK(host.violations().empty());
}

TEST_CASE_METHOD(PostFixture, "success_action_status 200 and 201, and a redirect", "[s3][post]") {
  auto r = post(form_body({{"key", "k200"}, {"success_action_status", "200"}}, FileSpec{}));
  CHECK(r.status == 200);
  CHECK(r.body.empty());

  r = post(form_body({{"key", "dir/k 201"}, {"success_action_status", "201"}}, FileSpec{}));
  REQUIRE(r.status == 201);
  const std::string etag = "\"" + s3::to_hex(s3::md5_raw("hello world")) + "\"";
  CHECK(contains(r.body, "<PostResponse>"));
  CHECK(contains(r.body, "<Location>http://localhost:4566/bkt/dir%2Fk%20201</Location>"));
  CHECK(contains(r.body, "<Bucket>bkt</Bucket>"));
  CHECK(contains(r.body, "<Key>dir/k 201</Key>"));
  CHECK(contains(r.body, "<ETag>&quot;" + etag.substr(1, 32) + "&quot;</ETag>"));

  r = post(form_body({{"key", "k999"}, {"success_action_status", "999"}}, FileSpec{}));
  CHECK(r.status == 204);  // any other value is the default

  r = post(form_body({{"key", "a/b"}, {"success_action_redirect", "https://example.com/done?x=1"}},
                     FileSpec{}));
  REQUIRE(r.status == 303);
  CHECK(r.header("Location") ==
        "https://example.com/done?x=1&bucket=bkt&key=a%2Fb&etag=%22" + etag.substr(1, 32) + "%22");
  CHECK(call("GET", "/bkt/a/b").status == 200);
}

TEST_CASE_METHOD(PostFixture, "${filename} is replaced by the file's name", "[s3][post]") {
  auto r = post(form_body({{"key", "user/${filename}"}}, FileSpec{"data", "report.pdf"}));
  REQUIRE(r.status == 204);
  r = call("GET", "/bkt/user/report.pdf");
  CHECK(r.status == 200);
  CHECK(r.body == "data");
}

TEST_CASE_METHOD(PostFixture, "form fields become the object's metadata", "[s3][post]") {
  const auto r = post(form_body({{"key", "meta"},
                                 {"Content-Type", "image/png"},
                                 {"Cache-Control", "max-age=60"},
                                 {"Content-Disposition", "attachment"},
                                 {"x-amz-meta-Color", "red"},
                                 {"x-amz-storage-class", "STANDARD_IA"},
                                 {"tagging",
                                  "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag>"
                                  "</TagSet></Tagging>"}},
                                FileSpec{}));
  REQUIRE(r.status == 204);
  auto g = call("GET", "/bkt/meta");
  REQUIRE(g.status == 200);
  CHECK(g.header("Content-Type") == "image/png");
  CHECK(g.header("Cache-Control") == "max-age=60");
  CHECK(g.header("Content-Disposition") == "attachment");
  CHECK(g.header("x-amz-meta-color") == "red");
  CHECK(g.header("x-amz-storage-class") == "STANDARD_IA");
  g = call("GET", "/bkt/meta?tagging");
  CHECK(contains(g.body, "<Key>k</Key><Value>v</Value>"));
}

TEST_CASE_METHOD(PostFixture, "a large file streams into a blob; fields after it are ignored",
                 "[s3][post]") {
  std::string content(300 * 1024, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 31 + 7);
  // Small body reads put the delimiter across read boundaries.
  const auto r =
      post(form_body({{"key", "big"}}, FileSpec{content, "big.bin"}, {{"key", "x"}}), "bkt", 1000);
  REQUIRE(r.status == 204);
  const auto g = call("GET", "/bkt/big");
  CHECK(g.body == content);
  CHECK(call("GET", "/bkt/x").status == 404);
}

TEST_CASE_METHOD(PostFixture, "a policy that holds lets the upload through", "[s3][post]") {
  const auto r = post_with_policy(
      {{"key", "user/eric/${filename}"}, {"Content-Type", "image/jpeg"}, {"acl", "private"}},
      {{{"bucket", "bkt"}},
       {"starts-with", "$key", "user/eric/"},
       {"starts-with", "$Content-Type", "image/"},
       {"eq", "$acl", "private"},
       {"content-length-range", 1, 100}});
  CHECK(r.status == 204);
  CHECK(call("GET", "/bkt/user/eric/photo.jpg").status == 200);
}

TEST_CASE_METHOD(PostFixture, "an expired policy is AccessDenied", "[s3][post]") {
  const auto r = post_with_policy({{"key", "k"}}, {{{"bucket", "bkt"}}, {"eq", "$key", "k"}}, {},
                                  "2023-11-14T22:13:19.000Z");
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessDenied");
  CHECK(message(r) == "Invalid according to Policy: Policy expired.");
  CHECK(call("GET", "/bkt/k").status == 404);

  // Valid until the host clock passes it.
  CHECK(post_with_policy({{"key", "k"}}, {{{"bucket", "bkt"}}, {"eq", "$key", "k"}}, {},
                         "2023-11-14T22:13:21.000Z")
            .status == 204);
  host.advance(2000);
  CHECK(post_with_policy({{"key", "k"}}, {{{"bucket", "bkt"}}, {"eq", "$key", "k"}}, {},
                         "2023-11-14T22:13:21.000Z")
            .status == 403);
}

TEST_CASE_METHOD(PostFixture, "failed conditions name the condition", "[s3][post]") {
  auto r = post_with_policy({{"key", "other/a"}},
                            {{{"bucket", "bkt"}}, {"starts-with", "$key", "user/"}});
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessDenied");
  CHECK(message(r) ==
        "Invalid according to Policy: Policy Condition failed: [&quot;starts-with&quot;, "
        "&quot;$key&quot;, &quot;user/&quot;]");

  r = post_with_policy({{"key", "a"}}, {{{"bucket", "other"}}, {"eq", "$key", "a"}});
  CHECK(message(r) ==
        "Invalid according to Policy: Policy Condition failed: [&quot;eq&quot;, "
        "&quot;$bucket&quot;, &quot;other&quot;]");

  r = post_with_policy({{"key", "a"}}, {{{"bucket", "bkt"}}, {"eq", "$key", "b"}});
  CHECK(contains(message(r), "Policy Condition failed: [&quot;eq&quot;, &quot;$key&quot;"));

  // A condition on a field the form lacks fails too.
  r = post_with_policy(
      {{"key", "a"}},
      {{{"bucket", "bkt"}}, {"eq", "$key", "a"}, {"starts-with", "$Content-Type", ""}});
  CHECK(r.status == 403);
  CHECK(contains(message(r), "&quot;$Content-Type&quot;, &quot;&quot;]"));
}

TEST_CASE_METHOD(PostFixture, "fields no condition covers are Extra input fields", "[s3][post]") {
  const auto r = post_with_policy({{"key", "a"}, {"x-amz-meta-color", "red"}, {"x-ignore-me", "1"}},
                                  {{{"bucket", "bkt"}}, {"eq", "$key", "a"}});
  CHECK(r.status == 403);
  CHECK(error_code(r) == "AccessDenied");
  CHECK(message(r) == "Invalid according to Policy: Extra input fields: x-amz-meta-color");
}

TEST_CASE_METHOD(PostFixture, "content-length-range gives EntityTooLarge and EntityTooSmall",
                 "[s3][post]") {
  const nlohmann::json base = {{{"bucket", "bkt"}}, {"eq", "$key", "a"}};
  auto conditions = base;
  conditions.push_back({"content-length-range", 0, 5});
  auto r = post_with_policy({{"key", "a"}}, conditions, FileSpec{"0123456789", "f"});
  CHECK(r.status == 400);
  CHECK(error_code(r) == "EntityTooLarge");
  CHECK(contains(r.body, "<ProposedSize>10</ProposedSize>"));
  CHECK(contains(r.body, "<MaxSizeAllowed>5</MaxSizeAllowed>"));

  conditions = base;
  conditions.push_back({"content-length-range", 20, 100});
  r = post_with_policy({{"key", "a"}}, conditions, FileSpec{"0123456789", "f"});
  CHECK(error_code(r) == "EntityTooSmall");
  CHECK(contains(r.body, "<MinSizeAllowed>20</MinSizeAllowed>"));
  CHECK(call("GET", "/bkt/a").status == 404);
}

TEST_CASE_METHOD(PostFixture, "a policy that is not one is InvalidPolicyDocument", "[s3][post]") {
  auto r = post(form_body({{"key", "a"}, {"policy", "not base64!"}}, FileSpec{}));
  CHECK(r.status == 400);
  CHECK(error_code(r) == "InvalidPolicyDocument");
  r = post(form_body({{"key", "a"}, {"policy", s3::base64_encode(R"({"conditions": []})")}},
                     FileSpec{}));
  CHECK(message(r) == "Invalid Policy: Policy missing expiration.");
}

TEST_CASE_METHOD(PostFixture, "POST to a missing bucket is NoSuchBucket", "[s3][post]") {
  const auto r = post(form_body({{"key", "a"}}, FileSpec{}), "nobucket");
  CHECK(r.status == 404);
  CHECK(error_code(r) == "NoSuchBucket");
  CHECK(contains(r.body, "<BucketName>nobucket</BucketName>"));
}

TEST_CASE_METHOD(PostFixture, "malformed forms", "[s3][post]") {
  auto r = post(form_body({{"key", "a"}}, std::nullopt));
  CHECK(error_code(r) == "InvalidArgument");
  CHECK(contains(r.body, "<ArgumentName>file</ArgumentName>"));

  r = post(form_body({}, FileSpec{}));
  CHECK(error_code(r) == "InvalidArgument");
  CHECK(contains(r.body, "<ArgumentName>key</ArgumentName>"));

  r = post("--" + std::string(k_boundary) + "\r\nContent-Disposition: form-data; name=\"key\"\r\n");
  CHECK(error_code(r) == "MalformedPOSTRequest");

  r = post(form_body({{"key", "a"}, {"big", std::string(21000, 'x')}}, FileSpec{}));
  CHECK(error_code(r) == "MaxPostPreDataLengthExceeded");

  HttpRequest plain;
  plain.method = "POST";
  plain.target = "/bkt";
  plain.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  plain.body = "key=a";
  r = host.request("s3", plain);
  CHECK(r.status == 412);
  CHECK(error_code(r) == "PreconditionFailed");
}

TEST_CASE("form-data reader: boundaries, padding, preamble, lenient line ends", "[s3][post]") {
  CHECK(s3::multipart_boundary("multipart/form-data; boundary=abc") == "abc");
  CHECK(s3::multipart_boundary("Multipart/Form-Data;boundary=\"a b\"") == "a b");
  CHECK_FALSE(s3::multipart_boundary("multipart/mixed; boundary=abc"));
  CHECK_FALSE(s3::multipart_boundary("multipart/form-data"));

  const std::string body =
      "preamble\r\n--XyZ  \r\ncontent-disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\x\\y.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\n--XyZ is not a delimiter here\r\n--XyZ--\r\nepilogue";
  for (const std::size_t step : {std::size_t{1}, std::size_t{3}, body.size()}) {
    std::size_t at = 0;
    s3::FormDataReader reader("XyZ", [&](char* buf, std::size_t cap) {
      const std::size_t n = std::min({cap, step, body.size() - at});
      std::copy_n(body.data() + at, n, buf);
      at += n;
      return n;
    });
    auto p = reader.next_part();
    REQUIRE(p);
    CHECK(p->name == "a");
    CHECK(reader.read_value(10) == "1");
    p = reader.next_part();
    REQUIRE(p);
    CHECK(p->name == "file");
    CHECK(p->filename == "C:\\x\\y.txt");
    CHECK(p->content_type == "text/plain");
    std::string data;
    reader.read_data([&](std::string_view piece) { data += piece; });
    CHECK(data == "--XyZ is not a delimiter here");
    CHECK_FALSE(reader.next_part());
  }
}
