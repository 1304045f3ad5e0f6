// PutNote and DeleteNote: the body streams into a blob outside any transaction, then one short
// write transaction publishes it (the architecture's blob rule: a crash never shows half a note).
#include <cloudemu/blob.hpp>
#include <cloudemu/plugin.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <cloudemu/protocol/rest_json.hpp>
#include <nlohmann/json.hpp>

#include "md5.hpp"
#include "notes_service.hpp"

namespace notes {

void NotesService::put(ce::Request& req, ce::Response& resp, const std::string& name) {
  ce::BlobWriter writer(ctx_);
  Md5 md5;
  req.read_chunks(k_chunk, [&](std::string_view chunk) {
    md5.update(chunk);
    writer.write(chunk);
  });
  const ce::CommittedBlob blob = writer.commit();

  NoteMeta meta;
  meta.size = blob.size;
  meta.etag = md5.hex();
  meta.created_ms = ctx_.now_ms();
  meta.blob.assign(reinterpret_cast<const char*>(blob.id.data()), blob.id.size());
  const std::string k = key(req.account_id(), req.region(), name);

  ce::with_write_txn(ctx_, [&](ce::WriteTxn& txn) {
    if (const auto old = txn.get(notes_, k)) {
      // Decode before writing: the view dies at the next write in this transaction.
      const NoteMeta previous = ce::decode_record<NoteMeta>(*old, k_meta_version);
      txn.unlink_blob(reinterpret_cast<const uint8_t*>(previous.blob.data()));
    }
    txn.link_blob(blob.id.data());
    txn.put(notes_, k, ce::encode_record(k_meta_version, meta));
  });

  resp.header("ETag", "\"" + meta.etag + "\"");
  const nlohmann::json body = {
      {"name", name}, {"size", meta.size}, {"etag", meta.etag}, {"created_ms", meta.created_ms}};
  resp.send(200, ce::k_content_type_rest_json, body.dump());
}

void NotesService::del(ce::Request& req, ce::Response& resp, const std::string& name) {
  const std::string k = key(req.account_id(), req.region(), name);
  const bool existed = ce::with_write_txn(ctx_, [&](ce::WriteTxn& txn) {
    const auto old = txn.get(notes_, k);
    if (!old) return false;
    const NoteMeta previous = ce::decode_record<NoteMeta>(*old, k_meta_version);
    txn.unlink_blob(reinterpret_cast<const uint8_t*>(previous.blob.data()));
    txn.del(notes_, k);
    return true;
  });
  if (!existed)
    throw ce::AwsError::not_found("NoSuchNote", "The note '" + name + "' does not exist.");
  resp.send_empty(204);
}

}  // namespace notes
