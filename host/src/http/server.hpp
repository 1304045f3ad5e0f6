// The HTTP/HTTPS front end. Beast lives behind this header (beast_*.{hpp,cpp}) and nowhere else.
#pragma once
#include <cstdint>
#include <memory>

namespace ce::host {

class HostRuntime;

class Server {
 public:
  explicit Server(HostRuntime& rt);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the listening sockets. Returns the bound main port (useful with --port 0).
  /// Throws std::runtime_error with the reason when it cannot bind or load the TLS files.
  uint16_t listen();
  uint16_t tls_port() const;
  /// Serves until SIGINT/SIGTERM or stop(); in-flight requests finish first (bounded wait).
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ce::host
