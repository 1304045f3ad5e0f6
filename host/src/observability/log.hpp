// The host's one logger: text or JSON lines on stderr, plus access-log lines. Thread-safe; each
// line is written with one write() so lines from different threads never interleave.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace ce::host {

enum class LogLevel : uint32_t { debug = 0, info = 1, warn = 2, error = 3 };

struct AccessRecord {
  std::string_view method, path, service, operation, request_id;
  uint32_t status = 0;
  uint64_t bytes_out = 0;
  uint64_t micros = 0;
};

class Logger {
 public:
  static Logger& instance();
  void configure(bool json, LogLevel min_level, bool access_log);
  bool enabled(LogLevel level) const { return level >= min_level_; }
  bool access_log_enabled() const { return access_log_; }
  void log(LogLevel level, std::string_view component, std::string_view message);
  void access(const AccessRecord& record);
  /// Plain text for the start-up banner, on stdout (operators read it; scripts grep it).
  void banner(std::string_view text);

 private:
  void write_line(std::string& line, int fd);
  bool json_ = false;
  bool access_log_ = true;
  LogLevel min_level_ = LogLevel::info;
};

LogLevel parse_log_level(std::string_view name);
std::string json_escape(std::string_view s);

inline void log_info(std::string_view component, std::string_view msg) {
  Logger::instance().log(LogLevel::info, component, msg);
}
inline void log_warn(std::string_view component, std::string_view msg) {
  Logger::instance().log(LogLevel::warn, component, msg);
}
inline void log_error(std::string_view component, std::string_view msg) {
  Logger::instance().log(LogLevel::error, component, msg);
}
inline void log_debug(std::string_view component, std::string_view msg) {
  if (Logger::instance().enabled(LogLevel::debug))
    Logger::instance().log(LogLevel::debug, component, msg);
}

}  // namespace ce::host
