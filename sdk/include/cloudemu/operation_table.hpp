// ce::OperationTable<Svc>: one flat, sorted table from operation name to member handler.
#pragma once
#include <algorithm>
#include <cloudemu/request.hpp>
#include <cloudemu/response.hpp>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ce {

/// Built once (a static in the service), looked up per request by binary search. A duplicate name
/// is a programming error reported at construction, a miss is a nullptr (style rule 7: registration
/// by name, a miss is null, a duplicate an error).
template <typename Svc>
class OperationTable {
 public:
  using Handler = void (Svc::*)(Request&, Response&);
  using Entry = std::pair<std::string_view, Handler>;

  OperationTable(std::initializer_list<Entry> entries) : entries_(entries) {
    std::sort(entries_.begin(), entries_.end(),
              [](const Entry& a, const Entry& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < entries_.size(); ++i) {
      if (entries_[i - 1].first == entries_[i].first) {
        throw std::logic_error("duplicate operation in table: " + std::string(entries_[i].first));
      }
    }
  }

  Handler find(std::string_view name) const noexcept {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                               [](const Entry& e, std::string_view n) { return e.first < n; });
    return it != entries_.end() && it->first == name ? it->second : nullptr;
  }
  bool contains(std::string_view name) const noexcept { return find(name) != nullptr; }

  /// Calls the handler for `name` and names the operation in the access log.
  /// @return false when no handler exists (the caller renders unknown_operation_error).
  bool dispatch(Svc& svc, std::string_view name, Request& req, Response& resp) const {
    const Handler h = find(name);
    if (h == nullptr) return false;
    resp.operation(name);
    (svc.*h)(req, resp);
    return true;
  }

  std::size_t size() const noexcept { return entries_.size(); }
  /// Names in sorted order (for docs and "supported operations" listings).
  std::vector<std::string_view> names() const {
    std::vector<std::string_view> out;
    for (const auto& e : entries_) out.push_back(e.first);
    return out;
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace ce
