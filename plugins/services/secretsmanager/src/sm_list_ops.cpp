// ListSecrets: filters, sorting, pages.
#include <algorithm>
#include <cloudemu/storage.hpp>

#include "sm_filters.hpp"
#include "sm_input.hpp"
#include "sm_secrets.hpp"
#include "sm_service.hpp"

namespace sm {

namespace {

Json list_secrets(Call& call) {
  const bool include_deleted = opt_bool(call.input, "IncludePlannedDeletion").value_or(false);
  const auto max = opt_int(call.input, "MaxResults", 1, 100);
  const std::string token = opt_string(call.input, "NextToken", 1, 4096).value_or("");
  const std::vector<Filter> filters = read_filters(call.input);
  const std::string order = opt_enum(call.input, "SortOrder", {"asc", "desc"}).value_or("asc");
  const std::string by =
      opt_enum(call.input, "SortBy",
               {"created-date", "last-accessed-date", "last-changed-date", "name"})
          .value_or("created-date");

  std::vector<SecretRecord> secrets;
  {
    ce::ReadTxn txn(call.ctx());
    for (auto& s : call.store().all(txn, call.account(), call.region()))
      if (!purged(s, call.now_ms()) && (include_deleted || !s.scheduled_for_deletion()) &&
          matches_filters(s, filters))
        secrets.push_back(std::move(s));
  }
  // The chosen field, then the name, so that pages are stable between calls.
  const auto field = [&by](const SecretRecord& s) -> int64_t {
    if (by == "last-accessed-date") return s.last_accessed_ms;
    if (by == "last-changed-date") return s.last_changed_ms;
    if (by == "name") return 0;
    return s.created_ms;
  };
  std::sort(secrets.begin(), secrets.end(), [&](const SecretRecord& a, const SecretRecord& b) {
    const auto ka = std::make_pair(field(a), a.name), kb = std::make_pair(field(b), b.name);
    return order == "asc" ? ka < kb : kb < ka;
  });
  std::string next;
  Json list = Json::array();
  for (const auto& s :
       page(std::move(secrets), token, static_cast<std::size_t>(max.value_or(100)), &next))
    list.push_back(secret_json(s, Shape::list_entry));
  Json out = {{"SecretList", list}};
  if (!next.empty()) out["NextToken"] = next;
  return out;
}

}  // namespace

void add_list_ops(OpRegistry& ops) {
  ops.add("ListSecrets", &list_secrets);
}

}  // namespace sm
