// Whole requests through the S3 plugin on the SDK's fake host: every parser S3 runs on client
// input (addressing, query, headers, aws-chunked bodies, XML documents, form uploads, ranges,
// dates) behind the real dispatch. Any answer is fine except a handler failure (500, which means
// an exception other than an S3 error escaped), an unfinished response or an ABI misuse.
//
// Input: byte 0 picks the method, byte 1 the target's shape; then the target up to '\n', header
// lines "name:value" up to an empty line, and the rest is the body.
#include <cloudemu/testing/fuzz_host.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

namespace {

void seed(ce::testing::FakeHost& fake) {
  // A bucket with versioning and a few objects, so object-level paths have something to act on.
  fake.request("s3", "PUT", "/bkt", "");
  fake.request("s3", "PUT", "/bkt?versioning",
               "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>");
  fake.request("s3", "PUT", "/bkt/k", "0123456789");
  fake.request("s3", "PUT", "/bkt/dir/k2", std::string(20000, 'x'));
}

ce::testing::FakeHost& host() {
  return ce::testing::fuzz_host(&ce_plugin_entry, "s3", &seed);
}

std::string_view take_line(std::string_view& in) {
  const auto nl = in.find('\n');
  const std::string_view line = in.substr(0, nl);
  in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr const char* k_methods[] = {"GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS"};
  static constexpr const char* k_prefixes[] = {"/bkt/", "/bkt", "/", "/bkt/k", "/bkt/dir/"};
  if (size < 2) return 0;
  ce::testing::HttpRequest req;
  req.method = k_methods[data[0] % 6];
  std::string_view in(reinterpret_cast<const char*>(data) + 2, size - 2);
  req.target = std::string(k_prefixes[data[1] % 5]) + std::string(take_line(in));
  for (int i = 0; i < 32 && !in.empty(); ++i) {
    const std::string_view line = take_line(in);
    if (line.empty()) break;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;
    req.headers.emplace_back(std::string(line.substr(0, colon)),
                             std::string(line.substr(colon + 1)));
  }
  req.body = std::string(in);
  req.body_chunk = 1 + (data[1] >> 3) * 97;  // vary how bodies arrive
  const auto r = host().request("s3", req);
  ce::testing::require_sound_answer(host(), r, req.method + " " + req.target);
  return 0;
}
