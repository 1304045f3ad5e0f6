// Multipart uploads on the fake host: create / upload / complete round trips, the completion
// rules (InvalidPart, InvalidPartOrder, EntityTooSmall), abort and part replacement releasing
// blobs, listings with pagination, UploadPartCopy, and the ETag / checksum arithmetic checked
// against values computed here independently (OpenSSL MD5, bitwise CRCs).
#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "s3_checksum.hpp"
#include "s3_multipart.hpp"

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

using ce::testing::HeaderList;
using ce::testing::HttpResponse;

constexpr uint64_t k_mib = 1024 * 1024;

std::string md5_hex_openssl(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out, &n, EVP_md5(), nullptr);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < n; ++i) {
    hex.push_back(k_hex[out[i] >> 4]);
    hex.push_back(k_hex[out[i] & 0xF]);
  }
  return hex;
}

std::string md5_raw_openssl(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out, &n, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<char*>(out), n);
}

std::string sha256_openssl(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(data.data(), data.size(), out, &n, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(out), n);
}

/// Bit-at-a-time reflected CRC (init and xorout all ones): the textbook definition, independent
/// of the plugin's table/ISA-L code.
uint64_t slow_crc(std::string_view data, uint64_t poly, unsigned width) {
  const uint64_t mask = width == 64 ? ~0ULL : ((1ULL << width) - 1);
  uint64_t c = mask;
  for (const char ch : data) {
    c ^= static_cast<uint8_t>(ch);
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ poly : c >> 1;
  }
  return c ^ mask;
}
uint32_t slow_crc32(std::string_view d) {
  return static_cast<uint32_t>(slow_crc(d, 0xEDB88320ULL, 32));
}

std::string be32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[3 - i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}

std::string pattern(std::size_t n, unsigned seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i)
    s[i] = static_cast<char>((i * 31 + seed * 7 + i / 251) & 0xFF);
  return s;
}

std::string xml_text(const std::string& body, const char* xpath) {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(body.c_str()));
  return doc.select_node(xpath).node().text().get();
}

std::vector<std::string> xml_texts(const std::string& body, const char* xpath) {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(body.c_str()));
  std::vector<std::string> out;
  for (const auto& n : doc.select_nodes(xpath)) out.emplace_back(n.node().text().get());
  return out;
}

std::string unquote(const std::optional<std::string>& s) {
  REQUIRE(s.has_value());
  REQUIRE(s->size() >= 2);
  return s->substr(1, s->size() - 2);
}

struct MultipartFixture {
  ce::testing::FakeHost host;
  MultipartFixture() {
    REQUIRE(host.load(&ce_plugin_entry) == CE_OK);
    REQUIRE(s3("PUT", "/bkt").status == 200);
  }

  HttpResponse s3(std::string method, std::string target, std::string body = {},
                  HeaderList headers = {}) {
    return host.request("s3", std::move(method), std::move(target), std::move(body),
                        std::move(headers));
  }

  std::string create(const std::string& key, HeaderList headers = {}) {
    const auto r = s3("POST", "/bkt/" + key + "?uploads", "", std::move(headers));
    REQUIRE(r.status == 200);
    const std::string id = xml_text(r.body, "/InitiateMultipartUploadResult/UploadId");
    REQUIRE(!id.empty());
    REQUIRE(xml_text(r.body, "/InitiateMultipartUploadResult/Key") == key);
    return id;
  }

  HttpResponse part(const std::string& key, const std::string& id, int n, std::string body,
                    HeaderList headers = {}) {
    return s3("PUT", "/bkt/" + key + "?partNumber=" + std::to_string(n) + "&uploadId=" + id,
              std::move(body), std::move(headers));
  }

  /// Uploads a part and returns its ETag without quotes.
  std::string put_part(const std::string& key, const std::string& id, int n, std::string body) {
    const auto r = part(key, id, n, std::move(body));
    REQUIRE(r.status == 200);
    return unquote(r.header("ETag"));
  }

  HttpResponse complete(const std::string& key, const std::string& id,
                        const std::vector<std::pair<int, std::string>>& parts,
                        HeaderList headers = {}) {
    std::string xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
    for (const auto& [n, etag] : parts) {
      xml += "<Part><PartNumber>" + std::to_string(n) + "</PartNumber><ETag>\"" + etag +
             "\"</ETag></Part>";
    }
    xml += "</CompleteMultipartUpload>";
    return s3("POST", "/bkt/" + key + "?uploadId=" + id, xml, std::move(headers));
  }

  /// Unlinked blobs the backend deletes now (pending ones are left alone).
  uint64_t collect() {
    uint64_t deleted = 0;
    ce_error err = ce::make_error();
    REQUIRE(host.backend()->blob_collect(host.backend_handle(), ce::to_str("s3"), 0, 0, &deleted,
                                         &err) == CE_OK);
    return deleted;
  }
};

std::string error_code(const HttpResponse& r) {
  return xml_text(r.body, "/Error/Code");
}

}  // namespace

// ---- pure helpers ----

TEST_CASE("multipart ETag is the MD5 of the parts' raw MD5s with the part count",
          "[s3][multipart]") {
  const std::string a = "first part", b = "second", c = "";
  const std::string expected =
      md5_hex_openssl(md5_raw_openssl(a) + md5_raw_openssl(b) + md5_raw_openssl(c)) + "-3";
  REQUIRE(s3::multipart_etag({md5_hex_openssl(a), md5_hex_openssl(b), md5_hex_openssl(c)}) ==
          expected);
  REQUIRE(!s3::multipart_etag({"not-hex"}).has_value());
  REQUIRE(!s3::multipart_etag({std::string(32, 'g')}).has_value());
}

TEST_CASE("CRC combination matches the CRC of the concatenation", "[s3][multipart][checksum]") {
  const std::string a = pattern(1000, 1), b = pattern(777, 2), empty;
  struct Case {
    s3::ChecksumAlgorithm algo;
    uint64_t poly;
    unsigned width;
  };
  for (const Case& c : {Case{s3::ChecksumAlgorithm::crc32, 0xEDB88320ULL, 32},
                        Case{s3::ChecksumAlgorithm::crc32c, 0x82F63B78ULL, 32},
                        Case{s3::ChecksumAlgorithm::crc64nvme, 0x9A6C9329AC4BC9B5ULL, 64}}) {
    const uint64_t ca = slow_crc(a, c.poly, c.width), cb = slow_crc(b, c.poly, c.width);
    REQUIRE(s3::crc_combine(c.algo, ca, cb, b.size()) == slow_crc(a + b, c.poly, c.width));
    REQUIRE(s3::crc_combine(c.algo, ca, slow_crc(empty, c.poly, c.width), 0) == ca);
  }
  // Check values of the catalogue (reveng): the bitwise definition above is the right one.
  REQUIRE(slow_crc("123456789", 0xEDB88320ULL, 32) == 0xCBF43926ULL);
  REQUIRE(slow_crc("123456789", 0x82F63B78ULL, 32) == 0xE3069283ULL);
  REQUIRE(slow_crc("123456789", 0x9A6C9329AC4BC9B5ULL, 64) == 0xAE8B14860A799888ULL);
}

TEST_CASE("CompleteMultipartUpload documents parse strictly", "[s3][multipart][xml]") {
  const auto parts = s3::parse_complete_parts(
      "<CompleteMultipartUpload><Part><ETag>\"abc\"</ETag><PartNumber> 2 </PartNumber>"
      "<ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><PartNumber>5</PartNumber>"
      "<ETag>def</ETag></Part></CompleteMultipartUpload>");
  REQUIRE(parts.size() == 2);
  REQUIRE(parts[0].number == 2);
  REQUIRE(parts[0].etag == "abc");
  REQUIRE(parts[0].checksums.size() == 1);
  REQUIRE(parts[0].checksums[0].first == "CRC32");
  REQUIRE(parts[1].etag == "def");
  for (const char* bad :
       {"", "<CompleteMultipartUpload/>", "<Other><Part/></Other>", "<CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>a</ETag></Part>"
        "</CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part>"
        "</CompleteMultipartUpload>",
        "<CompleteMultipartUpload><Part><PartNumber>99999999999</PartNumber><ETag>a</ETag>"
        "</Part></CompleteMultipartUpload>"}) {
    try {
      s3::parse_complete_parts(bad);
      FAIL("parsed: " << bad);
    } catch (const ce::AwsError& e) {
      REQUIRE(e.code == "MalformedXML");
    }
  }
}

TEST_CASE("copy range header", "[s3][multipart][copy]") {
  const auto r = s3::parse_copy_range("bytes=2-5", 10);
  REQUIRE(r.first == 2);
  REQUIRE(r.length() == 4);
  REQUIRE(s3::parse_copy_range("bytes=0-9", 10).length() == 10);
  for (const char* bad : {"bytes=5-2", "bytes=-3", "bytes=3-", "2-5", "bytes=a-b", "bytes=1-2,4-5"})
    REQUIRE_THROWS_AS(s3::parse_copy_range(bad, 10), ce::AwsError);
  try {
    s3::parse_copy_range("bytes=0-10", 10);
    FAIL();
  } catch (const ce::AwsError& e) {
    REQUIRE(e.code == "InvalidArgument");
    REQUIRE(e.message == "Range specified is not valid for source object of size: 10");
  }
}

TEST_CASE("upload ids are long, opaque and sort by initiation", "[s3][multipart]") {
  const std::string a = s3::new_upload_id(1'700'000'000'000);
  const std::string b = s3::new_upload_id(1'700'000'000'000);
  const std::string c = s3::new_upload_id(1'600'000'000'000);  // clock moved back
  REQUIRE(a.size() == 80);
  REQUIRE(a < b);
  REQUIRE(b < c);
}

// ---- operations ----

TEST_CASE_METHOD(MultipartFixture, "create, upload, complete and read back a multipart object",
                 "[s3][multipart]") {
  const std::string p1 = pattern(5 * k_mib, 1), p2 = pattern(5 * k_mib + 17, 2), p3 = "tail";
  const std::string id = create(
      "dir/obj",
      {{"Content-Type", "text/plain"}, {"x-amz-meta-color", "blue"}, {"x-amz-tagging", "a=1"}});
  const std::string e1 = put_part("dir/obj", id, 1, p1);
  const std::string e2 = put_part("dir/obj", id, 2, p2);
  const std::string e3 = put_part("dir/obj", id, 3, p3);
  REQUIRE(e1 == md5_hex_openssl(p1));

  const auto listed = s3("GET", "/bkt/dir/obj?uploadId=" + id);
  REQUIRE(listed.status == 200);
  REQUIRE(xml_texts(listed.body, "/ListPartsResult/Part/PartNumber") ==
          std::vector<std::string>{"1", "2", "3"});
  REQUIRE(xml_texts(listed.body, "/ListPartsResult/Part/Size")[2] == "4");

  const auto done = complete("dir/obj", id, {{1, e1}, {2, e2}, {3, e3}});
  REQUIRE(done.status == 200);
  const std::string expected_etag =
      md5_hex_openssl(md5_raw_openssl(p1) + md5_raw_openssl(p2) + md5_raw_openssl(p3)) + "-3";
  REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/ETag") ==
          "\"" + expected_etag + "\"");
  REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/Key") == "dir/obj");
  REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/Bucket") == "bkt");

  const auto get = s3("GET", "/bkt/dir/obj");
  REQUIRE(get.status == 200);
  REQUIRE(get.body.size() == p1.size() + p2.size() + p3.size());
  REQUIRE(get.body == p1 + p2 + p3);
  REQUIRE(get.header("ETag") == "\"" + expected_etag + "\"");
  REQUIRE(get.header("Content-Type") == "text/plain");
  REQUIRE(get.header("x-amz-meta-color") == "blue");

  // A ranged read across the part boundary.
  const auto mid = s3(
      "GET", "/bkt/dir/obj", "",
      {{"Range", "bytes=" + std::to_string(p1.size() - 2) + "-" + std::to_string(p1.size() + 1)}});
  REQUIRE(mid.status == 206);
  REQUIRE(mid.body == p1.substr(p1.size() - 2) + p2.substr(0, 2));

  // The upload is gone; its parts now belong to the object.
  REQUIRE(error_code(s3("GET", "/bkt/dir/obj?uploadId=" + id)) == "NoSuchUpload");
  REQUIRE(xml_texts(s3("GET", "/bkt?uploads").body, "/ListMultipartUploadsResult/Upload").empty());
  REQUIRE(collect() == 0);
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(MultipartFixture, "a single small part completes", "[s3][multipart]") {
  const std::string id = create("one");
  const std::string e = put_part("one", id, 1, "hello");
  const auto done = complete("one", id, {{1, e}});
  REQUIRE(done.status == 200);
  REQUIRE(s3("GET", "/bkt/one").body == "hello");
  REQUIRE(unquote(s3("HEAD", "/bkt/one").header("ETag")) ==
          md5_hex_openssl(md5_raw_openssl("hello")) + "-1");
}

TEST_CASE_METHOD(MultipartFixture, "completion refuses unknown parts, bad order and small parts",
                 "[s3][multipart]") {
  const std::string id = create("k");
  const std::string e1 = put_part("k", id, 1, "small one");
  const std::string e2 = put_part("k", id, 2, "small two");

  SECTION("wrong ETag") {
    const auto r = complete("k", id, {{1, md5_hex_openssl("other")}});
    REQUIRE(r.status == 400);
    REQUIRE(error_code(r) == "InvalidPart");
    REQUIRE(xml_text(r.body, "/Error/Message") ==
            "One or more of the specified parts could not be found.  The part may not have been "
            "uploaded, or the specified entity tag may not match the part's entity tag.");
    REQUIRE(xml_text(r.body, "/Error/UploadId") == id);
    REQUIRE(xml_text(r.body, "/Error/PartNumber") == "1");
  }
  SECTION("missing part") {
    const auto r = complete("k", id, {{1, e1}, {3, e2}});
    REQUIRE(error_code(r) == "InvalidPart");
    REQUIRE(xml_text(r.body, "/Error/PartNumber") == "3");
  }
  SECTION("descending order") {
    const auto r = complete("k", id, {{2, e2}, {1, e1}});
    REQUIRE(r.status == 400);
    REQUIRE(error_code(r) == "InvalidPartOrder");
  }
  SECTION("a part but the last under 5 MiB") {
    const auto r = complete("k", id, {{1, e1}, {2, e2}});
    REQUIRE(r.status == 400);
    REQUIRE(error_code(r) == "EntityTooSmall");
    REQUIRE(xml_text(r.body, "/Error/ProposedSize") == "9");
    REQUIRE(xml_text(r.body, "/Error/MinSizeAllowed") == "5242880");
    REQUIRE(xml_text(r.body, "/Error/PartNumber") == "1");
    REQUIRE(xml_text(r.body, "/Error/ETag") == e1);
  }
  SECTION("no parts") {
    const auto r =
        s3("POST", "/bkt/k?uploadId=" + id, "<CompleteMultipartUpload></CompleteMultipartUpload>");
    REQUIRE(error_code(r) == "MalformedXML");
  }
  // Every refusal leaves the upload in place.
  REQUIRE(s3("GET", "/bkt/k?uploadId=" + id).status == 200);
}

TEST_CASE_METHOD(MultipartFixture, "NoSuchUpload, NoSuchBucket and bad part numbers",
                 "[s3][multipart]") {
  REQUIRE(error_code(part("k", "nope", 1, "x")) == "NoSuchUpload");
  REQUIRE(part("k", "nope", 1, "x").status == 404);
  REQUIRE(error_code(complete("k", "nope", {{1, md5_hex_openssl("x")}})) == "NoSuchUpload");
  REQUIRE(error_code(s3("DELETE", "/bkt/k?uploadId=nope")) == "NoSuchUpload");
  REQUIRE(error_code(s3("GET", "/bkt/k?uploadId=nope")) == "NoSuchUpload");
  REQUIRE(error_code(s3("POST", "/missing/k?uploads")) == "NoSuchBucket");

  const std::string id = create("k");
  // The upload id is bound to its key.
  REQUIRE(error_code(part("other", id, 1, "x")) == "NoSuchUpload");
  for (const char* n : {"0", "10001", "-1", "abc"}) {
    const auto r = s3("PUT", std::string("/bkt/k?partNumber=") + n + "&uploadId=" + id, "x");
    REQUIRE(r.status == 400);
    REQUIRE(error_code(r) == "InvalidArgument");
    REQUIRE(xml_text(r.body, "/Error/Message") ==
            "Part number must be an integer between 1 and 10000, inclusive");
    REQUIRE(xml_text(r.body, "/Error/ArgumentName") == "partNumber");
  }
  REQUIRE(part("k", id, 10000, "x").status == 200);
}

TEST_CASE_METHOD(MultipartFixture, "abort deletes the upload and reclaims its parts",
                 "[s3][multipart]") {
  const std::string id = create("k");
  put_part("k", id, 1, pattern(100000, 1));
  put_part("k", id, 2, pattern(100000, 2));
  REQUIRE(collect() == 0);
  const auto r = s3("DELETE", "/bkt/k?uploadId=" + id);
  REQUIRE(r.status == 204);
  REQUIRE(collect() == 2);
  REQUIRE(error_code(s3("GET", "/bkt/k?uploadId=" + id)) == "NoSuchUpload");
  REQUIRE(error_code(part("k", id, 3, "late")) == "NoSuchUpload");
  REQUIRE(error_code(s3("DELETE", "/bkt/k?uploadId=" + id)) == "NoSuchUpload");
}

TEST_CASE_METHOD(MultipartFixture, "re-uploading a part replaces it and releases the old bytes",
                 "[s3][multipart]") {
  const std::string id = create("k");
  put_part("k", id, 1, "version one");
  const std::string e = put_part("k", id, 1, "version two");
  REQUIRE(collect() == 1);
  const auto listed = s3("GET", "/bkt/k?uploadId=" + id);
  REQUIRE(xml_texts(listed.body, "/ListPartsResult/Part/ETag") ==
          std::vector<std::string>{"\"" + e + "\""});
  REQUIRE(complete("k", id, {{1, e}}).status == 200);
  REQUIRE(s3("GET", "/bkt/k").body == "version two");
}

TEST_CASE_METHOD(MultipartFixture, "parts left out of the completion are released",
                 "[s3][multipart]") {
  const std::string id = create("k");
  const std::string e1 = put_part("k", id, 1, "kept");
  put_part("k", id, 2, "dropped");
  REQUIRE(complete("k", id, {{1, e1}}).status == 200);
  REQUIRE(collect() == 1);
  REQUIRE(s3("GET", "/bkt/k").body == "kept");
  // Overwriting the object releases the completed part too.
  REQUIRE(s3("PUT", "/bkt/k", pattern(20000, 3)).status == 200);
  REQUIRE(collect() == 1);
}

TEST_CASE_METHOD(MultipartFixture, "ListMultipartUploads pages by key and upload id",
                 "[s3][multipart][list]") {
  const std::string a1 = create("a");
  const std::string a2 = create("a");
  const std::string b = create("b");
  const std::string d1 = create("dir/x");
  const std::string d2 = create("dir/y");
  REQUIRE(a1 < a2);

  const auto all = s3("GET", "/bkt?uploads");
  REQUIRE(all.status == 200);
  REQUIRE(xml_texts(all.body, "/ListMultipartUploadsResult/Upload/Key") ==
          std::vector<std::string>{"a", "a", "b", "dir/x", "dir/y"});
  REQUIRE(xml_texts(all.body, "/ListMultipartUploadsResult/Upload/UploadId") ==
          std::vector<std::string>{a1, a2, b, d1, d2});
  REQUIRE(xml_text(all.body, "/ListMultipartUploadsResult/IsTruncated") == "false");
  REQUIRE(xml_text(all.body, "/ListMultipartUploadsResult/MaxUploads") == "1000");
  REQUIRE(!xml_text(all.body, "/ListMultipartUploadsResult/Upload/Initiated").empty());
  REQUIRE(!xml_text(all.body, "/ListMultipartUploadsResult/Upload/Owner/ID").empty());

  // Page through two at a time with the markers S3 hands back.
  std::vector<std::string> seen;
  std::string query = "/bkt?uploads&max-uploads=2";
  for (int page = 0; page < 5; ++page) {
    const auto r = s3("GET", query);
    REQUIRE(r.status == 200);
    for (const auto& id : xml_texts(r.body, "/ListMultipartUploadsResult/Upload/UploadId"))
      seen.push_back(id);
    if (xml_text(r.body, "/ListMultipartUploadsResult/IsTruncated") != "true") break;
    query = "/bkt?uploads&max-uploads=2&key-marker=" +
            xml_text(r.body, "/ListMultipartUploadsResult/NextKeyMarker") + "&upload-id-marker=" +
            xml_text(r.body, "/ListMultipartUploadsResult/NextUploadIdMarker");
  }
  REQUIRE(seen == std::vector<std::string>{a1, a2, b, d1, d2});

  // A key marker alone skips every upload of that key.
  const auto after_a = s3("GET", "/bkt?uploads&key-marker=a");
  REQUIRE(xml_texts(after_a.body, "/ListMultipartUploadsResult/Upload/Key") ==
          std::vector<std::string>{"b", "dir/x", "dir/y"});

  // Delimiter: dir/ rolls up into one common prefix, counted once.
  const auto rolled = s3("GET", "/bkt?uploads&delimiter=/");
  REQUIRE(xml_texts(rolled.body, "/ListMultipartUploadsResult/Upload/Key") ==
          std::vector<std::string>{"a", "a", "b"});
  REQUIRE(xml_texts(rolled.body, "/ListMultipartUploadsResult/CommonPrefixes/Prefix") ==
          std::vector<std::string>{"dir/"});
  const auto page = s3("GET", "/bkt?uploads&delimiter=/&max-uploads=3");
  REQUIRE(xml_text(page.body, "/ListMultipartUploadsResult/IsTruncated") == "true");
  const auto rest = s3("GET", "/bkt?uploads&delimiter=/&max-uploads=3&key-marker=b");
  REQUIRE(xml_texts(rest.body, "/ListMultipartUploadsResult/CommonPrefixes/Prefix") ==
          std::vector<std::string>{"dir/"});
  REQUIRE(xml_text(rest.body, "/ListMultipartUploadsResult/IsTruncated") == "false");

  // Prefix filter and url encoding.
  const auto dir = s3("GET", "/bkt?uploads&prefix=dir/&encoding-type=url");
  REQUIRE(xml_texts(dir.body, "/ListMultipartUploadsResult/Upload/Key") ==
          std::vector<std::string>{"dir/x", "dir/y"});
  REQUIRE(xml_text(dir.body, "/ListMultipartUploadsResult/EncodingType") == "url");
  REQUIRE(error_code(s3("GET", "/bkt?uploads&max-uploads=x")) == "InvalidArgument");
}

TEST_CASE_METHOD(MultipartFixture, "ListParts pages by part number", "[s3][multipart][list]") {
  const std::string id = create("k", {{"x-amz-storage-class", "STANDARD_IA"}});
  for (int n : {1, 2, 3, 5, 8}) put_part("k", id, n, "part " + std::to_string(n));
  const auto first = s3("GET", "/bkt/k?uploadId=" + id + "&max-parts=2");
  REQUIRE(xml_texts(first.body, "/ListPartsResult/Part/PartNumber") ==
          std::vector<std::string>{"1", "2"});
  REQUIRE(xml_text(first.body, "/ListPartsResult/IsTruncated") == "true");
  REQUIRE(xml_text(first.body, "/ListPartsResult/NextPartNumberMarker") == "2");
  REQUIRE(xml_text(first.body, "/ListPartsResult/StorageClass") == "STANDARD_IA");
  REQUIRE(!xml_text(first.body, "/ListPartsResult/Initiator/ID").empty());
  const auto second = s3("GET", "/bkt/k?uploadId=" + id + "&max-parts=2&part-number-marker=2");
  REQUIRE(xml_texts(second.body, "/ListPartsResult/Part/PartNumber") ==
          std::vector<std::string>{"3", "5"});
  const auto last = s3("GET", "/bkt/k?uploadId=" + id + "&max-parts=2&part-number-marker=5");
  REQUIRE(xml_texts(last.body, "/ListPartsResult/Part/PartNumber") ==
          std::vector<std::string>{"8"});
  REQUIRE(xml_text(last.body, "/ListPartsResult/IsTruncated") == "false");
}

TEST_CASE_METHOD(MultipartFixture, "UploadPartCopy copies a range of another object",
                 "[s3][multipart][copy]") {
  const std::string src = pattern(5 * k_mib + 100, 9);
  REQUIRE(s3("PUT", "/bkt/src", src).status == 200);
  const std::string id = create("dst");

  const auto c1 =
      s3("PUT", "/bkt/dst?partNumber=1&uploadId=" + id, "", {{"x-amz-copy-source", "/bkt/src"}});
  REQUIRE(c1.status == 200);
  const std::string e1 = unquote(xml_text(c1.body, "/CopyPartResult/ETag"));
  REQUIRE(e1 == md5_hex_openssl(src));
  REQUIRE(!xml_text(c1.body, "/CopyPartResult/LastModified").empty());

  const auto c2 =
      s3("PUT", "/bkt/dst?partNumber=2&uploadId=" + id, "",
         {{"x-amz-copy-source", "bkt/src"}, {"x-amz-copy-source-range", "bytes=10-19"}});
  REQUIRE(c2.status == 200);
  const std::string e2 = unquote(xml_text(c2.body, "/CopyPartResult/ETag"));
  REQUIRE(e2 == md5_hex_openssl(src.substr(10, 10)));

  REQUIRE(complete("dst", id, {{1, e1}, {2, e2}}).status == 200);
  REQUIRE(s3("GET", "/bkt/dst").body == src + src.substr(10, 10));

  SECTION("range errors") {
    const std::string id2 = create("dst2");
    const auto big = s3("PUT", "/bkt/dst2?partNumber=1&uploadId=" + id2, "",
                        {{"x-amz-copy-source", "/bkt/src"},
                         {"x-amz-copy-source-range", "bytes=0-" + std::to_string(src.size())}});
    REQUIRE(big.status == 400);
    REQUIRE(error_code(big) == "InvalidArgument");
    const auto malformed =
        s3("PUT", "/bkt/dst2?partNumber=1&uploadId=" + id2, "",
           {{"x-amz-copy-source", "/bkt/src"}, {"x-amz-copy-source-range", "0-5"}});
    REQUIRE(error_code(malformed) == "InvalidArgument");
    REQUIRE(xml_text(malformed.body, "/Error/ArgumentName") == "x-amz-copy-source-range");
  }
  SECTION("missing source and failed conditions") {
    const std::string id2 = create("dst2");
    const std::string t = "/bkt/dst2?partNumber=1&uploadId=" + id2;
    REQUIRE(error_code(s3("PUT", t, "", {{"x-amz-copy-source", "/bkt/none"}})) == "NoSuchKey");
    REQUIRE(error_code(s3("PUT", t, "", {{"x-amz-copy-source", "/nob/src"}})) == "NoSuchBucket");
    const auto cond =
        s3("PUT", t, "",
           {{"x-amz-copy-source", "/bkt/src"}, {"x-amz-copy-source-if-match", "\"0123\""}});
    REQUIRE(cond.status == 412);
    REQUIRE(s3("PUT", t, "",
               {{"x-amz-copy-source", "/bkt/src"},
                {"x-amz-copy-source-if-match", "\"" + md5_hex_openssl(src) + "\""},
                {"x-amz-copy-source-range", "bytes=0-0"}})
                .status == 200);
  }
}

TEST_CASE_METHOD(MultipartFixture, "composite CRC32 checksum of a completed upload",
                 "[s3][multipart][checksum]") {
  const std::string p1 = pattern(5 * k_mib, 4), p2 = "last bytes";
  const auto created = s3("POST", "/bkt/c?uploads", "", {{"x-amz-checksum-algorithm", "CRC32"}});
  REQUIRE(created.status == 200);
  REQUIRE(created.header("x-amz-checksum-algorithm") == "CRC32");
  REQUIRE(created.header("x-amz-checksum-type") == "COMPOSITE");
  const std::string id = xml_text(created.body, "/InitiateMultipartUploadResult/UploadId");

  const std::string c1 = s3::base64_encode(be32(slow_crc32(p1)));
  const auto r1 = part("c", id, 1, p1, {{"x-amz-checksum-crc32", c1}});
  REQUIRE(r1.status == 200);
  REQUIRE(r1.header("x-amz-checksum-crc32") == c1);
  // A part sent without a checksum gets one computed.
  const auto r2 = part("c", id, 2, p2);
  REQUIRE(r2.status == 200);

  const auto listed = s3("GET", "/bkt/c?uploadId=" + id);
  REQUIRE(xml_texts(listed.body, "/ListPartsResult/Part/ChecksumCRC32") ==
          std::vector<std::string>{c1, s3::base64_encode(be32(slow_crc32(p2)))});
  REQUIRE(xml_text(listed.body, "/ListPartsResult/ChecksumAlgorithm") == "CRC32");

  const auto done =
      complete("c", id, {{1, unquote(r1.header("ETag"))}, {2, unquote(r2.header("ETag"))}});
  REQUIRE(done.status == 200);
  const std::string expected =
      s3::base64_encode(be32(slow_crc32(be32(slow_crc32(p1)) + be32(slow_crc32(p2))))) + "-2";
  REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/ChecksumCRC32") == expected);
  REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/ChecksumType") == "COMPOSITE");
}

TEST_CASE_METHOD(MultipartFixture, "full-object CRC32 checksum of a completed upload",
                 "[s3][multipart][checksum]") {
  const std::string p1 = pattern(5 * k_mib, 5), p2 = "tail";
  const std::string id =
      create("f", {{"x-amz-checksum-algorithm", "crc32"}, {"x-amz-checksum-type", "FULL_OBJECT"}});
  const std::string e1 = put_part("f", id, 1, p1);
  const std::string e2 = put_part("f", id, 2, p2);
  const std::string whole = s3::base64_encode(be32(slow_crc32(p1 + p2)));

  SECTION("matches the CRC of the whole object") {
    const auto done = complete("f", id, {{1, e1}, {2, e2}}, {{"x-amz-checksum-crc32", whole}});
    REQUIRE(done.status == 200);
    REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/ChecksumCRC32") == whole);
    REQUIRE(xml_text(done.body, "/CompleteMultipartUploadResult/ChecksumType") == "FULL_OBJECT");
  }
  SECTION("a different expected checksum is refused") {
    const auto bad = complete("f", id, {{1, e1}, {2, e2}},
                              {{"x-amz-checksum-crc32", s3::base64_encode(be32(1))}});
    REQUIRE(bad.status == 400);
    REQUIRE(error_code(bad) == "BadDigest");
  }
  SECTION("invalid checksum choices at creation") {
    REQUIRE(s3("POST", "/bkt/g?uploads", "",
               {{"x-amz-checksum-algorithm", "SHA256"}, {"x-amz-checksum-type", "FULL_OBJECT"}})
                .status == 400);
    REQUIRE(s3("POST", "/bkt/g?uploads", "", {{"x-amz-checksum-type", "COMPOSITE"}}).status == 400);
  }
}

TEST_CASE_METHOD(MultipartFixture, "conditional completion", "[s3][multipart]") {
  REQUIRE(s3("PUT", "/bkt/k", "existing").status == 200);
  const std::string id = create("k");
  const std::string e = put_part("k", id, 1, "new");
  const auto refused = complete("k", id, {{1, e}}, {{"If-None-Match", "*"}});
  REQUIRE(refused.status == 412);
  REQUIRE(error_code(refused) == "PreconditionFailed");
  REQUIRE(s3("GET", "/bkt/k").body == "existing");
  const auto wrong = complete("k", id, {{1, e}}, {{"If-Match", "\"0000\""}});
  REQUIRE(wrong.status == 412);
  const auto ok =
      complete("k", id, {{1, e}}, {{"If-Match", "\"" + md5_hex_openssl("existing") + "\""}});
  REQUIRE(ok.status == 200);
  REQUIRE(s3("GET", "/bkt/k").body == "new");
}

TEST_CASE_METHOD(MultipartFixture, "completion in a versioned bucket adds a version",
                 "[s3][multipart]") {
  REQUIRE(s3("PUT", "/bkt?versioning",
             "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
             "<Status>Enabled</Status></VersioningConfiguration>")
              .status == 200);
  const auto first = s3("PUT", "/bkt/v", "old");
  REQUIRE(first.status == 200);
  const std::string id = create("v");
  const auto done = complete("v", id, {{1, put_part("v", id, 1, "new")}});
  REQUIRE(done.status == 200);
  const auto version = done.header("x-amz-version-id");
  REQUIRE(version.has_value());
  REQUIRE(*version != "null");
  REQUIRE(*version != first.header("x-amz-version-id"));
  REQUIRE(s3("GET", "/bkt/v").body == "new");
  REQUIRE(s3("GET", "/bkt/v?versionId=" + *first.header("x-amz-version-id")).body == "old");
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(MultipartFixture, "completion keeps the upload's checksums per part",
                 "[s3][multipart][checksum]") {
  const std::string id = create("s", {{"x-amz-checksum-algorithm", "SHA256"}});
  const std::string e1 = put_part("s", id, 1, "only part");
  SECTION("a per-part checksum that does not match is an unknown part") {
    const std::string xml =
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>" + e1 +
        "</ETag><ChecksumSHA256>AAAA</ChecksumSHA256></Part></CompleteMultipartUpload>";
    REQUIRE(error_code(s3("POST", "/bkt/s?uploadId=" + id, xml)) == "InvalidPart");
  }
  SECTION("composite SHA256") {
    const auto done = complete("s", id, {{1, e1}});
    REQUIRE(done.status == 200);
    const std::string value = xml_text(done.body, "/CompleteMultipartUploadResult/ChecksumSHA256");
    REQUIRE(value == s3::base64_encode(sha256_openssl(sha256_openssl("only part"))) + "-1");
  }
}
