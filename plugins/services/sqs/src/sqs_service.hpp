// The SQS service: both wire protocols (JSON with X-Amz-Target AmazonSQS.<Op>, and query with
// Action=<Op>), one handler per operation (sqs_ops.hpp), long polls parked without a thread.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/protocol/render.hpp>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <cloudemu/service.hpp>
#include <memory>
#include <string_view>

#include "sqs_long_poll.hpp"
#include "sqs_ops.hpp"
#include "sqs_store.hpp"

namespace sqs {

class SqsService {
 public:
  static constexpr const char* k_id = "sqs";
  // Errors the host renders itself (signature failures) get the JSON shape with
  // x-amzn-query-error, which both the JSON SDKs and (by its status) every query client read.
  static constexpr const char* k_protocol = "json-1.0";
  static constexpr uint32_t k_flags = CE_SERVICE_NEEDS_FORM_BODY;
  // The query protocol's Actions are claimed one by one so that an unsigned form POST (to "/" or
  // to a queue URL) finds this service; signed requests route by the "sqs" credential scope.
  static constexpr ce_route_claim k_routes[] = {
      {CE_ROUTE_TARGET_PREFIX, "AmazonSQS"},
      {CE_ROUTE_SIGV4_SERVICE, "sqs"},
      {CE_ROUTE_FORM_ACTION, "CreateQueue"},
      {CE_ROUTE_FORM_ACTION, "DeleteQueue"},
      {CE_ROUTE_FORM_ACTION, "GetQueueUrl"},
      {CE_ROUTE_FORM_ACTION, "ListQueues"},
      {CE_ROUTE_FORM_ACTION, "GetQueueAttributes"},
      {CE_ROUTE_FORM_ACTION, "SetQueueAttributes"},
      {CE_ROUTE_FORM_ACTION, "PurgeQueue"},
      {CE_ROUTE_FORM_ACTION, "TagQueue"},
      {CE_ROUTE_FORM_ACTION, "UntagQueue"},
      {CE_ROUTE_FORM_ACTION, "ListQueueTags"},
      {CE_ROUTE_FORM_ACTION, "SendMessage"},
      {CE_ROUTE_FORM_ACTION, "SendMessageBatch"},
      {CE_ROUTE_FORM_ACTION, "ReceiveMessage"},
      {CE_ROUTE_FORM_ACTION, "DeleteMessage"},
      {CE_ROUTE_FORM_ACTION, "DeleteMessageBatch"},
      {CE_ROUTE_FORM_ACTION, "ChangeMessageVisibility"},
      {CE_ROUTE_FORM_ACTION, "ChangeMessageVisibilityBatch"},
      {CE_ROUTE_FORM_ACTION, "ListDeadLetterSourceQueues"},
      {CE_ROUTE_FORM_ACTION, "StartMessageMoveTask"},
      {CE_ROUTE_FORM_ACTION, "ListMessageMoveTasks"},
      {CE_ROUTE_FORM_ACTION, "CancelMessageMoveTask"},
      {CE_ROUTE_FORM_ACTION, "AddPermission"},
      {CE_ROUTE_FORM_ACTION, "RemovePermission"},
  };
  static ce::ErrorRenderOptions error_options() {
    ce::ErrorRenderOptions o;
    o.xmlns = "http://queue.amazonaws.com/doc/2012-11-05/";
    o.query_compatible = true;
    return o;
  }

  SqsService(ce::ServiceContext ctx, std::string_view config_json);
  void handle(ce::Request& req, ce::Response& resp);
  /// The message operations of the JSON protocol run on the network thread: each is a point read
  /// or a few point writes (a receive takes at most ten messages), and a long poll parks without
  /// holding the thread. The query protocol names its Action in the body, which this may not read.
  bool answers_inline_with_body(const ce::Request& req) const;

  const ce::ServiceContext& ctx() const noexcept { return ctx_; }
  int64_t now_ms() const { return ctx_.now_ms(); }
  Store& store() noexcept { return store_; }
  LongPolls& long_polls() noexcept { return *long_polls_; }

 private:
  ce::ServiceContext ctx_;
  Store store_;
  OpRegistry ops_;
  std::unique_ptr<LongPolls> long_polls_;  // last: it answers parked receives at destruction
};

}  // namespace sqs
