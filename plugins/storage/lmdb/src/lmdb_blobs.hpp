// Blobs of the lmdb backend: files outside any transaction, published through a registry DBI.
//
//   data_dir/blobs/.tmp/<32 hex>.part     being written (blob_writer_open .. blob_commit)
//   data_dir/blobs/<ns>/<2 hex>/<32 hex>  committed
//   _blobs DBI: ns '\0' id -> [0x00 header][state: 0 pending, 1 linked][committed_ms, i64 LE]
//
// blob_commit records "pending" first and renames the file second, so a committed file always has
// a registry record (the collector deletes files without one). blob_link/unlink are registry
// writes in the caller's transaction. The collector drops pending records older than the cutoff,
// then deletes every file without a record, then temp files no writer of this process holds (a
// crash's leftovers). A reader holds an open descriptor, so it keeps reading a collected blob.
#pragma once
#include <cloudemu/abi/ce_storage.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lmdb_env.hpp"
#include "lmdb_txn.hpp"

namespace ce::lmdb {

using BlobId = std::array<std::uint8_t, CE_BLOB_ID_SIZE>;

struct BlobWriter {
  std::shared_ptr<Env> env;
  std::string ns;
  BlobId id{};
  std::string temp_name;
  int fd = -1;
  std::uint64_t size = 0;
  /// Aborts: closes and removes the temp file.
  ~BlobWriter();
};

struct BlobReader {
  int fd = -1;
  std::uint64_t pos = 0;
  std::uint64_t end = 0;
  ~BlobReader();
};

ce_status blob_writer_open(std::shared_ptr<Env> env, std::string_view ns,
                           std::unique_ptr<BlobWriter>* out, ce_error* err);
ce_status blob_write(BlobWriter& w, ce_bytes chunk, ce_error* err);
ce_status blob_commit(std::unique_ptr<BlobWriter> w, std::uint8_t* out_id, std::uint64_t* out_size,
                      ce_error* err);
/// blob_link (link) or blob_unlink (!link) inside the caller's write transaction.
ce_status blob_set_link(Txn& txn, std::string_view ns, const std::uint8_t* id, bool link,
                        ce_error* err);
ce_status blob_reader_open(const std::shared_ptr<Env>& env, std::string_view ns,
                           const std::uint8_t* id, std::uint64_t offset, std::uint64_t length,
                           std::unique_ptr<BlobReader>* out, std::uint64_t* out_size,
                           ce_error* err);
ce_status blob_read(BlobReader& r, std::uint8_t* buf, std::size_t cap, std::size_t* out_n,
                    ce_error* err);
ce_status blob_collect(const std::shared_ptr<Env>& env, std::string_view ns,
                       std::int64_t pending_before_ms, bool all, std::uint64_t* out_deleted,
                       ce_error* err);

}  // namespace ce::lmdb
