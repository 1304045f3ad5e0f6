#include "s3_cors.hpp"

#include "s3_errors.hpp"
#include "s3_service.hpp"
#include "s3_text.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::optional<std::vector<CorsRule>> bucket_rules(Call& call) {
  ce::ReadTxn txn(call.ctx());
  const auto b = call.store().find_bucket(txn, call.bucket);
  if (!b) return std::nullopt;
  const auto it = b->configs.find("cors");
  if (it == b->configs.end() || it->second.empty()) return std::vector<CorsRule>{};
  return parse_cors_rules(it->second);
}

void write_rule_headers(ce::Response& r, const CorsRule& rule, std::string_view origin) {
  const bool any_origin = rule.origins.size() == 1 && rule.origins.front() == "*";
  r.header("Access-Control-Allow-Origin", any_origin ? std::string("*") : std::string(origin));
  if (!any_origin) r.header("Access-Control-Allow-Credentials", "true");
  r.header("Access-Control-Allow-Methods", join(rule.methods));
  if (!rule.expose.empty()) r.header("Access-Control-Expose-Headers", join(rule.expose));
  if (rule.max_age) r.header("Access-Control-Max-Age", *rule.max_age);
  r.header("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
}

ce::AwsError forbidden(std::string message, std::string_view method, const Call& call) {
  return ce::AwsError::client(403, "AccessForbidden", std::move(message))
      .with("Method", std::string(method))
      .with("ResourceType", call.has_key ? "OBJECT" : "BUCKET");
}

void preflight(Call& call) {
  const auto origin = call.req.header("origin");
  if (!origin)
    throw ce::AwsError::client(400, "BadRequest",
                               "Insufficient information. Origin request header needed.");
  const auto method = call.req.header("access-control-request-method");
  if (!method)
    throw ce::AwsError::client(400, "BadRequest", "Invalid Access-Control-Request-Method: null");
  const auto rules = bucket_rules(call);
  if (!rules || rules->empty())
    throw forbidden("CORSResponse: CORS is not enabled for this bucket.", *method, call);
  const auto headers = split_list(call.req.header_or("access-control-request-headers", ""));
  const CorsRule* rule = match_cors(*rules, *origin, *method, headers);
  if (rule == nullptr)
    throw forbidden(
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution "
        "of Origin, request method / Access-Control-Request-Method or "
        "Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        *method, call);
  write_rule_headers(call.resp, *rule, *origin);
  if (!headers.empty()) call.resp.header("Access-Control-Allow-Headers", join(headers));
  call.resp.send_empty(200);
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, bool ignore_case) {
  // Iterative glob with '*' only: remember the last star and retry from one character later.
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  auto same = [&](char a, char b) { return ignore_case ? lower(a) == lower(b) : a == b; };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && same(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<CorsRule> parse_cors_rules(std::string_view doc) {
  std::vector<CorsRule> rules;
  const auto parsed = parse_xml(doc);
  for (const auto& node : children(parsed.document_element(), "CORSRule")) {
    CorsRule rule;
    for (const auto& n : children(node, "AllowedOrigin")) rule.origins.emplace_back(n.text().get());
    for (const auto& n : children(node, "AllowedMethod")) rule.methods.emplace_back(n.text().get());
    for (const auto& n : children(node, "AllowedHeader")) rule.headers.emplace_back(n.text().get());
    for (const auto& n : children(node, "ExposeHeader")) rule.expose.emplace_back(n.text().get());
    rule.max_age = child_text(node, "MaxAgeSeconds");
    rules.push_back(std::move(rule));
  }
  return rules;
}

const CorsRule* match_cors(const std::vector<CorsRule>& rules, std::string_view origin,
                           std::string_view method, const std::vector<std::string>& headers) {
  for (const auto& rule : rules) {
    bool ok = false;
    for (const auto& o : rule.origins) ok = ok || wildcard_match(o, origin, false);
    if (!ok) continue;
    ok = false;
    for (const auto& m : rule.methods) ok = ok || m == method;
    if (!ok) continue;
    for (const auto& h : headers) {
      bool allowed = false;
      for (const auto& a : rule.headers) allowed = allowed || wildcard_match(a, h, true);
      ok = ok && allowed;
    }
    if (ok) return &rule;
  }
  return nullptr;
}

void add_cors_headers(Call& call) {
  if (call.bucket.empty() || call.operation == "PreflightRequest") return;
  const auto origin = call.req.header("origin");
  if (!origin) return;
  const auto rules = bucket_rules(call);
  if (!rules) return;
  const std::string method(call.req.method() == "HEAD" ? "HEAD" : call.req.method());
  if (const CorsRule* rule = match_cors(*rules, *origin, method, {}))
    write_rule_headers(call.resp, *rule, *origin);
}

void add_cors_ops(OpRegistry& ops) {
  ops.add("PreflightRequest", &preflight);
}

}  // namespace s3
