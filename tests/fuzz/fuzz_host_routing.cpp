// The router's inputs come straight from the wire (Host, X-Amz-Target, path, Action): any bytes
// route somewhere or nowhere, never crash. Input: four fields separated by '\n'.
#include <cstdint>
#include <string>
#include <vector>

#include "plugins/registry.hpp"
#include "plugins/service_ctx.hpp"
#include "routing/host_pattern.hpp"
#include "routing/router.hpp"

namespace {

ce::host::Router& router() {
  static ce::host::ServiceRecord s3, ddb, sqs;
  static const ce_route_claim s3_routes[] = {
      {CE_ROUTE_SIGV4_SERVICE, "s3"},
      {CE_ROUTE_HOST_PATTERN, "*.s3.*.amazonaws.com"},
      {CE_ROUTE_HOST_PATTERN, "*.s3.localhost.localstack.cloud"},
      {CE_ROUTE_HOST_PATTERN, "*.localhost"},
      {CE_ROUTE_FALLBACK, ""}};
  static const ce_route_claim ddb_routes[] = {{CE_ROUTE_TARGET_PREFIX, "DynamoDB_20120810"},
                                              {CE_ROUTE_SIGV4_SERVICE, "dynamodb"}};
  static const ce_route_claim sqs_routes[] = {{CE_ROUTE_FORM_ACTION, "SendMessage"},
                                              {CE_ROUTE_PATH_PREFIX, "/000000000000/"}};
  static ce::host::Router r = [] {
    ce::host::Router out;
    s3.id = "s3";
    s3.routes.assign(std::begin(s3_routes), std::end(s3_routes));
    ddb.id = "dynamodb";
    ddb.routes.assign(std::begin(ddb_routes), std::end(ddb_routes));
    sqs.id = "sqs";
    sqs.routes.assign(std::begin(sqs_routes), std::end(sqs_routes));
    out.add(s3);
    out.add(ddb);
    out.add(sqs);
    return out;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> f;
  std::size_t start = 0;
  while (f.size() < 4) {
    const auto nl = in.find('\n', start);
    f.push_back(in.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  f.resize(4);
  (void)ce::host::strip_port(f[0]);
  (void)ce::host::host_matches("*.s3.*.amazonaws.com", f[0]);
  const auto match = router().route({f[3], f[1], f[2], f[0], ""}, [&] { return f[3]; });
  // The fallback claims everything left over that names no service; a request naming one
  // (scope or X-Amz-Target) that nobody claimed routes nowhere, never to the fallback.
  const bool names_a_service = !f[3].empty() || !f[1].empty();
  if (!match && !names_a_service) __builtin_trap();
  if (match && match->kind == CE_ROUTE_FALLBACK && names_a_service) __builtin_trap();
  return 0;
}
