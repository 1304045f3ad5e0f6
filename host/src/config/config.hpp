// Command-line and environment configuration of the host. Every option has an environment variable;
// the command line wins over the environment, which wins over the defaults.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ce::host {

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 4566;
  std::string port_file;  // written with the bound port once listening (tests use --port 0)
  std::string data_dir = ".cloudemu";
  std::string storage = "lmdb";
  std::vector<std::string> services;  // empty: every plugin found
  std::vector<std::string> plugin_dirs;
  std::string log_format = "text";  // text | json
  std::string log_level = "info";
  bool access_log = true;
  std::string tls_cert, tls_key;
  uint16_t tls_port = 0;  // 0: TLS is detected on the main port
  bool enforce_sigv4 = false;
  std::string credentials;  // "AKID:SECRET,AKID2:SECRET2"
  std::string region = "us-east-1";
  unsigned workers = 0;  // 0: derived from the core count
  unsigned io_threads = 0;
  bool fsync = false;
  uint32_t header_limit = 64 * 1024;
  uint32_t idle_timeout_s = 75;
  uint32_t header_timeout_s = 30;
};

struct ParseResult {
  std::optional<Config> config;  // empty when the program should exit (help, version, error)
  int exit_code = 0;
  std::string output;  // what to print (help text, version, or the error)
};

/// Parses argv and the environment (through getenv) into a Config.
ParseResult parse_config(int argc, const char* const* argv);

/// The --help text, generated from the same table the parser reads.
std::string help_text();

}  // namespace ce::host
