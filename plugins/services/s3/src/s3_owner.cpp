#include "s3_owner.hpp"

#include "s3_checksum.hpp"

namespace s3 {

std::string canonical_user_id(std::string_view account) {
  Hasher h(ChecksumAlgorithm::sha256);
  h.update("cloudemu-canonical-user:");
  h.update(account);
  return to_hex(h.digest());
}

void write_owner(ce::XmlWriter& w, std::string_view account, std::string_view element) {
  w.open(element);
  w.element("ID", canonical_user_id(account));
  w.element("DisplayName", "account-" + std::string(account));
  w.close();
}

}  // namespace s3
