#include "s3_bucket_name.hpp"

namespace s3 {

namespace {
bool lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool looks_like_ipv4(std::string_view s) {
  int dots = 0;
  for (char c : s) {
    if (c == '.') {
      ++dots;
    } else if (c < '0' || c > '9') {
      return false;
    }
  }
  return dots == 3;
}

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
}  // namespace

bool valid_bucket_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  if (!lower_or_digit(name.front()) || !lower_or_digit(name.back())) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (!lower_or_digit(c) && c != '.' && c != '-') return false;
    if (c == '.' && i > 0 && name[i - 1] == '.') return false;
  }
  if (looks_like_ipv4(name)) return false;
  for (const auto p : {"xn--", "sthree-", "amzn-s3-demo-"})
    if (std::string_view(name).starts_with(p)) return false;
  for (const auto s : {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"})
    if (ends_with(name, s)) return false;
  return true;
}

}  // namespace s3
