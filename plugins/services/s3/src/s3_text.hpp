// Small text helpers every family needs: comma-separated header lists, ASCII case.
#pragma once
#include <cloudemu/text.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace s3 {

/// Comma-separated header lists: the SDK's rule (cloudemu/text.hpp).
using ce::split_list;

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

}  // namespace s3
