// Order-preserving tuple encoding for storage keys: for two tuples of the same schema,
// memcmp order of the encodings == lexicographic order of the tuples (see keycodec_test).
//
//  - unsigned integers: big-endian, fixed width;
//  - signed integers: big-endian with the sign bit flipped, so -1 < 0 bytewise too;
//  - byte strings: every 0x00 escaped as 0x00 0xFF, then terminated by 0x00 0x01.
//
// Why 0x00 0x01 and not a bare 0x00: with a bare terminator the byte after it belongs to the next
// element, and when that byte is 0xFF it compares equal to an escape ("a",0xFF01) vs ("a\0",...)
// and the order breaks. 0x01 is below every escaped byte (0xFF) and above the end of a shorter
// string, so a string's terminator always sorts before any longer string with the same prefix.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace ce {

struct KeyDecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename T>
concept KeyInteger = std::is_integral_v<T> && !std::is_same_v<T, bool>;

class KeyWriter {
 public:
  template <KeyInteger T>
  KeyWriter& integer(T v) {
    using U = std::make_unsigned_t<T>;
    U u = static_cast<U>(v);
    if constexpr (std::is_signed_v<T>) u ^= U(1) << (sizeof(T) * 8 - 1);
    for (int shift = static_cast<int>(sizeof(T) * 8) - 8; shift >= 0; shift -= 8) {
      out_.push_back(static_cast<char>((u >> shift) & 0xFF));
    }
    return *this;
  }
  KeyWriter& boolean(bool b) { return integer<uint8_t>(b ? 1 : 0); }
  KeyWriter& u8(uint8_t v) { return integer(v); }
  KeyWriter& u16(uint16_t v) { return integer(v); }
  KeyWriter& u32(uint32_t v) { return integer(v); }
  KeyWriter& u64(uint64_t v) { return integer(v); }
  KeyWriter& i32(int32_t v) { return integer(v); }
  KeyWriter& i64(int64_t v) { return integer(v); }

  /// A terminated byte string (any bytes, including 0x00).
  KeyWriter& str(std::string_view s) {
    escape(s);
    out_.push_back('\0');
    out_.push_back('\x01');
    return *this;
  }
  /// The escaped bytes of s without terminator: every key whose string element at this position
  /// starts with s begins with these bytes (ListObjects ?prefix= scans).
  KeyWriter& str_prefix(std::string_view s) {
    escape(s);
    return *this;
  }
  /// Bytes appended verbatim; only sensible as the last element (no terminator, so not decodable
  /// by str()).
  KeyWriter& raw(std::string_view s) {
    out_.append(s);
    return *this;
  }

  const std::string& bytes() const noexcept { return out_; }
  std::string take() noexcept { return std::move(out_); }

 private:
  void escape(std::string_view s) {
    for (const char c : s) {
      out_.push_back(c);
      if (c == '\0') out_.push_back('\xFF');
    }
  }
  std::string out_;
};

class KeyReader {
 public:
  explicit KeyReader(std::string_view key) noexcept : in_(key) {}

  template <KeyInteger T>
  T integer() {
    using U = std::make_unsigned_t<T>;
    if (in_.size() < sizeof(T)) throw KeyDecodeError("key too short for an integer");
    U u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      u = static_cast<U>((u << 8) | static_cast<uint8_t>(in_[i]));
    in_.remove_prefix(sizeof(T));
    if constexpr (std::is_signed_v<T>) u ^= U(1) << (sizeof(T) * 8 - 1);
    return static_cast<T>(u);
  }
  bool boolean() { return integer<uint8_t>() != 0; }
  uint8_t u8() { return integer<uint8_t>(); }
  uint16_t u16() { return integer<uint16_t>(); }
  uint32_t u32() { return integer<uint32_t>(); }
  uint64_t u64() { return integer<uint64_t>(); }
  int32_t i32() { return integer<int32_t>(); }
  int64_t i64() { return integer<int64_t>(); }

  std::string str() {
    std::string out;
    for (std::size_t i = 0; i < in_.size(); ++i) {
      if (in_[i] != '\0') {
        out.push_back(in_[i]);
        continue;
      }
      if (i + 1 >= in_.size()) break;
      if (in_[i + 1] == '\xFF') {
        out.push_back('\0');
        ++i;
      } else if (in_[i + 1] == '\x01') {
        in_.remove_prefix(i + 2);
        return out;
      } else {
        throw KeyDecodeError("bad escape in key string");
      }
    }
    throw KeyDecodeError("unterminated key string");
  }
  /// The bytes not decoded yet (a raw() tail).
  std::string_view rest() const noexcept { return in_; }
  bool done() const noexcept { return in_.empty(); }

 private:
  std::string_view in_;
};

namespace detail {
template <typename T>
void encode_one(KeyWriter& w, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    w.boolean(v);
  } else if constexpr (KeyInteger<T>) {
    w.integer(v);
  } else {
    w.str(std::string_view(v));
  }
}
template <typename T>
T decode_one(KeyReader& r) {
  if constexpr (std::is_same_v<T, bool>) {
    return r.boolean();
  } else if constexpr (KeyInteger<T>) {
    return r.integer<T>();
  } else {
    static_assert(std::is_same_v<T, std::string>, "decode strings as std::string");
    return r.str();
  }
}
}  // namespace detail

/// encode_key(uint32_t{7}, "bucket", int64_t{-3}): integers by their exact type and width,
/// anything convertible to std::string_view as a string.
template <typename... T>
std::string encode_key(const T&... parts) {
  KeyWriter w;
  (detail::encode_one(w, parts), ...);
  return w.take();
}

/// The inverse: decode_key<uint32_t, std::string, int64_t>(bytes). Trailing bytes are an error.
template <typename... T>
std::tuple<T...> decode_key(std::string_view key) {
  KeyReader r(key);
  std::tuple<T...> out{detail::decode_one<T>(r)...};
  if (!r.done()) throw KeyDecodeError("trailing bytes after key tuple");
  return out;
}

/// The smallest key greater than every key starting with `prefix`: the exclusive end of a prefix
/// range scan. nullopt when no such key exists (prefix empty or all 0xFF): scan to the end.
inline std::optional<std::string> prefix_successor(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(out.back());
    if (last != 0xFF) {
      ++last;
      return out;
    }
    out.pop_back();
  }
  return std::nullopt;
}

}  // namespace ce
