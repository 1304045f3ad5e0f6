// Storage keys: decoding arbitrary bytes never crashes (it throws KeyDecodeError), and whatever
// decodes re-encodes to the same bytes (the encoding is canonical, so listings stay ordered).
#include <cloudemu/keycodec.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  try {
    auto [a, b, c] = ce::decode_key<std::string, uint32_t, std::string>(in);
    if (ce::encode_key(a, b, c) != in) std::abort();
  } catch (const ce::KeyDecodeError&) {
  }
  try {
    auto [x, y] = ce::decode_key<int64_t, std::string>(in);
    if (ce::encode_key(x, y) != in) std::abort();
  } catch (const ce::KeyDecodeError&) {
  }
  if (auto next = ce::prefix_successor(in); next && !(in < *next)) std::abort();
  return 0;
}
