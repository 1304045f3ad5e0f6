// POST /_cloudemu/clock answers once what it set off has run: TimerService::settle waits for the
// due timers and for the tasks the timer thread handed to the workers.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "runtime/scheduler.hpp"

using namespace ce::host;
using namespace std::chrono_literals;

TEST_CASE("settle waits until the timers a clock move fired have returned", "[timers]") {
  HostClock clock;
  WorkerPool workers(2);
  TimerService timers(clock, workers);
  std::atomic<int> ran{0};
  timers.start(60'000, [&] {
    std::this_thread::sleep_for(50ms);  // still running when the move is answered without waiting
    ran += 1;
  });
  timers.start(120'000, [&] { ran += 100; });  // not due after the move below
  CHECK(timers.settle(1000));                  // nothing due yet: settled at once
  CHECK(ran == 0);

  clock.advance(61'000);
  timers.clock_moved();
  CHECK(timers.settle(5000));
  CHECK(ran == 1);

  // A task that outlasts the wait is reported, and the next wait sees it through.
  timers.start(0, [] { std::this_thread::sleep_for(300ms); });
  CHECK_FALSE(timers.settle(20));
  CHECK(timers.settle(5000));
  CHECK(ran == 1);
  timers.stop();
  workers.stop();
}
