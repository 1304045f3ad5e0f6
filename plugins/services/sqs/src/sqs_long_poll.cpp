#include "sqs_long_poll.hpp"

#include <cloudemu/plugin.hpp>
#include <vector>

#include "sqs_protocol.hpp"

namespace sqs {

namespace {
constexpr int64_t k_tick_ms = 1000;

std::string queue_key(const QueueRef& q) {
  return q.account + '\n' + q.region + '\n' + q.name;
}
}  // namespace

void LongPolls::index(uint64_t id, const QueueRef& queue) {
  by_queue_[queue_key(queue)].insert(id);
}

void LongPolls::unindex(uint64_t id, const QueueRef& queue) {
  const auto it = by_queue_.find(queue_key(queue));
  if (it == by_queue_.end()) return;
  it->second.erase(id);
  if (it->second.empty()) by_queue_.erase(it);
}

LongPolls::LongPolls(const ce::ServiceContext& ctx, const Store& store) : ctx_(ctx), store_(store) {
  ticker_ =
      std::make_unique<ce::PeriodicTask>(ctx_, k_tick_ms, "sqs.long-poll", [this] { tick(); });
}

LongPolls::~LongPolls() {
  ticker_.reset();
  std::map<uint64_t, Waiter> left;
  {
    std::lock_guard lock(mu_);
    left.swap(waiting_);
    by_queue_.clear();
  }
  for (auto& [id, w] : left) {
    ce::cancel_timer(ctx_, w.timer);
    try {
      send_response(*w.resp, w.protocol, "ReceiveMessage", OJson::object(), w.request_id);
    } catch (const std::exception&) {
      // The client may be gone already; nothing else to do at shutdown.
    }
  }
}

void LongPolls::wait(ReceiveRequest request, std::shared_ptr<ce::Response> resp, Protocol protocol,
                     std::string request_id, int64_t wait_ms) {
  uint64_t id = 0;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    Waiter& w = waiting_[id];
    w.request = std::move(request);
    w.resp = std::move(resp);
    w.protocol = protocol;
    w.request_id = std::move(request_id);
    w.deadline_ms = ctx_.now_ms() + wait_ms;
    w.timer = ce::start_timer(ctx_, wait_ms, [this, id] { attempt(id, true); });
    index(id, w.request.queue);
  }
  // A send that committed between the empty receive and the parking above found no waiter.
  attempt(id, false);
}

void LongPolls::wake(const QueueRef& queue) {
  std::vector<uint64_t> ids;
  {
    std::lock_guard lock(mu_);
    const auto it = by_queue_.find(queue_key(queue));
    if (it == by_queue_.end()) return;
    ids.assign(it->second.begin(), it->second.end());
  }
  try_in_order(ids);
}

void LongPolls::try_in_order(const std::vector<uint64_t>& ids) {
  // Oldest first (ids grow with arrival). Once one waiter finds nothing, the queue has nothing
  // visible for anyone: the others stay parked untried. Trying all of them cost a receive per
  // waiter per send: with 1000 waiters a send took seconds (bench/run.sh sqs, fan-in).
  for (const uint64_t id : ids)
    if (attempt(id, false) == Attempt::parked) return;
}

std::size_t LongPolls::waiting() const {
  std::lock_guard lock(mu_);
  return waiting_.size();
}

void LongPolls::tick() {
  // Per queue, as a send wakes them: an empty queue costs one receive a tick, not one per waiter.
  std::vector<std::vector<uint64_t>> by_queue;
  {
    std::lock_guard lock(mu_);
    for (const auto& [queue, ids] : by_queue_) by_queue.emplace_back(ids.begin(), ids.end());
  }
  for (const auto& ids : by_queue) try_in_order(ids);
}

LongPolls::Attempt LongPolls::attempt(uint64_t id, bool final) {
  Waiter w;
  {
    std::lock_guard lock(mu_);
    const auto it = waiting_.find(id);
    if (it == waiting_.end()) return Attempt::taken;
    w = std::move(it->second);
    waiting_.erase(it);
    unindex(id, w.request.queue);
  }
  const int64_t now = ctx_.now_ms();
  const bool due = final || now >= w.deadline_ms;
  OJson messages;
  try {
    messages = receive_now(store_, now, w.request);
  } catch (const ce::AwsError& e) {
    // The queue was deleted while the receive waited.
    if (!final) ce::cancel_timer(ctx_, w.timer);
    send_error(*w.resp, w.protocol, e, w.request_id);
    return Attempt::answered;
  } catch (const std::exception& e) {
    ce::log_error("sqs.long-poll", std::string("receive failed: ") + e.what());
    if (!final) ce::cancel_timer(ctx_, w.timer);
    send_error(*w.resp, w.protocol, ce::AwsError::internal_failure(), w.request_id);
    return Attempt::answered;
  }
  if (!messages.empty() || due) {
    if (!final) ce::cancel_timer(ctx_, w.timer);
    OJson doc = OJson::object();
    if (!messages.empty()) doc["Messages"] = std::move(messages);
    send_response(*w.resp, w.protocol, "ReceiveMessage", doc, w.request_id);
    return Attempt::answered;
  }
  std::lock_guard lock(mu_);
  index(id, w.request.queue);
  waiting_.emplace(id, std::move(w));
  return Attempt::parked;
}

}  // namespace sqs
