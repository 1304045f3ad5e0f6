// CreateMultipartUpload, UploadPart and AbortMultipartUpload, and the upload/part record access
// the other multipart files share.
#include <cloudemu/blob.hpp>
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/storage.hpp>

#include "s3_body.hpp"
#include "s3_errors.hpp"
#include "s3_multipart.hpp"
#include "s3_object_io.hpp"
#include "s3_object_meta.hpp"
#include "s3_service.hpp"
#include "s3_text.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

/// x-amz-checksum-algorithm / x-amz-checksum-type of CreateMultipartUpload, with S3's rules:
/// SHA digests only combine as COMPOSITE, CRC64NVME only as FULL_OBJECT, CRC32(C) either way
/// (COMPOSITE by default).
void read_checksum_choice(const Call& call, UploadRecord& up) {
  const auto algo_header = call.req.header("x-amz-checksum-algorithm");
  const auto type_header = call.req.header("x-amz-checksum-type");
  if (!algo_header) {
    if (type_header) {
      throw err::invalid_request(
          "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm "
          "header.");
    }
    return;
  }
  const auto algo = parse_checksum_algorithm(*algo_header);
  if (!algo) {
    throw err::invalid_request(
        "Checksum algorithm provided is unsupported. Please try again with "
        "any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
  }
  std::string type = type_header                             ? std::string(*type_header)
                     : *algo == ChecksumAlgorithm::crc64nvme ? "FULL_OBJECT"
                                                             : "COMPOSITE";
  if (type != "COMPOSITE" && type != "FULL_OBJECT") {
    throw err::invalid_request("Value for x-amz-checksum-type header is invalid.");
  }
  const bool is_sha = *algo == ChecksumAlgorithm::sha1 || *algo == ChecksumAlgorithm::sha256;
  if ((is_sha && type == "FULL_OBJECT") ||
      (*algo == ChecksumAlgorithm::crc64nvme && type == "COMPOSITE")) {
    throw err::invalid_request("The " + type + " checksum type cannot be used with the " +
                               ascii_lower(checksum_name(*algo)) + " checksum algorithm.");
  }
  up.checksum_algorithm = std::string(checksum_name(*algo));
  up.checksum_type = std::move(type);
}

/// The server-side encryption S3 echoes on every multipart answer.
void echo_encryption(Call& call, const UploadRecord& up) {
  for (const auto& [name, value] : up.headers)
    if (name.rfind("x-amz-server-side-encryption", 0) == 0) call.resp.header(name, value);
}

/// A part body the client sent without the upload's checksum: computed here (by reading the
/// stored blob back, outside any transaction) so that completion can combine every part.
Checksum checksum_of_blob(Call& call, const ce::BlobId& id, ChecksumAlgorithm a) {
  Hasher h(a);
  ce::BlobReader reader(call.store().ctx(), id);
  std::string buf(64 * 1024, '\0');
  while (const std::size_t n = reader.read(buf.data(), buf.size()))
    h.update(std::string_view(buf.data(), n));
  return Checksum{std::string(checksum_name(a)), base64_encode(h.digest()), "FULL_OBJECT"};
}

}  // namespace

// ---- shared ----

std::string upload_id_param(const Call& call) {
  auto id = call.req.query_param("uploadId");
  if (!id || id->empty()) throw err::no_such_upload(id.value_or(""));
  return std::move(*id);
}

UploadRecord require_upload(ce::Txn& txn, Call& call, std::string_view upload_id) {
  const auto v = txn.get(call.store().uploads(), upload_key(call.bucket, call.key, upload_id));
  if (!v) throw err::no_such_upload(upload_id);
  return ce::decode_record<UploadRecord>(*v, k_record_version);
}

std::vector<PartRecord> load_parts(ce::Txn& txn, Call& call, std::string_view upload_id) {
  std::vector<PartRecord> out;
  const std::string prefix = ce::encode_key(upload_id);
  auto cur = txn.cursor(call.store().parts());
  for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
       kv = cur.next())
    out.push_back(ce::decode_record<PartRecord>(kv->second, k_record_version));
  return out;
}

void store_part(Call& call, std::string_view upload_id, const PartRecord& part) {
  Store& store = call.store();
  ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    if (!txn.get(store.uploads(), upload_key(call.bucket, call.key, upload_id)))
      throw err::no_such_upload(upload_id);
    const std::string key = part_key(upload_id, part.number);
    if (const auto old = txn.get(store.parts(), key)) {
      const auto prev = ce::decode_record<PartRecord>(*old, k_record_version);
      if (!prev.blob.empty()) txn.unlink_blob(blob_id(prev.blob).data());
    }
    if (!part.blob.empty()) txn.link_blob(blob_id(part.blob).data());
    txn.put(store.parts(), key, ce::encode_record(k_record_version, part));
  });
}

void add_checksum_header(Call& call, const Checksum& c) {
  if (c.empty()) return;
  if (const auto a = parse_checksum_algorithm(c.algorithm))
    call.resp.header(checksum_header(*a), c.value);
}

// ---- CreateMultipartUpload ----

void create_multipart_upload(Call& call) {
  if (call.key.size() > 1024) throw err::key_too_long(call.key.size());
  Store& store = call.store();
  // The same attributes PutObject takes, kept until completion writes the object.
  const ObjectAttributes attrs =
      read_object_attributes(call.req, call.checked_bucket(), call.now_ms());
  UploadRecord up;
  up.key = call.key;
  up.initiated_ms = call.now_ms();
  up.owner = std::string(call.account());
  copy_object_attributes(attrs, up);
  read_checksum_choice(call, up);
  up.upload_id = new_upload_id(up.initiated_ms);

  ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    store.require_bucket(txn, call.bucket);
    txn.put(store.uploads(), upload_key(call.bucket, call.key, up.upload_id),
            ce::encode_record(k_record_version, up));
  });

  if (!up.checksum_algorithm.empty()) {
    call.resp.header("x-amz-checksum-algorithm", up.checksum_algorithm);
    call.resp.header("x-amz-checksum-type", up.checksum_type);
  }
  echo_encryption(call, up);
  ce::XmlWriter xml;
  xml.declaration()
      .open("InitiateMultipartUploadResult", k_xmlns)
      .element("Bucket", call.bucket)
      .element("Key", call.key)
      .element("UploadId", up.upload_id);
  send_xml(call, xml.finish());
}

// ---- UploadPart ----

PartTarget part_target(Call& call) {
  PartTarget t;
  t.number = parse_part_number(call.req.query_param("partNumber").value_or(""));
  t.upload_id = upload_id_param(call);
  // Refused before reading a body (or copying a source) that could be gigabytes.
  ce::ReadTxn txn(call.ctx());
  call.store().require_bucket(txn, call.bucket);
  t.upload = require_upload(txn, call, t.upload_id);
  return t;
}

void upload_part(Call& call) {
  const auto [number, upload_id, up] = part_target(call);

  const IngestedBody body = ingest_body(call, {.allow_inline = false});
  PartRecord part;
  part.number = number;
  part.etag = body.etag();
  part.size = body.size;
  part.last_modified_ms = call.now_ms();
  if (body.blob) part.blob = blob_bytes(body.blob->id);
  part.checksum = body.checksum;
  if (!up.checksum_algorithm.empty()) {
    if (part.checksum.empty() && body.blob) {
      part.checksum =
          checksum_of_blob(call, body.blob->id, *parse_checksum_algorithm(up.checksum_algorithm));
    } else if (!part.checksum.empty() && part.checksum.algorithm != up.checksum_algorithm) {
      throw err::invalid_request("Checksum Type mismatch occurred, expected checksum Type: " +
                                 ascii_lower(up.checksum_algorithm) +
                                 ", actual checksum Type: " + ascii_lower(part.checksum.algorithm));
    }
  }
  store_part(call, upload_id, part);

  call.resp.header("ETag", quoted_etag(part.etag));
  add_checksum_header(call, part.checksum);
  echo_encryption(call, up);
  call.resp.send_empty(200);
}

// ---- AbortMultipartUpload ----

void abort_multipart_upload(Call& call) {
  const std::string upload_id = upload_id_param(call);
  Store& store = call.store();
  ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    store.require_bucket(txn, call.bucket);
    store.drop_upload(txn, call.bucket, require_upload(txn, call, upload_id));
  });
  call.resp.send_empty(204);
}

// ---- registration ----

void add_multipart_ops(OpRegistry& ops) {
  ops.add("CreateMultipartUpload", &create_multipart_upload);
  ops.add("UploadPart", &upload_part);
  ops.add("UploadPartCopy", &upload_part_copy);
  ops.add("CompleteMultipartUpload", &complete_multipart_upload);
  ops.add("AbortMultipartUpload", &abort_multipart_upload);
  ops.add("ListMultipartUploads", &list_multipart_uploads);
  ops.add("ListParts", &list_parts);
}

}  // namespace s3
