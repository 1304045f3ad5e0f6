#include "s3_lifecycle.hpp"

#include <cloudemu/clock.hpp>
#include <cloudemu/plugin.hpp>

#include "s3_notifications.hpp"
#include "s3_store.hpp"
#include "s3_time.hpp"
#include "s3_xml.hpp"

namespace s3 {

namespace {

std::optional<int64_t> int_child(const pugi::xml_node& n, std::string_view name) {
  const auto t = child_text(n, name);
  if (!t) return std::nullopt;
  try {
    return std::stoll(*t);
  } catch (...) {
    return std::nullopt;
  }
}

void read_filter(const pugi::xml_node& f, LifecycleRule& r) {
  if (const auto p = child_text(f, "Prefix")) r.prefix = *p;
  for (const auto& t : children(f, "Tag"))
    r.tags.emplace_back(child_text(t, "Key").value_or(""), child_text(t, "Value").value_or(""));
  if (const auto v = int_child(f, "ObjectSizeGreaterThan"))
    r.size_greater = static_cast<uint64_t>(*v);
  if (const auto v = int_child(f, "ObjectSizeLessThan")) r.size_less = static_cast<uint64_t>(*v);
  if (const auto a = child(f, "And")) read_filter(a, r);
}

}  // namespace

bool LifecycleRule::matches(std::string_view key, const ObjectVersion& v) const {
  if (key.substr(0, prefix.size()) != prefix) return false;
  for (const auto& t : tags) {
    bool found = false;
    for (const auto& o : v.tags) found = found || o == t;
    if (!found) return false;
  }
  if (size_greater && !(v.size > *size_greater)) return false;
  if (size_less && !(v.size < *size_less)) return false;
  return true;
}

std::vector<LifecycleRule> parse_lifecycle(std::string_view doc) {
  std::vector<LifecycleRule> rules;
  const auto parsed = parse_xml(doc);
  for (const auto& node : children(parsed.document_element(), "Rule")) {
    LifecycleRule r;
    r.enabled = child_text(node, "Status") == "Enabled";
    if (const auto p = child_text(node, "Prefix")) r.prefix = *p;
    if (const auto f = child(node, "Filter")) read_filter(f, r);
    if (const auto e = child(node, "Expiration")) {
      r.expiration_days = int_child(e, "Days");
      if (const auto d = child_text(e, "Date")) r.expiration_date_ms = parse_http_date(*d);
      r.expired_delete_marker = child_text(e, "ExpiredObjectDeleteMarker") == "true";
    }
    if (const auto n = child(node, "NoncurrentVersionExpiration")) {
      r.noncurrent_days = int_child(n, "NoncurrentDays");
      r.newer_noncurrent = int_child(n, "NewerNoncurrentVersions");
    }
    if (const auto a = child(node, "AbortIncompleteMultipartUpload"))
      r.abort_days = int_child(a, "DaysAfterInitiation");
    rules.push_back(std::move(r));
  }
  return rules;
}

int64_t due_at(int64_t from_ms, int64_t days) {
  const int64_t reached = from_ms + days * ce::k_day_ms;
  return (reached / ce::k_day_ms + 1) * ce::k_day_ms;
}

namespace {

/// What one sweep of a key did, and the notification it owes once committed.
struct SweepResult {
  std::size_t actions = 0;
  std::vector<std::pair<std::string, ObjectVersion>> events;  // (event name, version)
};

/// Applies the rules to every version of one key, in its own short write transaction.
SweepResult sweep_key_txn(const Store& store, const BucketRecord& bucket,
                          const std::vector<LifecycleRule>& rules, const std::string& key,
                          int64_t now_ms) {
  return ce::with_write_txn(store.ctx(), [&](ce::WriteTxn& txn) -> SweepResult {
    SweepResult result;
    std::size_t& actions = result.actions;
    const auto versions = store.versions(txn, bucket.name, key);
    if (versions.empty()) return result;
    const ObjectVersion& current = versions.front();
    for (const auto& rule : rules) {
      if (!rule.enabled) continue;
      // Current version expiry: unversioned buckets lose the object, versioned ones get a marker.
      if (!current.delete_marker && rule.matches(key, current)) {
        const bool by_days = rule.expiration_days &&
                             now_ms >= due_at(current.last_modified_ms, *rule.expiration_days);
        const bool by_date = rule.expiration_date_ms && now_ms >= *rule.expiration_date_ms;
        if (by_days || by_date) {
          if (bucket.versioning.empty()) {
            store.remove_version(txn, bucket.name, key, current);
            result.events.emplace_back("LifecycleExpiration:Delete", current);
          } else {
            ObjectVersion marker;
            marker.delete_marker = true;
            marker.owner = current.owner;
            marker.last_modified_ms = now_ms;
            store.write_version(txn, bucket, key, marker);
            result.events.emplace_back("LifecycleExpiration:DeleteMarkerCreated", marker);
          }
          ++actions;
          return result;  // the key's versions changed: the next sweep sees the rest
        }
      }
      // Noncurrent versions: each became noncurrent when the next newer version was written.
      if (rule.noncurrent_days) {
        int64_t kept = 0;
        for (std::size_t i = 1; i < versions.size(); ++i) {
          const ObjectVersion& v = versions[i];
          if (!rule.matches(key, v)) continue;
          const int64_t noncurrent_since = versions[i - 1].last_modified_ms;
          if (rule.newer_noncurrent && kept < *rule.newer_noncurrent) {
            ++kept;
            continue;
          }
          if (now_ms >= due_at(noncurrent_since, *rule.noncurrent_days)) {
            store.remove_version(txn, bucket.name, key, v);
            result.events.emplace_back("LifecycleExpiration:Delete", v);
            ++actions;
          }
        }
      }
      // A delete marker with no versions behind it is removed (ExpiredObjectDeleteMarker).
      if (rule.expired_delete_marker && current.delete_marker && versions.size() == 1 &&
          key.substr(0, rule.prefix.size()) == rule.prefix) {
        store.remove_version(txn, bucket.name, key, current);
        result.events.emplace_back("LifecycleExpiration:Delete", current);
        ++actions;
      }
      if (actions > 0) return result;
    }
    return result;
  });
}

/// sweep_key_txn, then the notifications for what it committed.
std::size_t sweep_key(const Store& store, const BucketRecord& bucket,
                      const std::vector<LifecycleRule>& rules, const std::string& key,
                      int64_t now_ms) {
  const SweepResult r = sweep_key_txn(store, bucket, rules, key, now_ms);
  for (const auto& [event, version] : r.events)
    notify(store.ctx(), bucket, event, key, version, {"", bucket.region});
  return r.actions;
}

std::vector<std::string> bucket_keys(const Store& store, const std::string& bucket) {
  std::vector<std::string> keys;
  ce::ReadTxn txn(store.ctx());
  const std::string prefix = bucket_objects_prefix(bucket);
  auto cur = txn.cursor(store.objects());
  for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
       kv = cur.next()) {
    auto key = decode_version_key(kv->first).first;
    if (keys.empty() || keys.back() != key) keys.push_back(std::move(key));
  }
  return keys;
}

std::size_t abort_uploads(const Store& store, const BucketRecord& bucket,
                          const std::vector<LifecycleRule>& rules, int64_t now_ms) {
  std::vector<UploadRecord> due;
  {
    ce::ReadTxn txn(store.ctx());
    const std::string prefix = bucket_objects_prefix(bucket.name);
    auto cur = txn.cursor(store.uploads());
    for (auto kv = cur.seek(prefix); kv && kv->first.substr(0, prefix.size()) == prefix;
         kv = cur.next()) {
      auto u = ce::decode_record<UploadRecord>(kv->second, k_record_version);
      for (const auto& r : rules) {
        if (r.enabled && r.abort_days && u.key.substr(0, r.prefix.size()) == r.prefix &&
            now_ms >= due_at(u.initiated_ms, *r.abort_days)) {
          due.push_back(std::move(u));
          break;
        }
      }
    }
  }
  for (const auto& u : due)
    ce::with_write_txn(store.ctx(),
                       [&](ce::WriteTxn& txn) { store.drop_upload(txn, bucket.name, u); });
  return due.size();
}

}  // namespace

std::size_t run_lifecycle(const Store& store, int64_t now_ms) {
  std::vector<std::pair<BucketRecord, std::vector<LifecycleRule>>> work;
  {
    ce::ReadTxn txn(store.ctx());
    auto cur = txn.cursor(store.buckets());
    for (auto kv = cur.first(); kv; kv = cur.next()) {
      auto b = ce::decode_record<BucketRecord>(kv->second, k_record_version);
      const auto it = b.configs.find("lifecycle");
      if (it == b.configs.end() || it->second.empty()) continue;
      auto rules = parse_lifecycle(it->second);
      work.emplace_back(std::move(b), std::move(rules));
    }
  }
  std::size_t actions = 0;
  for (const auto& [bucket, rules] : work) {
    for (const auto& key : bucket_keys(store, bucket.name)) {
      // A key may need several actions (expire current, then older versions): repeat until none.
      for (int pass = 0; pass < 16; ++pass) {
        const std::size_t n = sweep_key(store, bucket, rules, key, now_ms);
        actions += n;
        if (n == 0) break;
      }
    }
    actions += abort_uploads(store, bucket, rules, now_ms);
  }
  return actions;
}

LifecycleSweeper::LifecycleSweeper(const Store& store)
    : task_(store.ctx(), k_interval_ms, "s3", [&store] {
        const std::size_t n = run_lifecycle(store, store.ctx().now_ms());
        if (n > 0) ce::log_info("s3", "lifecycle: " + std::to_string(n) + " actions");
      }) {}

}  // namespace s3
