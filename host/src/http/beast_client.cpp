// The outbound HTTP client (outbound_http.hpp), on Beast.
#define BOOST_BEAST_USE_STD_STRING_VIEW 1
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <mutex>
#include <optional>
#include <thread>

#include "http/http_url.hpp"
#include "http/outbound_http.hpp"
#include "observability/log.hpp"

namespace ce::host {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Done = std::function<void(OutboundAnswer)>;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

void report(Done& done, OutboundAnswer answer) {
  Done d = std::move(done);
  done = nullptr;
  try {
    d(std::move(answer));
  } catch (const std::exception& e) {
    log_error("outbound-http", std::string("completion threw: ") + e.what());
  } catch (...) {
    log_error("outbound-http", "completion threw a non-standard exception");
  }
}

OutboundAnswer no_answer(std::string why) {
  OutboundAnswer a;
  a.body = std::move(why);
  return a;
}

/// One request on its own connection: resolve, connect, (TLS handshake), write, read, report.
/// Every step's handler holds the exchange; when the client shuts down, the pending handler is
/// destroyed and the destructor reports that no answer came.
template <class Stream>
class Exchange : public std::enable_shared_from_this<Exchange<Stream>> {
 public:
  Exchange(net::io_context& ioc, Stream stream, HttpUrl url, OutboundRequest req, Done done)
      : resolver_(ioc),
        stream_(std::move(stream)),
        url_(std::move(url)),
        req_(std::move(req)),
        done_(std::move(done)) {}
  ~Exchange() {
    if (done_) report(done_, no_answer("host shutting down"));
  }

  void start() {
    tcp_layer().expires_after(std::chrono::milliseconds(req_.timeout_ms));
    resolver_.async_resolve(
        url_.host, std::to_string(url_.port),
        [self = this->shared_from_this()](beast::error_code ec, tcp::resolver::results_type r) {
          if (ec) return self->fail("cannot resolve " + self->url_.host, ec);
          self->tcp_layer().async_connect(
              r, [self](beast::error_code ec2, const tcp::endpoint&) { self->on_connect(ec2); });
        });
  }

 private:
  beast::tcp_stream& tcp_layer() {
    if constexpr (std::is_same_v<Stream, TlsStream>)
      return stream_.next_layer();
    else
      return stream_;
  }

  void on_connect(beast::error_code ec) {
    if (ec) return fail("cannot connect to " + authority(), ec);
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      beast::error_code not_ip;
      net::ip::make_address(url_.host, not_ip);
      // Server Name Indication for names only: a literal address must not be sent as SNI.
      if (not_ip) SSL_set_tlsext_host_name(stream_.native_handle(), url_.host.c_str());
      stream_.async_handshake(net::ssl::stream_base::client,
                              [self = this->shared_from_this()](beast::error_code ec2) {
                                if (ec2) return self->fail("TLS handshake failed", ec2);
                                self->write();
                              });
    } else {
      write();
    }
  }

  void write() {
    const http::verb verb = http::string_to_verb(req_.method);
    request_.version(11);
    if (verb == http::verb::unknown)
      request_.method_string(req_.method);
    else
      request_.method(verb);
    request_.target(url_.target);
    request_.set(http::field::host, authority());
    request_.set(http::field::user_agent, "CloudEmu");
    for (const auto& [name, value] : req_.headers) request_.set(name, value);
    request_.set(http::field::connection, "close");
    request_.body() = std::move(req_.body);
    request_.prepare_payload();
    http::async_write(stream_, request_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->fail("cannot send the request", ec);
                        self->read();
                      });
  }

  void read() {
    parser_.body_limit(OutboundHttp::kMaxAnswerBody);
    http::async_read(stream_, buffer_, parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) return self->fail("no answer", ec);
                       self->answered();
                     });
  }

  void answered() {
    auto& res = parser_.get();
    OutboundAnswer a;
    a.status = res.result_int();
    for (const auto& field : res)
      a.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    a.body = std::move(res.body());
    beast::error_code ignored;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_both, ignored);
    report(done_, std::move(a));
  }

  void fail(const std::string& what, beast::error_code ec) {
    report(done_, no_answer(what + " (" + req_.url + "): " + ec.message()));
  }

  std::string authority() const {
    const bool v6 = url_.host.find(':') != std::string::npos;
    const std::string host = v6 ? "[" + url_.host + "]" : url_.host;
    const bool default_port = url_.port == (url_.tls ? 443 : 80);
    return default_port ? host : host + ":" + std::to_string(url_.port);
  }

  tcp::resolver resolver_;
  Stream stream_;
  HttpUrl url_;
  OutboundRequest req_;
  Done done_;
  http::request<http::string_body> request_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
};

}  // namespace

struct OutboundHttp::Impl {
  std::mutex mu;
  bool stopped = false;
  std::unique_ptr<net::io_context> ioc;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::optional<net::ssl::context> tls;
  std::thread thread;

  /// The loop and its thread, started by the first request. Called with mu held.
  net::io_context& loop() {
    if (!ioc) {
      ioc = std::make_unique<net::io_context>(1);
      work.emplace(ioc->get_executor());
      thread = std::thread([io = ioc.get()] {
        for (;;) {
          try {
            io->run();
            return;
          } catch (const std::exception& e) {
            log_error("outbound-http", std::string("handler threw: ") + e.what());
          }
        }
      });
    }
    return *ioc;
  }
  /// Test endpoints present self-signed certificates: the client does not verify (docs/abi.md).
  net::ssl::context& tls_context() {
    if (!tls) {
      tls.emplace(net::ssl::context::tls_client);
      tls->set_verify_mode(net::ssl::verify_none);
    }
    return *tls;
  }
};

OutboundHttp::OutboundHttp() : impl_(std::make_unique<Impl>()) {}

OutboundHttp::~OutboundHttp() {
  shutdown();
}

void OutboundHttp::send(OutboundRequest req, std::function<void(OutboundAnswer)> done) {
  auto url = parse_http_url(req.url);
  if (!url) {
    report(done, no_answer("not an http:// or https:// URL: " + req.url));
    return;
  }
  if (req.timeout_ms == 0) req.timeout_ms = 15000;
  std::unique_lock lock(impl_->mu);
  if (impl_->stopped) {
    lock.unlock();
    report(done, no_answer("host shutting down"));
    return;
  }
  net::io_context& ioc = impl_->loop();
  if (url->tls) {
    auto ex = std::make_shared<Exchange<TlsStream>>(
        ioc, TlsStream(net::make_strand(ioc), impl_->tls_context()), std::move(*url),
        std::move(req), std::move(done));
    net::post(ioc, [ex] { ex->start(); });
  } else {
    auto ex = std::make_shared<Exchange<PlainStream>>(
        ioc, PlainStream(net::make_strand(ioc)), std::move(*url), std::move(req), std::move(done));
    net::post(ioc, [ex] { ex->start(); });
  }
}

void OutboundHttp::shutdown() {
  std::unique_ptr<net::io_context> ioc;
  std::thread thread;
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stopped) return;
    impl_->stopped = true;
    impl_->work.reset();
    if (impl_->ioc) impl_->ioc->stop();
    ioc = std::move(impl_->ioc);
    thread = std::move(impl_->thread);
  }
  if (thread.joinable()) thread.join();
  // Destroying the loop destroys the handlers still pending, and with them their exchanges,
  // each of which reports "host shutting down" to its caller.
  ioc.reset();
}

}  // namespace ce::host
