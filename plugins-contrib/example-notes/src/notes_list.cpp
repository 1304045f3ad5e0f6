// ListNotes: GET /_example/notes[?prefix=p] -> {"notes": ["a", "b"]}, sorted bytewise.
#include <cloudemu/keycodec.hpp>
#include <cloudemu/protocol/rest_json.hpp>
#include <nlohmann/json.hpp>

#include "notes_service.hpp"

namespace notes {

void NotesService::list(ce::Request& req, ce::Response& resp) {
  const std::string prefix = req.query_param("prefix").value_or("");
  // Keys are (account, region, name): the tuple codec keeps names in byte order, and the escaped
  // name prefix without its terminator bounds the scan (keycodec_test "prefix_successor").
  const std::string start =
      ce::KeyWriter().str(req.account_id()).str(req.region()).str_prefix(prefix).take();
  const std::optional<std::string> end = ce::prefix_successor(start);

  nlohmann::json names = nlohmann::json::array();
  {
    ce::ReadTxn txn(ctx_);
    ce::Cursor cur = txn.cursor(notes_);
    for (auto kv = cur.seek(start); kv && (!end || kv->first < *end); kv = cur.next()) {
      ce::KeyReader r(kv->first);
      r.str();  // account
      r.str();  // region
      names.push_back(r.str());
    }
  }
  resp.send(200, ce::k_content_type_rest_json, nlohmann::json{{"notes", names}}.dump());
}

}  // namespace notes
