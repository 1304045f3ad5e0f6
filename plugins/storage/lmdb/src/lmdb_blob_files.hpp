// Names and registry records of lmdb blobs (see lmdb_blobs.hpp for the layout).
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "lmdb_blobs.hpp"

namespace ce::lmdb::blob_files {

inline constexpr std::uint8_t kPending = 0;
inline constexpr std::uint8_t kLinked = 1;

struct RegistryRecord {
  std::uint8_t state;
  std::int64_t committed_ms;
};

ce_status check_ns(std::string_view ns, ce_error* err);
std::string to_hex(const BlobId& id);
std::optional<BlobId> from_hex(std::string_view hex);

std::filesystem::path blobs_dir(const Env& env);
std::filesystem::path temp_path(const Env& env, const std::string& temp_name);
std::filesystem::path blob_path(const Env& env, std::string_view ns, const BlobId& id);

std::string registry_key(std::string_view ns, const BlobId& id);
std::string encode(const RegistryRecord& r);
std::optional<RegistryRecord> decode(std::string_view raw);

}  // namespace ce::lmdb::blob_files
