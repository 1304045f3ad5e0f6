// CompleteMultipartUpload bodies and UploadPartCopy ranges come straight from clients: any bytes
// must parse or be refused with an S3 error (never another exception, a crash or a hang), and
// what parses must satisfy the rules the completion relies on.
//
// Input: first byte picks the parser; the rest is the document or header value.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "s3_multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0: {
        const auto parts = s3::parse_complete_parts(in);
        if (parts.empty()) std::abort();
        for (const auto& p : parts)
          if (p.number > 0x7FFFFFFFu) std::abort();
        try {
          s3::check_part_order(parts);
          for (std::size_t i = 1; i < parts.size(); ++i)
            if (parts[i].number <= parts[i - 1].number) std::abort();
        } catch (const ce::AwsError& e) {
          if (e.code != "InvalidPartOrder") std::abort();
        }
        break;
      }
      case 1: {
        // The source size rides in the first bytes so ranges near it are reachable.
        uint64_t source_size = 0;
        std::string_view header = in;
        for (int i = 0; i < 2 && !header.empty(); ++i) {
          source_size = (source_size << 8) | static_cast<uint8_t>(header.front());
          header.remove_prefix(1);
        }
        const auto r = s3::parse_copy_range(header, source_size);
        if (r.first > r.last || r.last >= source_size) std::abort();
        break;
      }
      default: {
        const uint32_t n = s3::parse_part_number(in);
        if (n < 1 || n > s3::k_max_part_number) std::abort();
      }
    }
  } catch (const ce::AwsError&) {
    // A refusal is a valid outcome.
  }
  return 0;
}
