// Listening sockets, TLS detection and the network threads.
#include <algorithm>
#include <atomic>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/beast_session.hpp"
#include "http/server.hpp"
#include "observability/log.hpp"
#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace {

using tcp = net::ip::tcp;

enum class TlsMode { off, detect, always };

// Reads the first bytes of a connection to tell a TLS ClientHello from plain HTTP on one port.
class Detector : public std::enable_shared_from_this<Detector> {
 public:
  Detector(HostRuntime& rt, tcp::socket socket, net::ssl::context* tls, TlsMode mode)
      : rt_(rt), stream_(std::move(socket)), tls_(tls), mode_(mode) {}

  void run() {
    if (mode_ == TlsMode::off) return start_plain();
    stream_.expires_after(std::chrono::seconds(rt_.config.header_timeout_s));
    beast::async_detect_ssl(stream_, buffer_,
                            [self = shared_from_this()](beast::error_code ec, bool is_tls) {
                              if (ec) return;
                              if (is_tls) return self->start_tls();
                              if (self->mode_ == TlsMode::always)
                                return;  // the TLS-only port drops plain HTTP
                              self->start_plain();
                            });
  }

 private:
  void start_plain() {
    std::make_shared<PlainSession>(rt_, std::move(stream_), std::move(buffer_))->start();
  }
  void start_tls() {
    auto tls_stream =
        std::make_shared<beast::ssl_stream<beast::tcp_stream>>(std::move(stream_), *tls_);
    tls_stream->next_layer().expires_after(std::chrono::seconds(rt_.config.header_timeout_s));
    auto self = shared_from_this();
    tls_stream->async_handshake(net::ssl::stream_base::server, buffer_.data(),
                                [self, tls_stream](beast::error_code ec, std::size_t used) {
                                  if (ec) return;
                                  self->buffer_.consume(used);
                                  std::make_shared<TlsSession>(self->rt_, std::move(*tls_stream),
                                                               std::move(self->buffer_))
                                      ->start();
                                });
  }
  HostRuntime& rt_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  net::ssl::context* tls_;
  TlsMode mode_;
};

// One event loop per network thread. A connection stays on the loop that accepted it, so its
// handlers never move between cores and no two network threads share a scheduler's lock or wake
// each other. (One io_context run by N threads made a second thread cost about as much as it
// gave: docs/performance.md, "Network threads".)
class NetworkLoops {
 public:
  explicit NetworkLoops(unsigned n) {
    for (unsigned i = 0; i < std::max(1u, n); ++i)
      loops_.push_back(std::make_unique<net::io_context>(1));  // one thread runs each
  }
  net::io_context& first() { return *loops_.front(); }
  /// The loop for the next connection: round robin.
  net::io_context& next() {
    return *loops_[next_.fetch_add(1, std::memory_order_relaxed) % loops_.size()];
  }
  std::size_t size() const { return loops_.size(); }
  net::io_context& at(std::size_t i) { return *loops_[i]; }

 private:
  std::vector<std::unique_ptr<net::io_context>> loops_;
  std::atomic<std::size_t> next_{0};
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(HostRuntime& rt, NetworkLoops& loops, tcp::endpoint endpoint, net::ssl::context* tls,
           TlsMode mode)
      : rt_(rt), loops_(loops), acceptor_(loops.first()), tls_(tls), mode_(mode) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void accept() {
    acceptor_.async_accept(
        net::make_strand(loops_.next()),
        [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
          if (ec == net::error::operation_aborted) return;
          if (!ec) {
            s.set_option(tcp::no_delay(true), ec);
            // The connection starts on its own loop's strand, not on the accepting thread.
            const auto ex = s.get_executor();
            net::post(ex, [d = std::make_shared<Detector>(self->rt_, std::move(s), self->tls_,
                                                          self->mode_)] { d->run(); });
          }
          self->accept();
        });
  }
  void close() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

 private:
  HostRuntime& rt_;
  NetworkLoops& loops_;
  tcp::acceptor acceptor_;
  net::ssl::context* tls_;
  TlsMode mode_;
};

/// --io-threads, or its default: one network thread per core, as nginx runs one worker per core.
/// Each has its own loop (NetworkLoops), so a second one no longer costs what it gives, and a
/// long inline answer (a 1 MB Scan page) holds up only the connections of its own loop. On this
/// 2-core machine two threads answer Query 50% faster than one and GetItem, PutItem, GetObject
/// and SendMessage at the same rate (docs/performance.md, "Network threads").
unsigned network_threads(unsigned configured) {
  if (configured != 0) return configured;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

struct Server::Impl {
  explicit Impl(HostRuntime& r)
      : rt(r),
        loops(network_threads(r.config.io_threads)),
        signals(loops.first(), SIGINT, SIGTERM) {}
  HostRuntime& rt;
  NetworkLoops loops;
  net::signal_set signals;
  // Created only with --tls-cert: an OpenSSL context costs ~3 MiB and ~2 ms at start-up.
  std::optional<net::ssl::context> tls;
  std::vector<std::shared_ptr<Listener>> listeners;
  uint16_t tls_port = 0;
  std::atomic<bool> stopping{false};
  std::mutex stop_mutex;
  std::condition_variable stop_requested;
};

Server::Server(HostRuntime& rt) : impl_(std::make_unique<Impl>(rt)) {}
Server::~Server() = default;

uint16_t Server::listen() {
  auto& cfg = impl_->rt.config;
  beast::error_code ec;
  const auto address = net::ip::make_address(cfg.host, ec);
  if (ec) throw std::runtime_error("--host " + cfg.host + " is not an IP address: " + ec.message());
  const bool tls_enabled = !cfg.tls_cert.empty();
  if (tls_enabled) {
    try {
      impl_->tls.emplace(net::ssl::context::tls_server);
      impl_->tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                              net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                              net::ssl::context::no_tlsv1_1);
      impl_->tls->use_certificate_chain_file(cfg.tls_cert);
      impl_->tls->use_private_key_file(cfg.tls_key, net::ssl::context::pem);
    } catch (const std::exception& e) {
      throw std::runtime_error("cannot load --tls-cert/--tls-key: " + std::string(e.what()));
    }
  }
  try {
    const TlsMode main_mode = tls_enabled && cfg.tls_port == 0 ? TlsMode::detect : TlsMode::off;
    auto main =
        std::make_shared<Listener>(impl_->rt, impl_->loops, tcp::endpoint{address, cfg.port},
                                   tls_enabled ? &*impl_->tls : nullptr, main_mode);
    impl_->listeners.push_back(main);
    if (tls_enabled && cfg.tls_port != 0) {
      auto second =
          std::make_shared<Listener>(impl_->rt, impl_->loops, tcp::endpoint{address, cfg.tls_port},
                                     &*impl_->tls, TlsMode::always);
      impl_->listeners.push_back(second);
      impl_->tls_port = second->port();
    } else if (tls_enabled) {
      impl_->tls_port = main->port();
    }
    return main->port();
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot listen on " + cfg.host + ":" + std::to_string(cfg.port) +
                             ": " + e.code().message());
  }
}

uint16_t Server::tls_port() const {
  return impl_->tls_port;
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  { std::lock_guard lock(impl_->stop_mutex); }
  impl_->stop_requested.notify_all();
  net::post(impl_->loops.first(), [impl = impl_.get()] {
    for (auto& l : impl->listeners) l->close();
    beast::error_code ec;
    impl->signals.cancel(ec);
  });
}

void Server::run() {
  // Once stop() closes the listeners, nothing else keeps a loop going between two steps of an
  // in-flight request (a worker thread between body reads has no operation pending on the loop):
  // without these guards a loop ran dry and that request could never finish. The watcher's
  // stop() ends the loops whatever the guards say.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
  for (std::size_t i = 0; i < impl_->loops.size(); ++i)
    work.push_back(net::make_work_guard(impl_->loops.at(i)));
  for (auto& l : impl_->listeners) l->accept();
  impl_->signals.async_wait([this](beast::error_code ec, int signo) {
    if (ec) return;
    log_info("host",
             std::string("received ") + (signo == SIGINT ? "SIGINT" : "SIGTERM") + ", stopping");
    stop();
  });
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl_->loops.size(); ++i)
    threads.emplace_back([this, i] { impl_->loops.at(i).run(); });
  // This thread runs the first loop, and a watcher waits for the stop.
  std::thread watcher([this] {
    {
      std::unique_lock lock(impl_->stop_mutex);
      impl_->stop_requested.wait(lock, [this] { return impl_->stopping.load(); });
    }
    // In-flight requests finish first; a long poll that outlives the grace period is cut.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (in_flight_requests().load() > 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    for (std::size_t i = 0; i < impl_->loops.size(); ++i) impl_->loops.at(i).stop();
  });
  impl_->loops.first().run();
  watcher.join();
  for (auto& t : threads) t.join();
}

}  // namespace ce::host
