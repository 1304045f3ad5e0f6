// Blobs: large bodies streamed outside any transaction, then published by a short write txn
// (WriteTxn::link_blob). A writer that is never committed is aborted by its destructor.
#pragma once
#include <array>
#include <cloudemu/storage.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace ce {

using BlobId = std::array<uint8_t, CE_BLOB_ID_SIZE>;

/// Lowercase hex, for logs and for storing the id as text.
inline std::string to_hex(const BlobId& id) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const uint8_t b : id) {
    out.push_back(k_hex[b >> 4]);
    out.push_back(k_hex[b & 0xF]);
  }
  return out;
}

struct CommittedBlob {
  BlobId id{};
  uint64_t size = 0;
};

class BlobWriter {
 public:
  explicit BlobWriter(const ServiceContext& ctx) : api_(&ctx.api()) {
    ce_error err = make_error();
    check_storage(api_->blob_writer_open(ctx.raw(), &w_, &err), err, "blob_writer_open");
  }
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;
  BlobWriter(BlobWriter&& o) noexcept : api_(o.api_), w_(std::exchange(o.w_, nullptr)) {}
  BlobWriter& operator=(BlobWriter&&) = delete;
  ~BlobWriter() { abort(); }

  void write(std::string_view chunk) {
    ce_error err = make_error();
    check_storage(api_->blob_write(w_, to_bytes(chunk), &err), err, "blob_write");
  }
  /// Finishes the blob; it stays "pending" (collectable) until a WriteTxn links it.
  CommittedBlob commit() {
    CommittedBlob out;
    ce_error err = make_error();
    check_storage(api_->blob_commit(std::exchange(w_, nullptr), out.id.data(), &out.size, &err),
                  err, "blob_commit");
    return out;
  }
  void abort() noexcept {
    if (w_ != nullptr) api_->blob_abort(std::exchange(w_, nullptr));
  }

 private:
  const ce_host_api_v1* api_;
  ce_blob_writer_host_ptr w_ = nullptr;
};

class BlobReader {
 public:
  /// Opens [offset, offset + length) of blob id; length UINT64_MAX reads to the end.
  /// An unknown blob throws StorageError with status CE_NOT_FOUND.
  BlobReader(const ServiceContext& ctx, const BlobId& id, uint64_t offset = 0,
             uint64_t length = UINT64_MAX)
      : api_(&ctx.api()) {
    ce_error err = make_error();
    check_storage(api_->blob_reader_open(ctx.raw(), id.data(), offset, length, &r_, &size_, &err),
                  err, "blob_reader_open");
  }
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;
  BlobReader(BlobReader&& o) noexcept
      : api_(o.api_), r_(std::exchange(o.r_, nullptr)), size_(o.size_) {}
  BlobReader& operator=(BlobReader&&) = delete;
  ~BlobReader() {
    if (r_ != nullptr) api_->blob_reader_close(r_);
  }

  /// The blob's total size (not the range's).
  uint64_t size() const noexcept { return size_; }
  /// @return bytes read into buf; 0 when the range is exhausted.
  std::size_t read(void* buf, std::size_t cap) {
    std::size_t n = 0;
    ce_error err = make_error();
    check_storage(api_->blob_read(r_, static_cast<uint8_t*>(buf), cap, &n, &err), err, "blob_read");
    return n;
  }
  /// The rest of the range as one string (tests and small blobs).
  std::string read_all() {
    std::string out;
    char buf[16384];
    while (const std::size_t n = read(buf, sizeof buf)) out.append(buf, n);
    return out;
  }

 private:
  const ce_host_api_v1* api_;
  ce_blob_reader_host_ptr r_ = nullptr;
  uint64_t size_ = 0;
};

}  // namespace ce
