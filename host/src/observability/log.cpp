#include "observability/log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace ce::host {
namespace {

const char* level_name(LogLevel l) {
  switch (l) {
    case LogLevel::debug:
      return "DEBUG";
    case LogLevel::info:
      return "INFO";
    case LogLevel::warn:
      return "WARN";
    case LogLevel::error:
      return "ERROR";
  }
  return "INFO";
}

// ISO-8601 UTC with milliseconds; the wall clock, not the host clock: log times are for humans.
std::string timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

}  // namespace

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

LogLevel parse_log_level(std::string_view name) {
  if (name == "debug") return LogLevel::debug;
  if (name == "warn") return LogLevel::warn;
  if (name == "error") return LogLevel::error;
  return LogLevel::info;
}

Logger& Logger::instance() {
  static Logger logger;
  return logger;
}

void Logger::configure(bool json, LogLevel min_level, bool access_log) {
  json_ = json;
  min_level_ = min_level;
  access_log_ = access_log;
}

void Logger::write_line(std::string& line, int fd) {
  line.push_back('\n');
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n <= 0) return;  // a closed stderr must never take the server down
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void Logger::log(LogLevel level, std::string_view component, std::string_view message) {
  if (!enabled(level)) return;
  std::string line;
  if (json_) {
    line = "{\"ts\":\"" + timestamp() + "\",\"level\":\"" + level_name(level) +
           "\",\"component\":\"" + json_escape(component) + "\",\"msg\":\"" + json_escape(message) +
           "\"}";
  } else {
    line = timestamp() + " " + level_name(level) + " [" + std::string(component) + "] " +
           std::string(message);
  }
  write_line(line, STDERR_FILENO);
}

void Logger::access(const AccessRecord& r) {
  if (!access_log_) return;
  std::string line;
  if (json_) {
    line = "{\"ts\":\"" + timestamp() + "\",\"type\":\"access\",\"method\":\"" +
           json_escape(r.method) + "\",\"path\":\"" + json_escape(r.path) + "\",\"service\":\"" +
           json_escape(r.service) + "\",\"operation\":\"" + json_escape(r.operation) +
           "\",\"status\":" + std::to_string(r.status) +
           ",\"bytes\":" + std::to_string(r.bytes_out) + ",\"us\":" + std::to_string(r.micros) +
           ",\"request_id\":\"" + json_escape(r.request_id) + "\"}";
  } else {
    line = timestamp() + " ACCESS " + std::string(r.method) + " " + std::string(r.path) + " " +
           (r.service.empty() ? "-" : std::string(r.service)) + "." +
           (r.operation.empty() ? "-" : std::string(r.operation)) + " " + std::to_string(r.status) +
           " " + std::to_string(r.bytes_out) + "B " + std::to_string(r.micros) + "us";
  }
  write_line(line, STDERR_FILENO);
}

void Logger::banner(std::string_view text) {
  // In JSON mode every line a log collector sees must parse, the banner included.
  std::string line = json_ ? "{\"ts\":\"" + timestamp() +
                                 "\",\"level\":\"INFO\",\"component\":\"host\",\"msg\":\"" +
                                 json_escape(text) + "\"}"
                           : std::string(text);
  write_line(line, STDOUT_FILENO);
}

}  // namespace ce::host
