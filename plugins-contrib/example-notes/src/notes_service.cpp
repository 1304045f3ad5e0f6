// Request routing of example-notes: path shape and method -> operation.
#include "notes_service.hpp"

#include <charconv>
#include <cloudemu/keycodec.hpp>
#include <cloudemu/protocol/aws_error.hpp>

namespace notes {

namespace {
constexpr std::string_view k_prefix = "/_example/notes";
constexpr std::string_view k_echo = "_echo-to/";

int64_t parse_wait(const std::string& text) {
  int64_t ms = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec != std::errc{} || end != text.data() + text.size() || ms < 0 ||
      ms > NotesService::k_max_wait_ms) {
    throw ce::AwsError::validation("wait must be an integer number of milliseconds in [0, 60000]");
  }
  return ms;
}
}  // namespace

NotesService::NotesService(ce::ServiceContext ctx, std::string_view /*config_json*/)
    : ctx_(ctx), notes_(ce::open_keyspace(ctx, "notes")) {}

// Notes are scoped per account and region, as AWS state is.
std::string NotesService::key(std::string_view account, std::string_view region,
                              std::string_view name) const {
  return ce::encode_key(account, region, name);
}

std::optional<NoteMeta> NotesService::find(std::string_view key) {
  ce::ReadTxn txn(ctx_);
  const auto value = txn.get(notes_, key);
  if (!value) return std::nullopt;
  return ce::decode_record<NoteMeta>(*value, k_meta_version);
}

void NotesService::handle(ce::Request& req, ce::Response& resp) {
  const auto path = req.decoded_path();
  if (!path || path->compare(0, k_prefix.size(), k_prefix) != 0) {
    throw ce::AwsError::validation("malformed path");
  }
  std::string_view rest = std::string_view(*path).substr(k_prefix.size());
  const std::string_view method = req.method();
  if (rest.empty() || rest == "/") {
    if (method != "GET")
      throw ce::AwsError::client(405, "MethodNotAllowed", "use GET to list notes");
    resp.operation("ListNotes");
    return list(req, resp);
  }
  if (rest.front() != '/') throw ce::AwsError::not_found("NoSuchNote", "no such route");
  rest.remove_prefix(1);
  if (rest.substr(0, k_echo.size()) == k_echo && method == "POST") {
    resp.operation("EchoTo");
    return echo_to(req, resp, rest.substr(k_echo.size()));
  }
  // Names starting with '_' are reserved for operations like _echo-to.
  if (rest.size() > k_max_name || rest.front() == '_') {
    throw ce::AwsError::validation("note names are 1-256 bytes and do not start with '_'");
  }
  const std::string name(rest);
  if (method == "PUT") {
    resp.operation("PutNote");
    return put(req, resp, name);
  }
  if (method == "GET" || method == "HEAD") {
    resp.operation(method == "GET" ? "GetNote" : "HeadNote");
    if (const auto wait = req.query_param("wait"); wait && method == "GET") {
      return wait_then_get(req, resp, name, parse_wait(*wait));
    }
    return get(req, resp, name);
  }
  if (method == "DELETE") {
    resp.operation("DeleteNote");
    return del(req, resp, name);
  }
  throw ce::AwsError::client(405, "MethodNotAllowed", "method not allowed on a note");
}

}  // namespace notes
