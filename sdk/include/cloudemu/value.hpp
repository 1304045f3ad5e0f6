// Stored records: msgpack with a leading format-version byte, so a record written by an older
// plugin can be migrated and one written by a newer plugin is refused with a clear message instead
// of being misread (lmdb-safe's LSheader, RGW's ENCODE_START).
//
//   struct NoteMeta { uint64_t size; std::string etag; MSGPACK_DEFINE_MAP(size, etag); };
//   std::string v = ce::encode_record(1, meta);
//   NoteMeta m = ce::decode_record<NoteMeta>(v, 1);
//
// Prefer MSGPACK_DEFINE_MAP: fields are matched by name, so adding a field is compatible both ways
// (missing ones keep their default), which is what makes version bumps rare.
#pragma once
#include <cstdint>
#include <msgpack.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ce {

struct RecordError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Packs any msgpack-adaptable value into a byte string.
template <typename T>
std::string pack(const T& value) {
  msgpack::sbuffer buf;
  msgpack::pack(buf, value);
  return std::string(buf.data(), buf.size());
}

/// Unpacks a byte string produced by pack(). Throws RecordError on malformed or mistyped data.
template <typename T>
T unpack(std::string_view bytes) {
  try {
    // Every element takes at least one byte, so no count may exceed the input's size: a corrupt
    // length header must fail here, not allocate gigabytes (found by tests/fuzz/fuzz_record).
    const std::size_t n = bytes.size();
    const msgpack::unpack_limit limit(n, n, n, n, n, 64);
    std::size_t offset = 0;
    msgpack::object_handle oh = msgpack::unpack(bytes.data(), n, offset, nullptr, nullptr, limit);
    if (offset != n) throw RecordError("trailing bytes after the stored value");
    return oh.get().as<T>();
  } catch (const std::exception& e) {
    throw RecordError(std::string("cannot decode stored value: ") + e.what());
  }
}

/// [version byte][msgpack(value)].
template <typename T>
std::string encode_record(uint8_t version, const T& value) {
  msgpack::sbuffer buf;
  buf.write(reinterpret_cast<const char*>(&version), 1);
  msgpack::pack(buf, value);
  return std::string(buf.data(), buf.size());
}

/// The version byte of a record. Throws RecordError for an empty value.
inline uint8_t record_version(std::string_view bytes) {
  if (bytes.empty()) throw RecordError("stored record is empty (no format version byte)");
  return static_cast<uint8_t>(bytes[0]);
}

/// Decodes a record of version <= current_version; the caller migrates older versions (read
/// record_version() first when layouts differ). A newer version means the data was written by a
/// newer plugin: refuse it rather than guess.
template <typename T>
T decode_record(std::string_view bytes, uint8_t current_version) {
  const uint8_t version = record_version(bytes);
  if (version > current_version) {
    throw RecordError("stored record has format version " + std::to_string(version) +
                      " but this plugin reads up to version " + std::to_string(current_version) +
                      ": upgrade the plugin or use a data directory written by this version");
  }
  return unpack<T>(bytes.substr(1));
}

}  // namespace ce
