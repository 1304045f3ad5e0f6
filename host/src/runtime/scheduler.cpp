#include "runtime/scheduler.hpp"

#include <chrono>

#include "observability/log.hpp"

namespace ce::host {

WorkerPool::WorkerPool(unsigned threads) {
  if (threads == 0) threads = 1;
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  stop();
}

void WorkerPool::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  ready_.notify_one();
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || head_ < queue_.size(); });
      if (head_ >= queue_.size()) return;  // stopping and drained
      task = std::move(queue_[head_++]);
      if (head_ == queue_.size()) {  // FIFO without a deque: reset when drained
        queue_.clear();
        head_ = 0;
      }
    }
    try {
      task();
    } catch (const std::exception& e) {
      log_error("host", std::string("worker task threw: ") + e.what());
    } catch (...) {
      log_error("host", "worker task threw a non-standard exception");
    }
  }
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

TimerService::TimerService(HostClock& clock, WorkerPool& workers)
    : clock_(clock), workers_(workers), thread_([this] { run(); }) {}

TimerService::~TimerService() {
  stop();
}

uint64_t TimerService::start(int64_t delay_ms, std::function<void()> task, uint64_t owner) {
  uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    auto it = due_.emplace(clock_.now_ms() + (delay_ms < 0 ? 0 : delay_ms), id);
    entries_.emplace(id, Entry{std::move(task), owner, it});
  }
  wake_.notify_one();
  return id;
}

bool TimerService::cancel(uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return false;
  due_.erase(it->second.due_it);
  entries_.erase(it);
  return true;
}

void TimerService::cancel_owner(uint64_t owner) {
  std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.owner == owner) {
      due_.erase(it->second.due_it);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

void TimerService::clock_moved() {
  // Through the mutex: the timer thread may have read the old time and not yet be waiting; a
  // notification then would be lost and it would sleep until its old deadline (a flaky test).
  { std::lock_guard lock(mutex_); }
  wake_.notify_one();
}

bool TimerService::settle(int64_t timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    bool due_now = false;
    {
      std::lock_guard lock(mutex_);
      due_now = !due_.empty() && due_.begin()->first <= clock_.now_ms();
    }
    if (!due_now && running_->count.load() == 0) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Polled: fired tasks are few and short, and this runs only for the admin clock endpoint.
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

std::size_t TimerService::pending() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void TimerService::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const int64_t now = clock_.now_ms();
    while (!due_.empty() && due_.begin()->first <= now) {
      const uint64_t id = due_.begin()->second;
      due_.erase(due_.begin());
      auto node = entries_.extract(id);
      // Counted while the lock is held, so settle() never sees neither the entry nor its task.
      running_->count.fetch_add(1);
      workers_.post([running = running_, task = std::move(node.mapped().task)] {
        struct Returned {
          Running& running;
          ~Returned() { running.count.fetch_sub(1); }
        } returned{*running};
        task();
      });
    }
    if (due_.empty()) {
      wake_.wait(lock);
    } else {
      // Sleep in real time until the earliest due host time; clock_moved() wakes us early.
      const int64_t wait_ms = due_.begin()->first - now;
      wake_.wait_for(lock, std::chrono::milliseconds(wait_ms));
    }
  }
}

void TimerService::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    // Entries stay registered: services cancel their own pending timers in destroy (which lets
    // the plugin free their closures); the host drops what is left after that (cancel_owner).
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace ce::host
