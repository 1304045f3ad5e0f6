#include "runtime/clock.hpp"

#include <chrono>

namespace ce::host {

int64_t HostClock::system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t HostClock::now_ms() const {
  return system_now_ms() + offset_ms();
}

void HostClock::advance(int64_t ms) {
  if (ms > 0) offset_ms_.fetch_add(ms, std::memory_order_relaxed);
}

}  // namespace ce::host
