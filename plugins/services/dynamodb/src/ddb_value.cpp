// AttributeValue equality and ordering; see ddb_value.hpp.
#include "ddb_value.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "ddb_number.hpp"

namespace ddb {
namespace {

using Json = nlohmann::json;

constexpr std::array<int, 256> k_base64_table = [] {
  std::array<int, 256> t{};
  t.fill(-1);
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = i;
  return t;
}();

/// Bytes of a B value, falling back to the text itself if it is not base64 (the caller validated
/// request values, so this only matters for damaged data).
std::string bytes_of(const Json& text) {
  const std::string& s = text.get_ref<const std::string&>();
  auto decoded = base64_decode(s);
  return decoded ? std::move(*decoded) : s;
}

int sign(int c) {
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

/// Equality of two sets given as arrays, after mapping each element to a canonical key.
template <typename KeyFn>
bool sets_equal(const Json& a, const Json& b, KeyFn key) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  std::vector<std::string> ka, kb;
  for (const auto& e : a) ka.push_back(key(e));
  for (const auto& e : b) kb.push_back(key(e));
  std::sort(ka.begin(), ka.end());
  std::sort(kb.begin(), kb.end());
  return ka == kb;
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    const int v = k_base64_table[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char k_alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    if (i + 2 < bytes.size())
      chunk |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out.push_back(k_alphabet[(chunk >> 18) & 63]);
    out.push_back(k_alphabet[(chunk >> 12) & 63]);
    out.push_back(i + 1 < bytes.size() ? k_alphabet[(chunk >> 6) & 63] : '=');
    out.push_back(i + 2 < bytes.size() ? k_alphabet[chunk & 63] : '=');
  }
  return out;
}

std::string_view value_type(const Json& v) {
  if (!v.is_object() || v.size() != 1) return {};
  const std::string& key = v.begin().key();
  static constexpr std::string_view k_types[] = {"S",  "N", "B", "SS",   "NS",
                                                 "BS", "M", "L", "NULL", "BOOL"};
  for (const auto t : k_types) {
    if (key == t) return t;
  }
  return {};
}

bool values_equal(const Json& a, const Json& b) {
  const auto type = value_type(a);
  if (type.empty() || type != value_type(b)) return false;
  const Json& x = a.begin().value();
  const Json& y = b.begin().value();
  try {
    if (type == "N")
      return Number::parse(x.get<std::string>()) == Number::parse(y.get<std::string>());
    if (type == "B") return bytes_of(x) == bytes_of(y);
    if (type == "SS") {
      return sets_equal(x, y, [](const Json& e) { return e.get<std::string>(); });
    }
    if (type == "NS") {
      return sets_equal(
          x, y, [](const Json& e) { return Number::parse(e.get<std::string>()).sort_key(); });
    }
    if (type == "BS") return sets_equal(x, y, bytes_of);
    if (type == "L") {
      if (!x.is_array() || !y.is_array() || x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!values_equal(x[i], y[i])) return false;
      }
      return true;
    }
    if (type == "M") {
      if (!x.is_object() || !y.is_object() || x.size() != y.size()) return false;
      for (auto it = x.begin(); it != x.end(); ++it) {
        const auto other = y.find(it.key());
        if (other == y.end() || !values_equal(it.value(), *other)) return false;
      }
      return true;
    }
  } catch (const std::exception&) {
    return false;  // damaged stored values (not text, not numbers) equal nothing
  }
  return x == y;  // S, BOOL, NULL
}

std::optional<int> compare_values(const Json& a, const Json& b) {
  const auto type = value_type(a);
  if (type != value_type(b)) return std::nullopt;
  const Json& x = a.begin().value();
  const Json& y = b.begin().value();
  if (!x.is_string() || !y.is_string()) return std::nullopt;
  try {
    if (type == "S") {
      return sign(x.get_ref<const std::string&>().compare(y.get_ref<const std::string&>()));
    }
    if (type == "N")
      return Number::parse(x.get<std::string>()).compare(Number::parse(y.get<std::string>()));
    if (type == "B") return sign(bytes_of(x).compare(bytes_of(y)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace ddb
