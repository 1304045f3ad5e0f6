// The one clock every plugin reads (ce_host_api_v1.now_ms): the system clock plus an offset that
// tests move forward through POST /_cloudemu/clock, so expiries are testable without sleeping.
#pragma once
#include <atomic>
#include <cstdint>

namespace ce::host {

class HostClock {
 public:
  int64_t now_ms() const;
  int64_t offset_ms() const { return offset_ms_.load(std::memory_order_relaxed); }
  /// Moves the clock forward (never back: expiries already reached must stay reached).
  void advance(int64_t ms);
  static int64_t system_now_ms();

 private:
  std::atomic<int64_t> offset_ms_{0};
};

}  // namespace ce::host
