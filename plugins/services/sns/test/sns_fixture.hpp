// A fake host with the SNS plugin loaded, and the shorthands the tests share: an action with its
// form parameters, the answer of a success, the code and message of a failure, and a look into
// the XML answers.
#pragma once
#include <cloudemu/testing/query_fixture.hpp>
#include <string>
#include <utility>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using ce::testing::Form;
using ce::testing::xml_all;
using ce::testing::xml_one;
using ce::testing::xml_unescape;

using SnsError = ce::testing::QueryError;

/// The value of an <entry><key>name</key><value>...</value></entry> attribute.
inline std::string xml_attribute(const std::string& body, const std::string& name) {
  const std::string key = "<key>" + name + "</key><value>";
  const std::size_t at = body.find(key);
  if (at == std::string::npos) return "<absent>";
  const std::size_t start = at + key.size();
  return xml_unescape(body.substr(start, body.find("</value>", start) - start));
}

struct SnsFixture : ce::testing::QueryFixture {
  SnsFixture() : QueryFixture(&ce_plugin_entry, "sns", "2010-03-31") {}

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
