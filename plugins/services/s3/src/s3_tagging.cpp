// PutBucketTagging / GetBucketTagging / DeleteBucketTagging and PutObjectTagging /
// GetObjectTagging / DeleteObjectTagging (?versionId= aware).
#include "s3_tagging.hpp"

#include <cloudemu/protocol/xml_writer.hpp>
#include <set>

#include "s3_bucket_config.hpp"
#include "s3_errors.hpp"
#include "s3_service.hpp"
#include "s3_store.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

ce::AwsError invalid_tag(std::string message) {
  return ce::AwsError::client(400, "InvalidTag", std::move(message));
}

/// Length in Unicode code points: S3's limits count characters; continuation bytes don't start one.
std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void put_bucket_tagging(Call& call) {
  Tags tags = parse_tagging(call.req.read_all(k_max_xml_body), TagScope::bucket);
  call.store().update_bucket(call.bucket, [&](BucketRecord& b) { b.tags = tags; });
  call.resp.send_empty(204);
}

void get_bucket_tagging(Call& call) {
  const BucketRecord b = call.checked_bucket();
  if (b.tags.empty())
    throw err::not_configured("NoSuchTagSet", "The TagSet does not exist", call.bucket);
  send_xml(call, config::with_declaration(render_tagging(b.tags)));
}

void delete_bucket_tagging(Call& call) {
  call.store().update_bucket(call.bucket, [](BucketRecord& b) { b.tags.clear(); });
  call.resp.send_empty(204);
}

void put_object_tagging(Call& call) {
  config::read_version(call);  // NoSuchBucket / NoSuchKey before the body, as S3 orders them
  const Tags tags = parse_tagging(call.req.read_all(k_max_xml_body), TagScope::object);
  const auto [b, v] = config::update_version(
      call, [&](const BucketRecord&, ObjectVersion& ver) { ver.tags = tags; });
  config::set_version_header(call, b, v);
  call.resp.send_empty(200);
}

// An object without tags answers an empty TagSet, unlike a bucket.
void get_object_tagging(Call& call) {
  const auto [b, v] = config::read_version(call);
  config::set_version_header(call, b, v);
  send_xml(call, config::with_declaration(render_tagging(v.tags)));
}

void delete_object_tagging(Call& call) {
  const auto [b, v] = config::update_version(
      call, [](const BucketRecord&, ObjectVersion& ver) { ver.tags.clear(); });
  config::set_version_header(call, b, v);
  call.resp.send_empty(204);
}

}  // namespace

void validate_tags(const Tags& tags, TagScope scope) {
  if (scope == TagScope::object && tags.size() > 10)
    throw ce::AwsError::client(400, "BadRequest", "Object tags cannot be greater than 10");
  if (scope == TagScope::bucket && tags.size() > 50)
    throw invalid_tag("Bucket tag count cannot be greater than 50");
  std::set<std::string_view> seen;
  for (const auto& [key, value] : tags) {
    if (key.empty() || characters(key) > 128)
      throw invalid_tag("The TagKey you have provided is invalid");
    if (characters(value) > 256) throw invalid_tag("The TagValue you have provided is invalid");
    if (key.rfind("aws:", 0) == 0)
      throw invalid_tag("System tags cannot be added/updated by requester");
    if (!seen.insert(key).second)
      throw invalid_tag("Cannot provide multiple Tags with the same key").with("TagKey", key);
  }
}

Tags parse_tagging(std::string_view body, TagScope scope) {
  const pugi::xml_document doc = parse_xml(body);
  const pugi::xml_node tag_set = child(require_root(doc, "Tagging"), "TagSet");
  if (!tag_set) throw err::malformed_xml();
  Tags tags;
  for (const pugi::xml_node& tag : children(tag_set, "Tag")) {
    auto key = child_text(tag, "Key");
    auto value = child_text(tag, "Value");
    if (!key || !value) throw err::malformed_xml();
    tags.emplace_back(std::move(*key), std::move(*value));
  }
  validate_tags(tags, scope);
  return tags;
}

std::string render_tagging(const Tags& tags) {
  ce::XmlWriter w;
  w.open("Tagging", k_xmlns).open("TagSet");
  for (const auto& [key, value] : tags)
    w.open("Tag").element("Key", key).element("Value", value).close();
  return w.finish();
}

void add_tagging_ops(OpRegistry& ops) {
  ops.add("PutBucketTagging", &put_bucket_tagging);
  ops.add("GetBucketTagging", &get_bucket_tagging);
  ops.add("DeleteBucketTagging", &delete_bucket_tagging);
  ops.add("PutObjectTagging", &put_object_tagging);
  ops.add("GetObjectTagging", &get_object_tagging);
  ops.add("DeleteObjectTagging", &delete_object_tagging);
}

}  // namespace s3
