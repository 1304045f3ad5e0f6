// The generic Get/Put/Delete handlers behind every table-driven bucket subresource, and the XML
// helpers the families' validators share.
#include "s3_bucket_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cloudemu/protocol/xml_writer.hpp>

#include "s3_errors.hpp"
#include "s3_service.hpp"
#include "s3_store.hpp"
#include "s3_xml.hpp"

namespace s3::config {

namespace {

constexpr std::array<const ConfigKind*, 13> k_kinds = {
    &k_cors,        &k_lifecycle,           &k_policy,          &k_encryption,
    &k_ownership,   &k_public_access_block, &k_object_lock,     &k_website,
    &k_logging,     &k_accelerate,          &k_request_payment, &k_replication,
    &k_notification};

enum class Verb { get, put, del };

/// The kind and verb an operation name stands for (the dispatcher sets call.operation).
std::pair<const ConfigKind*, Verb> kind_of(std::string_view op) {
  for (const ConfigKind* k : k_kinds) {
    if (op == k->get_op) return {k, Verb::get};
    if (op == k->put_op) return {k, Verb::put};
    if (!k->delete_op.empty() && op == k->delete_op) return {k, Verb::del};
  }
  // Only registered names reach the handlers, so this is a programming error.
  throw std::logic_error("no bucket configuration kind for operation " + std::string(op));
}

void write_element(ce::XmlWriter& w, const pugi::xml_node& n, std::string_view xmlns) {
  w.open(local_name(n), xmlns);
  // S3 configurations have no mixed content: an element holds elements (and the text between
  // them is indentation) or text alone, kept verbatim (a Prefix of " " means something).
  if (n.find_child([](const pugi::xml_node& c) { return c.type() == pugi::node_element; })) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) write_element(w, c, {});
  } else {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) w.text(c.value());
  }
  w.close();
}

void get_config(Call& call, const ConfigKind& kind) {
  const BucketRecord b = call.checked_bucket();
  std::optional<std::string> doc;
  const auto it = kind.stored ? b.configs.find(std::string(kind.key)) : b.configs.end();
  if (it != b.configs.end()) {
    // An empty stored document is an explicit Delete of a setting that has a default (block
    // public access): the not-configured error, not the default.
    if (!it->second.empty()) doc = it->second;
  } else if (kind.when_unset != nullptr) {
    doc = kind.when_unset(b);
  }
  if (!doc) {
    throw err::not_configured(std::string(kind.missing_code), std::string(kind.missing_message),
                              call.bucket);
  }
  const bool xml = kind.content_type == "application/xml";
  call.resp.send(200, kind.content_type, xml ? with_declaration(*doc) : *doc);
}

void put_config(Call& call, const ConfigKind& kind) {
  const std::string doc = kind.normalize(call.req.read_all(k_max_xml_body));
  call.store().update_bucket(call.bucket, [&](BucketRecord& b) {
    if (kind.on_put != nullptr) kind.on_put(b, doc);
    if (kind.stored) b.configs[std::string(kind.key)] = doc;
  });
  call.resp.send_empty(kind.put_status);
  if (kind.after_put != nullptr) kind.after_put(call, doc);
}

void delete_config(Call& call, const ConfigKind& kind) {
  call.store().update_bucket(call.bucket, [&](BucketRecord& b) {
    b.configs.erase(std::string(kind.key));
    if (kind.on_delete != nullptr) kind.on_delete(b);
  });
  call.resp.send_empty(kind.delete_status);
}

void handle_config(Call& call) {
  const auto [kind, verb] = kind_of(call.operation);
  switch (verb) {
    case Verb::get:
      return get_config(call, *kind);
    case Verb::put:
      return put_config(call, *kind);
    case Verb::del:
      return delete_config(call, *kind);
  }
}

}  // namespace

std::span<const ConfigKind* const> kinds() {
  return k_kinds;
}

const ConfigKind* find_kind(std::string_view key) {
  for (const ConfigKind* k : k_kinds)
    if (k->key == key) return k;
  return nullptr;
}

pugi::xml_node parse_root(pugi::xml_document& doc, std::string_view body, std::string_view root) {
  doc = parse_xml(body);
  return require_root(doc, root);
}

std::string canonical_xml(const pugi::xml_node& root) {
  ce::XmlWriter w;
  write_element(w, root, k_xmlns);
  return w.finish();
}

std::string require_text(const pugi::xml_node& parent, std::string_view name) {
  auto text = child_text(parent, name);
  if (!text) throw err::malformed_xml();
  return std::move(*text);
}

std::string require_enum(const pugi::xml_node& parent, std::string_view name,
                         std::initializer_list<std::string_view> allowed) {
  std::string text = require_text(parent, name);
  if (std::find(allowed.begin(), allowed.end(), text) == allowed.end()) throw err::malformed_xml();
  return text;
}

std::optional<int64_t> optional_int(const pugi::xml_node& parent, std::string_view name,
                                    int64_t min, int64_t max) {
  const auto text = child_text(parent, name);
  if (!text) return std::nullopt;
  int64_t v = 0;
  const char* end = text->data() + text->size();
  const auto [p, ec] = std::from_chars(text->data(), end, v);
  if (ec != std::errc{} || p != end || text->empty()) throw err::malformed_xml();
  if (v < min || v > max) throw err::malformed_xml();
  return v;
}

std::optional<bool> optional_bool(const pugi::xml_node& parent, std::string_view name) {
  const auto text = child_text(parent, name);
  if (!text) return std::nullopt;
  std::string lower = *text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true") return true;
  if (lower == "false") return false;
  throw err::malformed_xml();
}

std::string with_declaration(const std::string& doc) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doc;
}

}  // namespace s3::config

namespace s3 {

void add_config_ops(OpRegistry& ops) {
  for (const config::ConfigKind* k : config::kinds()) {
    for (const std::string_view op : {k->get_op, k->put_op, k->delete_op})
      if (!op.empty()) ops.add(op, &config::handle_config);
  }
  config::add_policy_status_op(ops);
  config::add_acl_ops(ops);
  config::add_object_lock_ops(ops);
}

}  // namespace s3
