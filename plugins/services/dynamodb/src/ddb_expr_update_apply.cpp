// Applying an update to an item, with DynamoDB's run-time errors. Every right-hand side is
// evaluated against the item as it was before the update; the item changes only on success.
#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr_ast.hpp"
#include "ddb_number.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {
namespace {

using detail::Operand;
using detail::UpdateAction;

[[noreturn]] void invalid_path() {
  throw ce::AwsError::validation(
      "The document path provided in the update expression is invalid for update");
}
[[noreturn]] void wrong_type(bool legacy) {
  throw ce::AwsError::validation(legacy ? "Type mismatch for attribute to update"
                                        : "An operand in the update expression has an incorrect "
                                          "data type");
}

/// The container value holding the last step of `path` (the item for top-level paths), or null.
Json* find_parent(Json& item, const Path& path) {
  if (path.size() == 1) return &item;
  Path prefix(path.begin(), path.end() - 1);
  return const_cast<Json*>(find_path(item, prefix));
}

Number number_of(const Json& v) {
  return Number::parse(v.begin().value().get<std::string>());
}

Json evaluate(const Operand& op, const Json& item) {
  switch (op.kind) {
    case Operand::Kind::value:
      return op.value;
    case Operand::Kind::path: {
      const Json* v = find_path(item, op.path);
      if (!v) {
        throw ce::AwsError::validation(
            "The provided expression refers to an attribute that does not exist in the item");
      }
      return *v;
    }
    case Operand::Kind::call:
      if (op.name == "if_not_exists") {
        const Json* v = find_path(item, op.args[0].path);
        return v ? *v : evaluate(op.args[1], item);
      } else {  // list_append
        Json a = evaluate(op.args[0], item);
        Json b = evaluate(op.args[1], item);
        if (value_type(a) != "L" || value_type(b) != "L") wrong_type(false);
        for (auto& e : b["L"]) a["L"].push_back(std::move(e));
        return a;
      }
    case Operand::Kind::plus:
    case Operand::Kind::minus: {
      const Json a = evaluate(op.args[0], item);
      const Json b = evaluate(op.args[1], item);
      if (value_type(a) != "N" || value_type(b) != "N") wrong_type(false);
      const Number r = op.kind == Operand::Kind::plus ? number_of(a).plus(number_of(b))
                                                      : number_of(a).minus(number_of(b));
      return Json{{"N", r.to_string()}};
    }
  }
  return Json();
}

void assign(Json& item, const Path& path, Json value) {
  Json* parent = find_parent(item, path);
  if (!parent) invalid_path();
  const PathStep& last = path.back();
  if (path.size() == 1) {
    (*parent)[last.name] = std::move(value);
    return;
  }
  const auto type = value_type(*parent);
  if (last.index) {
    if (type != "L") invalid_path();
    Json& list = (*parent)["L"];
    if (*last.index < list.size()) {
      list[*last.index] = std::move(value);
    } else {
      list.push_back(std::move(value));  // past the end appends
    }
  } else {
    if (type != "M") invalid_path();
    (*parent)["M"][last.name] = std::move(value);
  }
}

void remove(Json& item, const Path& path) {
  Json* parent = find_parent(item, path);
  if (!parent) invalid_path();
  const PathStep& last = path.back();
  if (path.size() == 1) {
    parent->erase(last.name);
    return;
  }
  const auto type = value_type(*parent);
  if (last.index) {
    if (type != "L") invalid_path();
    Json& list = (*parent)["L"];
    if (*last.index < list.size()) list.erase(list.begin() + static_cast<long>(*last.index));
  } else {
    if (type != "M") invalid_path();
    (*parent)["M"].erase(last.name);
  }
}

/// A set element's identity: numbers by value, binaries by bytes, strings as they are.
std::string element_key(std::string_view set_type, const Json& e) {
  const std::string& s = e.get_ref<const std::string&>();
  if (set_type == "NS") return Number::parse(s).sort_key();
  if (set_type == "BS") return base64_decode(s).value_or(s);
  return s;
}

void add(Json& item, const UpdateAction& a, const Json& value) {
  Json* parent = find_parent(item, a.path);
  if (!parent) invalid_path();
  Json* target = const_cast<Json*>(find_path(item, a.path));
  if (!target) return assign(item, a.path, value);
  const auto t = value_type(*target);
  const auto vt = value_type(value);
  if (t != vt) wrong_type(a.legacy);
  if (t == "N") {
    *target = Json{{"N", number_of(*target).plus(number_of(value)).to_string()}};
  } else if (t == "SS" || t == "NS" || t == "BS") {
    Json& set = (*target)[std::string(t)];
    std::set<std::string> have;
    for (const auto& e : set) have.insert(element_key(t, e));
    for (const auto& e : value.begin().value()) {
      if (have.insert(element_key(t, e)).second) set.push_back(e);
    }
  } else if (t == "L" && a.legacy) {
    for (const auto& e : value["L"]) (*target)["L"].push_back(e);
  } else {
    wrong_type(a.legacy);
  }
}

void del(Json& item, const UpdateAction& a, const Json& value) {
  if (!find_parent(item, a.path)) invalid_path();
  Json* target = const_cast<Json*>(find_path(item, a.path));
  if (!target) return;
  const auto t = value_type(*target);
  if (t != value_type(value) || (t != "SS" && t != "NS" && t != "BS")) wrong_type(a.legacy);
  std::set<std::string> gone;
  for (const auto& e : value.begin().value()) gone.insert(element_key(t, e));
  Json kept = Json::array();
  for (const auto& e : target->begin().value()) {
    if (!gone.count(element_key(t, e))) kept.push_back(e);
  }
  if (kept.empty()) return remove(item, a.path);
  (*target)[std::string(t)] = std::move(kept);
}

/// Later list elements first, so that removing one does not shift another still to remove.
bool remove_before(const Path& a, const Path& b) {
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i].index && b[i].index && *a[i].index != *b[i].index) return *a[i].index > *b[i].index;
    if (!a[i].index && !b[i].index && a[i].name != b[i].name) return a[i].name > b[i].name;
  }
  return a.size() > b.size();
}

}  // namespace

void Update::apply(Json& item) const {
  const Json original = item.is_object() ? item : Json::object();
  Json result = original;
  std::vector<Json> values;
  for (const auto& a : actions_) {
    values.push_back(a->kind == UpdateAction::Kind::set ? evaluate(a->value, original)
                                                        : a->value.value);
  }
  std::vector<Path> removals;
  for (std::size_t i = 0; i < actions_.size(); ++i) {
    const UpdateAction& a = *actions_[i];
    switch (a.kind) {
      case UpdateAction::Kind::set:
        assign(result, a.path, std::move(values[i]));
        break;
      case UpdateAction::Kind::remove:
        removals.push_back(a.path);
        break;
      case UpdateAction::Kind::add:
        add(result, a, values[i]);
        break;
      case UpdateAction::Kind::del:
        if (a.legacy && value_type(values[i]).empty()) {
          removals.push_back(a.path);
        } else {
          del(result, a, values[i]);
        }
        break;
    }
  }
  std::sort(removals.begin(), removals.end(), remove_before);
  for (const auto& path : removals) remove(result, path);
  item = std::move(result);
}

}  // namespace ddb::expr
