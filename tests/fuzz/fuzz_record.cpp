// Stored records (msgpack behind a format-version byte): a corrupt or foreign value read back from
// storage is refused with RecordError, never a crash or an unbounded allocation.
#include <cloudemu/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  try {
    (void)ce::decode_record<std::map<std::string, std::string>>(in, 1);
  } catch (const std::exception&) {
  }
  try {
    (void)ce::decode_record<std::vector<int64_t>>(in, 3);
  } catch (const std::exception&) {
  }
  return 0;
}
