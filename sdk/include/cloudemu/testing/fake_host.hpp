// ce::testing::FakeHost: a complete in-process host for plugin unit tests (Envoy's sdk_fake idea).
//
//   ce::testing::FakeHost host;                       // memory storage, manual clock
//   REQUIRE(host.load(&ce_plugin_entry) == CE_OK);    // ABI check + init + create every service
//   auto r = host.request("example-notes", {.method = "PUT", .target = "/_example/notes/a", .body =
//   "hi"}); host.advance(1000);                               // fires due timers, runs posted
//   tasks
//
// Only one FakeHost may exist at a time: plugins keep the host table in a process-wide ce::Host and
// the C slots have no user pointer for log/now_ms.
#pragma once
#include <cloudemu/plugin.hpp>
#include <cloudemu/testing/fake_host_api.hpp>
#include <cloudemu/testing/memory_store.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ce::testing {

class FakeHost {
 public:
  explicit FakeHost(const ce_storage_backend_v1* backend = memory_storage_backend(),
                    int64_t start_ms = 1'700'000'000'000) {
    fake_detail::Core* expected = nullptr;
    if (!fake_detail::Core::current().compare_exchange_strong(expected, &core_)) {
      throw std::logic_error("only one ce::testing::FakeHost may exist at a time");
    }
    core_.backend = backend;
    core_.now = start_ms;
    ce_error err = make_error();
    if (backend->open(to_str("{}"), &core_.be, &err) != CE_OK) {
      fake_detail::Core::current() = nullptr;
      throw std::runtime_error(std::string("fake host: storage open failed: ") + err.message);
    }
  }
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  /// Shutdown order of the real host: services destroyed, then each plugin's shutdown, then
  /// storage.
  ~FakeHost() {
    core_.run_posted();
    for (auto& s : core_.services) {
      if (s->instance != nullptr) s->table->destroy(s->instance);
    }
    for (const ce_plugin_descriptor* d : plugins_) {
      if (d->shutdown != nullptr) d->shutdown();
    }
    core_.backend->close(core_.be);
    fake_detail::Core::current() = nullptr;
    Host::clear();
  }

  const ce_host_api_v1* api() const noexcept { return fake_detail::api_table(); }

  /// Checks the ABI version like the real loader, runs init, then creates every service the plugin
  /// registered (with config "{}"; use load_only + start for other configs).
  ce_status load(const ce_plugin_descriptor* d) {
    if (ce_status s = load_only(d); s != CE_OK) return s;
    return start_all();
  }
  ce_status load(ce_plugin_entry_fn entry) { return load(entry()); }

  ce_status load_only(const ce_plugin_descriptor* d) {
    if (d == nullptr || d->struct_size < sizeof(ce_plugin_descriptor) ||
        d->abi_major != CE_ABI_MAJOR || d->abi_minor > CE_ABI_MINOR) {
      last_error_ = "plugin descriptor refused (null, too small, or ABI version mismatch)";
      return CE_INVALID;
    }
    ce_error err = make_error();
    core_.registering = reinterpret_cast<ce_registrar_host_ptr>(this);
    const ce_status s = d->init(api(), core_.registering, &err);
    core_.registering = nullptr;
    if (s != CE_OK) {
      last_error_ = err.message;
      return s;
    }
    plugins_.push_back(d);
    return CE_OK;
  }

  /// Creates the instance of a registered service (create() with config_json).
  ce_status start(std::string_view id, std::string_view config_json = "{}") {
    fake_detail::Service* svc = core_.find(id);
    if (svc == nullptr) {
      last_error_ = "no registered service '" + std::string(id) + "'";
      return CE_NOT_FOUND;
    }
    if (svc->instance != nullptr) return CE_OK;
    ce_error err = make_error();
    const ce_status s = svc->table->create(reinterpret_cast<ce_service_ctx_host_ptr>(svc),
                                           to_str(config_json), &svc->instance, &err);
    if (s != CE_OK) last_error_ = err.message;
    return s;
  }
  ce_status start_all() {
    std::vector<std::string> ids;
    for (auto& s : core_.services) ids.push_back(s->id);
    for (const auto& id : ids) {
      if (ce_status s = start(id); s != CE_OK) return s;
    }
    return CE_OK;
  }

  const ce_service_v1* service(std::string_view id) {
    fake_detail::Service* s = core_.find(id);
    return s == nullptr ? nullptr : s->table;
  }
  /// The ctx handle the service was created with (for calling the SDK's storage helpers directly).
  ce_service_ctx_host_ptr context(std::string_view id) {
    return reinterpret_cast<ce_service_ctx_host_ptr>(core_.find(id));
  }

  /// Sends a request and runs the posted work it caused (internal calls). The exchange may still be
  /// pending (handle returned CE_PENDING): advance() the clock, then read exchange->result().
  std::shared_ptr<Exchange> send(std::string_view service_id, const HttpRequest& req) {
    fake_detail::Service* svc = core_.find(service_id);
    if (svc == nullptr || svc->instance == nullptr) {
      throw std::logic_error("fake host: service '" + std::string(service_id) + "' is not started");
    }
    auto ex = fake_detail::dispatch(core_, *svc, req, nullptr);
    core_.run_posted();
    return ex;
  }
  /// send() and the response as it stands (finished == false when still pending).
  HttpResponse request(std::string_view service_id, const HttpRequest& req) {
    return send(service_id, req)->result();
  }
  HttpResponse request(std::string_view service_id, std::string method, std::string target,
                       std::string body = {}, HeaderList headers = {}) {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    r.headers = std::move(headers);
    return request(service_id, r);
  }

  // ---- the manual clock ----
  int64_t now() const noexcept { return core_.now.load(); }
  /// Moves the clock forward by ms, firing every timer that falls due, in due order, with the clock
  /// set to each timer's due time while it runs; posted tasks run after each timer.
  void advance(int64_t ms) {
    core_.run_posted();  // work posted "soon" runs before anything later on the clock
    const int64_t target = core_.now.load() + ms;
    fake_detail::Timer t{};
    while (core_.pop_due(target, &t)) {
      if (t.due_ms > core_.now.load()) core_.now = t.due_ms;
      t.fn(t.user);
      core_.run_posted();
    }
    core_.now = target;
    core_.run_posted();
  }
  void run_posted() { core_.run_posted(); }

  /// Answers every later http_send (answered when posted work runs: run_posted or advance).
  void set_outside_endpoint(fake_detail::OutsideEndpoint endpoint) {
    std::lock_guard lock(core_.mu);
    core_.outside_endpoint = std::move(endpoint);
  }
  /// Every http_send so far, oldest first.
  std::vector<fake_detail::OutsideCall> outside_calls() {
    std::lock_guard lock(core_.mu);
    return core_.outside_calls;
  }
  std::size_t pending_timers() {
    std::lock_guard lock(core_.mu);
    return core_.timers.size();
  }

  /// POST /_cloudemu/reset for one service: wipes its keyspaces and blobs, then calls reset().
  void reset(std::string_view id) {
    fake_detail::Service* svc = core_.find(id);
    if (svc == nullptr) throw std::logic_error("fake host: no service '" + std::string(id) + "'");
    ce_error err = make_error();
    ce_txn_plugin_ptr txn = nullptr;
    if (core_.backend->txn_begin(core_.be, 0, &txn, &err) != CE_OK)
      throw std::runtime_error(err.message);
    for (uint32_t ks : svc->keyspaces) core_.backend->clear(txn, ks, &err);
    if (core_.backend->txn_commit(txn, &err) != CE_OK) throw std::runtime_error(err.message);
    core_.backend->blob_collect(core_.be, to_str(svc->id), 0, CE_BLOB_COLLECT_ALL, nullptr, &err);
    if (svc->instance != nullptr && svc->table->struct_size >= sizeof(ce_service_v1) &&
        svc->table->reset != nullptr) {
      svc->table->reset(svc->instance);
    }
  }

  /// Backend-level access for assertions ("x/items" exists, "y/items" untouched).
  const ce_storage_backend_v1* backend() const noexcept { return core_.backend; }
  ce_backend_plugin_ptr backend_handle() const noexcept { return core_.be; }

  std::vector<std::string> logs() {
    std::lock_guard lock(core_.mu);
    return core_.logs;
  }
  /// ABI misuse seen so far (double finish, status after body, I/O inside a write txn...).
  std::vector<std::string> violations() {
    std::lock_guard lock(core_.mu);
    return core_.violations;
  }
  const std::string& last_error() const noexcept { return last_error_; }

 private:
  fake_detail::Core core_;
  std::vector<const ce_plugin_descriptor*> plugins_;
  std::string last_error_;
};

}  // namespace ce::testing
