// A fake host with the SQS plugin loaded, and shorthands the tests share: a JSON-protocol call by
// operation name, a query-protocol call from form parameters, the parsed answer of a success and
// the code of a failure in either protocol.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <cloudemu/url.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

using Json = nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

struct SqsError {
  uint32_t status = 0;
  std::string type;         // JSON __type without its namespace, or the query <Code>
  std::string query_error;  // JSON: the x-amzn-query-error header
  std::string message;
};

struct SqsFixture {
  ce::testing::FakeHost host;
  SqsFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpRequest json_request(const std::string& op, const Json& body) {
    ce::testing::HttpRequest req;
    req.method = "POST";
    req.target = "/";
    req.headers = {{"X-Amz-Target", "AmazonSQS." + op},
                   {"Content-Type", "application/x-amz-json-1.0"},
                   {"Host", "localhost:4566"}};
    req.body = body.dump();
    return req;
  }

  ce::testing::HttpResponse raw_json(const std::string& op, const Json& body) {
    return host.request("sqs", json_request(op, body));
  }

  static std::string encode_form(const Form& form) {
    std::string out;
    for (const auto& [k, v] : form) {
      if (!out.empty()) out += '&';
      out += ce::percent_encode(k) + "=" + ce::percent_encode(v);
    }
    return out;
  }

  ce::testing::HttpResponse raw_query(const std::string& action, Form form,
                                      const std::string& path = "/") {
    form.insert(form.begin(), {"Version", "2012-11-05"});
    form.insert(form.begin(), {"Action", action});
    ce::testing::HttpRequest req;
    req.method = "POST";
    req.target = path;
    req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
                   {"Host", "localhost:4566"}};
    req.body = encode_form(form);
    return host.request("sqs", req);
  }

  /// A JSON-protocol call that must succeed: its response document.
  Json ok(const std::string& op, const Json& body) {
    const auto r = raw_json(op, body);
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return Json::parse(r.body);
  }

  /// A JSON-protocol call that must fail with a 4xx.
  SqsError fail(const std::string& op, const Json& body) {
    const auto r = raw_json(op, body);
    INFO(op << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status >= 400);
    REQUIRE(r.status < 500);
    const Json doc = Json::parse(r.body);
    SqsError e;
    e.status = r.status;
    e.type = doc.value("__type", std::string());
    if (const auto hash = e.type.find('#'); hash != std::string::npos) e.type.erase(0, hash + 1);
    e.message = doc.value("message", std::string());
    e.query_error = r.header("x-amzn-query-error").value_or("");
    return e;
  }

  /// A query call that must succeed: the XML body.
  std::string query_ok(const std::string& action, const Form& form, const std::string& path = "/") {
    const auto r = raw_query(action, form, path);
    INFO(action << " -> " << r.status << " " << r.body);
    REQUIRE(r.finished);
    REQUIRE(r.status == 200);
    return r.body;
  }

  std::string create_queue(const std::string& name, const Json& attributes = Json::object()) {
    Json body = {{"QueueName", name}};
    if (!attributes.empty()) body["Attributes"] = attributes;
    return ok("CreateQueue", body)["QueueUrl"].get<std::string>();
  }

  Json send(const std::string& url, const std::string& body, Json extra = Json::object()) {
    extra["QueueUrl"] = url;
    extra["MessageBody"] = body;
    return ok("SendMessage", extra);
  }

  /// ReceiveMessage without waiting: the Messages array (empty when none).
  Json receive(const std::string& url, Json extra = Json::object()) {
    extra["QueueUrl"] = url;
    if (!extra.contains("WaitTimeSeconds")) extra["WaitTimeSeconds"] = 0;
    const Json r = ok("ReceiveMessage", extra);
    return r.contains("Messages") ? r["Messages"] : Json::array();
  }

  Json attributes(const std::string& url) {
    return ok("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"All"}}})["Attributes"];
  }
};

/// The text of the first <name>...</name> in xml ("" when absent).
inline std::string xml_text(const std::string& xml, const std::string& name) {
  const std::string open = "<" + name + ">";
  const auto start = xml.find(open);
  if (start == std::string::npos) return {};
  const auto end = xml.find("</" + name + ">", start);
  return xml.substr(start + open.size(), end - start - open.size());
}

/// How many times <name> occurs in xml.
inline std::size_t xml_count(const std::string& xml, const std::string& name) {
  std::size_t n = 0;
  for (auto pos = xml.find("<" + name + ">"); pos != std::string::npos;
       pos = xml.find("<" + name + ">", pos + 1))
    ++n;
  return n;
}
