// Document paths: lookup, printing, and the overlap / conflict checks between paths.
#include "ddb_expr_ast.hpp"
#include "ddb_value.hpp"

namespace ddb::expr {

std::string format_path(const Path& path) {
  std::string out = "[";
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i) out += ", ";
    out += path[i].index ? "[" + std::to_string(*path[i].index) + "]" : path[i].name;
  }
  return out + "]";
}

const Json* find_path(const Json& item, const Path& path) {
  if (path.empty() || !item.is_object()) return nullptr;
  const auto top = item.find(path[0].name);
  if (top == item.end()) return nullptr;
  const Json* cur = &*top;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const auto type = value_type(*cur);
    const Json& inner = cur->begin().value();
    if (path[i].index) {
      if (type != "L" || !inner.is_array() || *path[i].index >= inner.size()) return nullptr;
      cur = &inner[*path[i].index];
    } else {
      if (type != "M" || !inner.is_object()) return nullptr;
      const auto it = inner.find(path[i].name);
      if (it == inner.end()) return nullptr;
      cur = &*it;
    }
  }
  return cur;
}

namespace detail {

std::string format_value(const Json& v) {
  const auto type = value_type(v);
  if (type.empty()) return v.dump();
  const Json& inner = v.begin().value();
  return "{" + std::string(type) + ":" +
         (inner.is_string() ? inner.get<std::string>() : inner.dump()) + "}";
}

std::string path_clash(const std::vector<Path>& paths) {
  std::string conflict;
  for (std::size_t j = 1; j < paths.size(); ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      const Path& a = paths[i];
      const Path& b = paths[j];
      const std::size_t n = std::min(a.size(), b.size());
      bool diverged = false;
      bool conflicting = false;
      for (std::size_t k = 0; k < n && !diverged; ++k) {
        if (a[k].index.has_value() != b[k].index.has_value()) {
          conflicting = true;
          diverged = true;
        } else if (!(a[k] == b[k])) {
          diverged = true;
        }
      }
      const std::string tail =
          "must remove or rewrite one of these paths; path one: " + format_path(a) +
          ", path two: " + format_path(b);
      if (!diverged) return "Two document paths overlap with each other; " + tail;
      if (conflicting && conflict.empty()) {
        conflict = "Two document paths conflict with each other; " + tail;
      }
    }
  }
  return conflict;
}

}  // namespace detail
}  // namespace ddb::expr
