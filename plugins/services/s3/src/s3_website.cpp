// The website endpoint (S3 user guide, "Hosting a static website"): requests to
// <bucket>.s3-website[-.]<region>... are answered from the bucket's website configuration, with
// index documents, redirects (all requests, routing rules, per-object redirect metadata), custom
// error documents and HTML errors instead of the REST API's XML.
#include "s3_website.hpp"

#include <cloudemu/protocol/xml_writer.hpp>
#include <pugixml.hpp>

#include "s3_addressing.hpp"
#include "s3_errors.hpp"
#include "s3_object_io.hpp"
#include "s3_service.hpp"
#include "s3_store.hpp"
#include "s3_text.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

std::string status_text(unsigned code) {
  switch (code) {
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 412:
      return "Precondition Failed";
    case 416:
      return "Requested Range Not Satisfiable";
    default:
      return code >= 500 ? "Internal Server Error" : "Error";
  }
}

void html_item(std::string& out, std::string_view name, std::string_view value) {
  out += "<li>";
  out += name;
  out += ": ";
  ce::xml_escape_to(out, value);
  out += "</li>\n";
}

std::string html_list(const ce::AwsError& e, std::string_view request_id) {
  std::string out = "<ul>\n";
  html_item(out, "Code", e.code);
  html_item(out, "Message", e.message);
  for (const auto& [name, value] : e.fields) html_item(out, name, value);
  html_item(out, "RequestId", request_id);
  html_item(out, "HostId", request_id);
  return out + "</ul>\n";
}

/// The HTML error page the website endpoint answers with; `document_error` is the failure to read
/// the custom error document, which S3 appends.
void send_html_error(Call& call, const ce::AwsError& e,
                     const std::optional<ce::AwsError>& document_error = std::nullopt) {
  const std::string title = std::to_string(e.http_status) + " " + status_text(e.http_status);
  std::string body = "<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title +
                     "</h1>\n" + html_list(e, call.req.request_id());
  if (document_error) {
    body += "<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n";
    body += html_list(*document_error, call.req.request_id());
  }
  body += "<hr/>\n</body>\n</html>\n";
  call.resp.send(e.http_status, "text/html; charset=utf-8", call.req.is_head() ? "" : body);
}

void send_redirect(Call& call, unsigned code, std::string_view location) {
  call.resp.header("Location", location);
  call.resp.send(code, "text/html; charset=utf-8", "");
}

/// The part of a routing rule's redirect that S3 applies: host, protocol, key replacement, code.
struct Redirect {
  std::string protocol, host_name, replace_key_prefix, replace_key, code;
  bool has_prefix_replacement = false, has_key_replacement = false;
};

struct RoutingRule {
  std::optional<std::string> key_prefix;  // Condition/KeyPrefixEquals
  std::optional<std::string> error_code;  // Condition/HttpErrorCodeReturnedEquals
  Redirect redirect;
};

struct WebsiteConfig {
  std::optional<Redirect> redirect_all;  // RedirectAllRequestsTo
  std::string index_suffix;
  std::optional<std::string> error_key;
  std::vector<RoutingRule> rules;
};

WebsiteConfig parse_config(std::string_view xml) {
  const pugi::xml_document doc = parse_xml(xml);
  const pugi::xml_node root = doc.first_child();
  WebsiteConfig c;
  if (const pugi::xml_node all = child(root, "RedirectAllRequestsTo")) {
    Redirect r;
    r.host_name = child_text(all, "HostName").value_or("");
    r.protocol = child_text(all, "Protocol").value_or("");
    c.redirect_all = r;
    return c;
  }
  c.index_suffix = child_text(child(root, "IndexDocument"), "Suffix").value_or("index.html");
  c.error_key = child_text(child(root, "ErrorDocument"), "Key");
  for (const pugi::xml_node& node : children(child(root, "RoutingRules"), "RoutingRule")) {
    RoutingRule rule;
    const pugi::xml_node cond = child(node, "Condition");
    rule.key_prefix = child_text(cond, "KeyPrefixEquals");
    rule.error_code = child_text(cond, "HttpErrorCodeReturnedEquals");
    const pugi::xml_node r = child(node, "Redirect");
    rule.redirect.protocol = child_text(r, "Protocol").value_or("");
    rule.redirect.host_name = child_text(r, "HostName").value_or("");
    rule.redirect.code = child_text(r, "HttpRedirectCode").value_or("301");
    if (auto v = child_text(r, "ReplaceKeyPrefixWith")) {
      rule.redirect.replace_key_prefix = *v;
      rule.redirect.has_prefix_replacement = true;
    }
    if (auto v = child_text(r, "ReplaceKeyWith")) {
      rule.redirect.replace_key = *v;
      rule.redirect.has_key_replacement = true;
    }
    c.rules.push_back(std::move(rule));
  }
  return c;
}

/// "protocol://host/key" for a redirect; an absent host or protocol keeps the request's.
std::string redirect_location(const Call& call, const Redirect& r, std::string_view key) {
  const std::string protocol = r.protocol.empty() ? "http" : r.protocol;
  const std::string host = r.host_name.empty() ? std::string(call.req.host()) : r.host_name;
  return protocol + "://" + host + "/" + ce::percent_encode(key, true);
}

/// The first rule whose condition holds (a rule with an error-code condition only matches once
/// the lookup failed with that code); S3 evaluates them in order.
const RoutingRule* matching_rule(const WebsiteConfig& c, std::string_view key,
                                 std::optional<unsigned> error) {
  for (const auto& rule : c.rules) {
    if (rule.key_prefix && key.substr(0, rule.key_prefix->size()) != *rule.key_prefix) continue;
    if (rule.error_code.has_value() != error.has_value()) continue;
    if (error && *rule.error_code != std::to_string(*error)) continue;
    return &rule;
  }
  return nullptr;
}

void apply_rule(Call& call, const RoutingRule& rule, std::string_view key) {
  std::string target(key);
  if (rule.redirect.has_key_replacement) {
    target = rule.redirect.replace_key;
  } else if (rule.redirect.has_prefix_replacement) {
    const std::size_t matched = rule.key_prefix ? rule.key_prefix->size() : 0;
    target = rule.redirect.replace_key_prefix + std::string(key.substr(matched));
  }
  const int code = std::atoi(rule.redirect.code.c_str());
  send_redirect(call, code >= 300 && code < 400 ? code : 301,
                redirect_location(call, rule.redirect, target));
}

std::optional<ObjectVersion> current_object(Call& call, std::string_view key) {
  ce::ReadTxn txn(call.ctx());
  auto v = call.store().latest(txn, call.bucket, key);
  if (!v || v->delete_marker) return std::nullopt;
  return v;
}

/// Streams a stored object as the body of an error answer (the custom error document).
void send_object_as(Call& call, unsigned status, const ObjectVersion& v) {
  call.resp.status(status);
  const auto type = v.headers.find("Content-Type");
  call.resp.content_type(type == v.headers.end() ? "binary/octet-stream" : type->second);
  call.resp.header("Content-Length", std::to_string(v.size));
  call.resp.header("ETag", quoted_etag(v.etag));
  if (call.req.is_head()) return;
  read_object_data(call.ctx(), v, 0, v.size,
                   [&](std::string_view piece) { return call.resp.write(piece); });
}

/// A 4xx while looking up `key`: a routing rule for that code, else the error document, else
/// S3's HTML page.
void answer_error(Call& call, const WebsiteConfig& c, std::string_view key, const ce::AwsError& e) {
  if (const RoutingRule* rule = matching_rule(c, key, e.http_status))
    return apply_rule(call, *rule, key);
  if (c.error_key && e.http_status >= 400 && e.http_status < 500) {
    if (const auto doc = current_object(call, *c.error_key))
      return send_object_as(call, e.http_status, *doc);
    return send_html_error(call, e, err::no_such_key(*c.error_key));
  }
  send_html_error(call, e);
}

void serve(Call& call, Handler get_object) {
  const std::string_view method = call.req.method();
  if (method != "GET" && method != "HEAD") throw err::method_not_allowed(method, "OBJECT");
  const auto bucket = [&] {
    ce::ReadTxn txn(call.ctx());
    return call.store().find_bucket(txn, call.bucket);
  }();
  if (!bucket) throw err::no_such_bucket(call.bucket);
  const auto stored = bucket->configs.find("website");
  if (stored == bucket->configs.end())
    throw ce::AwsError::not_found("NoSuchWebsiteConfiguration",
                                  "The specified bucket does not have a website configuration")
        .with("BucketName", call.bucket);
  const WebsiteConfig c = parse_config(stored->second);
  const std::string requested = call.key;
  if (c.redirect_all)
    return send_redirect(call, 301, redirect_location(call, *c.redirect_all, requested));
  if (const RoutingRule* rule = matching_rule(c, requested, std::nullopt))
    return apply_rule(call, *rule, requested);

  std::string key = requested;
  if (key.empty() || key.back() == '/') key += c.index_suffix;
  auto object = current_object(call, key);
  if (!object) {
    // "/docs" with no such object but a "docs/index.html" is a folder: S3 redirects to "docs/".
    if (key == requested && current_object(call, key + "/" + c.index_suffix))
      return send_redirect(call, 302, "/" + ce::percent_encode(key, true) + "/");
    return answer_error(call, c, requested, err::no_such_key(key));
  }
  if (const auto to = object->headers.find("x-amz-website-redirect-location");
      to != object->headers.end())
    return send_redirect(call, 301, to->second);
  call.key = key;
  call.has_key = true;
  call.operation = call.req.is_head() ? "HeadObject" : "GetObject";
  call.bucket_record = *bucket;
  try {
    get_object(call);
  } catch (const ce::AwsError& e) {
    if (call.resp.started()) throw;
    answer_error(call, c, requested, e);
  }
}

}  // namespace

bool is_website_host(std::string_view host) {
  const auto bucket = bucket_from_host(host);
  if (!bucket) return false;
  const std::string lower = ascii_lower(host);
  const std::string_view rest = std::string_view(lower).substr(bucket->size() + 1);
  const std::string_view label = rest.substr(0, rest.find_first_of(".:"));
  return label == "s3-website" || label.starts_with("s3-website-");
}

void serve_website(Call& call, Handler get_object) {
  try {
    serve(call, get_object);
  } catch (const ce::AwsError& e) {
    if (call.resp.started()) throw;
    send_html_error(call, e);
  }
}

}  // namespace s3
