// SNS state in the service's keyspaces (docs/sns.md, "Storage layout"):
//
//   topics         (account, region, topic name)                  -> TopicRecord
//   subscriptions  (account, region, topic name, subscription id) -> SubscriptionRecord
//   dedup          (account, region, topic name, deduplication id) -> DedupRecord (FIFO, 5 min)
//   meta           ("signing")                                     -> SigningRecord
//
// A subscription ARN is its topic's ARN plus the id, so it names its key directly, and the
// subscriptions of one topic (fan-out, ListSubscriptionsByTopic) are one contiguous range.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/storage.hpp>
#include <map>
#include <msgpack.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sns_arn.hpp"

namespace sns {

using AttributeMap = std::map<std::string, std::string>;

struct TopicRecord {
  std::string account, region, name;
  AttributeMap attributes;  // what was set: DisplayName, Policy, FifoTopic, ...
  AttributeMap tags;
  int64_t created_ms = 0;
  uint64_t last_sequence = 0;  // FIFO topics: SequenceNumber of the last message
  MSGPACK_DEFINE_MAP(account, region, name, attributes, tags, created_ms, last_sequence)

  TopicRef ref() const { return TopicRef{region, account, name}; }
  std::string arn() const { return ref().arn(); }
  bool fifo() const;
  std::string attribute(const std::string& name, const std::string& fallback = "") const;
};

struct SubscriptionRecord {
  std::string account, region, topic_name, id;
  std::string protocol, endpoint, owner;
  bool confirmed = false;
  std::string token;        // confirmation token while pending
  AttributeMap attributes;  // RawMessageDelivery, FilterPolicy, FilterPolicyScope, ...
  int64_t created_ms = 0;
  MSGPACK_DEFINE_MAP(account, region, topic_name, id, protocol, endpoint, owner, confirmed, token,
                     attributes, created_ms)

  SubscriptionRef ref() const { return SubscriptionRef{TopicRef{region, account, topic_name}, id}; }
  std::string arn() const { return ref().arn(); }
  std::string topic_arn() const { return ref().topic.arn(); }
  std::string attribute(const std::string& name, const std::string& fallback = "") const;
};

struct DedupRecord {
  int64_t expires_ms = 0;
  std::string message_id;
  std::string sequence;
  MSGPACK_DEFINE_MAP(expires_ms, message_id, sequence)
};

struct SigningRecord {
  std::string key_pem, cert_pem;
  MSGPACK_DEFINE_MAP(key_pem, cert_pem)
};

/// One page of a listing and the token of the next (empty at the end).
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_token;
};

class Store {
 public:
  explicit Store(const ce::ServiceContext& ctx);
  const ce::ServiceContext& ctx() const noexcept { return ctx_; }

  std::optional<TopicRecord> find_topic(ce::Txn& txn, const TopicRef& ref) const;
  void put_topic(ce::WriteTxn& txn, const TopicRecord& t) const;
  /// Deletes the topic, its subscriptions and its deduplication entries.
  void delete_topic(ce::WriteTxn& txn, const TopicRef& ref) const;
  /// Topics of one account and region in name order; `token` from a previous page ("" = first).
  /// nullopt when the token is not one this listing handed out.
  std::optional<Page<TopicRecord>> list_topics(ce::Txn& txn, std::string_view account,
                                               std::string_view region, std::string_view token,
                                               std::size_t limit) const;

  std::optional<SubscriptionRecord> find_subscription(ce::Txn& txn,
                                                      const SubscriptionRef& ref) const;
  void put_subscription(ce::WriteTxn& txn, const SubscriptionRecord& s) const;
  bool delete_subscription(ce::WriteTxn& txn, const SubscriptionRef& ref) const;
  /// Every subscription of a topic (fan-out).
  std::vector<SubscriptionRecord> subscriptions_of(ce::Txn& txn, const TopicRef& topic) const;
  /// Subscriptions of an account and region, or of one topic when `topic` is given.
  std::optional<Page<SubscriptionRecord>> list_subscriptions(ce::Txn& txn, std::string_view account,
                                                             std::string_view region,
                                                             const std::string* topic,
                                                             std::string_view token,
                                                             std::size_t limit) const;

  std::optional<DedupRecord> find_dedup(ce::Txn& txn, const TopicRef& topic,
                                        std::string_view dedup_id) const;
  void put_dedup(ce::WriteTxn& txn, const TopicRef& topic, std::string_view dedup_id,
                 const DedupRecord& d) const;

  std::optional<SigningRecord> signing(ce::Txn& txn) const;
  /// Stores `s` unless a record exists; returns the record that is stored now.
  SigningRecord put_signing_once(ce::WriteTxn& txn, const SigningRecord& s) const;

 private:
  ce::ServiceContext ctx_;
  ce::Keyspace topics_, subscriptions_, dedup_, meta_;
};

}  // namespace sns
