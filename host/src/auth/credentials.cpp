#include "credentials.hpp"

#include <cloudemu/aws_ids.hpp>
#include <cloudemu/text.hpp>

namespace ce::host::auth {
std::string account_for_access_key(std::string_view id) {
  // One rule for the host and the STS/IAM plugins that issue keys (cloudemu/aws_ids.hpp).
  return ce::account_for_access_key(id);
}

std::optional<Credentials> Credentials::parse(std::string_view spec, std::string* error) {
  Credentials creds;
  while (!spec.empty()) {
    const std::size_t comma = spec.find(',');
    const std::string_view item = ce::trim_blanks(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    // Secrets contain '/' and '+' but never ':' or ',', so the first ':' splits.
    const std::size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == item.size()) {
      if (error != nullptr) *error = "credential '" + std::string(item) + "' is not AKID:SECRET";
      return std::nullopt;
    }
    creds.add(std::string(item.substr(0, colon)), std::string(item.substr(colon + 1)));
  }
  return creds;
}

void Credentials::add(std::string access_key_id, std::string secret, std::string account_id,
                      std::string session_token) {
  if (account_id.empty()) account_id = account_for_access_key(access_key_id);
  keys_[std::move(access_key_id)] =
      CredentialEntry{std::move(secret), std::move(account_id), std::move(session_token)};
}

const CredentialEntry* Credentials::find(std::string_view access_key_id) const {
  const auto it = keys_.find(access_key_id);
  return it == keys_.end() ? nullptr : &it->second;
}

}  // namespace ce::host::auth
