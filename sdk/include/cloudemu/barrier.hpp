// The exception barrier every plugin-side C trampoline runs inside: no exception crosses the ABI.
#pragma once
#include <cloudemu/status.hpp>
#include <exception>
#include <string>

namespace ce {

/// Runs fn; an escaping exception becomes `fail_status` with the exception's text in err, prefixed
/// by `where` so the log names the plugin and the call (see tests/abi: "init throws").
template <typename Fn>
ce_status barrier(const char* where, ce_error* err, ce_status fail_status, Fn&& fn) noexcept {
  try {
    return fn();
  } catch (const std::exception& e) {
    return fail(err, fail_status, std::string(where) + ": uncaught exception: " + e.what());
  } catch (...) {
    return fail(err, fail_status, std::string(where) + ": uncaught non-standard exception");
  }
}

}  // namespace ce
