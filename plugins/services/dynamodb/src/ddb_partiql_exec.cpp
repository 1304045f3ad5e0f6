// PartiQL statements against the store (ddb_partiql_exec.hpp). WHERE clauses are conditions of
// the expression language; which items a statement touches is read off their top-level terms.
#include "ddb_partiql_exec.hpp"

#include <cloudemu/keycodec.hpp>
#include <cloudemu/protocol/aws_error.hpp>
#include <set>

#include "ddb_item.hpp"
#include "ddb_read.hpp"
#include "ddb_request.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"
#include "ddb_value.hpp"

namespace ddb::partiql {

namespace {

using expr::detail::CondNode;
using expr::detail::Operand;
using NodePtr = std::shared_ptr<const CondNode>;

[[noreturn]] void key_type_mismatch(const std::string& attr) {
  throw_validation("Key attribute's data type should match its data type in table's schema: Key " +
                   attr);
}

bool is_attribute(const Operand& op, const std::string& attr) {
  return op.kind == Operand::Kind::path && op.path.size() == 1 && !op.path[0].index &&
         op.path[0].name == attr;
}

/// The value `attr = value` (either way round) compares with, when `n` is that comparison.
std::optional<Json> equality_on(const CondNode& n, const std::string& attr) {
  if (n.kind != CondNode::Kind::compare || n.op != "=") return std::nullopt;
  for (int i = 0; i < 2; ++i) {
    const Operand& a = n.operands[static_cast<std::size_t>(i)];
    const Operand& b = n.operands[static_cast<std::size_t>(1 - i)];
    if (is_attribute(a, attr) && b.kind == Operand::Kind::value) return b.value;
  }
  return std::nullopt;
}

void top_level_terms(const NodePtr& n, std::vector<NodePtr>& out) {
  if (n->kind == CondNode::Kind::and_) {
    top_level_terms(n->left, out);
    top_level_terms(n->right, out);
  } else {
    out.push_back(n);
  }
}

/// The partition key values a condition confines matches to: `pk = v`, `pk IN [...]`, any of
/// them under AND, and OR of such on both sides. nullopt when matches may be anywhere (a scan).
std::optional<std::vector<Json>> partition_values(const CondNode& n, const std::string& hash) {
  switch (n.kind) {
    case CondNode::Kind::compare:
      if (auto v = equality_on(n, hash)) return std::vector<Json>{std::move(*v)};
      return std::nullopt;
    case CondNode::Kind::in: {
      if (!is_attribute(n.operands[0], hash)) return std::nullopt;
      std::vector<Json> values;
      for (std::size_t i = 1; i < n.operands.size(); ++i) values.push_back(n.operands[i].value);
      return values;
    }
    case CondNode::Kind::and_:
      if (auto left = partition_values(*n.left, hash)) return left;
      return partition_values(*n.right, hash);
    case CondNode::Kind::or_: {
      auto left = partition_values(*n.left, hash);
      auto right = partition_values(*n.right, hash);
      if (!left || !right) return std::nullopt;
      left->insert(left->end(), right->begin(), right->end());
      return left;
    }
    default:
      return std::nullopt;
  }
}

// ---- NextToken: which partition (for IN / OR) and the last key read, tied to the request ----

std::string encode_token(const std::string& fingerprint, std::size_t partition,
                         const Json& last_key) {
  return base64_encode(Json{{"f", fingerprint}, {"p", partition}, {"k", last_key}}.dump());
}

struct Resume {
  std::size_t partition = 0;
  Json last_key;
};

Resume decode_token(const std::string& token, const std::string& fingerprint,
                    std::size_t partitions) {
  const auto bytes = base64_decode(token);
  const Json doc = bytes ? Json::parse(*bytes, nullptr, false) : Json();
  if (!doc.is_object() || !doc.contains("f") || !doc["f"].is_string() || !doc.contains("p") ||
      !doc["p"].is_number_unsigned() || !doc.contains("k") || !doc["k"].is_object())
    throw_validation("Invalid NextToken");
  if (doc["f"] != fingerprint) throw_validation("NextToken does not match request");
  Resume r{doc["p"].get<std::size_t>(), doc["k"]};
  if (r.partition >= std::max<std::size_t>(partitions, 1)) throw_validation("Invalid NextToken");
  return r;
}

/// Offers every entry under `prefix` (after `after`, when given) to the page; false once the
/// page is full.
bool walk(ce::Cursor& cur, const std::string& prefix, const std::optional<std::string>& after,
          Page& page) {
  auto kv = cur.seek(after ? *after : prefix);
  if (after && kv && kv->first == *after) kv = cur.next();
  for (; kv && kv->first.substr(0, prefix.size()) == prefix; kv = cur.next()) {
    if (!page.offer(decode_item(kv->second), stored_item_size(kv->second))) return false;
  }
  return true;
}

}  // namespace

std::optional<PinnedKey> pinned_key(const Statement& s, const KeySchema& key) {
  if (!s.where) return std::nullopt;
  std::vector<NodePtr> terms;
  top_level_terms(s.where, terms);
  std::vector<bool> used(terms.size(), false);
  PinnedKey pinned{Json::object(), {}};
  std::vector<const KeyAttr*> attrs{&key.hash};
  if (key.range) attrs.push_back(&*key.range);
  for (const KeyAttr* attr : attrs) {
    bool found = false;
    for (std::size_t i = 0; i < terms.size() && !found; ++i) {
      if (used[i]) continue;
      if (auto v = equality_on(*terms[i], attr->name)) {
        if (!key_bytes(*v, attr->type)) key_type_mismatch(attr->name);
        pinned.key[attr->name] = std::move(*v);
        used[i] = found = true;
      }
    }
    if (!found) return std::nullopt;
  }
  NodePtr rest;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (used[i]) continue;
    if (!rest) {
      rest = terms[i];
      continue;
    }
    auto both = std::make_shared<CondNode>();
    both->kind = CondNode::Kind::and_;
    both->left = rest;
    both->right = terms[i];
    rest = both;
  }
  if (rest) pinned.rest = expr::Condition(rest);
  return pinned;
}

Json project(const Statement& s, const Json& item) {
  if (s.projection.empty()) return item;
  Json out = Json::object();
  for (const auto& [name, path] : s.projection)
    if (const Json* v = expr::find_path(item, path)) out[name] = *v;
  return out;
}

Json select_page(Call& call, const Statement& s, const std::string& fingerprint) {
  const Json& in = call.input;
  Store& store = call.svc.store();
  ce::ReadTxn txn(call.svc.ctx());
  ReadTarget target;
  target.table = require_table_for(call, txn, s.table);
  if (s.index) {
    target.index = target.table.find_index(*s.index);
    if (target.index == nullptr)
      throw_validation("The table does not have the specified index: " + *s.index);
    if (target.index->global && in.value("ConsistentRead", false))
      throw_validation("Strongly consistent read is not supported on Global Secondary Indexes");
  }
  const KeySchema& k = target.key();

  // Partitions named by the WHERE clause are read one after another, each once; otherwise scan.
  std::vector<Json> partitions;
  bool scan = true;
  if (s.where) {
    if (auto values = partition_values(*s.where, k.hash.name)) {
      scan = false;
      std::set<std::string> seen;
      for (auto& v : *values) {
        const auto bytes = key_bytes(v, k.hash.type);
        if (!bytes) key_type_mismatch(k.hash.name);
        if (seen.insert(*bytes).second) partitions.push_back(std::move(v));
      }
    }
  }

  // The page itself is Query's and Scan's: Limit, the 1 MB cap, capacity, the start key.
  Json page_input = Json::object();
  for (const char* member : {"Limit", "ConsistentRead", "ReturnConsumedCapacity"})
    if (in.contains(member)) page_input[member] = in[member];
  std::size_t first = 0;
  if (const auto token = optional_string(in, "NextToken")) {
    Resume r = decode_token(*token, fingerprint, partitions.size());
    first = r.partition;
    page_input["ExclusiveStartKey"] = std::move(r.last_key);
  }
  Call page_call{call.svc,    call.req, call.resp, call.operation, std::move(page_input),
                 std::nullopt};
  Expressions no_expressions(page_call.input, {}, {});
  Page page(page_call, target, no_expressions, "FilterExpression", "ScanFilter");
  if (s.where) page.filter_with(expr::Condition(s.where));

  auto cur = txn.cursor(target.keyspace(store));
  const std::optional<std::string> after = page.start_after();
  bool exhausted = true;
  std::size_t current = first;
  if (scan) {
    exhausted = walk(cur, ce::KeyWriter().u64(target.uid()).take(), after, page);
  } else {
    for (; current < partitions.size(); ++current) {
      const std::string prefix = store.partition_prefix(target.uid(), k, partitions[current]);
      if (!walk(cur, prefix, current == first ? after : std::nullopt, page)) {
        exhausted = false;
        break;
      }
    }
  }
  Json out = page.finish(exhausted);
  Json result = {{"Items", Json::array()}};
  for (const auto& item : out["Items"]) result["Items"].push_back(project(s, item));
  if (out.contains("LastEvaluatedKey")) {
    const std::size_t partition = partitions.empty() ? 0 : std::min(current, partitions.size() - 1);
    result["NextToken"] = encode_token(fingerprint, partition, out["LastEvaluatedKey"]);
  }
  if (out.contains("ConsumedCapacity")) result["ConsumedCapacity"] = out["ConsumedCapacity"];
  return result;
}

KeyRead read_by_key(Call& call, ce::Txn& txn, const Statement& s, const std::string& unpinned) {
  Store& store = call.svc.store();
  KeyRead r;
  r.table = require_table_for(call, txn, s.table);
  const auto pinned = pinned_key(s, r.table.key);
  if (!pinned) throw_validation(unpinned);
  const auto item = store.get_item(txn, *store.item_key(r.table, pinned->key));
  if (item) {
    r.bytes = item_size(*item);
    if (pinned->rest.evaluate(*item)) r.item = project(s, *item);
  }
  return r;
}

WritePlan plan_write(Call& call, ce::Txn& txn, const Statement& s) {
  Store& store = call.svc.store();
  WritePlan p;
  p.table = require_table_for(call, txn, s.table);
  if (s.kind == Statement::Kind::insert) {
    Json item = s.item;
    validate_attributes(item);
    check_item_key(p.table, item);
    check_index_keys(p.table, item);
    if (item_size(item) > k_max_item_size)
      throw_validation("Item size has exceeded the maximum allowed size");
    p.storage_key = *store.item_key(p.table, item);
    p.old = store.get_item(txn, p.storage_key);
    if (p.old) {
      p.outcome = WritePlan::Outcome::duplicate;
    } else {
      p.result = std::move(item);
    }
    return p;
  }
  const auto pinned = pinned_key(s, p.table.key);
  if (!pinned)
    throw_validation("Where clause does not contain a mandatory equality on all key attributes");
  p.storage_key = *store.item_key(p.table, pinned->key);
  p.old = store.get_item(txn, p.storage_key);
  if (s.kind == Statement::Kind::remove) {
    // Deleting an item that is not there succeeds; the rest of WHERE guards an existing one.
    if (p.old && !pinned->rest.evaluate(*p.old)) p.outcome = WritePlan::Outcome::condition_failed;
    return p;
  }
  const expr::Update update(s.actions);
  for (const auto& path : update.targets()) {
    const std::string& attr = path.front().name;
    if (attr == p.table.key.hash.name || (p.table.key.range && attr == p.table.key.range->name))
      throw_validation("One or more parameter values were invalid: Cannot update attribute " +
                       attr + ". This attribute is part of the key");
  }
  // UPDATE changes an existing item only: a missing one fails like a failed condition.
  if (!p.old || !pinned->rest.evaluate(*p.old)) {
    p.outcome = WritePlan::Outcome::condition_failed;
    return p;
  }
  Json item = *p.old;
  update.apply(item);
  check_index_keys(p.table, item);
  if (item_size(item) > k_max_item_size)
    throw_validation("Item size to update has exceeded the maximum allowed size");
  p.result = std::move(item);
  return p;
}

void commit_write(Call& call, ce::WriteTxn& txn, const WritePlan& plan) {
  if (plan.outcome != WritePlan::Outcome::ok || (!plan.old && !plan.result)) return;
  call.svc.store().write_item(txn, plan.table, plan.storage_key, plan.old, plan.result);
}

Json returned_items(const Statement& s, const WritePlan& plan) {
  Json items = Json::array();
  if (s.returning.empty()) return items;
  const std::optional<Json>& source = s.returning.ends_with("OLD") ? plan.old : plan.result;
  if (!source) return items;
  if (s.returning.starts_with("ALL")) {
    items.push_back(*source);
    return items;
  }
  // MODIFIED: the top-level attributes the update wrote or removed, as they were or are.
  Json picked = Json::object();
  for (const auto& path : expr::Update(s.actions).targets()) {
    const std::string& name = path.front().name;
    if (const auto it = source->find(name); it != source->end()) picked[name] = *it;
  }
  items.push_back(std::move(picked));
  return items;
}

ce::AwsError outcome_error(const WritePlan& plan, const Json& request) {
  if (plan.outcome == WritePlan::Outcome::duplicate)
    return ce::AwsError::client(400, "DuplicateItemException",
                                "Duplicate primary key exists in table");
  ce::AwsError e = ce::AwsError::client(400, "ConditionalCheckFailedException",
                                        "The conditional request failed");
  if (plan.old &&
      optional_string(request, "ReturnValuesOnConditionCheckFailure").value_or("NONE") == "ALL_OLD")
    return std::move(e).with_json("Item", plan.old->dump());
  return e;
}

}  // namespace ddb::partiql
