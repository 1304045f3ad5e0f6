// Topics, subscriptions, deduplication ids and the signing key in the keyspaces (sns_store.hpp).
#include "sns_store.hpp"

#include <cloudemu/keycodec.hpp>
#include <cloudemu/value.hpp>

namespace sns {

namespace {

constexpr uint8_t k_format = 1;  // leading byte of every record

template <typename T>
std::optional<T> decode(std::optional<std::string_view> bytes) {
  if (!bytes) return std::nullopt;
  return ce::decode_record<T>(*bytes, k_format);
}

std::string hex(std::string_view bytes) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out += k_digits[u >> 4];
    out += k_digits[u & 0xF];
  }
  return out;
}

std::optional<std::string> unhex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = value(text[i]), lo = value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

/// Up to `limit` records under `prefix`, from the key a token names (tokens are the hex of the
/// next record's key, so a page boundary survives writes between pages).
template <typename T>
std::optional<Page<T>> page_of(ce::Txn& txn, ce::Keyspace ks, const std::string& prefix,
                               std::string_view token, std::size_t limit) {
  std::string start = prefix;
  if (!token.empty()) {
    auto key = unhex(token);
    if (!key || !key->starts_with(prefix)) return std::nullopt;
    start = std::move(*key);
  }
  Page<T> page;
  auto cur = txn.cursor(ks);
  for (auto kv = cur.seek(start); kv && kv->first.starts_with(prefix); kv = cur.next()) {
    if (page.items.size() == limit) {
      page.next_token = hex(kv->first);
      break;
    }
    page.items.push_back(ce::decode_record<T>(kv->second, k_format));
  }
  return page;
}

template <typename T>
std::vector<T> all_under(ce::Txn& txn, ce::Keyspace ks, const std::string& prefix) {
  std::vector<T> out;
  auto cur = txn.cursor(ks);
  for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next())
    out.push_back(ce::decode_record<T>(kv->second, k_format));
  return out;
}

std::vector<std::string> keys_under(ce::Txn& txn, ce::Keyspace ks, const std::string& prefix) {
  std::vector<std::string> out;
  auto cur = txn.cursor(ks);
  for (auto kv = cur.seek(prefix); kv && kv->first.starts_with(prefix); kv = cur.next())
    out.emplace_back(kv->first);
  return out;
}

std::string topic_key(const TopicRef& t) {
  return ce::encode_key(t.account, t.region, t.name);
}

std::string subscription_key(const SubscriptionRef& s) {
  return ce::encode_key(s.topic.account, s.topic.region, s.topic.name, s.id);
}

}  // namespace

bool TopicRecord::fifo() const {
  return attribute("FifoTopic") == "true";
}

std::string TopicRecord::attribute(const std::string& key, const std::string& fallback) const {
  const auto it = attributes.find(key);
  return it == attributes.end() ? fallback : it->second;
}

std::string SubscriptionRecord::attribute(const std::string& key,
                                          const std::string& fallback) const {
  const auto it = attributes.find(key);
  return it == attributes.end() ? fallback : it->second;
}

Store::Store(const ce::ServiceContext& ctx)
    : ctx_(ctx),
      topics_(ce::open_keyspace(ctx, "topics")),
      subscriptions_(ce::open_keyspace(ctx, "subscriptions")),
      dedup_(ce::open_keyspace(ctx, "dedup")),
      meta_(ce::open_keyspace(ctx, "meta")) {}

std::optional<TopicRecord> Store::find_topic(ce::Txn& txn, const TopicRef& ref) const {
  return decode<TopicRecord>(txn.get(topics_, topic_key(ref)));
}

void Store::put_topic(ce::WriteTxn& txn, const TopicRecord& t) const {
  txn.put(topics_, topic_key(t.ref()), ce::encode_record(k_format, t));
}

void Store::delete_topic(ce::WriteTxn& txn, const TopicRef& ref) const {
  txn.del(topics_, topic_key(ref));
  const std::string prefix = topic_key(ref);  // every key of this topic starts with it
  for (const auto& key : keys_under(txn, subscriptions_, prefix)) txn.del(subscriptions_, key);
  for (const auto& key : keys_under(txn, dedup_, prefix)) txn.del(dedup_, key);
}

std::optional<Page<TopicRecord>> Store::list_topics(ce::Txn& txn, std::string_view account,
                                                    std::string_view region, std::string_view token,
                                                    std::size_t limit) const {
  return page_of<TopicRecord>(txn, topics_, ce::encode_key(account, region), token, limit);
}

std::optional<SubscriptionRecord> Store::find_subscription(ce::Txn& txn,
                                                           const SubscriptionRef& ref) const {
  return decode<SubscriptionRecord>(txn.get(subscriptions_, subscription_key(ref)));
}

void Store::put_subscription(ce::WriteTxn& txn, const SubscriptionRecord& s) const {
  txn.put(subscriptions_, subscription_key(s.ref()), ce::encode_record(k_format, s));
}

bool Store::delete_subscription(ce::WriteTxn& txn, const SubscriptionRef& ref) const {
  return txn.del(subscriptions_, subscription_key(ref));
}

std::vector<SubscriptionRecord> Store::subscriptions_of(ce::Txn& txn, const TopicRef& topic) const {
  return all_under<SubscriptionRecord>(txn, subscriptions_, topic_key(topic));
}

std::optional<Page<SubscriptionRecord>> Store::list_subscriptions(
    ce::Txn& txn, std::string_view account, std::string_view region, const std::string* topic,
    std::string_view token, std::size_t limit) const {
  const std::string prefix =
      topic ? ce::encode_key(account, region, *topic) : ce::encode_key(account, region);
  return page_of<SubscriptionRecord>(txn, subscriptions_, prefix, token, limit);
}

std::optional<DedupRecord> Store::find_dedup(ce::Txn& txn, const TopicRef& topic,
                                             std::string_view dedup_id) const {
  return decode<DedupRecord>(
      txn.get(dedup_, ce::encode_key(topic.account, topic.region, topic.name, dedup_id)));
}

void Store::put_dedup(ce::WriteTxn& txn, const TopicRef& topic, std::string_view dedup_id,
                      const DedupRecord& d) const {
  txn.put(dedup_, ce::encode_key(topic.account, topic.region, topic.name, dedup_id),
          ce::encode_record(k_format, d));
}

std::optional<SigningRecord> Store::signing(ce::Txn& txn) const {
  return decode<SigningRecord>(txn.get(meta_, ce::encode_key(std::string_view("signing"))));
}

SigningRecord Store::put_signing_once(ce::WriteTxn& txn, const SigningRecord& s) const {
  if (auto existing = signing(txn)) return *existing;
  txn.put(meta_, ce::encode_key(std::string_view("signing")), ce::encode_record(k_format, s));
  return s;
}

}  // namespace sns
