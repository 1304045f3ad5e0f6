// libFuzzer target: IAM policy grammar checks (iam_policy_document.hpp) on arbitrary bytes, as
// both an identity and a trust policy. Seeds: tests/fuzz/corpus/fuzz_iam_policy/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "iam_policy_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)iam::policy_problem(text, iam::PolicyUse::identity);
  (void)iam::policy_problem(text, iam::PolicyUse::trust);
  (void)iam::policy_size(text);
  return 0;
}
