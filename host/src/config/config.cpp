#include "config/config.hpp"

#include <cstdlib>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "version.hpp"

namespace ce::host {
namespace {

std::vector<std::string> split_list(std::string_view text, std::string_view separators) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text) {
    if (separators.find(c) != std::string_view::npos) {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item.push_back(c);
    }
  }
  if (!item.empty()) out.push_back(item);
  return out;
}

bool parse_bool(std::string_view v) {
  if (v == "1" || v == "true" || v == "yes" || v == "on" || v.empty()) return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  throw std::invalid_argument("expected true or false, got '" + std::string(v) + "'");
}

uint16_t parse_port(std::string_view v) {
  const unsigned long n = std::stoul(std::string(v));
  if (n > 65535) throw std::invalid_argument("port out of range: " + std::string(v));
  return static_cast<uint16_t>(n);
}

unsigned parse_unsigned(std::string_view v) {
  return static_cast<unsigned>(std::stoul(std::string(v)));
}

void expect_one_of(std::string_view v, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (v == a) return;
  std::string msg = "unknown value '" + std::string(v) + "', expected one of:";
  for (auto a : allowed) msg += " " + std::string(a);
  throw std::invalid_argument(msg);
}

struct Option {
  const char* flag;              // "--port"
  std::vector<const char*> env;  // first is the canonical variable
  const char* arg;               // argument name, nullptr for a switch
  const char* help;
  std::function<void(Config&, std::string_view)> apply;
};

const std::vector<Option>& options() {
  static const std::vector<Option> table = {
      {"--host",
       {"CLOUDEMU_HOST"},
       "ADDR",
       "address to listen on (default 127.0.0.1)",
       [](Config& c, std::string_view v) { c.host = v; }},
      {"--port",
       {"CLOUDEMU_PORT", "GATEWAY_PORT"},
       "N",
       "port to listen on (default 4566; 0 = any free port)",
       [](Config& c, std::string_view v) { c.port = parse_port(v); }},
      {"--port-file",
       {"CLOUDEMU_PORT_FILE"},
       "PATH",
       "write the bound port to PATH once listening",
       [](Config& c, std::string_view v) { c.port_file = v; }},
      {"--data-dir",
       {"CLOUDEMU_DATA_DIR"},
       "DIR",
       "where persistent state lives (default ./.cloudemu)",
       [](Config& c, std::string_view v) { c.data_dir = v; }},
      {"--storage",
       {"CLOUDEMU_STORAGE"},
       "NAME",
       "storage backend: lmdb (default, persistent) or memory",
       [](Config& c, std::string_view v) { c.storage = v; }},
      {"--services",
       {"CLOUDEMU_SERVICES", "SERVICES"},
       "LIST",
       "comma-separated services to load (default: every plugin found)",
       [](Config& c, std::string_view v) { c.services = split_list(v, ","); }},
      {"--plugin-dir",
       {"CLOUDEMU_PLUGIN_DIRS"},
       "DIR",
       "more plugin folders (repeatable; the variable takes a ':'-list)",
       [](Config& c, std::string_view v) {
         for (auto& d : split_list(v, ":")) c.plugin_dirs.push_back(d);
       }},
      {"--log-format",
       {"CLOUDEMU_LOG_FORMAT"},
       "text|json",
       "log line format (default text)",
       [](Config& c, std::string_view v) {
         expect_one_of(v, {"text", "json"});
         c.log_format = v;
       }},
      {"--log-level",
       {"CLOUDEMU_LOG_LEVEL"},
       "LEVEL",
       "debug, info (default), warn or error",
       [](Config& c, std::string_view v) {
         expect_one_of(v, {"debug", "info", "warn", "error"});
         c.log_level = v;
       }},
      {"--access-log",
       {"CLOUDEMU_ACCESS_LOG"},
       "on|off",
       "one log line per request (default on)",
       [](Config& c, std::string_view v) { c.access_log = parse_bool(v); }},
      {"--tls-cert",
       {"CLOUDEMU_TLS_CERT"},
       "PEM",
       "certificate chain for HTTPS",
       [](Config& c, std::string_view v) { c.tls_cert = v; }},
      {"--tls-key",
       {"CLOUDEMU_TLS_KEY"},
       "PEM",
       "private key for HTTPS",
       [](Config& c, std::string_view v) { c.tls_key = v; }},
      {"--tls-port",
       {"CLOUDEMU_TLS_PORT"},
       "N",
       "serve HTTPS on this second port (default: detect TLS on the main port)",
       [](Config& c, std::string_view v) { c.tls_port = parse_port(v); }},
      {"--enforce-sigv4",
       {"CLOUDEMU_ENFORCE_SIGV4"},
       nullptr,
       "reject requests whose SigV4 signature does not verify against --credentials",
       [](Config& c, std::string_view v) { c.enforce_sigv4 = parse_bool(v); }},
      {"--credentials",
       {"CLOUDEMU_CREDENTIALS"},
       "LIST",
       "AKID:SECRET pairs, comma-separated",
       [](Config& c, std::string_view v) { c.credentials = v; }},
      {"--region",
       {"CLOUDEMU_DEFAULT_REGION", "AWS_DEFAULT_REGION"},
       "NAME",
       "region for unsigned requests (default us-east-1)",
       [](Config& c, std::string_view v) { c.region = v; }},
      {"--workers",
       {"CLOUDEMU_WORKERS"},
       "N",
       "request worker threads (default 4 per core, at least 8)",
       [](Config& c, std::string_view v) { c.workers = parse_unsigned(v); }},
      {"--io-threads",
       {"CLOUDEMU_IO_THREADS"},
       "N",
       "network threads, each with its own event loop (default: one per core)",
       [](Config& c, std::string_view v) { c.io_threads = parse_unsigned(v); }},
      {"--header-limit",
       {"CLOUDEMU_HEADER_LIMIT"},
       "BYTES",
       "largest request header section (default 65536)",
       [](Config& c, std::string_view v) { c.header_limit = parse_unsigned(v); }},
      {"--idle-timeout",
       {"CLOUDEMU_IDLE_TIMEOUT"},
       "SECONDS",
       "close keep-alive connections idle this long (default 75)",
       [](Config& c, std::string_view v) { c.idle_timeout_s = parse_unsigned(v); }},
      {"--header-timeout",
       {"CLOUDEMU_HEADER_TIMEOUT"},
       "SECONDS",
       "time a client has to send its request headers (default 30; slow clients are cut off)",
       [](Config& c, std::string_view v) { c.header_timeout_s = parse_unsigned(v); }},
      {"--fsync",
       {"CLOUDEMU_FSYNC"},
       nullptr,
       "sync every commit to disk (survives power loss, not only a crash)",
       [](Config& c, std::string_view v) { c.fsync = parse_bool(v); }},
  };
  return table;
}

}  // namespace

std::string help_text() {
  std::ostringstream out;
  out << "cloudemu " << kVersion << ": a local emulator of cloud APIs\n\n"
      << "Usage: cloudemu [options]\n\nOptions (each also read from the environment variable "
         "shown):\n";
  for (const auto& o : options()) {
    std::string left = std::string("  ") + o.flag + (o.arg ? std::string(" ") + o.arg : "");
    out << left;
    out << std::string(left.size() < 28 ? 28 - left.size() : 1, ' ') << o.help << " [" << o.env[0];
    for (std::size_t i = 1; i < o.env.size(); ++i) out << ", " << o.env[i];
    out << "]\n";
  }
  out << "  --help                    this text\n  --version                 the version\n";
  return out.str();
}

ParseResult parse_config(int argc, const char* const* argv) {
  ParseResult result;
  Config config;
  try {
    for (const auto& o : options()) {
      for (const char* name : o.env) {
        if (const char* value = std::getenv(name); value != nullptr && *value != '\0') {
          o.apply(config, value);
          break;
        }
      }
    }
    for (int i = 1; i < argc; ++i) {
      std::string_view arg = argv[i];
      if (arg == "--help" || arg == "-h") return {std::nullopt, 0, help_text()};
      if (arg == "--version") return {std::nullopt, 0, std::string("cloudemu ") + kVersion + "\n"};
      std::string_view value;
      bool has_inline = false;
      if (auto eq = arg.find('='); eq != std::string_view::npos) {
        value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
        has_inline = true;
      }
      const Option* match = nullptr;
      for (const auto& o : options())
        if (arg == o.flag) match = &o;
      if (match == nullptr) throw std::invalid_argument("unknown option " + std::string(arg));
      if (match->arg != nullptr && !has_inline) {
        if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + " needs " + match->arg);
        value = argv[++i];
      }
      match->apply(config, value);
    }
    if (config.storage != "lmdb" && config.storage != "memory" && config.storage.empty())
      throw std::invalid_argument("--storage is empty");
    if (config.tls_cert.empty() != config.tls_key.empty())
      throw std::invalid_argument("--tls-cert and --tls-key go together");
  } catch (const std::exception& e) {
    return {std::nullopt, 2, std::string("cloudemu: ") + e.what() + "\nTry 'cloudemu --help'.\n"};
  }
  result.config = std::move(config);
  return result;
}

}  // namespace ce::host
