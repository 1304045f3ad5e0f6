// Who may sign: access key id -> secret (and account), plus the account rule for unknown keys.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ce::host::auth {

/// The account a request acts in: a 12-digit numeric access key id *is* that account id
/// (LocalStack's convention, so tests can address several accounts); an AKIA/ASIA key id of
/// AWS's current generation carries its account in its bits (the keys IAM and STS issue, see
/// ce::make_aws_id); anything else is "000000000000". Temporary STS keys will be looked up in
/// Credentials first (see CredentialEntry::account_id), this is the fallback.
std::string account_for_access_key(std::string_view access_key_id);

struct CredentialEntry {
  std::string secret;
  std::string account_id;     // derived from the key id when not given
  std::string session_token;  // non-empty for temporary (STS) keys: the request must carry it
};

/// Not synchronised: the host builds it at start-up and swaps whole copies if it ever changes
/// (STS issuing keys is the expected writer, later).
class Credentials {
 public:
  /// "AKID:SECRET,AKID2:SECRET2" (spaces around items ignored). nullopt and *error set when an
  /// item lacks ':' or has an empty side.
  static std::optional<Credentials> parse(std::string_view spec, std::string* error = nullptr);

  void add(std::string access_key_id, std::string secret, std::string account_id = {},
           std::string session_token = {});
  const CredentialEntry* find(std::string_view access_key_id) const;
  std::size_t size() const { return keys_.size(); }

 private:
  std::map<std::string, CredentialEntry, std::less<>> keys_;
};

}  // namespace ce::host::auth
