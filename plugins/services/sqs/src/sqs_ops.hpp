// The per-request context every SQS operation gets, and the registry from operation name
// (Action= or the X-Amz-Target suffix) to handler. Handlers see one input shape whatever the wire
// protocol: the JSON protocol's request document (the query decoder builds the same document,
// sqs_protocol.hpp), and return the JSON protocol's response document, which the query renderer
// turns into XML. Each operation family registers its handlers in its own add_*_ops.
#pragma once
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/storage.hpp>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sqs_store.hpp"

namespace sqs {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;

enum class Protocol { json, query };

class SqsService;

struct Call {
  SqsService& svc;
  ce::Request& req;
  ce::Response& resp;
  std::string operation;
  Json input;
  Protocol protocol = Protocol::json;
  std::string account, region, host;
  /// Set by a handler that detached the response (a long poll): nothing is rendered now.
  bool pending = false;

  int64_t now_ms() const;
  Store& store() const;
};

/// Returns the response document in the JSON protocol's shape.
using Handler = OJson (*)(Call&);

class OpRegistry {
 public:
  void add(std::string_view name, Handler h) { handlers_.emplace(std::string(name), h); }
  Handler find(std::string_view name) const {
    const auto it = handlers_.find(std::string(name));
    return it == handlers_.end() ? nullptr : it->second;
  }
  std::vector<std::string> names() const;

 private:
  std::unordered_map<std::string, Handler> handlers_;
};

// One per operation family (one file each).
void add_queue_ops(OpRegistry& ops);        // sqs_queue_ops.cpp
void add_attribute_ops(OpRegistry& ops);    // sqs_attribute_ops.cpp
void add_tag_ops(OpRegistry& ops);          // sqs_tag_ops.cpp
void add_send_ops(OpRegistry& ops);         // sqs_send_ops.cpp
void add_receive_ops(OpRegistry& ops);      // sqs_receive_ops.cpp
void add_delete_ops(OpRegistry& ops);       // sqs_delete_ops.cpp (delete, change visibility)
void add_dead_letter_ops(OpRegistry& ops);  // sqs_dead_letter_ops.cpp
void add_move_task_ops(OpRegistry& ops);    // sqs_move_task_ops.cpp (DLQ redrive)

// ---- reading the input document (sqs_input.cpp) ----
/// A string member; numbers and booleans are taken as their text (the query protocol has only
/// strings, the JSON protocol sends integers and booleans as themselves).
std::optional<std::string> opt_string(const Json& in, std::string_view key);
/// MissingParameter when absent.
std::string require_string(const Json& in, std::string_view key);
/// An integer member; InvalidParameterValue when it is not one.
std::optional<int64_t> opt_int(const Json& in, std::string_view key);
/// A list of strings (AttributeNames, TagKeys); [] when absent.
std::vector<std::string> string_list(const Json& in, std::string_view key);
/// A map of strings (Attributes, Tags); {} when absent.
std::map<std::string, std::string> string_map(const Json& in, std::string_view key);

// ---- queues named by a request ----
struct QueueRef {
  std::string account, region, name;
};
/// The queue the request's QueueUrl names (or, without one, the request path /<account>/<name>).
QueueRef queue_ref(const Call& call);
/// The queue, or QueueDoesNotExist.
QueueRecord require_queue(const Call& call, ce::Txn& txn, const QueueRef& ref);
/// QueueDoesNotExist unless the queue exists; the record otherwise.
QueueRecord require_queue(const Call& call, ce::Txn& txn);
std::string url_of(const Call& call, const QueueRecord& q);
std::string arn_of(const QueueRecord& q);

}  // namespace sqs
