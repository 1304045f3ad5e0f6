// Reading members of the request document, and resolving the queue a request names.
#include <algorithm>
#include <charconv>

#include "sqs_errors.hpp"
#include "sqs_ops.hpp"
#include "sqs_service.hpp"
#include "sqs_url.hpp"

namespace sqs {

int64_t Call::now_ms() const {
  return svc.now_ms();
}

Store& Call::store() const {
  return svc.store();
}

std::vector<std::string> OpRegistry::names() const {
  std::vector<std::string> out;
  for (const auto& [name, h] : handlers_) out.push_back(name);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<std::string> opt_string(const Json& in, std::string_view key) {
  const auto it = in.find(key);
  if (it == in.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  if (it->is_number()) return it->dump();
  throw err::invalid_parameter_value("Invalid type for parameter " + std::string(key) + ".");
}

std::string require_string(const Json& in, std::string_view key) {
  auto v = opt_string(in, key);
  if (!v) throw err::missing_parameter(key);
  return std::move(*v);
}

std::optional<int64_t> opt_int(const Json& in, std::string_view key) {
  const auto text = opt_string(in, key);
  if (!text) return std::nullopt;
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || text->empty())
    throw err::invalid_parameter_value("Value " + *text + " for parameter " + std::string(key) +
                                       " is invalid. Reason: must be an integer.");
  return v;
}

std::vector<std::string> string_list(const Json& in, std::string_view key) {
  std::vector<std::string> out;
  const auto it = in.find(key);
  if (it == in.end() || it->is_null()) return out;
  if (!it->is_array())
    throw err::invalid_parameter_value("Invalid type for parameter " + std::string(key) + ".");
  for (const auto& v : *it) {
    if (!v.is_string())
      throw err::invalid_parameter_value("Invalid type for parameter " + std::string(key) + ".");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::map<std::string, std::string> string_map(const Json& in, std::string_view key) {
  std::map<std::string, std::string> out;
  const auto it = in.find(key);
  if (it == in.end() || it->is_null()) return out;
  if (!it->is_object())
    throw err::invalid_parameter_value("Invalid type for parameter " + std::string(key) + ".");
  for (const auto& [k, v] : it->items()) {
    if (v.is_string())
      out[k] = v.get<std::string>();
    else if (v.is_boolean())
      out[k] = v.get<bool>() ? "true" : "false";
    else if (v.is_number())
      out[k] = v.dump();
    else
      throw err::invalid_parameter_value("Invalid type for parameter " + std::string(key) + "." +
                                         k + ".");
  }
  return out;
}

QueueRef queue_ref(const Call& call) {
  std::optional<std::string> url = opt_string(call.input, "QueueUrl");
  // Older SDKs (and hand-made requests) post the query form to the queue URL itself.
  if (!url && call.req.path().size() > 1) url = std::string(call.req.path());
  if (!url) throw err::missing_parameter("QueueUrl");
  // Internal callers (SNS deliveries, S3 notifications) hold a queue ARN; taking it as the
  // QueueUrl spares each of them building a URL.
  const auto address = url->starts_with("arn:") ? parse_queue_arn(*url) : parse_queue_url(*url);
  if (!address) throw err::invalid_address(*url);
  return QueueRef{address->account, address->region.empty() ? call.region : address->region,
                  address->name};
}

QueueRecord require_queue(const Call& call, ce::Txn& txn, const QueueRef& ref) {
  auto q = call.store().find_queue(txn, ref.account, ref.region, ref.name);
  if (!q) throw err::queue_does_not_exist();
  return std::move(*q);
}

QueueRecord require_queue(const Call& call, ce::Txn& txn) {
  return require_queue(call, txn, queue_ref(call));
}

std::string url_of(const Call& call, const QueueRecord& q) {
  return queue_url(call.host, q.account, q.name);
}

std::string arn_of(const QueueRecord& q) {
  return queue_arn(q.region, q.account, q.name);
}

}  // namespace sqs
