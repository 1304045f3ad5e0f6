#include "runtime/host_runtime.hpp"

#include <algorithm>
#include <atomic>
#include <cloudemu/status.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "observability/log.hpp"
#include "plugins/plugin_loader.hpp"
#include "plugins/service_ctx.hpp"

namespace ce::host {
namespace {
std::atomic<HostRuntime*> g_current{nullptr};
std::atomic<uint64_t> g_next_owner{1};
}  // namespace

unsigned default_workers(unsigned cores) {
  return std::max(8u, 4 * std::max(1u, cores));
}

HostRuntime::HostRuntime(Config cfg)
    : config(std::move(cfg)),
      workers(config.workers ? config.workers
                             : default_workers(std::thread::hardware_concurrency())),
      timers(clock, workers) {
  std::string error;
  auto parsed = auth::Credentials::parse(config.credentials, &error);
  if (!parsed) throw std::runtime_error("--credentials: " + error);
  credentials = std::move(*parsed);
  if (config.enforce_sigv4 && credentials.size() == 0)
    throw std::runtime_error(
        "--enforce-sigv4 needs --credentials AKID:SECRET[,...] to verify signatures against");
  g_current.store(this);
}

HostRuntime::~HostRuntime() {
  shutdown();
  HostRuntime* self = this;
  g_current.compare_exchange_strong(self, nullptr);
}

HostRuntime* HostRuntime::current() {
  return g_current.load();
}

void HostRuntime::load_plugins() {
  std::vector<std::filesystem::path> dirs;
  // Canonical paths, so one folder named twice (relative and absolute) is read once.
  for (const auto& d : config.plugin_dirs) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(d, ec);
    if (std::find(dirs.begin(), dirs.end(), canonical) == dirs.end()) dirs.push_back(canonical);
  }
  for (const auto& d : default_plugin_dirs())
    if (std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(d);
  load_plugin_dirs(*this, dirs);
  for (const auto& wanted : config.services) {
    const bool found = registry.find_service(wanted) != nullptr ||
                       std::any_of(registry.plugins.begin(), registry.plugins.end(),
                                   [&](const PluginRecord& p) { return p.name == wanted; }) ||
                       std::any_of(registry.refused.begin(), registry.refused.end(),
                                   [&](const RefusedPlugin& p) { return p.name == wanted; });
    if (!found)
      log_warn("plugins",
               "--services names '" + wanted + "', but no plugin of that name was found");
  }
}

bool HostRuntime::open_storage(std::string& error) {
  StorageRecord* backend = registry.find_storage(config.storage);
  if (backend == nullptr) {
    std::string have;
    for (const auto& s : registry.storage) have += (have.empty() ? "" : ", ") + s->id;
    error = "storage backend '" + config.storage +
            "' is not available (loaded: " + (have.empty() ? "none" : have) +
            "); check --plugin-dir and the list of refused plugins above";
    return false;
  }
  const nlohmann::json cfg = {{"data_dir", config.data_dir}, {"fsync", config.fsync}};
  ce_error err = make_error();
  storage = StorageMediator::open(*backend, cfg.dump(), &err);
  if (!storage) {
    error = "storage backend '" + config.storage + "' failed to open " + config.data_dir + ": " +
            err.message;
    return false;
  }
  collect_orphaned_blobs();
  return true;
}

void HostRuntime::collect_orphaned_blobs() {
  if (!storage) return;
  ce_error err = make_error();
  uint64_t deleted = 0;
  if (storage->collect_blobs(clock.now_ms() - kOrphanBlobGraceMs, &deleted, &err) != CE_OK)
    log_warn("storage", std::string("blob collection failed: ") + err.message);
  else if (deleted > 0)
    log_info("storage", "collected " + std::to_string(deleted) + " orphaned blobs");
  timers.start(kBlobCollectIntervalMs, [this] { collect_orphaned_blobs(); });
}

void HostRuntime::create_services() {
  for (auto& rec : registry.services) {
    auto ctx = std::make_unique<ServiceCtx>();
    ctx->runtime = this;
    ctx->record = rec.get();
    ctx->id = rec->id;
    ctx->owner = g_next_owner.fetch_add(1);
    ce_error err = make_error();
    ce_service_plugin_ptr instance = nullptr;
    ce_status st = CE_INTERNAL;
    try {
      st = rec->table.create(ctx.get(), ce_str{"{}", 2}, &instance, &err);
    } catch (...) {
      fail(&err, CE_INTERNAL, "create threw an exception");
    }
    if (st != CE_OK) {
      router.remove(*rec);
      registry.refused.push_back(
          {rec->plugin_name, rec->plugin_name,
           "service '" + rec->id + "' failed to start: " + std::string(err.message)});
      log_error("plugins", "service '" + rec->id + "' failed to start: " + err.message);
      continue;
    }
    ctx->instance = instance;
    rec->ctx = std::move(ctx);
  }
}

bool HostRuntime::reset(std::string_view service_id, std::string& error) {
  if (!storage) {
    error = "no storage is open";
    return false;
  }
  ce_error err = make_error();
  if (storage->reset_service(service_id, &err) != CE_OK) {
    error = std::string("reset failed: ") + err.message;
    return false;
  }
  for (auto& rec : registry.services) {
    if (!rec->ctx || (!service_id.empty() && rec->id != service_id)) continue;
    if (rec->table.reset != nullptr) rec->table.reset(rec->ctx->instance);
  }
  return true;
}

void HostRuntime::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  // First, while services and timers still work: requests in flight to outside endpoints end
  // with "host shutting down", and a service may still schedule (and later cancel) a retry.
  outbound.shutdown();
  timers.stop();   // no timer fires from here on; pending ones stay cancellable
  workers.stop();  // runs what was queued: timer callbacks already due, posted tasks
  for (auto& rec : registry.services) {
    if (!rec->ctx) continue;
    try {
      rec->table.destroy(rec->ctx->instance);
    } catch (...) {
      log_error("plugins", "destroy of service '" + rec->id + "' threw");
    }
    // Timers the service did not cancel itself: their closures cannot be freed (no drop
    // callback in ABI 1.0), but they must never run.
    timers.cancel_owner(rec->ctx->owner);
    rec->ctx.reset();
  }
  storage.reset();
  for (auto it = registry.plugins.rbegin(); it != registry.plugins.rend(); ++it) {
    if (it->descriptor && it->descriptor->shutdown) {
      try {
        it->descriptor->shutdown();
      } catch (...) {
        log_error("plugins", "shutdown of plugin " + it->name + " threw");
      }
    }
  }
  // Libraries unmap when the last record holding them goes.
  registry.services.clear();
  registry.storage.clear();
  registry.plugins.clear();
}

}  // namespace ce::host
