#include "sqs_batch.hpp"

#include <algorithm>
#include <set>

#include "sqs_errors.hpp"

namespace sqs {

namespace {

constexpr std::size_t k_max_entries = 10;

bool valid_entry_id(const std::string& id) {
  return !id.empty() && id.size() <= 80 && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

std::vector<Json> batch_entries(const Call& call, std::string_view entry_shape) {
  std::vector<Json> entries;
  const auto it = call.input.find("Entries");
  if (it != call.input.end() && it->is_array())
    for (const auto& e : *it) entries.push_back(e.is_object() ? e : Json::object());
  if (entries.empty()) throw err::empty_batch_request(entry_shape);
  if (entries.size() > k_max_entries) throw err::too_many_entries_in_batch_request(entries.size());
  std::set<std::string> seen;
  for (const auto& e : entries) {
    const auto id = opt_string(e, "Id");
    if (!id) throw err::missing_parameter(std::string(entry_shape) + ".Id");
    if (!valid_entry_id(*id)) throw err::invalid_batch_entry_id();
    if (!seen.insert(*id).second) throw err::batch_entry_ids_not_distinct(*id);
  }
  return entries;
}

OJson failed_entry(const Call& call, const std::string& id, const ce::AwsError& e) {
  OJson item;
  item["Id"] = id;
  item["SenderFault"] = e.sender_fault;
  item["Code"] = call.protocol == Protocol::query && !e.query_code.empty() ? e.query_code : e.code;
  item["Message"] = e.message;
  return item;
}

}  // namespace sqs
