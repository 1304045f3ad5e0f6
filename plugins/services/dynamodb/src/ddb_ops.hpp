// The per-request context handed to every DynamoDB operation, and the registry from operation
// name (the X-Amz-Target suffix: PutItem, Query, ...) to handler. Each operation family registers
// its handlers in its own add_*_ops function; an operation nobody registered answers
// UnknownOperationException, as DynamoDB does for a target it does not know.
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/storage.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ddb_table.hpp"

namespace ddb {

class DynamoDbService;

struct Call {
  DynamoDbService& svc;
  ce::Request& req;
  ce::Response& resp;
  std::string operation;
  nlohmann::json input;  // the request document
  // A handler that wrote its answer as text (stored items spliced in unparsed) puts it here; the
  // document it returns is then ignored.
  std::optional<std::string> answer_text;

  std::string_view account() const { return req.account_id(); }
  std::string_view region() const { return req.region(); }
};

/// Returns the response document (sent as 200 application/x-amz-json-1.0).
using Handler = nlohmann::json (*)(Call&);

class OpRegistry {
 public:
  void add(std::string_view name, Handler h) { handlers_.emplace(std::string(name), h); }
  Handler find(std::string_view name) const {
    const auto it = handlers_.find(std::string(name));
    return it == handlers_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string, Handler> handlers_;
};

// One per operation family (one file each).
void add_table_ops(OpRegistry& ops);           // ddb_table_ops.cpp
void add_table_settings_ops(OpRegistry& ops);  // ddb_table_settings_ops.cpp
void add_item_ops(OpRegistry& ops);            // ddb_item_ops.cpp
void add_query_ops(OpRegistry& ops);           // ddb_query_ops.cpp
void add_batch_ops(OpRegistry& ops);           // ddb_batch_ops.cpp
void add_transact_ops(OpRegistry& ops);        // ddb_transact_ops.cpp
void add_stream_ops(OpRegistry& ops);          // ddb_stream_ops.cpp
void add_partiql_ops(OpRegistry& ops);         // ddb_partiql_ops.cpp

/// The table an item operation names, or ResourceNotFoundException "Requested resource not found".
TableRecord require_table_for(Call& call, ce::Txn& txn, const std::string& name);
// What TransactWriteItems and PartiQL's ExecuteTransaction share (ddb_transact_ops.cpp).
/// TransactionCanceledException carrying one CancellationReason per statement or item.
ce::AwsError transaction_cancelled(const nlohmann::json& reasons);
/// The answer given to an earlier transaction with this ClientRequestToken (valid 10 minutes),
/// or nullopt; IdempotentParameterMismatchException when it stood for another request.
std::optional<nlohmann::json> replayed_transaction(Call& call, ce::Txn& txn,
                                                   const std::string& token,
                                                   const std::string& fingerprint);
/// Stores a transaction's answer under its token.
void remember_transaction(Call& call, ce::WriteTxn& txn, const std::string& token,
                          const std::string& fingerprint, const nlohmann::json& answer);

/// LatestStreamLabel for a stream enabled at `ms`.
std::string stream_label_for(int64_t ms);

}  // namespace ddb
