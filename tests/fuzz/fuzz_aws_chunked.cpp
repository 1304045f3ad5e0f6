// Fuzzes ce::aws_chunked::Decoder. Byte 0 picks options, byte 1 a slice size; the rest is the
// body. Differential: decoding in slices must give exactly what decoding in one piece gives
// (data, error, trailers), and the data a SignatureCheck sees must be the data emitted.
#include <cloudemu/aws_chunked.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace chunked = ce::aws_chunked;

namespace {

struct Recorder : chunked::SignatureCheck {
  bool refuse_second = false;
  int chunks = 0;
  std::string seen;
  void chunk_data(std::string_view b) override { seen += b; }
  bool chunk_end(std::string_view sig) override {
    if (sig.size() != 64) __builtin_trap();  // the decoder validated it
    return !(refuse_second && ++chunks == 2);
  }
  bool trailers_end(std::span<const chunked::Trailer>, std::string_view) override { return true; }
};

struct Run {
  chunked::Error error;
  std::string data;
  std::vector<chunked::Trailer> trailers;
};

Run decode(std::string_view body, std::size_t step, chunked::Options opt, Recorder& rec) {
  opt.signatures = &rec;
  chunked::Decoder d(opt);
  Run run{chunked::Error::none, {}, {}};
  for (std::size_t i = 0; i < body.size() && run.error == chunked::Error::none; i += step) {
    run.error = d.feed(body.substr(i, step), [&](std::string_view s) { run.data += s; });
  }
  if (run.error == chunked::Error::none) run.error = d.finish();
  if (run.error == chunked::Error::none && !d.done()) __builtin_trap();
  if (opt.decoded_length && run.data.size() > *opt.decoded_length) __builtin_trap();
  run.trailers = d.trailers();
  return run;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t flags = bytes[0];
  const std::size_t step = 1 + bytes[1] % 64;
  const std::string_view body(reinterpret_cast<const char*>(bytes + 2), size - 2);

  chunked::Options opt;
  opt.require_chunk_signatures = flags & 1;
  opt.require_trailer_signature = flags & 2;
  if (flags & 4) opt.decoded_length = (flags >> 4) * 3;
  if (flags & 8) opt.limits = {32, 64, 1u << 20, 4};  // tiny limits reach the limit paths

  Recorder whole_rec, sliced_rec;
  whole_rec.refuse_second = sliced_rec.refuse_second = (flags & 0x80) != 0;
  const Run whole = decode(body, body.size() + 1, opt, whole_rec);
  const Run sliced = decode(body, step, opt, sliced_rec);
  if (whole.error != sliced.error || whole.data != sliced.data ||
      whole.trailers != sliced.trailers) {
    __builtin_trap();
  }
  if (whole_rec.seen != whole.data) __builtin_trap();
  (void)chunked::parse_trailer_names(body);
  return 0;
}
