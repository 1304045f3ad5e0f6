// How logical keys (up to 4096 bytes) and values are stored in LMDB, whose keys stop at 511 bytes.
//
// A key of at most kInlineKeyMax bytes is stored as is. A longer key is stored as its first
// kInlineKeyMax bytes followed by a 16-byte hash of the whole key, and the whole key is kept in the
// record. Every record starts with a header byte (kPlainRecord or kLongKeyRecord) so records can
// also be migrated later. Stored order equals logical order except among long keys that share
// their first kInlineKeyMax bytes (a "run"): cursors sort such a run by full key (lmdb_cursor.cpp).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ce::lmdb {

inline constexpr std::size_t kInlineKeyMax = 400;
inline constexpr std::size_t kKeyHashSize = 16;
inline constexpr std::size_t kLongStoredKeySize = kInlineKeyMax + kKeyHashSize;
inline constexpr std::uint32_t kMaxKeySize = 4096;

inline constexpr std::uint8_t kPlainRecord = 0x00;
inline constexpr std::uint8_t kLongKeyRecord = 0x01;

inline bool is_long_key(std::string_view key) noexcept {
  return key.size() > kInlineKeyMax;
}

/// The LMDB key for a logical key.
std::string stored_key(std::string_view key);

/// The LMDB value for (key, value): header byte, then for a long key its u32 LE length and bytes.
std::string encode_record(std::string_view key, std::string_view value);

struct Record {
  std::string_view key;    // the logical key
  std::string_view value;  // the caller's value
};

/// Decodes an LMDB (key, value) pair; false for a record this version does not understand.
bool decode_record(std::string_view stored, std::string_view raw, Record* out) noexcept;

}  // namespace ce::lmdb
