// Query and Scan: walks of one partition (in sort-key order, either way) or of a whole table or
// index (optionally one parallel-scan segment), a page at a time.
#include <cloudemu/keycodec.hpp>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_read.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"
#include "ddb_value.hpp"

namespace ddb {

namespace {

using Op = expr::KeyCondition::Op;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// True once a walk in `forward` direction has passed every sort key the condition accepts, so
/// the rest of the partition cannot match either.
bool beyond(const expr::KeyCondition& kc, const Json& sk, bool forward) {
  const auto cmp = [&](const Json& v) { return compare_values(sk, v).value_or(0); };
  if (forward) {
    switch (kc.op) {
      case Op::eq:
      case Op::le:
        return cmp(kc.sort_value) > 0;
      case Op::lt:
        return cmp(kc.sort_value) >= 0;
      case Op::between:
        return cmp(kc.sort_value2) > 0;
      case Op::begins_with:
        return cmp(kc.sort_value) > 0;
      default:
        return false;
    }
  }
  switch (kc.op) {
    case Op::eq:
    case Op::ge:
    case Op::between:
    case Op::begins_with:
      return cmp(kc.sort_value) < 0;
    case Op::gt:
      return cmp(kc.sort_value) <= 0;
    default:
      return false;
  }
}

/// Where a forward walk may start: the lowest sort key the condition accepts.
std::optional<Json> lower_bound(const expr::KeyCondition& kc) {
  if (!kc.sort_name) return std::nullopt;
  switch (kc.op) {
    case Op::eq:
    case Op::gt:
    case Op::ge:
    case Op::between:
    case Op::begins_with:
      return kc.sort_value;
    default:
      return std::nullopt;
  }
}

expr::KeyCondition key_condition(Call& call, const ReadTarget& target, Expressions& e) {
  const KeySchema& k = target.key();
  const std::optional<std::string_view> range =
      k.range ? std::optional<std::string_view>(k.range->name) : std::nullopt;
  if (const auto text = e.text("KeyConditionExpression"))
    return expr::parse_key_condition(*text, e.subs(), k.hash.name, range);
  if (const Json* kc = optional_member(call.input, "KeyConditions", Json::value_t::object))
    return expr::key_condition_from_key_conditions(*kc, k.hash.name, range);
  throw ce::AwsError::validation(
      "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
      "request.");
}

Json query(Call& call) {
  Json& in = call.input;
  Expressions e(in, {"KeyConditionExpression", "FilterExpression", "ProjectionExpression"},
                {"KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator"});
  ce::ReadTxn txn(call.svc.ctx());
  const ReadTarget target = read_target(call, txn);
  const expr::KeyCondition kc = key_condition(call, target, e);
  Page page(call, target, e, "FilterExpression", "QueryFilter");
  e.check_all_used();
  const KeySchema& k = target.key();
  if (!key_bytes(kc.partition_value, k.hash.type))
    throw ce::AwsError::validation(
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
  if (kc.sort_name && (!key_bytes(kc.sort_value, k.range->type) ||
                       (kc.op == Op::between && !key_bytes(kc.sort_value2, k.range->type))))
    throw ce::AwsError::validation(
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
  const bool forward = in.value("ScanIndexForward", true);
  Store& store = call.svc.store();
  const std::string prefix = store.partition_prefix(target.uid(), k, kc.partition_value);
  auto cur = txn.cursor(target.keyspace(store));

  std::optional<ce::KeyValue> kv;
  if (const auto after = page.start_after()) {
    // A key of another partition would start the walk elsewhere (backwards: in this partition's
    // last item); DynamoDB refuses it instead.
    if (!starts_with(*after, prefix))
      throw ce::AwsError::validation(
          "The provided starting key is outside query boundaries based on provided conditions");
    kv = cur.seek(*after);
    if (forward) {
      if (kv && kv->first == *after) kv = cur.next();
    } else {
      kv = kv ? cur.prev() : cur.last();
    }
  } else if (forward) {
    const auto lo = lower_bound(kc);
    kv = cur.seek(lo ? prefix + ce::KeyWriter().str_prefix(*key_bytes(*lo, k.range->type)).take()
                     : prefix);
  } else {
    // The partition prefix ends with its string terminator 0x00 0x01: 0x00 0x02 is just past it.
    std::string end = prefix;
    end.back() = '\x02';
    kv = cur.seek(end);
    kv = kv ? cur.prev() : cur.last();
  }
  bool exhausted = true;
  for (; kv && starts_with(kv->first, prefix); kv = forward ? cur.next() : cur.prev()) {
    Json item;
    if (kc.sort_name) {
      item = decode_item(kv->second);  // once: the sort check and the page share it
      const auto sk = item.find(*kc.sort_name);
      if (sk == item.end()) continue;
      if (!kc.sort_matches(*sk)) {
        if (beyond(kc, *sk, forward)) break;
        continue;
      }
    }
    if (!page.offer_stored(kv->second, kc.sort_name ? &item : nullptr)) {
      exhausted = false;
      break;
    }
  }
  call.answer_text = page.finish_text(exhausted);
  return nullptr;
}

Json scan(Call& call) {
  Json& in = call.input;
  Expressions e(in, {"FilterExpression", "ProjectionExpression"},
                {"ScanFilter", "AttributesToGet", "ConditionalOperator"});
  ce::ReadTxn txn(call.svc.ctx());
  const ReadTarget target = read_target(call, txn);
  Page page(call, target, e, "FilterExpression", "ScanFilter");
  e.check_all_used();

  // Parallel scan: segment s of n covers partition hashes [s * 2^64 / n, (s + 1) * 2^64 / n).
  uint64_t hash_lo = 0;
  std::optional<uint64_t> hash_hi;
  const bool has_segment = in.contains("Segment") && !in["Segment"].is_null();
  const bool has_total = in.contains("TotalSegments") && !in["TotalSegments"].is_null();
  if (has_segment != has_total)
    throw ce::AwsError::validation(
        has_segment ? "The TotalSegments parameter is required but was not present in the request "
                      "when Segment parameter is present"
                    : "The Segment parameter is required but was not present in the request when "
                      "parameter TotalSegments is present");
  if (has_segment) {
    const int64_t segment = in["Segment"].get<int64_t>();
    const int64_t total = in["TotalSegments"].get<int64_t>();
    ConstraintErrors errors;
    errors.check_range(total, "totalSegments", 1, 1000000);
    errors.check_range(segment, "segment", 0, 999999);
    errors.throw_if_any();
    if (segment >= total)
      throw ce::AwsError::validation(
          "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
          "Segment: " +
          std::to_string(segment) + " is out of bounds of TotalSegments: " + std::to_string(total));
    // Equal slices of the hash space; the last segment also takes the remainder.
    const auto bound = [&](int64_t s) {
      return (~uint64_t{0} / static_cast<uint64_t>(total)) * static_cast<uint64_t>(s);
    };
    hash_lo = bound(segment);
    if (segment + 1 < total) hash_hi = bound(segment + 1);
  }
  Store& store = call.svc.store();
  const std::string prefix = ce::KeyWriter().u64(target.uid()).take();
  auto cur = txn.cursor(target.keyspace(store));
  std::optional<ce::KeyValue> kv;
  if (const auto after = page.start_after()) {
    kv = cur.seek(*after);
    if (kv && kv->first == *after) kv = cur.next();
  } else {
    kv = cur.seek(ce::KeyWriter().u64(target.uid()).u64(hash_lo).take());
  }
  bool exhausted = true;
  for (; kv && starts_with(kv->first, prefix); kv = cur.next()) {
    if (hash_hi) {
      ce::KeyReader r(kv->first);
      r.u64();
      if (r.u64() >= *hash_hi) break;
    }
    if (!page.offer_stored(kv->second)) {
      exhausted = false;
      break;
    }
  }
  call.answer_text = page.finish_text(exhausted);
  return nullptr;
}

}  // namespace

void add_query_ops(OpRegistry& ops) {
  ops.add("Query", &query);
  ops.add("Scan", &scan);
}

}  // namespace ddb
