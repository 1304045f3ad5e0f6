// A fake host with the STS plugin loaded (IAM is not: roles are taken on trust), and shorthands
// for an action with its form parameters, a success's XML and a failure's code and message.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <cloudemu/url.hpp>
#include <string>
#include <utility>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Form = std::vector<std::pair<std::string, std::string>>;

struct StsError {
  uint32_t status = 0;
  std::string code;
  std::string message;
};

/// XML text with the five entities undone.
inline std::string xml_unescape(std::string s) {
  const std::pair<std::string, std::string> k_entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : k_entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1))
      s.replace(at, from.size(), to);
  }
  return s;
}

/// The text of the first <tag> element, unescaped ("" when absent).
inline std::string xml_one(const std::string& body, const std::string& tag) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const std::size_t at = body.find(open);
  if (at == std::string::npos) return {};
  const std::size_t end = body.find(close, at);
  return xml_unescape(body.substr(at + open.size(), end - at - open.size()));
}

struct StsFixture {
  ce::testing::FakeHost host;
  std::string account = "000000000000";
  std::string access_key;  // the request's access key id ("" = unsigned)

  StsFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpResponse raw(const std::string& action, const Form& form) {
    std::string body = "Action=" + action + "&Version=2011-06-15";
    for (const auto& [k, v] : form)
      body += "&" + ce::percent_encode(k) + "=" + ce::percent_encode(v);
    ce::testing::HttpRequest req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    req.body = std::move(body);
    req.account_id = account;
    req.access_key_id = access_key;
    req.region = "us-east-1";
    return host.request("sts", req);
  }
  std::string ok(const std::string& action, const Form& form = {}) {
    const auto r = raw(action, form);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return r.body;
  }
  StsError fail(const std::string& action, const Form& form = {}) {
    const auto r = raw(action, form);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    return StsError{r.status, xml_one(r.body, "Code"), xml_one(r.body, "Message")};
  }
  /// Acts with the given key id from now on, in the account it encodes (as the host does).
  void use_key(const std::string& key_id, const std::string& key_account) {
    access_key = key_id;
    account = key_account;
  }
};
