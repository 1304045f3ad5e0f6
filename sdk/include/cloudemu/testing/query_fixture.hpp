// Unit tests of a query-protocol service (SNS, STS, IAM) on the fake host: an action with its
// form parameters, the XML of a success, the code and message of a failure, and a look into the
// XML answers. Catch2 tests only (it asserts with REQUIRE).
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <cloudemu/url.hpp>
#include <string>
#include <utility>
#include <vector>

namespace ce::testing {

using Form = std::vector<std::pair<std::string, std::string>>;

/// A query-protocol error as a client sees it.
struct QueryError {
  uint32_t status = 0;
  std::string code;
  std::string message;
};

/// XML text with the five entities undone (answers are small and flat enough for this).
inline std::string xml_unescape(std::string s) {
  const std::pair<const char*, const char*> k_entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : k_entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, std::string(from).size(), to);
  }
  return s;
}

/// The text of every <tag> element, in document order.
inline std::vector<std::string> xml_all(const std::string& body, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (std::size_t at = body.find(open); at != std::string::npos; at = body.find(open, at + 1)) {
    const std::size_t end = body.find(close, at);
    if (end == std::string::npos) break;
    out.push_back(xml_unescape(body.substr(at + open.size(), end - at - open.size())));
  }
  return out;
}

/// The text of the first <tag> element, unescaped ("" when absent).
inline std::string xml_one(const std::string& body, const std::string& tag) {
  const auto all = xml_all(body, tag);
  return all.empty() ? std::string() : all.front();
}

/// A fake host with one query-protocol plugin loaded.
struct QueryFixture {
  FakeHost host;
  std::string service, version;
  std::string account = "000000000000";
  std::string region = "us-east-1";
  std::string access_key;  // the request's access key id ("" = unsigned)

  QueryFixture(const ce_plugin_descriptor* (*entry)(void), std::string service_id,
               std::string api_version)
      : service(std::move(service_id)), version(std::move(api_version)) {
    REQUIRE(host.load(entry) == CE_OK);
  }

  HttpResponse raw(const std::string& action, const Form& form) {
    std::string body = "Action=" + action + "&Version=" + version;
    for (const auto& [k, v] : form) body += "&" + percent_encode(k) + "=" + percent_encode(v);
    HttpRequest req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    req.body = std::move(body);
    req.account_id = account;
    req.access_key_id = access_key;
    req.region = region;
    return host.request(service, req);
  }

  /// An action that must succeed: its XML answer.
  std::string ok(const std::string& action, const Form& form = {}) {
    const auto r = raw(action, form);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return r.body;
  }

  /// An action that must fail with a 4xx (never a 500, which is a handler failure): its error.
  QueryError fail(const std::string& action, const Form& form = {}) {
    const auto r = raw(action, form);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    return QueryError{r.status, xml_one(r.body, "Code"), xml_one(r.body, "Message")};
  }

  /// Acts with the given key id from now on, in the account it encodes (as the host does).
  void use_key(const std::string& key_id, const std::string& key_account) {
    access_key = key_id;
    account = key_account;
  }
};

}  // namespace ce::testing
