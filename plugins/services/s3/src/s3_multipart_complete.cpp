// CompleteMultipartUpload: the listed parts become one object version whose segments are the
// parts' own blobs (no byte is copied), with the upload's metadata, an "<md5 of md5s>-N" ETag and,
// when the upload asked for one, a composite or full-object checksum.
#include <cloudemu/protocol/xml_writer.hpp>
#include <cloudemu/storage.hpp>
#include <cloudemu/url.hpp>
#include <unordered_map>

#include "s3_conditions.hpp"
#include "s3_errors.hpp"
#include "s3_multipart.hpp"
#include "s3_notifications.hpp"
#include "s3_object_io.hpp"
#include "s3_service.hpp"
#include "s3_text.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

ce::AwsError invalid_part(std::string_view upload_id, uint32_t number, std::string_view etag) {
  return ce::AwsError::client(400, "InvalidPart",
                              "One or more of the specified parts could not be found.  The part "
                              "may not have been uploaded, or the specified entity tag may not "
                              "match the part's entity tag.")
      .with("UploadId", std::string(upload_id))
      .with("PartNumber", std::to_string(number))
      .with("ETag", std::string(etag));
}

ce::AwsError entity_too_small(const PartRecord& p) {
  return ce::AwsError::client(400, "EntityTooSmall",
                              "Your proposed upload is smaller than the minimum allowed size")
      .with("ProposedSize", std::to_string(p.size))
      .with("MinSizeAllowed", std::to_string(k_min_part_size))
      .with("PartNumber", std::to_string(p.number))
      .with("ETag", p.etag);
}

/// What the request asks of the completion besides the part list, read before the transaction.
struct CompleteRequest {
  std::string upload_id;
  std::vector<CompletedPart> parts;
  std::optional<std::string> checksum_type;  // x-amz-checksum-type
  std::optional<std::pair<ChecksumAlgorithm, std::string>> expected_checksum;  // x-amz-checksum-*
  std::optional<std::string> object_size;  // x-amz-mp-object-size
};

struct Completed {
  ObjectVersion version;
  UploadRecord upload;
  bool versioned = false;
};

CompleteRequest read_request(Call& call, std::string upload_id) {
  CompleteRequest r;
  r.upload_id = std::move(upload_id);
  const auto opt = [&](std::string_view name) -> std::optional<std::string> {
    if (const auto v = call.req.header(name)) return std::string(*v);
    return std::nullopt;
  };
  r.checksum_type = opt("x-amz-checksum-type");
  r.object_size = opt("x-amz-mp-object-size");
  for (const auto a :
       {ChecksumAlgorithm::crc32, ChecksumAlgorithm::crc32c, ChecksumAlgorithm::crc64nvme,
        ChecksumAlgorithm::sha1, ChecksumAlgorithm::sha256}) {
    if (const auto v = call.req.header(checksum_header(a))) r.expected_checksum.emplace(a, *v);
  }
  r.parts = parse_complete_parts(call.req.read_all(k_max_xml_body));
  check_part_order(r.parts);
  return r;
}

/// The raw digest of each used part for the upload's algorithm (a part stored without one can
/// only be an empty one: its digest is that of no bytes).
std::vector<std::string> part_digests(const std::vector<const PartRecord*>& used,
                                      ChecksumAlgorithm a, const CompleteRequest& r) {
  std::vector<std::string> out;
  for (const PartRecord* p : used) {
    std::optional<std::string> raw;
    if (!p->checksum.empty()) raw = base64_decode(p->checksum.value);
    if (!raw && p->size == 0) raw = Hasher(a).digest();
    if (!raw || raw->size() != checksum_size(a))
      throw invalid_part(r.upload_id, p->number, p->etag);
    out.push_back(std::move(*raw));
  }
  return out;
}

/// The object's checksum from its parts, checked against what the client computed (if it sent
/// x-amz-checksum-<algo>, x-amz-checksum-type).
Checksum object_checksum(const UploadRecord& up, const std::vector<const PartRecord*>& used,
                         const CompleteRequest& r) {
  const auto algo = parse_checksum_algorithm(up.checksum_algorithm);
  if (!algo) return {};
  if (r.checksum_type && *r.checksum_type != up.checksum_type) {
    throw err::invalid_request("The upload was created using the " + up.checksum_type +
                               " checksum mode. The complete request must use the same checksum "
                               "mode.");
  }
  std::vector<uint64_t> sizes;
  for (const PartRecord* p : used) sizes.push_back(p->size);
  const bool full = up.checksum_type == "FULL_OBJECT";
  Checksum c{up.checksum_algorithm,
             combine_checksums(*algo, full, part_digests(used, *algo, r), sizes),
             full ? "FULL_OBJECT" : "COMPOSITE"};
  if (r.expected_checksum && r.expected_checksum->first == *algo) {
    // Clients send a composite value with or without its "-N" part count.
    const std::string& want = r.expected_checksum->second;
    const std::string bare = c.value.substr(0, c.value.rfind('-'));
    if (want != c.value && (full || want != bare))
      throw err::bad_checksum(ascii_lower(c.algorithm));
  }
  return c;
}

Completed complete(Call& call, const CompleteRequest& r) {
  Store& store = call.store();
  return ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) {
    const BucketRecord bucket = store.require_bucket(txn, call.bucket);
    Completed done;
    done.upload = require_upload(txn, call, r.upload_id);
    const UploadRecord& up = done.upload;
    const std::vector<PartRecord> stored = load_parts(txn, call, r.upload_id);
    std::unordered_map<uint32_t, const PartRecord*> by_number;
    for (const auto& p : stored) by_number.emplace(p.number, &p);

    std::vector<const PartRecord*> used;
    std::vector<std::string> etags;
    for (const auto& want : r.parts) {
      const auto it = by_number.find(want.number);
      if (it == by_number.end() || ascii_lower(want.etag) != it->second->etag)
        throw invalid_part(r.upload_id, want.number, want.etag);
      const PartRecord& p = *it->second;
      for (const auto& [algo, value] : want.checksums) {
        if (!p.checksum.empty() && ascii_lower(algo) == ascii_lower(p.checksum.algorithm) &&
            value != p.checksum.value)
          throw invalid_part(r.upload_id, want.number, want.etag);
      }
      used.push_back(&p);
      etags.push_back(p.etag);
    }
    for (std::size_t i = 0; i + 1 < used.size(); ++i)
      if (used[i]->size < k_min_part_size) throw entity_too_small(*used[i]);

    const auto etag = multipart_etag(etags);
    if (!etag) throw invalid_part(r.upload_id, used.front()->number, used.front()->etag);
    check_write_conditions(call.req, call.key, store.latest(txn, call.bucket, call.key));

    ObjectVersion& v = done.version;
    v.last_modified_ms = call.now_ms();
    v.owner = up.owner;
    v.etag = *etag;
    for (const PartRecord* p : used) {
      v.size += p->size;
      v.part_sizes.push_back(p->size);
      if (!p->blob.empty()) v.segments.push_back(Segment{p->blob, p->size});
    }
    if (r.object_size && *r.object_size != std::to_string(v.size)) {
      throw err::invalid_request("The provided 'x-amz-mp-object-size' header value " +
                                 *r.object_size +
                                 " does not match what was computed: " + std::to_string(v.size));
    }
    v.checksum = object_checksum(up, used, r);
    if (!v.checksum.empty())
      for (const PartRecord* p : used) v.part_checksums.push_back(p->checksum);
    copy_object_attributes(up, v);
    v.legal_hold_set = up.legal_hold;
    store.write_version(txn, bucket, call.key, v);

    // The parts now belong to the version; the ones the client left out are released.
    std::unordered_map<uint32_t, bool> is_used;
    for (const PartRecord* p : used) is_used[p->number] = true;
    for (const auto& p : stored) {
      if (!is_used.count(p.number) && !p.blob.empty()) txn.unlink_blob(blob_id(p.blob).data());
      txn.del(store.parts(), part_key(r.upload_id, p.number));
    }
    txn.del(store.uploads(), upload_key(call.bucket, call.key, r.upload_id));
    done.versioned = !bucket.versioning.empty();
    return done;
  });
}

}  // namespace

void complete_multipart_upload(Call& call) {
  std::string upload_id = upload_id_param(call);
  {
    // A missing bucket or upload, or a failed precondition, is refused before the part list is
    // read; the transaction checks again where it decides.
    ce::ReadTxn txn(call.store().ctx());
    call.store().require_bucket(txn, call.bucket);
    require_upload(txn, call, upload_id);
    check_write_conditions(call.req, call.key, call.store().latest(txn, call.bucket, call.key));
  }
  const CompleteRequest r = read_request(call, std::move(upload_id));
  const Completed done = complete(call, r);
  const ObjectVersion& v = done.version;

  if (done.versioned) call.resp.header("x-amz-version-id", v.version_id);
  for (const auto& [name, value] : v.headers)
    if (name.rfind("x-amz-server-side-encryption", 0) == 0) call.resp.header(name, value);
  const std::string host(call.req.host().empty() ? "localhost" : call.req.host());
  ce::XmlWriter xml;
  xml.declaration()
      .open("CompleteMultipartUploadResult", k_xmlns)
      .element("Location",
               "http://" + host + "/" + call.bucket + "/" + ce::percent_encode(call.key, true))
      .element("Bucket", call.bucket)
      .element("Key", call.key)
      .element("ETag", quoted_etag(v.etag));
  if (!v.checksum.empty()) {
    xml.element(checksum_element(v.checksum.algorithm), v.checksum.value)
        .element("ChecksumType", v.checksum.type);
  }
  send_xml(call, xml.finish());
  notify(call, call.checked_bucket(), "ObjectCreated:CompleteMultipartUpload", call.key, v);
}

}  // namespace s3
