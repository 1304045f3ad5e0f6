// GetObject and HeadObject: version resolution, preconditions, ranges and part numbers,
// response-* overrides, then the bytes streamed from storage.
#include <charconv>

#include "s3_conditions.hpp"
#include "s3_errors.hpp"
#include "s3_object_handlers.hpp"
#include "s3_object_io.hpp"
#include "s3_range.hpp"
#include "s3_service.hpp"
#include "s3_time.hpp"

namespace s3 {

namespace {

// response-* query parameters replace the stored header of the same meaning (GetObject).
constexpr std::pair<std::string_view, std::string_view> k_overrides[] = {
    {"response-content-type", "Content-Type"},
    {"response-content-language", "Content-Language"},
    {"response-expires", "Expires"},
    {"response-cache-control", "Cache-Control"},
    {"response-content-disposition", "Content-Disposition"},
    {"response-content-encoding", "Content-Encoding"},
};

std::optional<uint32_t> part_number_param(const Call& call) {
  const auto p = call.req.query_param("partNumber");
  if (!p) return std::nullopt;
  uint32_t n = 0;
  const auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), n);
  if (ec != std::errc{} || end != p->data() + p->size() || n < 1 || n > 10000)
    throw err::invalid_argument("Part number must be an integer between 1 and 10000, inclusive",
                                "partNumber", *p);
  return n;
}

void serve(Call& call, bool head) {
  const auto version_id = call.req.query_param("versionId");
  ObjectVersion v;
  const bool versioned = !call.checked_bucket().versioning.empty();
  {
    ce::ReadTxn txn(call.ctx());
    v = call.store().resolve_for_read(txn, call.bucket, call.key, version_id, &call.resp);
  }
  ce::Response& r = call.resp;

  const auto cond = check_read_conditions(call.req, v);
  if (cond.outcome == ReadCondition::failed) throw err::precondition_failed(cond.failed_header);
  if (cond.outcome == ReadCondition::not_modified) {
    r.header("ETag", quoted_etag(v.etag));
    r.header("Last-Modified", http_date(v.last_modified_ms));
    if (versioned) r.header("x-amz-version-id", v.version_id);
    return r.send_empty(304);
  }

  ByteRange range{0, v.size};
  bool partial = false;
  const auto part = part_number_param(call);
  const auto range_header = call.req.header("range");
  if (part && range_header)
    throw err::invalid_request("Cannot specify both Range header and partNumber query parameter");
  if (part) {
    if (v.part_sizes.empty()) {
      if (*part != 1) throw err::invalid_part_number(*part, 1);
    } else {
      if (*part > v.part_sizes.size()) throw err::invalid_part_number(*part, v.part_sizes.size());
      uint64_t first = 0;
      for (uint32_t i = 1; i < *part; ++i) first += v.part_sizes[i - 1];
      range = {first, v.part_sizes[*part - 1]};
      partial = true;
    }
  } else if (range_header) {
    switch (parse_range(*range_header, v.size, range)) {
      case RangeParse::unsatisfiable:
        throw err::invalid_range(*range_header, v.size);
      case RangeParse::ok:
        partial = true;
        break;
      case RangeParse::none:
        break;
    }
  }

  // Checksums describe the whole object: S3 returns them only when the whole object is sent.
  const bool checksum_mode = call.req.header_or("x-amz-checksum-mode", "") == "ENABLED" && !partial;
  for (const auto& [param, header] : k_overrides)
    if (const auto value = call.req.query_param(param)) v.headers[std::string(header)] = *value;
  write_object_headers(call, v, checksum_mode, versioned);
  if (partial) {
    r.status(206);
    r.header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                  std::to_string(range.first + range.length - 1) + "/" +
                                  std::to_string(v.size));
  } else {
    r.status(200);
  }
  r.header("Content-Length", std::to_string(range.length));
  if (head || range.length == 0) return r.finish();
  read_object_data(call.svc.ctx(), v, range.first, range.length,
                   [&](std::string_view piece) { return r.write(piece); });
  r.finish();
}

}  // namespace

void get_object(Call& call) {
  serve(call, false);
}
void head_object(Call& call) {
  serve(call, true);
}

}  // namespace s3
