#include "canonical_request.hpp"

#include <algorithm>

namespace ce::host::auth {
namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// Trimall from the spec: strip both ends, fold inner whitespace runs to one space.
void append_trimmed(std::string& out, std::string_view value) {
  bool pending_space = false;
  bool wrote = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = wrote;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
    wrote = true;
  }
}

// RFC 3986 5.2.4 plus the AWS rule that empty segments ("//") vanish; same shape as the
// reference signers produce for non-S3 services. A trailing '/' survives.
std::string normalize_path(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
    } else if (!seg.empty() && seg != ".") {
      out.push_back(seg);
    }
    start = end + 1;
  }
  std::string result = path.front() == '/' ? "/" : "";
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result += '/';
    result += out[i];
  }
  if (path.back() == '/' && !out.empty()) result += '/';
  return result.empty() ? "/" : result;
}

}  // namespace

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view raw_query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= raw_query.size() && !raw_query.empty()) {
    std::size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    const std::string_view item = raw_query.substr(start, end - start);
    if (!item.empty()) {  // "a&&b" has no empty parameter in between
      const std::size_t eq = item.find('=');
      if (eq == std::string_view::npos) {
        pairs.emplace_back(percent_decode(item), std::string());
      } else {
        pairs.emplace_back(percent_decode(item.substr(0, eq)), percent_decode(item.substr(eq + 1)));
      }
    }
    start = end + 1;
  }
  return pairs;
}

std::optional<std::string_view> find_header(std::span<const HeaderView> headers,
                                            std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (iequals(n, name)) return v;
  }
  return std::nullopt;
}

std::string canonical_uri(std::string_view raw_path, std::string_view service) {
  if (service == "s3") return raw_path.empty() ? std::string("/") : std::string(raw_path);
  return uri_encode(normalize_path(raw_path), /*keep_slash=*/true);
}

std::string canonical_query(std::string_view raw_query, bool presigned) {
  std::vector<std::pair<std::string, std::string>> encoded;
  for (auto& [name, value] : parse_query(raw_query)) {
    if (presigned && name == "X-Amz-Signature") continue;
    encoded.emplace_back(uri_encode(name, false), uri_encode(value, false));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonical_headers(std::span<const HeaderView> headers,
                              const std::vector<std::string>& signed_headers) {
  std::vector<std::string> names;
  names.reserve(signed_headers.size());
  for (const auto& n : signed_headers) {
    std::string lower(n);
    std::transform(lower.begin(), lower.end(), lower.begin(), ascii_lower);
    names.push_back(std::move(lower));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());

  std::string out;
  for (const auto& name : names) {
    out += name;
    out += ':';
    bool first = true;
    for (const auto& [n, v] : headers) {
      if (!iequals(n, name)) continue;
      if (!first) out += ',';
      append_trimmed(out, v);
      first = false;
    }
    out += '\n';
  }
  return out;
}

std::string canonical_request(const RequestView& request, const ParsedAuth& auth,
                              std::string_view payload_hash) {
  std::vector<std::string> sorted = auth.signed_headers;
  for (auto& n : sorted) std::transform(n.begin(), n.end(), n.begin(), ascii_lower);
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string signed_list;
  for (const auto& n : sorted) {
    if (!signed_list.empty()) signed_list += ';';
    signed_list += n;
  }

  std::string out;
  out += request.method;
  out += '\n';
  out += canonical_uri(request.raw_path, auth.service);
  out += '\n';
  out += canonical_query(request.raw_query, auth.kind == AuthKind::presigned_v4);
  out += '\n';
  out += canonical_headers(request.headers, sorted);
  out += '\n';
  out += signed_list;
  out += '\n';
  out += payload_hash;
  return out;
}

}  // namespace ce::host::auth
