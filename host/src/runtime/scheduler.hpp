// Worker threads and timers. Handlers, timer callbacks and posted tasks run on the worker pool;
// timers are due on the host clock, so advancing the clock fires them at once.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "runtime/clock.hpp"

namespace ce::host {

class WorkerPool {
 public:
  explicit WorkerPool(unsigned threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  void post(std::function<void()> task);
  /// Runs what was posted, then joins the threads.
  void stop();
  unsigned size() const { return static_cast<unsigned>(threads_.size()); }

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::function<void()>> queue_;  // LIFO is fine: tasks are independent requests
  std::size_t head_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class TimerService {
 public:
  TimerService(HostClock& clock, WorkerPool& workers);
  ~TimerService();
  /// Schedules task at host time now + delay_ms; returns its id (never 0).
  uint64_t start(int64_t delay_ms, std::function<void()> task, uint64_t owner = 0);
  /// True when the timer was still waiting and now will not run.
  bool cancel(uint64_t id);
  /// Cancels every waiting timer of an owner (a service being destroyed).
  void cancel_owner(uint64_t owner);
  /// Wakes the timer thread after the clock moved.
  void clock_moved();
  /// Waits until no timer is due on the host clock and every task the timer thread handed to the
  /// workers has returned, for at most `timeout_ms` of real time: what moving the clock set off
  /// (a TTL sweep, a lifecycle run, the end of a long poll) is then done. @return whether it was.
  bool settle(int64_t timeout_ms);
  void stop();
  std::size_t pending() const;

 private:
  struct Entry {
    std::function<void()> task;
    uint64_t owner;
    std::multimap<int64_t, uint64_t>::iterator due_it;
  };
  void run();
  /// Fired tasks not yet returned. Shared with the tasks themselves, which may outlive this.
  struct Running {
    std::atomic<int> count{0};
  };
  HostClock& clock_;
  WorkerPool& workers_;
  std::shared_ptr<Running> running_ = std::make_shared<Running>();
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::multimap<int64_t, uint64_t> due_;  // due host time -> id
  std::unordered_map<uint64_t, Entry> entries_;
  uint64_t next_id_ = 1;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ce::host
