// Long polling without a thread: a ReceiveMessage that found nothing and may wait detaches its
// response and is parked here. A send (or a visibility change) on its queue wakes it at once; a
// host timer answers it empty at its deadline; a one-second tick catches messages that become
// visible by themselves (DelaySeconds, an expired visibility timeout).
//
// A waiter is taken out of the table while one thread tries it, so two wake-ups never receive for
// the same request; a wake-up that finds it taken is covered by the next tick. Waiters of a queue
// are tried oldest first and only until one finds nothing, so a send costs about one receive
// however many wait.
#pragma once
#include <cloudemu/clock.hpp>
#include <cloudemu/response.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "sqs_receive.hpp"

namespace sqs {

class LongPolls {
 public:
  LongPolls(const ce::ServiceContext& ctx, const Store& store);
  /// Answers every waiter empty (the service is going away).
  ~LongPolls();
  LongPolls(const LongPolls&) = delete;
  LongPolls& operator=(const LongPolls&) = delete;

  /// Parks a receive until a message arrives or wait_ms pass.
  void wait(ReceiveRequest request, std::shared_ptr<ce::Response> resp, Protocol protocol,
            std::string request_id, int64_t wait_ms);
  /// Tries the waiters of one queue now (after a send or a visibility change).
  void wake(const QueueRef& queue);
  std::size_t waiting() const;

 private:
  struct Waiter {
    ReceiveRequest request;
    std::shared_ptr<ce::Response> resp;
    Protocol protocol = Protocol::json;
    std::string request_id;
    int64_t deadline_ms = 0;
    ce::TimerHandle timer;
  };
  enum class Attempt { answered, parked, taken };
  /// Receives for the waiter; answers it when messages came, at its deadline, or when `final`;
  /// else parks it again. `taken`: another thread is trying it.
  Attempt attempt(uint64_t id, bool final);
  /// Tries waiters of one queue oldest first, up to the first that finds nothing.
  void try_in_order(const std::vector<uint64_t>& ids);
  void tick();

  ce::ServiceContext ctx_;
  const Store& store_;
  mutable std::mutex mu_;
  std::map<uint64_t, Waiter> waiting_;
  /// The ids in waiting_ by queue (queue_key), oldest first: a send to one queue must not walk
  /// the waiters of every other queue.
  std::map<std::string, std::set<uint64_t>, std::less<>> by_queue_;
  void index(uint64_t id, const QueueRef& queue);    // with mu_ held
  void unindex(uint64_t id, const QueueRef& queue);  // with mu_ held
  uint64_t next_id_ = 1;
  std::unique_ptr<ce::PeriodicTask> ticker_;  // last: its runs use the members above
};

}  // namespace sqs
