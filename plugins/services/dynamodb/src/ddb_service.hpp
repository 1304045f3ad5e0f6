// The DynamoDB service (JSON 1.0 protocol, X-Amz-Target DynamoDB_20120810.<Operation>): operation
// dispatch and what every operation family shares. Families live in their own files.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <string>
#include <string_view>

#include "ddb_ops.hpp"
#include "ddb_store.hpp"
#include "ddb_ttl.hpp"

namespace ddb {

class DynamoDbService {
 public:
  static constexpr const char* k_id = "dynamodb";
  static constexpr const char* k_protocol = "json-1.0";
  // DynamoDB Streams is its own AWS API but reads this service's tables, so one service answers
  // both targets (docs/dynamodb.md, "Streams").
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_TARGET_PREFIX, "DynamoDB_20120810"},
      {CE_ROUTE_TARGET_PREFIX, "DynamoDBStreams_20120810"},
      {CE_ROUTE_SIGV4_SERVICE, "dynamodb"},
  };

  DynamoDbService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);
  /// Item reads and writes and one page of Query or Scan run on the host's network thread once
  /// their body is in memory (ABI 1.2): their work is bounded (1 MB of items at most) and a
  /// hand-off to a worker and back costs as much as the operation itself.
  bool answers_inline_with_body(const ce::Request& req) const;

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  Store& store() noexcept { return store_; }

 private:
  /// The operation's response document as text (errors are thrown as ce::AwsError).
  std::string answer(ce::Request& req, ce::Response& resp);

  ce::ServiceContext ctx_;
  Store store_;
  OpRegistry ops_;
  TtlSweeper ttl_{store_};  // last: it uses store_ from its timer
};

}  // namespace ddb
