#include <nlohmann/json.hpp>

#include "notes_fixture.hpp"

TEST_CASE_METHOD(NotesFixture, "PUT stores a note and GET streams it back with ETag", "[notes]") {
  const auto put = call("PUT", "/greeting", "hello");
  REQUIRE(put.status == 200);
  REQUIRE(put.header("ETag") == "\"5d41402abc4b2a76b9719d911017c592\"");
  const auto meta = nlohmann::json::parse(put.body);
  REQUIRE(meta["size"] == 5);
  REQUIRE(meta["created_ms"] == host.now());

  const auto get = call("GET", "/greeting");
  REQUIRE(get.status == 200);
  REQUIRE(get.body == "hello");
  REQUIRE(get.header("Content-Length") == "5");
  REQUIRE(get.header("ETag") == "\"5d41402abc4b2a76b9719d911017c592\"");
  REQUIRE(host.violations().empty());
}

TEST_CASE_METHOD(NotesFixture, "large bodies stream through in chunks", "[notes]") {
  std::string big(200 * 1024 + 1, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 7);
  ce::testing::HttpRequest req;
  req.method = "PUT";
  req.target = "/_example/notes/big";
  req.body = big;
  req.body_chunk = 10000;  // the host hands out small pieces
  req.unknown_length = true;
  REQUIRE(host.request("example-notes", req).status == 200);
  const auto get = call("GET", "/big");
  REQUIRE(get.body == big);
  REQUIRE(get.header("Content-Length") == std::to_string(big.size()));
}

TEST_CASE_METHOD(NotesFixture, "overwriting a note unlinks the previous blob", "[notes]") {
  REQUIRE(call("PUT", "/n", "one").status == 200);
  REQUIRE(call("PUT", "/n", "two").status == 200);
  REQUIRE(call("GET", "/n").body == "two");
  uint64_t deleted = 0;
  ce_error err = ce::make_error();
  REQUIRE(host.backend()->blob_collect(host.backend_handle(), ce::to_str("example-notes"), 0, 0,
                                       &deleted, &err) == CE_OK);
  REQUIRE(deleted == 1);
  REQUIRE(call("GET", "/n").body == "two");
}

TEST_CASE_METHOD(NotesFixture, "single byte ranges answer 206 with Content-Range",
                 "[notes][range]") {
  REQUIRE(call("PUT", "/r", "hello").status == 200);
  const auto mid = call("GET", "/r", "", {{"Range", "bytes=1-3"}});
  REQUIRE(mid.status == 206);
  REQUIRE(mid.body == "ell");
  REQUIRE(mid.header("Content-Range") == "bytes 1-3/5");
  REQUIRE(mid.header("Content-Length") == "3");
  REQUIRE(call("GET", "/r", "", {{"Range", "bytes=-2"}}).body == "lo");
  REQUIRE(call("GET", "/r", "", {{"Range", "bytes=3-"}}).body == "lo");
  REQUIRE(call("GET", "/r", "", {{"Range", "bytes=2-99"}}).body == "llo");
  const auto multi = call("GET", "/r", "", {{"Range", "bytes=0-1,3-4"}});
  REQUIRE(multi.status == 200);  // multi-range is ignored, the whole note is served
  const auto bad = call("GET", "/r", "", {{"Range", "bytes=9-10"}});
  REQUIRE(bad.status == 416);
  REQUIRE(bad.header("x-amzn-ErrorType") == "InvalidRange");
}

TEST_CASE_METHOD(NotesFixture, "HEAD sends the headers of GET without a body", "[notes]") {
  REQUIRE(call("PUT", "/h", "hello").status == 200);
  const auto head = call("HEAD", "/h");
  REQUIRE(head.status == 200);
  REQUIRE(head.header("Content-Length") == "5");
  REQUIRE(head.body.empty());
  const auto missing = call("HEAD", "/nope");
  REQUIRE(missing.status == 404);
  REQUIRE(missing.header("x-amzn-ErrorType") == "NoSuchNote");
  REQUIRE(missing.body.empty());
}

TEST_CASE_METHOD(NotesFixture, "DELETE answers 204, then the note is gone", "[notes]") {
  REQUIRE(call("PUT", "/d", "x").status == 200);
  REQUIRE(call("DELETE", "/d").status == 204);
  const auto get = call("GET", "/d");
  REQUIRE(get.status == 404);
  REQUIRE(get.header("x-amzn-ErrorType") == "NoSuchNote");
  REQUIRE(get.header("Content-Type") == "application/json");
  REQUIRE(get.body == R"({"message":"The note 'd' does not exist."})");
  REQUIRE(call("DELETE", "/d").status == 404);
}

TEST_CASE_METHOD(NotesFixture, "GET on the collection lists names sorted, with prefix",
                 "[notes][list]") {
  for (const char* n : {"b", "a", "ab", "c", "a%2Fz"})
    REQUIRE(call("PUT", std::string("/") + n, "x").status == 200);
  REQUIRE(call("GET", "").body == R"({"notes":["a","a/z","ab","b","c"]})");
  REQUIRE(call("GET", "/").body == R"({"notes":["a","a/z","ab","b","c"]})");
  REQUIRE(call("GET", "?prefix=a").body == R"({"notes":["a","a/z","ab"]})");
  REQUIRE(call("GET", "?prefix=zz").body == R"({"notes":[]})");
}

TEST_CASE_METHOD(NotesFixture, "notes are scoped per account", "[notes]") {
  ce::testing::HttpRequest req;
  req.method = "PUT";
  req.target = "/_example/notes/mine";
  req.body = "x";
  req.account_id = "111111111111";
  REQUIRE(host.request("example-notes", req).status == 200);
  REQUIRE(call("GET", "/mine").status == 404);
  REQUIRE(call("GET", "").body == R"({"notes":[]})");
}

TEST_CASE_METHOD(NotesFixture, "invalid input is ValidationException", "[notes]") {
  const auto reserved = call("PUT", "/_hidden", "x");
  REQUIRE(reserved.status == 400);
  REQUIRE(reserved.header("x-amzn-ErrorType") == "ValidationException");
  REQUIRE(call("GET", "/x?wait=abc").status == 400);
  REQUIRE(call("GET", "/x?wait=60001").status == 400);
  REQUIRE(call("PUT", "/" + std::string(257, 'n'), "x").status == 400);
  REQUIRE(call("POST", "/x").status == 405);
}
