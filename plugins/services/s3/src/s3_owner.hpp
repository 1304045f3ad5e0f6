// S3 identifies owners by a 64-hex canonical user id; ours is derived from the account id so it
// is stable across restarts and distinct per account.
#pragma once
#include <cloudemu/protocol/xml_writer.hpp>
#include <string>
#include <string_view>

namespace s3 {

std::string canonical_user_id(std::string_view account);
/// <Owner><ID>..</ID><DisplayName>..</DisplayName></Owner> (element name may be Initiator).
void write_owner(ce::XmlWriter& w, std::string_view account, std::string_view element = "Owner");

}  // namespace s3
