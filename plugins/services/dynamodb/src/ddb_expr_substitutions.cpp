// ExpressionAttributeNames / ExpressionAttributeValues of one request; see ddb_expr.hpp.
#include <cloudemu/protocol/aws_error.hpp>

#include "ddb_expr.hpp"

namespace ddb::expr {
namespace {

/// "#name" / ":value": the sigil, then one or more letters, digits or underscores.
bool valid_placeholder(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (std::size_t i = 1; i < key.size(); ++i) {
    const char c = key[i];
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

void check_map(const Json* map, const char* parameter, char sigil) {
  if (!map) return;
  if (!map->is_object() || map->empty()) {
    throw ce::AwsError::validation(std::string(parameter) + " must not be empty");
  }
  for (auto it = map->begin(); it != map->end(); ++it) {
    if (!valid_placeholder(it.key(), sigil)) {
      throw ce::AwsError::validation(std::string(parameter) +
                                     " contains invalid key: Syntax error; key: \"" + it.key() +
                                     "\"");
    }
  }
}

void check_used(const Json* map, const std::set<std::string>& used, const char* parameter) {
  if (!map) return;
  std::string unused;
  for (auto it = map->begin(); it != map->end(); ++it) {
    if (used.count(it.key())) continue;
    if (!unused.empty()) unused += ", ";
    unused += it.key();
  }
  if (!unused.empty()) {
    throw ce::AwsError::validation("Value provided in " + std::string(parameter) +
                                   " unused in expressions: keys: {" + unused + "}");
  }
}

}  // namespace

Substitutions::Substitutions(const Json* names, const Json* values)
    : names_(names), values_(values) {
  check_map(names_, "ExpressionAttributeNames", '#');
  check_map(values_, "ExpressionAttributeValues", ':');
}

void Substitutions::check_all_used() const {
  check_used(names_, used_names_, "ExpressionAttributeNames");
  check_used(values_, used_values_, "ExpressionAttributeValues");
}

const std::string* Substitutions::name(const std::string& placeholder) {
  if (!names_) return nullptr;
  const auto it = names_->find(placeholder);
  if (it == names_->end() || !it->is_string()) return nullptr;
  used_names_.insert(placeholder);
  return &it->get_ref<const std::string&>();
}

const Json* Substitutions::value(const std::string& placeholder) {
  if (!values_) return nullptr;
  const auto it = values_->find(placeholder);
  if (it == values_->end()) return nullptr;
  used_values_.insert(placeholder);
  return &*it;
}

}  // namespace ddb::expr
