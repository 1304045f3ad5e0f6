#include "lmdb_blob_files.hpp"

namespace ce::lmdb::blob_files {

// A namespace becomes a directory name: keep it to a safe alphabet (the memory backend's rule).
ce_status check_ns(std::string_view ns, ce_error* err) {
  bool ok = !ns.empty() && ns.size() <= 128 && ns.front() != '.';
  for (char c : ns) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.');
  }
  return ok ? CE_OK : fail(err, CE_INVALID, "bad blob namespace '" + std::string(ns) + "'");
}

std::string to_hex(const BlobId& id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : id) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::optional<BlobId> from_hex(std::string_view hex) {
  if (hex.size() != 2 * CE_BLOB_ID_SIZE) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  BlobId id{};
  for (std::size_t i = 0; i < id.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    id[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return id;
}

std::filesystem::path blobs_dir(const Env& env) {
  return env.config().data_dir / "blobs";
}

std::filesystem::path temp_path(const Env& env, const std::string& temp_name) {
  return blobs_dir(env) / ".tmp" / temp_name;
}

std::filesystem::path blob_path(const Env& env, std::string_view ns, const BlobId& id) {
  const std::string hex = to_hex(id);
  return blobs_dir(env) / std::string(ns) / hex.substr(0, 2) / hex;
}

std::string registry_key(std::string_view ns, const BlobId& id) {
  std::string key(ns);
  key.push_back('\0');
  key.append(reinterpret_cast<const char*>(id.data()), id.size());
  return key;
}

std::string encode(const RegistryRecord& r) {
  std::string out{'\0', static_cast<char>(r.state)};
  const auto ms = static_cast<std::uint64_t>(r.committed_ms);
  for (int shift = 0; shift < 64; shift += 8)
    out.push_back(static_cast<char>((ms >> shift) & 0xff));
  return out;
}

std::optional<RegistryRecord> decode(std::string_view raw) {
  if (raw.size() != 10 || raw[0] != '\0') return std::nullopt;
  std::uint64_t ms = 0;
  for (int i = 0; i < 8; ++i) ms |= std::uint64_t{static_cast<std::uint8_t>(raw[2 + i])} << (8 * i);
  return RegistryRecord{static_cast<std::uint8_t>(raw[1]), static_cast<std::int64_t>(ms)};
}

}  // namespace ce::lmdb::blob_files
