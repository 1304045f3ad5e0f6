#include "s3_list_scan.hpp"

namespace s3 {

namespace {

/// The common prefix `key` rolls up to, or "" when it has no delimiter after the prefix.
std::string roll_up(const ScanRequest& req, const std::string& key) {
  if (req.delimiter.empty()) return {};
  const auto pos = key.find(req.delimiter, req.prefix.size());
  if (pos == std::string::npos) return {};
  return key.substr(0, pos + req.delimiter.size());
}

/// First storage key after every key that starts with `key_prefix` in this bucket.
std::string after_prefix(const std::string& bucket, const std::string& key_prefix) {
  const std::string p = ce::KeyWriter().str(bucket).str_prefix(key_prefix).take();
  return ce::prefix_successor(p).value_or(p);
}

/// First storage key after every version of exactly `key`.
std::string after_key(const std::string& bucket, const std::string& key) {
  const std::string p = object_prefix(bucket, key);
  return ce::prefix_successor(p).value_or(p);
}

}  // namespace

ScanResult scan_objects(ce::Txn& txn, ce::Keyspace objects, const ScanRequest& req) {
  ScanResult out;
  const std::string range = ce::KeyWriter().str(req.bucket).str_prefix(req.prefix).take();
  std::string start = range;
  if (!req.after_key.empty()) {
    if (req.after_seq) {
      start = version_key(req.bucket, req.after_key, *req.after_seq);
      start.push_back('\0');  // just after that version
    } else if (const std::string cp = roll_up(req, req.after_key); !cp.empty()) {
      start = after_prefix(req.bucket, cp);
    } else {
      start = after_key(req.bucket, req.after_key);
    }
    if (start < range) start = range;
  }
  if (req.max == 0) return out;

  auto cur = txn.cursor(objects);
  auto kv = cur.seek(start);
  std::size_t count = 0;
  // Resuming inside a key's versions: the next one is not that key's newest.
  std::string current_key = req.after_seq ? req.after_key : std::string();
  while (kv && std::string_view(kv->first).starts_with(range)) {
    auto [key, seq] = decode_version_key(kv->first);
    const std::string cp = roll_up(req, key);
    if (!cp.empty()) {
      if (count == req.max) {
        out.truncated = true;
        break;
      }
      out.common_prefixes.push_back(cp);
      out.last_key = cp;
      out.last_was_prefix = true;
      ++count;
      kv = cur.seek(after_prefix(req.bucket, cp));
      continue;
    }
    const bool newest = key != current_key;
    current_key = key;
    if (req.all_versions || newest) {
      ObjectVersion v = decode_version_record(kv->second, RecordScope::listing);
      if (req.all_versions || !v.delete_marker) {
        if (count == req.max) {
          out.truncated = true;
          break;
        }
        out.last_key = key;
        out.last_was_prefix = false;
        out.last_seq = seq;
        out.entries.push_back({std::move(key), std::move(v), newest});
        ++count;
      }
    }
    if (req.all_versions) {
      kv = cur.next();
    } else {
      // Older versions of this key are not listed: step once, and jump only if needed.
      kv = cur.next();
      if (kv && std::string_view(kv->first).starts_with(object_prefix(req.bucket, current_key)))
        kv = cur.seek(after_key(req.bucket, current_key));
    }
  }
  return out;
}

}  // namespace s3
