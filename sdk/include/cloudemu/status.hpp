// Small helpers around ce_status and ce_error shared by the host, the SDK and every plugin.
#pragma once
#include <cloudemu/abi/ce_types.h>

#include <cstdio>
#include <cstring>
#include <string_view>

namespace ce {

/// Fills a caller-owned ce_error (NULL is allowed) and returns the status, so that failure paths
/// read `return ce::fail(err, CE_INVALID, "bad keyspace name");`.
inline ce_status fail(ce_error* err, ce_status status, std::string_view message) noexcept {
  if (err != nullptr) {
    err->status = status;
    const std::size_t n =
        message.size() < sizeof(err->message) - 1 ? message.size() : sizeof(err->message) - 1;
    std::memcpy(err->message, message.data(), n);
    err->message[n] = '\0';
  }
  return status;
}

/// Writes s into a caller's buffer as the ABI's "text out" slots define it: NUL-terminated, cut to
/// fit cap, with the full length (without NUL) in *out_len so the caller can retry with more room.
inline void copy_out(std::string_view s, char* out, std::size_t cap,
                     std::size_t* out_len) noexcept {
  if (out_len != nullptr) *out_len = s.size();
  if (out != nullptr && cap > 0) {
    const std::size_t n = s.size() < cap - 1 ? s.size() : cap - 1;
    std::memcpy(out, s.data(), n);
    out[n] = '\0';
  }
}

/// A zeroed ce_error with its struct_size set.
inline ce_error make_error() noexcept {
  ce_error e{};
  e.struct_size = sizeof(ce_error);
  return e;
}

inline std::string_view to_view(ce_str s) noexcept {
  return {s.ptr == nullptr ? "" : s.ptr, s.len};
}
inline std::string_view to_view(ce_bytes b) noexcept {
  return {b.ptr == nullptr ? "" : reinterpret_cast<const char*>(b.ptr), b.len};
}
inline ce_str to_str(std::string_view s) noexcept {
  return ce_str{s.data(), s.size()};
}
inline ce_bytes to_bytes(std::string_view s) noexcept {
  return ce_bytes{reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// ASCII case-insensitive equality, for header names (host and plugins).
inline bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

/// Human-readable name of a status, for messages and test failures.
inline const char* status_name(ce_status s) noexcept {
  switch (s) {
    case CE_OK:
      return "CE_OK";
    case CE_NOT_FOUND:
      return "CE_NOT_FOUND";
    case CE_EXISTS:
      return "CE_EXISTS";
    case CE_CONFLICT:
      return "CE_CONFLICT";
    case CE_INVALID:
      return "CE_INVALID";
    case CE_KEY_TOO_LONG:
      return "CE_KEY_TOO_LONG";
    case CE_FULL:
      return "CE_FULL";
    case CE_UNSUPPORTED:
      return "CE_UNSUPPORTED";
    case CE_INTERNAL:
      return "CE_INTERNAL";
    case CE_PENDING:
      return "CE_PENDING";
    case CE_CLOSED:
      return "CE_CLOSED";
    case CE_END:
      return "CE_END";
    default:
      return "CE_UNKNOWN";
  }
}

}  // namespace ce
