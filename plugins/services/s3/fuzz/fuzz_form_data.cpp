// The browser-upload parsers: the multipart/form-data reader (fed in pieces of a fuzzed size, so
// delimiters land across reads), the Content-Type boundary parser and the POST policy checker.
// Any bytes are accepted or refused with an AwsError, never crash or throw anything else; memory
// stays bounded; and a form built from well-formed fields reads back exactly.
//
// Input: a selector byte, a read-size byte, then the payload.
#include <algorithm>
#include <cloudemu/protocol/aws_error.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3_checksum.hpp"
#include "s3_form_data.hpp"
#include "s3_post_object_policy.hpp"

namespace {

constexpr std::string_view k_boundary = "XyZ";

template <typename Fn>
void refused_ok(Fn&& fn) {
  try {
    fn();
  } catch (const ce::AwsError&) {
    // Refusing input is fine; anything else propagates and libFuzzer reports it.
  }
}

s3::FormDataReader reader_over(std::string_view body, std::size_t step, std::size_t& at) {
  return s3::FormDataReader(k_boundary, [body, step, &at](char* buf, std::size_t cap) {
    const std::size_t n = std::min({cap, step, body.size() - at});
    std::memcpy(buf, body.data() + at, n);
    at += n;
    return n;
  });
}

/// Every part of arbitrary bytes: values bounded, the file streamed.
void parse_any(std::string_view body, std::size_t step) {
  std::size_t at = 0;
  auto reader = reader_over(body, step, at);
  refused_ok([&] {
    uint64_t last = 0;
    while (auto part = reader.next_part()) {
      if (reader.offset() < last || reader.offset() > body.size()) std::abort();
      last = reader.offset();
      if (part->name == "file") {
        reader.read_data([](std::string_view) {});
      } else if (const auto v = reader.read_value(1024); v && v->size() > 1024) {
        std::abort();
      }
    }
  });
}

/// Fields cut from the payload at NUL bytes, written as a browser would, must read back as sent.
void round_trip(std::string_view payload, std::size_t step) {
  std::vector<std::pair<std::string, std::string>> fields;
  while (!payload.empty() && fields.size() < 16) {
    const std::size_t cut = payload.find('\0');
    std::string value(payload.substr(0, cut));
    payload = cut == std::string_view::npos ? std::string_view{} : payload.substr(cut + 1);
    // A value holding the delimiter cannot be sent in this form (the browser picks another
    // boundary).
    if (value.find("\r\n--" + std::string(k_boundary)) != std::string::npos) continue;
    fields.emplace_back("f" + std::to_string(fields.size()), std::move(value));
  }
  std::string body = "--" + std::string(k_boundary);
  for (const auto& [name, value] : fields)
    body += "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n--" +
            std::string(k_boundary);
  body += "--\r\n";
  std::size_t at = 0;
  auto reader = reader_over(body, step, at);
  for (const auto& [name, value] : fields) {
    const auto part = reader.next_part();
    if (!part || part->name != name) std::abort();
    std::string got;
    reader.read_data([&](std::string_view piece) { got += piece; });
    if (got != value) std::abort();
  }
  if (reader.next_part()) std::abort();
}

void check_policy(std::string_view payload) {
  s3::PostForm form;
  form.fields = {{"key", "user/a.txt"},
                 {"content-type", "image/png, image/jpeg"},
                 {"x-amz-meta-color", "red"},
                 {"x-ignore-me", "1"}};
  refused_ok([&] {
    (void)s3::check_post_policy(s3::base64_encode(payload), form, "bkt", 1'700'000'000'000);
  });
  refused_ok([&] { (void)s3::check_post_policy(payload, form, "bkt", 1'700'000'000'000); });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const std::size_t step = std::size_t{data[1]} + 1;
  const std::string_view payload(reinterpret_cast<const char*>(data) + 2, size - 2);
  switch (data[0] % 4) {
    case 0:
      parse_any(payload, step);
      break;
    case 1:
      round_trip(payload, step);
      break;
    case 2:
      check_policy(payload);
      break;
    default:
      (void)s3::multipart_boundary(payload);
      break;
  }
  return 0;
}
