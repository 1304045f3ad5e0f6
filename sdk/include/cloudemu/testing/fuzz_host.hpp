// What the whole-request fuzz targets of service plugins share: one fake host with the plugin
// loaded and seeded, and the rule that makes an answer a finding.
#pragma once
#include <cloudemu/testing/fake_host.hpp>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ce::testing {

/// The fake host of a fuzz target (one per process): created on the first call with `entry`
/// loaded and `seed` applied. State grows with every input, so every `reset_every` calls the
/// service's state is dropped and seeded again, which keeps each run fast and the fuzzer's pace.
inline FakeHost& fuzz_host(const ce_plugin_descriptor* (*entry)(), const char* service,
                           void (*seed)(FakeHost&), unsigned reset_every = 512) {
  static FakeHost* host = [&] {
    auto* fake = new FakeHost();  // never freed: libFuzzer exits without unwinding
    if (fake->load(entry) != CE_OK) std::abort();
    seed(*fake);
    return fake;
  }();
  static unsigned runs = 0;
  if (++runs % reset_every == 0) {
    host->reset(service);
    seed(*host);
  }
  return *host;
}

/// Any answer is fine except a handler failure (500: an exception other than the service's own
/// error escaped), a response left unfinished, or an ABI misuse: those abort, which libFuzzer
/// reports with the input. `what` names the request in the report.
inline void require_sound_answer(FakeHost& fake, const HttpResponse& r, std::string_view what) {
  if (r.finished && r.status != 500 && fake.violations().empty()) return;
  std::fprintf(stderr, "%.*s: status %u finished %d handle_error %s body %s\n",
               static_cast<int>(what.size()), what.data(), r.status, r.finished ? 1 : 0,
               r.handle_error.c_str(), r.body.c_str());
  for (const auto& v : fake.violations()) std::fprintf(stderr, "violation: %s\n", v.c_str());
  std::abort();
}

}  // namespace ce::testing
