// Query strings and form bodies (query protocol, routing by Action, admin parameters): any bytes
// parse or are refused, and a decoded value re-encodes to something that decodes to it again;
// the member.N / entry.N decoders take whatever parsed.
#include <cloudemu/protocol/query_form.hpp>
#include <cloudemu/url.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (auto params = ce::parse_form(in)) {
    for (const auto& [k, v] : *params) {
      const auto again = ce::percent_decode(ce::percent_encode(v), true);
      if (!again || *again != v) std::abort();
      (void)k;
    }
    // The query protocol's list and map decoders (query_form.hpp) over the same parameters.
    (void)ce::query::members(*params, "Tags");
    (void)ce::query::member_values(*params, "TagKeys");
    (void)ce::query::entry_map(*params, "Attributes");
  }
  (void)ce::query_param(in, "Action");
  (void)ce::percent_decode(in, false);
  return 0;
}
