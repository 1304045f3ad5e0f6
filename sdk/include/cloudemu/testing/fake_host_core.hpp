// The fake host's state, shared by its C slots (fake_host_api.hpp) and the FakeHost class.
#pragma once
#include <cloudemu/abi.h>

#include <atomic>
#include <cloudemu/testing/fake_exchange.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace ce::testing::fake_detail {

struct Core;

/// One registered service; its address is the ce_service_ctx_host_ptr the plugin sees.
struct Service {
  Core* core = nullptr;
  const ce_service_v1* table = nullptr;
  std::string id;
  ce_service_plugin_ptr instance = nullptr;
  /// Service-local keyspace ids index this (the backend id is the value): a service can only name
  /// keyspaces it opened, which is the mediator's isolation rule.
  std::vector<uint32_t> keyspaces;
  std::map<std::string, uint32_t> keyspace_by_name;
};

struct Txn {
  Service* svc = nullptr;
  ce_txn_plugin_ptr txn = nullptr;
  bool write = false;
};

struct Timer {
  uint64_t id;
  int64_t due_ms;
  uint64_t seq;  // equal due times fire in start order
  Service* svc;
  ce_task_fn fn;
  void* user;
};

/// Debug check of the architecture rule "no request-body or response I/O inside a write txn".
inline int& write_txns_on_this_thread() {
  thread_local int n = 0;
  return n;
}

/// One http_send a service made (ABI 1.3), as the outside endpoint received it.
struct OutsideCall {
  std::string method;
  std::string url;
  HeaderList headers;
  std::string body;
};

/// What the test's outside endpoint answers: status 0 means no answer (`body` is the reason).
using OutsideEndpoint = std::function<HttpResponse(const OutsideCall&)>;

struct Core {
  const ce_storage_backend_v1* backend = nullptr;
  ce_backend_plugin_ptr be = nullptr;
  std::atomic<int64_t> now{0};

  std::mutex mu;  // guards everything below
  std::vector<std::unique_ptr<Service>> services;
  std::vector<Timer> timers;
  uint64_t next_timer_id = 1;
  uint64_t next_timer_seq = 0;
  std::deque<std::function<void()>> posted;
  std::vector<std::string> logs;
  std::vector<std::string> violations;
  std::vector<OutsideCall> outside_calls;
  OutsideEndpoint outside_endpoint;  // unset: every http_send gets no answer
  uint64_t next_request = 1;
  /// Every exchange stays alive until the host goes: an async finish may come after the test let
  /// go.
  std::vector<std::shared_ptr<Exchange>> exchanges;
  ce_registrar_host_ptr registering = nullptr;  // non-null only inside a plugin's init

  static std::atomic<Core*>& current() {
    static std::atomic<Core*> c{nullptr};
    return c;
  }

  Service* find(std::string_view id) {
    std::lock_guard lock(mu);
    for (auto& s : services) {
      if (s->id == id) return s.get();
    }
    return nullptr;
  }
  void violation(std::string text) {
    std::lock_guard lock(mu);
    violations.push_back(std::move(text));
  }
  void log_line(std::string text) {
    std::lock_guard lock(mu);
    logs.push_back(std::move(text));
  }
  void post(std::function<void()> fn) {
    std::lock_guard lock(mu);
    posted.push_back(std::move(fn));
  }
  /// Runs posted work (including work posted by that work) until the queue is empty.
  void run_posted() {
    for (;;) {
      std::function<void()> fn;
      {
        std::lock_guard lock(mu);
        if (posted.empty()) return;
        fn = std::move(posted.front());
        posted.pop_front();
      }
      fn();
    }
  }
  /// Pops the earliest timer due at or before `limit_ms`, if any.
  bool pop_due(int64_t limit_ms, Timer* out) {
    std::lock_guard lock(mu);
    auto best = timers.end();
    for (auto it = timers.begin(); it != timers.end(); ++it) {
      if (it->due_ms <= limit_ms && (best == timers.end() || it->due_ms < best->due_ms ||
                                     (it->due_ms == best->due_ms && it->seq < best->seq))) {
        best = it;
      }
    }
    if (best == timers.end()) return false;
    *out = *best;
    timers.erase(best);
    return true;
  }
};

}  // namespace ce::testing::fake_detail
