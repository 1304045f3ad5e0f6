#include "s3_conditions.hpp"

#include "s3_errors.hpp"
#include "s3_text.hpp"
#include "s3_time.hpp"

namespace s3 {

bool etag_matches(std::string_view header, std::string_view etag) {
  for (const std::string& listed : split_list(header)) {
    std::string_view item = listed;
    if (item == "*") return true;
    if (item.substr(0, 2) == "W/") item.remove_prefix(2);
    if (item.size() >= 2 && item.front() == '"' && item.back() == '"')
      item = item.substr(1, item.size() - 2);
    if (item == etag) return true;
  }
  return false;
}

ReadConditionResult check_read_conditions(const ce::Request& req, const ObjectVersion& v,
                                          std::string_view prefix) {
  auto header = [&](std::string_view name) {
    return req.header(std::string(prefix) + std::string(name));
  };
  // Last-Modified has second precision on the wire; compare at that precision.
  const int64_t modified_s = v.last_modified_ms / 1000;
  const auto if_match = header("if-match");
  const auto if_none_match = header("if-none-match");
  const auto if_unmodified = header("if-unmodified-since");
  const auto if_modified = header("if-modified-since");
  const bool copy = !prefix.empty();

  // If-Match decides alone when present; otherwise If-Unmodified-Since (an invalid date is
  // ignored, as HTTP says).
  if (if_match) {
    if (!etag_matches(*if_match, v.etag)) return {ReadCondition::failed, "If-Match"};
  } else if (if_unmodified) {
    if (const auto t = parse_http_date(*if_unmodified); t && modified_s > *t / 1000)
      return {ReadCondition::failed, "If-Unmodified-Since"};
  }
  if (if_none_match) {
    if (etag_matches(*if_none_match, v.etag))
      return {copy ? ReadCondition::failed : ReadCondition::not_modified, "If-None-Match"};
  } else if (if_modified) {
    if (const auto t = parse_http_date(*if_modified); t && modified_s <= *t / 1000)
      return {copy ? ReadCondition::failed : ReadCondition::not_modified, "If-Modified-Since"};
  }
  return {};
}

void require_copy_source_conditions(const ce::Request& req, const ObjectVersion& v) {
  const auto r = check_read_conditions(req, v, "x-amz-copy-source-");
  if (r.outcome != ReadCondition::proceed)
    throw err::precondition_failed("x-amz-copy-source-" + r.failed_header);
}

void check_write_conditions(const ce::Request& req, std::string_view key,
                            const std::optional<ObjectVersion>& current) {
  const bool exists = current && !current->delete_marker;
  if (const auto inm = req.header("if-none-match")) {
    if (*inm != "*")
      throw ce::AwsError::not_implemented(
          "A header you provided implies functionality that is not implemented")
          .with("Header", "If-None-Match");
    if (exists) throw err::precondition_failed("If-None-Match");
  }
  if (const auto im = req.header("if-match")) {
    if (!exists) throw err::no_such_key(key);
    if (!etag_matches(*im, current->etag)) throw err::precondition_failed("If-Match");
  }
}

}  // namespace s3
