// Everything one running host owns, wired together in start-up order: config, clock, workers,
// timers, plugins, router, storage. The C trampolines of ce_host_api_v1 reach it through the
// service context, or through current() for the slots that carry none (log, now_ms).
#pragma once
#include <cloudemu/abi.h>

#include <memory>
#include <string>

#include "auth/credentials.hpp"
#include "config/config.hpp"
#include "http/outbound_http.hpp"
#include "plugins/registry.hpp"
#include "routing/router.hpp"
#include "runtime/clock.hpp"
#include "runtime/scheduler.hpp"
#include "storage/storage_mediator.hpp"

namespace ce::host {

class HostRuntime {
 public:
  explicit HostRuntime(Config config);
  ~HostRuntime();
  HostRuntime(const HostRuntime&) = delete;
  HostRuntime& operator=(const HostRuntime&) = delete;

  static HostRuntime* current();
  static const ce_host_api_v1* api();

  /// Loads every plugin from the configured folders (and the linked-in ones).
  void load_plugins();
  /// Opens the backend chosen by --storage. False with `error` set when it cannot.
  bool open_storage(std::string& error);
  /// Creates every registered service's instance; a failing one is refused and logged.
  void create_services();
  /// Destroys services, closes storage, calls each plugin's shutdown. Idempotent.
  void shutdown();
  /// Deletes blobs committed but never linked (a request that failed between upload and publish,
  /// or a crash) once they are older than the grace period, and blobs unlinked by commits.
  void collect_orphaned_blobs();
  /// Wipes a service's (or every service's) state: storage, then the instance's reset hook.
  bool reset(std::string_view service_id, std::string& error);

  Config config;
  HostClock clock;
  WorkerPool workers;
  TimerService timers;
  Registry registry;
  Router router;
  std::unique_ptr<StorageMediator> storage;
  auth::Credentials credentials;  // --credentials, for --enforce-sigv4
  OutboundHttp outbound;          // http_send (ABI 1.3); its thread starts on first use

 private:
  bool shut_down_ = false;
};

/// How old an unpublished blob must be before it is collected, and how often the collector runs,
/// both on the host clock (tests advance it through /_cloudemu/clock).
inline constexpr int64_t kOrphanBlobGraceMs = 3600 * 1000;
inline constexpr int64_t kBlobCollectIntervalMs = 600 * 1000;

/// Worker threads for a core count: handlers may block on body I/O, so more than the cores.
unsigned default_workers(unsigned cores);

}  // namespace ce::host
