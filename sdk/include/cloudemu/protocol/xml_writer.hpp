// A minimal streaming XML writer for AWS responses (query and rest-xml protocols).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ce {

/// Escapes the five XML special characters. Control characters other than tab and LF are written
/// as &#xN;, as AWS does for S3 keys: most are not valid XML 1.0 text, and a literal CR would reach
/// the client as LF (parsers normalise line ends), changing an SQS body and its MD5.
inline void xml_escape_to(std::string& out, std::string_view s) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default: {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n') {
          out += "&#x";
          if (u >= 16) out += k_hex[u >> 4];
          out += k_hex[u & 0xF];
          out += ';';
        } else {
          out += c;
        }
      }
    }
  }
}
inline std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  xml_escape_to(out, s);
  return out;
}

/// Builds compact XML (no indentation, as AWS sends it). Misnesting is a programming error caught
/// by close() asserting on an empty stack.
class XmlWriter {
 public:
  /// Writes the `<?xml version="1.0" encoding="UTF-8"?>` declaration and a newline, as S3 does.
  XmlWriter& declaration() {
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    return *this;
  }
  /// Opens <name xmlns="...">; xmlns empty means none.
  XmlWriter& open(std::string_view name, std::string_view xmlns = {}) {
    out_ += '<';
    out_ += name;
    if (!xmlns.empty()) {
      out_ += " xmlns=\"";
      xml_escape_to(out_, xmlns);
      out_ += '"';
    }
    out_ += '>';
    stack_.emplace_back(name);
    return *this;
  }
  XmlWriter& close() {
    out_ += "</";
    out_ += stack_.back();
    out_ += '>';
    stack_.pop_back();
    return *this;
  }
  /// <name>escaped text</name>
  XmlWriter& element(std::string_view name, std::string_view text) {
    out_ += '<';
    out_ += name;
    out_ += '>';
    xml_escape_to(out_, text);
    out_ += "</";
    out_ += name;
    out_ += '>';
    return *this;
  }
  /// <name/>
  XmlWriter& empty_element(std::string_view name) {
    out_ += '<';
    out_ += name;
    out_ += "/>";
    return *this;
  }
  XmlWriter& text(std::string_view t) {
    xml_escape_to(out_, t);
    return *this;
  }
  /// Closes whatever is still open and returns the document.
  std::string finish() {
    while (!stack_.empty()) close();
    return std::move(out_);
  }
  const std::string& str() const noexcept { return out_; }

 private:
  std::string out_;
  std::vector<std::string> stack_;
};

}  // namespace ce
