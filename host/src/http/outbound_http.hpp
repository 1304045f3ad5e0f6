// Outbound HTTP for plugins (ABI 1.3 http_send): SNS delivers to HTTP/HTTPS subscribers through
// it. Beast stays behind this header: the client lives in beast_client.cpp.
//
// Threads: one network thread of its own, started by the first request, so a host that never
// calls out pays nothing. Each request is a fresh connection (Connection: close): subscriber
// endpoints are few and slow next to the emulator, and a pool would have to notice endpoints that
// went away between deliveries.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ce::host {

struct OutboundRequest {
  std::string method = "POST";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  uint32_t timeout_ms = 15000;
};

struct OutboundAnswer {
  uint32_t status = 0;  // 0: no answer; `body` says why
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class OutboundHttp {
 public:
  /// Answers whose body is larger count as no answer (an endpoint is not a download).
  static constexpr std::size_t kMaxAnswerBody = 1 << 20;

  OutboundHttp();
  ~OutboundHttp();
  OutboundHttp(const OutboundHttp&) = delete;
  OutboundHttp& operator=(const OutboundHttp&) = delete;

  /// Starts the request; `done` runs exactly once on the client's thread (or on the caller's,
  /// when the URL is unusable or the client was shut down: no connection is tried then).
  void send(OutboundRequest req, std::function<void(OutboundAnswer)> done);
  /// Ends every request in flight with status 0 ("host shutting down"), stops the thread.
  /// Later sends are answered at once the same way. Idempotent.
  void shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ce::host
