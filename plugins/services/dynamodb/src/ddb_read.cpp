// Query and Scan pages (ddb_read.hpp).
#include "ddb_read.hpp"

#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_item.hpp"
#include "ddb_service.hpp"
#include "ddb_store.hpp"
#include "ddb_validation.hpp"

namespace ddb {

namespace {

constexpr std::size_t k_page_bytes = 1024 * 1024;  // DynamoDB stops a page at 1 MB read

}  // namespace

ce::Keyspace ReadTarget::keyspace(const Store& store) const {
  return index ? store.index_items() : store.items();
}

ReadTarget read_target(Call& call, ce::Txn& txn) {
  const Json& in = call.input;
  ReadTarget target;
  target.table = require_table_for(call, txn, table_name_param(in));
  if (const auto index_name = optional_string(in, "IndexName")) {
    target.index = target.table.find_index(*index_name);
    if (target.index == nullptr)
      throw ce::AwsError::validation("The table does not have the specified index: " + *index_name);
    if (target.index->global && in.value("ConsistentRead", false))
      throw ce::AwsError::validation(
          "Consistent reads are not supported on global secondary indexes");
  }
  return target;
}

std::string entry_key_of(const Store& store, const ReadTarget& target, const Json& key) {
  const std::optional<std::string> k = target.index
                                           ? store.index_entry_key(target.table, *target.index, key)
                                           : store.item_key(target.table, key);
  if (!k) throw invalid_parameter("The provided starting key is invalid");
  return *k;
}

Page::Page(Call& call, const ReadTarget& target, Expressions& e, std::string_view filter_param,
           std::string_view legacy_filter_param)
    : call_(call), target_(target) {
  Json& in = call.input;
  if (const auto text = e.text(filter_param)) {
    filter_ = expr::parse_condition(*text, e.subs(), expr::ExprKind::filter);
    for (const auto& path : filter_->paths()) {
      const std::string& attr = path.front().name;
      const KeySchema& k = target.key();
      if (filter_param == "FilterExpression" && std::string_view(call.operation) == "Query" &&
          (attr == k.hash.name || (k.range && attr == k.range->name)))
        throw ce::AwsError::validation(
            "Filter Expression can only contain non-primary key attributes: Primary key "
            "attribute: " +
            attr);
    }
  } else if (const Json* f = optional_member(in, legacy_filter_param, Json::value_t::object)) {
    const auto op = in.find("ConditionalOperator");
    filter_ = expr::condition_from_filter(*f, op == in.end() ? nullptr : &*op);
  }
  if (const auto text = e.text("ProjectionExpression")) {
    projection_ = expr::parse_projection(*text, e.subs());
  } else if (const Json* attrs = optional_member(in, "AttributesToGet", Json::value_t::array)) {
    projection_ = expr::projection_from_attributes_to_get(*attrs);
  }
  const bool is_index = target.index != nullptr;
  select_ = optional_string(in, "Select")
                .value_or(projection_ ? "SPECIFIC_ATTRIBUTES"
                                      : (is_index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES"));
  if (select_ != "ALL_ATTRIBUTES" && select_ != "ALL_PROJECTED_ATTRIBUTES" &&
      select_ != "SPECIFIC_ATTRIBUTES" && select_ != "COUNT") {
    ConstraintErrors errors;
    const Json v(select_);
    errors.add(&v, "select",
               "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, "
               "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
    errors.throw_if_any();
  }
  if (projection_ && select_ != "SPECIFIC_ATTRIBUTES")
    throw invalid_parameter("Cannot specify the AttributesToGet when choosing to get " + select_);
  if (!projection_ && select_ == "SPECIFIC_ATTRIBUTES")
    throw invalid_parameter(
        "Must specify the AttributesToGet when choosing to get SPECIFIC_ATTRIBUTES");
  if (select_ == "ALL_PROJECTED_ATTRIBUTES" && !is_index)
    throw invalid_parameter(
        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  if (select_ == "ALL_ATTRIBUTES" && is_index && target.index->global &&
      target.index->projection != "ALL")
    throw invalid_parameter(
        "Select type ALL_ATTRIBUTES is not supported for global secondary index " +
        target.index->name + " because its projection type is not ALL");
  limit_ = optional_integer(in, "Limit");
  if (limit_) {
    if (*limit_ < 1) {
      ConstraintErrors errors;
      const Json v = *limit_;
      errors.add(&v, "limit", "Member must have value greater than or equal to 1");
      errors.throw_if_any();
    }
  }
  if (const Json* start = optional_member(in, "ExclusiveStartKey", Json::value_t::object)) {
    Json key = *start;
    validate_attributes(key);
    start_after_ = entry_key_of(call.svc.store(), target, key);
  }
}

bool Page::passes_items_through() const {
  const bool fetches = target_.index && !target_.index->global &&
                       target_.index->projection != "ALL" && select_ == "ALL_ATTRIBUTES";
  return !filter_ && !projection_ && select_ != "COUNT" && !fetches;
}

bool Page::count_and_check_full(std::size_t item_bytes) {
  ++scanned_;
  bytes_ += item_bytes;
  if ((limit_ && scanned_ >= *limit_) || bytes_ >= k_page_bytes) {
    stopped_early_ = true;
    return false;
  }
  return true;
}

bool Page::offer(Json item, std::size_t item_bytes) {
  last_stored_.clear();
  last_key_ = key_of(target_.table.key, item);
  if (target_.index) {
    const Json index_key = key_of(target_.index->key, item);
    last_key_.update(index_key);
  }
  if (!filter_ || filter_->evaluate(item)) {
    ++count_;
    if (select_ != "COUNT") {
      if (target_.index && !target_.index->global && target_.index->projection != "ALL" &&
          select_ == "ALL_ATTRIBUTES") {
        // A local index fetches what it does not project from the table.
        ce::ReadTxn txn(call_.svc.ctx());
        if (auto full =
                call_.svc.store().get_item(txn, *call_.svc.store().item_key(target_.table, item)))
          item = std::move(*full);
      }
      items_.push_back(projection_ ? projection_->apply(item) : std::move(item));
    }
  }
  return count_and_check_full(item_bytes);
}

bool Page::offer_stored(std::string_view stored, Json* decoded) {
  if (!passes_items_through())
    return offer(decoded ? std::move(*decoded) : decode_item(stored), stored_item_size(stored));
  const std::string_view text = stored_item_text(stored);
  if (count_ > 0) item_texts_ += ',';
  item_texts_ += text;
  ++count_;
  last_stored_.assign(stored);
  return count_and_check_full(stored_item_size(stored));
}

Json Page::answer_without_items(bool exhausted) {
  Json out = Json::object();
  out["Count"] = count_;
  out["ScannedCount"] = scanned_;
  if (stopped_early_ && !(exhausted && !limit_)) {
    if (!last_stored_.empty()) {
      const Json item = decode_item(last_stored_);
      last_key_ = key_of(target_.table.key, item);
      if (target_.index) last_key_.update(key_of(target_.index->key, item));
    }
    out["LastEvaluatedKey"] = last_key_;
  }
  const bool consistent = call_.input.value("ConsistentRead", false);
  if (auto c = consumed_capacity(call_.input, target_.table, read_units(bytes_, consistent)))
    out["ConsumedCapacity"] = *c;
  return out;
}

Json Page::finish(bool exhausted) {
  Json out = answer_without_items(exhausted);
  if (!item_texts_.empty()) {
    for (auto& item : Json::parse("[" + item_texts_ + "]")) items_.push_back(std::move(item));
  }
  if (select_ != "COUNT") out["Items"] = std::move(items_);
  return out;
}

std::string Page::finish_text(bool exhausted) {
  if (!items_.empty() || select_ == "COUNT") return finish(exhausted).dump();
  // {"Count":..,...} becomes {"Items":[<stored texts>],"Count":..,...}.
  const std::string rest = answer_without_items(exhausted).dump();
  std::string out;
  out.reserve(item_texts_.size() + rest.size() + 12);
  out += "{\"Items\":[";
  out += item_texts_;
  out += "],";
  out.append(rest, 1);
  return out;
}

}  // namespace ddb
