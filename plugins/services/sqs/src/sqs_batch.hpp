// What the three *Batch operations share: the request-level rules (EmptyBatchRequest,
// TooManyEntriesInBatchRequest, InvalidBatchEntryId, BatchEntryIdsNotDistinct) and the shape of
// an entry that failed on its own (listed in Failed while the others succeed).
#pragma once
#include <cloudemu/protocol/aws_error.hpp>
#include <string_view>
#include <vector>

#include "sqs_ops.hpp"

namespace sqs {

/// The request's Entries after the batch rules; `entry_shape` names the entry in messages
/// ("SendMessageBatchRequestEntry").
std::vector<Json> batch_entries(const Call& call, std::string_view entry_shape);

/// {"Id", "SenderFault", "Code", "Message"} for the entry `id` that failed with `e`.
OJson failed_entry(const Call& call, const std::string& id, const ce::AwsError& e);

/// Runs fn(entry) for each entry; an AwsError it throws becomes that entry's Failed item.
/// @return {"Successful": [...], "Failed": [...]} (empty lists left out in JSON, as SQS does).
template <typename Fn>
OJson run_batch(const Call& call, const std::vector<Json>& entries, Fn&& fn) {
  OJson successful = OJson::array(), failed = OJson::array();
  for (const Json& entry : entries) {
    const std::string id = entry.value("Id", std::string());
    try {
      OJson ok = fn(entry);
      OJson item;
      item["Id"] = id;
      for (auto& [k, v] : ok.items()) item[k] = v;
      successful.push_back(std::move(item));
    } catch (const ce::AwsError& e) {
      failed.push_back(failed_entry(call, id, e));
    }
  }
  OJson out = OJson::object();
  out["Successful"] = std::move(successful);
  out["Failed"] = std::move(failed);
  return out;
}

}  // namespace sqs
