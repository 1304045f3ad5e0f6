// The host clock, timers and posted tasks with std::function callbacks.
//
// The C slots take (fn, void* user); these helpers heap-allocate the std::function and pass a
// trampoline that runs it inside a barrier, then frees it. A cancelled timer is freed by cancel.
// Timers still pending when the service is destroyed are cancelled by the host without running,
// so their closures are not freed: keep closures small and cancel long timers in the destructor.
#pragma once
#include <cloudemu/context.hpp>
#include <cloudemu/plugin.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace ce {

/// Milliseconds in an hour and in a day, for deadlines on the host clock.
inline constexpr int64_t k_hour_ms = 3'600'000;
inline constexpr int64_t k_day_ms = 24 * k_hour_ms;

/// The host clock in epoch milliseconds (tests move it). Never use the system clock for expiries.
inline int64_t now_ms(const ServiceContext& ctx) {
  return ctx.now_ms();
}

namespace detail {
struct Task {
  std::function<void()> fn;
};
/// Runs and frees a Task; an exception is logged, never propagated into the host's thread.
inline void run_task(void* user) noexcept {
  std::unique_ptr<Task> task(static_cast<Task*>(user));
  try {
    task->fn();
  } catch (const std::exception& e) {
    log_error("sdk.task", std::string("timer/post callback threw: ") + e.what());
  } catch (...) {
    log_error("sdk.task", "timer/post callback threw a non-standard exception");
  }
}
}  // namespace detail

/// Identifies a started timer for cancel_timer.
struct TimerHandle {
  uint64_t id = 0;
  detail::Task* task = nullptr;  // owned by the host-side timer until it runs or is cancelled
  explicit operator bool() const noexcept { return task != nullptr; }
};

/// Runs fn once, on a host worker thread, when the host clock reaches now + delay_ms.
/// Throws std::runtime_error when the host refuses (then fn is freed here).
inline TimerHandle start_timer(const ServiceContext& ctx, int64_t delay_ms,
                               std::function<void()> fn) {
  auto task = std::make_unique<detail::Task>(detail::Task{std::move(fn)});
  TimerHandle h;
  const ce_status s =
      ctx.api().timer_start(ctx.raw(), delay_ms, &detail::run_task, task.get(), &h.id);
  if (s != CE_OK) throw std::runtime_error(std::string("timer_start failed: ") + status_name(s));
  h.task = task.release();
  return h;
}

/// @return true if the timer will not run (its closure is freed now), false if it already ran or is
/// running (then it frees itself). Cancel a handle at most once.
inline bool cancel_timer(const ServiceContext& ctx, TimerHandle& h) {
  if (!h) return false;
  const ce_status s = ctx.api().timer_cancel(ctx.raw(), h.id);
  if (s == CE_OK) delete h.task;
  h.task = nullptr;
  return s == CE_OK;
}

/// Runs fn every interval_ms of host clock (the first time one interval after construction) until
/// destroyed: background sweeps (S3 lifecycle, DynamoDB TTL). A failing run is logged under
/// `component` and the next one is still scheduled. The destructor cancels the pending run; a run
/// in progress on another thread finishes without scheduling another.
class PeriodicTask {
 public:
  PeriodicTask(const ServiceContext& ctx, int64_t interval_ms, std::string component,
               std::function<void()> fn)
      : ctx_(ctx), interval_ms_(interval_ms), component_(std::move(component)), fn_(std::move(fn)) {
    arm();
  }
  ~PeriodicTask() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cancel_timer(ctx_, timer_);
  }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void arm() {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    timer_ = start_timer(ctx_, interval_ms_, [this] {
      try {
        fn_();
      } catch (const std::exception& e) {
        log_error(component_, std::string("periodic task failed: ") + e.what());
      }
      arm();
    });
  }
  ServiceContext ctx_;
  int64_t interval_ms_;
  std::string component_;
  std::function<void()> fn_;
  std::mutex mu_;
  TimerHandle timer_;
  bool stopped_ = false;
};

/// Runs fn soon on a host worker thread (work off the request path).
inline void post(const ServiceContext& ctx, std::function<void()> fn) {
  auto task = std::make_unique<detail::Task>(detail::Task{std::move(fn)});
  const ce_status s = ctx.api().post(ctx.raw(), &detail::run_task, task.get());
  if (s != CE_OK) throw std::runtime_error(std::string("post failed: ") + status_name(s));
  task.release();
}

}  // namespace ce
