// The scan every listing shares: walk one bucket's versions in key order from a start point,
// fold keys into common prefixes at the delimiter, and stop after max entries. The scan is
// independent of the wire format (ListObjects v1/v2 and ListObjectVersions render it).
#pragma once
#include <cloudemu/storage.hpp>
#include <optional>
#include <string>
#include <vector>

#include "s3_records.hpp"

namespace s3 {

struct ListEntry {
  std::string key;
  ObjectVersion version;
  bool is_latest = true;
};

struct ScanRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  /// Exclusive start: keys after this one (and, with a delimiter, after its common prefix).
  std::string after_key;
  /// ListObjectVersions: resume inside after_key's versions, after this version's sequence.
  std::optional<uint64_t> after_seq;
  std::size_t max = 1000;
  bool all_versions = false;  // false: the newest version of each key, delete markers hidden
};

struct ScanResult {
  std::vector<ListEntry> entries;
  std::vector<std::string> common_prefixes;
  bool truncated = false;
  /// The last entry or common prefix returned, in the order returned: the next start point.
  std::string last_key;
  bool last_was_prefix = false;
  uint64_t last_seq = 0;
};

ScanResult scan_objects(ce::Txn& txn, ce::Keyspace objects, const ScanRequest& req);

}  // namespace s3
