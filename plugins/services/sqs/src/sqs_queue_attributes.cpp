// Names, ranges and messages from the SetQueueAttributes API reference.
#include "sqs_queue_attributes.hpp"

#include <algorithm>
#include <charconv>

#include "sqs_errors.hpp"
#include "sqs_url.hpp"

namespace sqs {

namespace {

struct IntegerRule {
  const char* name;
  int64_t min, max;
};
constexpr IntegerRule k_integer_rules[] = {
    {"DelaySeconds", 0, 900},
    {"MaximumMessageSize", 1024, 262144},
    {"MessageRetentionPeriod", 60, 1209600},
    {"ReceiveMessageWaitTimeSeconds", 0, 20},
    {"VisibilityTimeout", 0, 43200},
    {"KmsDataKeyReusePeriodSeconds", 60, 86400},
};

constexpr const char* k_fifo_only[] = {"FifoQueue", "ContentBasedDeduplication",
                                       "DeduplicationScope", "FifoThroughputLimit"};
constexpr const char* k_free_text[] = {"Policy", "KmsMasterKeyId", "RedrivePolicy",
                                       "RedriveAllowPolicy"};
constexpr const char* k_computed[] = {"QueueArn",
                                      "ApproximateNumberOfMessages",
                                      "ApproximateNumberOfMessagesNotVisible",
                                      "ApproximateNumberOfMessagesDelayed",
                                      "CreatedTimestamp",
                                      "LastModifiedTimestamp"};

template <std::size_t N>
bool one_of(const std::string& name, const char* const (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* n) { return name == n; });
}

const IntegerRule* integer_rule(const std::string& name) {
  for (const auto& r : k_integer_rules)
    if (name == r.name) return &r;
  return nullptr;
}

ce::AwsError bad_value(const std::string& name, const std::string& reason = {}) {
  return err::invalid_attribute_value("Invalid value for the parameter " + name + "." +
                                      (reason.empty() ? "" : " Reason: " + reason));
}

std::optional<int64_t> parse_integer(const std::string& text) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<std::string> parse_boolean(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "false") return lower;
  return std::nullopt;
}

void check_redrive_policy(const Call& call, ce::Txn& txn, const QueueRecord& q,
                          const std::string& text) {
  const auto reject = [&](const std::string& reason) {
    return err::invalid_parameter_value(
        "Value " + text + " for parameter RedrivePolicy is invalid. Reason: " + reason);
  };
  const Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw reject("Redrive policy is not a valid JSON map.");
  if (!doc.contains("deadLetterTargetArn"))
    throw reject("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
  if (!doc.contains("maxReceiveCount"))
    throw reject("Redrive policy does not contain mandatory attribute: maxReceiveCount.");
  const Json& count = doc["maxReceiveCount"];
  std::optional<int64_t> n;
  if (count.is_number_integer()) n = count.get<int64_t>();
  if (count.is_string()) n = parse_integer(count.get<std::string>());
  if (!n || *n < 1 || *n > 1000)
    throw reject("Invalid value for maxReceiveCount: " +
                 (count.is_string() ? count.get<std::string>() : count.dump()) +
                 ", valid values are from 1 to 1000 both inclusive.");
  const Json& arn = doc["deadLetterTargetArn"];
  const auto target = arn.is_string() ? parse_queue_arn(arn.get<std::string>()) : std::nullopt;
  if (!target) throw reject("Invalid value for deadLetterTargetArn.");
  const auto dlq = call.store().find_queue(txn, target->account, target->region, target->name);
  if (!dlq) throw reject("Dead letter target does not exist.");
  if (dlq->fifo() != q.fifo())
    throw reject("Dead-letter queue must be same type of queue as the source.");
}

void check_redrive_allow_policy(const std::string& text) {
  const Json doc = Json::parse(text, nullptr, false);
  const auto reject = [&] {
    return err::invalid_parameter_value(
        "Value " + text +
        " for parameter RedriveAllowPolicy is invalid. Reason: Invalid value "
        "for redrivePermission.");
  };
  if (doc.is_discarded() || !doc.is_object()) throw reject();
  const std::string permission = doc.value("redrivePermission", std::string());
  if (permission != "allowAll" && permission != "denyAll" && permission != "byQueue")
    throw reject();
}

}  // namespace

std::map<std::string, std::string> default_attributes(bool fifo) {
  std::map<std::string, std::string> a{{"DelaySeconds", "0"},
                                       {"MaximumMessageSize", "262144"},
                                       {"MessageRetentionPeriod", "345600"},
                                       {"ReceiveMessageWaitTimeSeconds", "0"},
                                       {"VisibilityTimeout", "30"},
                                       {"SqsManagedSseEnabled", "true"}};
  if (fifo) {
    a["FifoQueue"] = "true";
    a["ContentBasedDeduplication"] = "false";
    a["DeduplicationScope"] = "queue";
    a["FifoThroughputLimit"] = "perQueue";
  }
  return a;
}

void apply_attributes(const Call& call, ce::Txn& txn, QueueRecord& q,
                      const std::map<std::string, std::string>& changes, bool creating) {
  for (const auto& [name, value] : changes) {
    if (const IntegerRule* rule = integer_rule(name)) {
      const auto v = parse_integer(value);
      if (!v || *v < rule->min || *v > rule->max) throw bad_value(name);
      q.attributes[name] = std::to_string(*v);
    } else if (name == "SqsManagedSseEnabled") {
      const auto b = parse_boolean(value);
      if (!b) throw bad_value(name);
      q.attributes[name] = *b;
    } else if (one_of(name, k_fifo_only)) {
      if (!q.fifo()) throw err::invalid_attribute_name("Unknown Attribute " + name + ".");
      if (name == "FifoQueue") {
        const auto b = parse_boolean(value);
        if (!b) throw bad_value(name);
        if (!creating) throw bad_value(name, "Modifying queue type is not supported.");
        q.attributes[name] = *b;
      } else if (name == "ContentBasedDeduplication") {
        const auto b = parse_boolean(value);
        if (!b) throw bad_value(name);
        q.attributes[name] = *b;
      } else if (name == "DeduplicationScope") {
        if (value != "messageGroup" && value != "queue") throw bad_value(name);
        q.attributes[name] = value;
      } else {
        if (value != "perQueue" && value != "perMessageGroupId") throw bad_value(name);
        q.attributes[name] = value;
      }
    } else if (one_of(name, k_free_text)) {
      if (value.empty() && name != "KmsMasterKeyId") {
        q.attributes.erase(name);
        continue;
      }
      if (name == "RedrivePolicy") check_redrive_policy(call, txn, q, value);
      if (name == "RedriveAllowPolicy") check_redrive_allow_policy(value);
      if (name == "Policy") {
        const Json doc = Json::parse(value, nullptr, false);
        if (doc.is_discarded() || !doc.is_object()) throw bad_value(name);
      }
      q.attributes[name] = value;
    } else {
      throw err::invalid_attribute_name("Unknown Attribute " + name + ".");
    }
  }
  if (q.fifo() && q.attribute("FifoThroughputLimit") == "perMessageGroupId" &&
      q.attribute("DeduplicationScope") != "messageGroup")
    throw err::invalid_attribute_value(
        "The perMessageGroupId value is allowed only when the value for DeduplicationScope is "
        "messageGroup");
}

bool expired(const QueueRecord& q, int64_t sent_ms, int64_t now) {
  return sent_ms + q.number("MessageRetentionPeriod", 345600) * 1000 <= now;
}

MessageCounts count_messages(const Store& store, ce::Txn& txn, const QueueRecord& q, int64_t now) {
  MessageCounts c;
  store.scan_messages(txn, q.uid, [&](uint64_t, const MessageRecord& m) {
    if (expired(q, m.sent_ms, now)) return true;
    if (m.visible_at_ms <= now)
      ++c.visible;
    else if (m.delayed)
      ++c.delayed;
    else
      ++c.in_flight;
    return true;
  });
  return c;
}

OJson read_attributes(const Call& call, ce::Txn& txn, const QueueRecord& q,
                      const std::vector<std::string>& names) {
  const bool all = std::find(names.begin(), names.end(), "All") != names.end();
  for (const auto& name : names) {
    if (name == "All" || integer_rule(name) || one_of(name, k_fifo_only) ||
        one_of(name, k_free_text) || one_of(name, k_computed) || name == "SqsManagedSseEnabled")
      continue;
    throw err::invalid_attribute_name("Unknown Attribute " + name + ".");
  }
  const auto wanted = [&](const std::string& name) {
    return all || std::find(names.begin(), names.end(), name) != names.end();
  };
  OJson out = OJson::object();
  const bool need_counts = wanted("ApproximateNumberOfMessages") ||
                           wanted("ApproximateNumberOfMessagesNotVisible") ||
                           wanted("ApproximateNumberOfMessagesDelayed");
  const MessageCounts counts =
      need_counts ? count_messages(call.store(), txn, q, call.now_ms()) : MessageCounts{};
  // The order real SQS answers "All" in.
  const auto put = [&](const std::string& name, const std::string& value) {
    if (wanted(name)) out[name] = value;
  };
  put("QueueArn", arn_of(q));
  put("ApproximateNumberOfMessages", std::to_string(counts.visible));
  put("ApproximateNumberOfMessagesNotVisible", std::to_string(counts.in_flight));
  put("ApproximateNumberOfMessagesDelayed", std::to_string(counts.delayed));
  put("CreatedTimestamp", std::to_string(q.created_ms / 1000));
  put("LastModifiedTimestamp", std::to_string(q.modified_ms / 1000));
  for (const auto& [name, value] : q.attributes) put(name, value);
  return out;
}

std::optional<RedrivePolicy> redrive_policy(const QueueRecord& q) {
  const auto it = q.attributes.find("RedrivePolicy");
  if (it == q.attributes.end()) return std::nullopt;
  const Json doc = Json::parse(it->second, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  RedrivePolicy p;
  p.dead_letter_target_arn = doc.value("deadLetterTargetArn", std::string());
  const Json count = doc.value("maxReceiveCount", Json());
  if (count.is_number_integer()) p.max_receive_count = count.get<int64_t>();
  if (count.is_string()) p.max_receive_count = parse_integer(count.get<std::string>()).value_or(0);
  if (p.max_receive_count <= 0) return std::nullopt;
  return p;
}

}  // namespace sqs
