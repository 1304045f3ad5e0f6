// PostObject (S3 API "POST Object", user guide "Browser-based uploads using POST"): the form's
// fields are read up to the file part, the policy is checked, then the file part is streamed into
// the object and published like PutObject does.
//
// Signatures are NOT verified. The form carries x-amz-algorithm, x-amz-credential, x-amz-date and
// x-amz-signature (or AWSAccessKeyId + signature for SigV2); they are accepted and, when a policy
// is present, held to its conditions like any field. Checking the signature needs the secret key
// of the credential's access key: plugins never see secrets, and the host, which does, cannot
// check it either because the signature travels in a body it does not parse. The policy's
// expiration and conditions are enforced.
#include "s3_post_object.hpp"

#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/url.hpp>
#include <memory>
#include <vector>

#include "s3_body.hpp"
#include "s3_checksum.hpp"
#include "s3_errors.hpp"
#include "s3_form_data.hpp"
#include "s3_notifications.hpp"
#include "s3_object_io.hpp"
#include "s3_object_meta.hpp"
#include "s3_post_object_policy.hpp"
#include "s3_service.hpp"
#include "s3_tagging.hpp"
#include "s3_text.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

// S3 reads at most this much form before the file part (MaxPostPreDataLengthExceeded).
constexpr uint64_t k_max_pre_data = 20480;

ce::AwsError pre_data_too_large() {
  // "preceeding" is S3's spelling.
  return ce::AwsError::client(400, "MaxPostPreDataLengthExceeded",
                              "Your POST request fields preceeding the upload file was too large.")
      .with("MaxPostPreDataLengthBytes", std::to_string(k_max_pre_data));
}

ce::AwsError entity_too_small(uint64_t size, uint64_t min) {
  return ce::AwsError::client(400, "EntityTooSmall",
                              "Your proposed upload is smaller than the minimum allowed size")
      .with("ProposedSize", std::to_string(size))
      .with("MinSizeAllowed", std::to_string(min));
}

struct ReceivedForm {
  PostForm form;
  std::optional<FormPart> file;  // positioned at its data
};

/// The fields up to the file part, which S3 takes as the last one it reads.
ReceivedForm read_fields(FormDataReader& reader) {
  ReceivedForm out;
  while (auto part = reader.next_part()) {
    if (reader.offset() > k_max_pre_data) throw pre_data_too_large();
    std::string name = ascii_lower(part->name);
    if (name == "file") {
      out.file = std::move(part);
      return out;
    }
    auto value = reader.read_value(k_max_pre_data - reader.offset());
    if (!value) throw pre_data_too_large();
    out.form.fields.emplace_back(std::move(name), std::move(*value));
  }
  return out;
}

/// The attributes PutObject takes from headers, taken from the form's fields with the same names
/// and rules (read_object_attributes over a request view whose headers are the fields, so the
/// browser's own headers never leak in). Only tagging differs: a Tagging XML document here.
ObjectAttributes form_attributes(const PostForm& form, const BucketRecord& bucket, int64_t now_ms) {
  std::vector<ce_header> headers;
  for (const auto& [name, value] : form.fields)
    if (name != "tagging" && name != "x-amz-tagging")
      headers.push_back({ce::to_str(name), ce::to_str(value)});
  ce_request raw{};
  raw.struct_size = sizeof raw;
  raw.headers = headers.data();
  raw.header_count = headers.size();
  raw.content_length = -1;
  ObjectAttributes attrs = read_object_attributes(ce::Request(nullptr, &raw), bucket, now_ms);
  if (const std::string* t = form.find("tagging")) {
    attrs.tags = parse_tagging(*t, TagScope::object);
    attrs.tags_given = true;
  }
  return attrs;
}

/// The file part's bytes, inline when small or in one blob, with their MD5. ingest_body cannot
/// serve: it takes the whole request body as the object. Past the allowed size the bytes are
/// still counted (not kept), so EntityTooLarge can give the proposed size as S3 does.
IngestedBody receive_file(const ce::ServiceContext& ctx, FormDataReader& reader, SizeRange range,
                          const std::optional<std::string>& content_md5) {
  IngestedBody out;
  Md5 md5;
  std::string buffer;
  std::unique_ptr<ce::BlobWriter> blob;
  reader.read_data([&](std::string_view piece) {
    out.size += piece.size();
    if (out.size > range.max) {
      blob.reset();  // aborts what was written
      buffer.clear();
      return;
    }
    md5.update(piece);
    if (!blob && buffer.size() + piece.size() > k_inline_limit) {
      blob = std::make_unique<ce::BlobWriter>(ctx);
      blob->write(buffer);
      buffer.clear();
    }
    if (blob) {
      blob->write(piece);
    } else {
      buffer.append(piece);
    }
  });
  if (out.size > range.max) throw err::entity_too_large(out.size, range.max);
  if (out.size < range.min) throw entity_too_small(out.size, range.min);
  out.md5 = md5.digest();
  if (content_md5 && *content_md5 != out.md5) throw err::bad_digest();
  if (blob) {
    out.blob = blob->commit();
  } else {
    out.inline_body = std::move(buffer);
  }
  return out;
}

std::string object_key(const PostForm& form, const FormPart& file) {
  const std::string* field = form.find("key");
  if (field == nullptr)
    throw err::invalid_argument(
        "Bucket POST must contain a field named 'key'.  If it is specified, please check the "
        "order of the fields.",
        "key", "");
  // ${filename} stands for the name of the file the user chose (every occurrence).
  std::string key = *field;
  const std::string_view var = "${filename}";
  const std::string filename = file.filename.value_or("");
  for (std::size_t at = key.find(var); at != std::string::npos;
       at = key.find(var, at + filename.size()))
    key.replace(at, var.size(), filename);
  if (key.empty())
    throw err::invalid_argument("User key must have a length greater than 0.", "key", "");
  if (key.size() > 1024) throw err::key_too_long(key.size());
  return key;
}

std::string object_url(const Call& call, std::string_view key) {
  const std::string scheme(call.req.header_or("x-forwarded-proto", "http"));
  const std::string host(call.req.host().empty() ? "localhost" : call.req.host());
  // S3's Location escapes '/' in the key as well.
  const std::string path = ce::percent_encode(key);
  if (host.rfind(call.bucket + ".", 0) == 0) return scheme + "://" + host + "/" + path;
  return scheme + "://" + host + "/" + call.bucket + "/" + path;
}

bool is_http_url(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0;
}

void answer(Call& call, const PostForm& form, const std::string& key, const ObjectVersion& v,
            bool versioned) {
  ce::Response& r = call.resp;
  const std::string etag = quoted_etag(v.etag);
  r.header("ETag", etag);
  if (versioned) r.header("x-amz-version-id", v.version_id);
  for (const auto& [name, value] : v.headers)
    if (name.rfind("x-amz-server-side-encryption", 0) == 0) r.header(name, value);

  // success_action_redirect ("redirect" in old forms) wins when it is a URL; S3 ignores others.
  const std::string* redirect = form.find("success_action_redirect");
  if (redirect == nullptr) redirect = form.find("redirect");
  if (redirect != nullptr && is_http_url(*redirect)) {
    const char sep = redirect->find('?') == std::string::npos ? '?' : '&';
    r.header("Location", *redirect + sep + "bucket=" + ce::percent_encode(call.bucket) + "&key=" +
                             ce::percent_encode(key) + "&etag=" + ce::percent_encode(etag));
    r.send_empty(303);
    return;
  }
  const std::string location = object_url(call, key);
  r.header("Location", location);
  const std::string* status = form.find("success_action_status");
  if (status != nullptr && *status == "200") return r.send_empty(200);
  if (status != nullptr && *status == "201") {
    ce::XmlWriter w;
    w.declaration()
        .open("PostResponse")
        .element("Location", location)
        .element("Bucket", call.bucket)
        .element("Key", key)
        .element("ETag", etag);
    return send_xml(call, w.finish(), 201);
  }
  r.send_empty(204);  // the default, and what any other value gets
}

}  // namespace

void post_object(Call& call) {
  Store& store = call.store();
  // The dispatcher leaves the bucket to us: the form's credential is in the body, so the request
  // reaches us as anonymous, and an owner check against that account would be meaningless.
  const BucketRecord bucket = call.checked_bucket();
  const auto boundary = multipart_boundary(call.req.header_or("content-type", ""));
  if (!boundary)
    throw err::precondition_failed("Bucket POST must be of the enclosure-type multipart/form-data");

  FormDataReader reader(*boundary,
                        [&call](char* buf, std::size_t cap) { return call.req.read(buf, cap); });
  const ReceivedForm received = read_fields(reader);
  const PostForm& form = received.form;
  if (!received.file)
    throw err::invalid_argument("POST requires exactly one file upload per request.", "file", "0");
  const std::string key = object_key(form, *received.file);

  SizeRange range;
  if (const std::string* policy = form.find("policy"))
    range = check_post_policy(*policy, form, call.bucket, call.now_ms());
  range.max = std::min(range.max, k_max_object_size);
  const ObjectAttributes attrs = form_attributes(form, bucket, call.now_ms());
  std::optional<std::string> content_md5;
  if (const std::string* h = form.find("content-md5")) {
    content_md5 = base64_decode(*h);
    if (!content_md5 || content_md5->size() != 16) throw err::invalid_digest();
  }

  const IngestedBody body = receive_file(call.ctx(), reader, range, content_md5);
  reader.drain();  // fields after the file are ignored, as S3 does

  ObjectVersion v;
  body.store_into(v);
  attrs.apply_to(v);
  v.owner = bucket.owner;  // see above: the request's own account is not the uploader's
  v.last_modified_ms = call.now_ms();
  std::string versioning;
  ce::with_write_txn(call.ctx(), [&](ce::WriteTxn& txn) {
    const BucketRecord current = store.require_bucket(txn, call.bucket);
    if (body.blob) txn.link_blob(body.blob->id.data());
    store.write_version(txn, current, key, v);
    versioning = current.versioning;
  });
  answer(call, form, key, v, !versioning.empty());
  notify(call, bucket, "ObjectCreated:Post", key, v);
}

void add_post_object_ops(OpRegistry& ops) {
  ops.add("PostObject", &post_object);
}

}  // namespace s3
