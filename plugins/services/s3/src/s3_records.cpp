// Storage-key decoding and version ids (see s3_records.hpp).
#include "s3_records.hpp"

#include <cstdio>

namespace s3 {

namespace {

template <typename T>
void take(const msgpack::object& o, T& out) {
  o.convert(out);
}
void take(const msgpack::object& o, std::string& out) {
  if (o.type != msgpack::type::STR && o.type != msgpack::type::BIN)
    throw ce::RecordError("stored record: a text field is not a string");
  out.assign(o.via.str.ptr, o.via.str.size);
}

/// Fields a listing needs, then the rest; names as MSGPACK_DEFINE_MAP writes them.
bool take_listing_field(std::string_view name, const msgpack::object& val, ObjectVersion& v) {
  if (name == "version_id") return take(val, v.version_id), true;
  if (name == "seq") return take(val, v.seq), true;
  if (name == "delete_marker") return take(val, v.delete_marker), true;
  if (name == "last_modified_ms") return take(val, v.last_modified_ms), true;
  if (name == "owner") return take(val, v.owner), true;
  if (name == "size") return take(val, v.size), true;
  if (name == "etag") return take(val, v.etag), true;
  if (name == "storage_class") return take(val, v.storage_class), true;
  if (name == "checksum") return take(val, v.checksum), true;
  return false;
}

void take_other_field(std::string_view name, const msgpack::object& val, ObjectVersion& v) {
  if (name == "inline_body")
    take(val, v.inline_body);
  else if (name == "segments")
    take(val, v.segments);
  else if (name == "part_sizes")
    take(val, v.part_sizes);
  else if (name == "part_checksums")
    take(val, v.part_checksums);
  else if (name == "metadata")
    take(val, v.metadata);
  else if (name == "headers")
    take(val, v.headers);
  else if (name == "tags")
    take(val, v.tags);
  else if (name == "lock_mode")
    take(val, v.lock_mode);
  else if (name == "lock_until_ms")
    take(val, v.lock_until_ms);
  else if (name == "legal_hold")
    take(val, v.legal_hold);
  else if (name == "acl")
    take(val, v.acl);
  else if (name == "legal_hold_set")
    take(val, v.legal_hold_set);
  // Unknown names are fields of a later minor format: ignored, as MSGPACK_DEFINE_MAP would.
}

}  // namespace

ObjectVersion decode_version_record(std::string_view record, RecordScope scope) {
  if (ce::record_version(record) != k_record_version)
    return ce::decode_record<ObjectVersion>(record, k_record_version);
  const std::string_view body = record.substr(1);
  const auto reference_all = [](msgpack::type::object_type, std::size_t, void*) { return true; };
  ObjectVersion v;
  try {
    // The same limits as ce::unpack: no count may exceed the input's size (corrupt lengths).
    const std::size_t n = body.size();
    const msgpack::unpack_limit limit(n, n, n, n, n, 64);
    std::size_t offset = 0;
    const msgpack::object_handle oh =
        msgpack::unpack(body.data(), n, offset, reference_all, nullptr, limit);
    const msgpack::object& o = oh.get();
    if (o.type != msgpack::type::MAP) throw ce::RecordError("stored record is not a map");
    for (uint32_t i = 0; i < o.via.map.size; ++i) {
      const msgpack::object_kv& kv = o.via.map.ptr[i];
      if (kv.key.type != msgpack::type::STR) continue;
      const std::string_view name(kv.key.via.str.ptr, kv.key.via.str.size);
      if (!take_listing_field(name, kv.val, v) && scope == RecordScope::all)
        take_other_field(name, kv.val, v);
    }
  } catch (const ce::RecordError&) {
    throw;
  } catch (const std::exception& e) {
    throw ce::RecordError(std::string("cannot decode stored object record: ") + e.what());
  }
  return v;
}

std::pair<std::string, uint64_t> decode_version_key(std::string_view storage_key) {
  ce::KeyReader r(storage_key);
  r.str();  // bucket
  std::string key = r.str();
  const uint64_t seq = ~r.u64();
  return {std::move(key), seq};
}

namespace {
// splitmix64: spreads the sequence over the id's second half so ids do not look sequential
// (clients must treat them as opaque, as with S3's).
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
}  // namespace

std::string version_id_for(uint64_t seq) {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(seq),
                static_cast<unsigned long long>(mix(seq)));
  return buf;
}

std::optional<uint64_t> seq_of_version_id(std::string_view id) {
  if (id.size() != 32) return std::nullopt;
  uint64_t seq = 0;
  for (std::size_t i = 0; i < 16; ++i) {
    const char c = id[i];
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (d < 0) return std::nullopt;
    seq = seq * 16 + static_cast<uint64_t>(d);
  }
  if (version_id_for(seq) != id) return std::nullopt;
  return seq;
}

}  // namespace s3
