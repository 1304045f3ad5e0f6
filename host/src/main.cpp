// cloudemu: parse the configuration, load plugins, open storage, serve until a signal.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "config/config.hpp"
#include "http/server.hpp"
#include "observability/log.hpp"
#include "runtime/host_runtime.hpp"
#include "version.hpp"

namespace {

std::string banner(const ce::host::HostRuntime& rt, uint16_t port, uint16_t tls_port,
                   double ready_ms) {
  std::ostringstream out;
  const auto& cfg = rt.config;
  out << "cloudemu " << ce::host::kVersion << " (plugin ABI " << CE_ABI_MAJOR << "." << CE_ABI_MINOR
      << ") listening on http://" << cfg.host << ":" << port;
  if (tls_port) out << " and https://" << cfg.host << ":" << tls_port;
  out << "\n  storage: " << cfg.storage;
  if (cfg.storage != "memory") out << " in " << cfg.data_dir;
  for (const auto& p : rt.registry.plugins) {
    out << "\n  plugin " << p.name << " " << p.version << " (ABI " << p.abi_major << "."
        << p.abi_minor << ", " << p.maturity << ")";
    for (const auto& s : p.services) out << " service:" << s;
    for (const auto& s : p.storage) out << " storage:" << s;
  }
  for (const auto& r : rt.registry.refused) out << "\n  refused " << r.file << ": " << r.reason;
  char ready[64];
  std::snprintf(ready, sizeof ready, "\n  ready in %.1f ms", ready_ms);
  out << ready;
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  auto parsed = ce::host::parse_config(argc, argv);
  if (!parsed.config) {
    (parsed.exit_code == 0 ? std::cout : std::cerr) << parsed.output;
    return parsed.exit_code;
  }
  auto& log = ce::host::Logger::instance();
  log.configure(parsed.config->log_format == "json",
                ce::host::parse_log_level(parsed.config->log_level), parsed.config->access_log);
  try {
    ce::host::HostRuntime rt(std::move(*parsed.config));
    rt.load_plugins();
    std::string error;
    if (!rt.open_storage(error)) {
      ce::host::log_error("host", error);
      return 1;
    }
    rt.create_services();
    ce::host::Server server(rt);
    const uint16_t port = server.listen();
    if (!rt.config.port_file.empty()) {
      // Written whole then renamed, so a script polling for the file never reads half a number.
      const std::string tmp = rt.config.port_file + ".tmp";
      std::ofstream(tmp) << port << "\n";
      std::rename(tmp.c_str(), rt.config.port_file.c_str());
    }
    const double ready_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    log.banner(banner(rt, port, server.tls_port(), ready_ms));
    server.run();
    rt.shutdown();
    ce::host::log_info("host", "stopped cleanly");
  } catch (const std::exception& e) {
    ce::host::log_error("host", e.what());
    return 1;
  }
  return 0;
}
