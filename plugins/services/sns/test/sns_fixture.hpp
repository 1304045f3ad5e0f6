// A fake host with the SNS plugin loaded, and the shorthands the tests share: an action with its
// form parameters, the answer of a success, the code and message of a failure, and a look into
// the XML answers.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <cloudemu/url.hpp>
#include <string>
#include <utility>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Form = std::vector<std::pair<std::string, std::string>>;

struct SnsError {
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
inline std::string xml_one(const std::string& body, const std::string& tag) {
  const auto all = xml_all(body, tag);
  return all.empty() ? std::string() : all.front();
}
/// The value of an <entry><key>name</key><value>...</value></entry> attribute.
inline std::string xml_attribute(const std::string& body, const std::string& name) {
  const std::string key = "<key>" + name + "</key><value>";
  const std::size_t at = body.find(key);
  if (at == std::string::npos) return "<absent>";
  const std::size_t start = at + key.size();
  return xml_unescape(body.substr(start, body.find("</value>", start) - start));
}

struct SnsFixture {
  ce::testing::FakeHost host;
  std::string account = "000000000000";
  std::string region = "us-east-1";

  SnsFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpResponse raw(const std::string& action, const Form& form) {
    std::string body = "Action=" + action + "&Version=2010-03-31";
    for (const auto& [k, v] : form)
      body += "&" + ce::percent_encode(k) + "=" + ce::percent_encode(v);
    ce::testing::HttpRequest req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    req.body = std::move(body);
    req.account_id = account;
    req.region = region;
    return host.request("sns", req);
  }

  /// An action that must succeed: its XML answer.
  std::string ok(const std::string& action, const Form& form = {}) {
    const auto r = raw(action, form);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return r.body;
  }

  /// An action that must fail with a 4xx: its error.
  SnsError fail(const std::string& action, const Form& form = {}) {
    const auto r = raw(action, form);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    return SnsError{r.status, xml_one(r.body, "Code"), xml_one(r.body, "Message")};
  }

  std::string create_topic(const std::string& name, Form extra = {}) {
    extra.emplace_back("Name", name);
    return xml_one(ok("CreateTopic", extra), "TopicArn");
  }
  std::string create_fifo_topic(const std::string& name, bool content_dedup = false) {
    Form f = {{"Attributes.entry.1.key", "FifoTopic"}, {"Attributes.entry.1.value", "true"}};
    if (content_dedup) {
      f.emplace_back("Attributes.entry.2.key", "ContentBasedDeduplication");
      f.emplace_back("Attributes.entry.2.value", "true");
    }
    return create_topic(name, f);
  }
  std::string subscribe(const std::string& topic, const std::string& protocol,
                        const std::string& endpoint, Form extra = {}) {
    extra.emplace_back("TopicArn", topic);
    extra.emplace_back("Protocol", protocol);
    extra.emplace_back("Endpoint", endpoint);
    extra.emplace_back("ReturnSubscriptionArn", "true");
    return xml_one(ok("Subscribe", extra), "SubscriptionArn");
  }
  std::string topic_attribute(const std::string& topic, const std::string& name) {
    return xml_attribute(ok("GetTopicAttributes", {{"TopicArn", topic}}), name);
  }
  std::string subscription_attribute(const std::string& sub, const std::string& name) {
    return xml_attribute(ok("GetSubscriptionAttributes", {{"SubscriptionArn", sub}}), name);
  }
};
