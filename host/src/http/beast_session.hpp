// One HTTP/1.1 connection, plain or TLS. Private to the adapter: only beast_*.cpp include it.
//
// Threads: every socket operation runs on the connection's strand (network threads). Handlers run
// on worker threads; when they pull body bytes or stream response bytes, they post the operation to
// the strand and wait for it. A small response is buffered and sent in one write without any wait.
// A body-less GET/HEAD that its service calls quick (ce_service_v1.answers_inline) runs on the
// network thread itself; if its response outgrows the buffer it is run again on a worker. So does
// a request whose small body came whole with its header (answers_inline_with_body); its response
// is buffered whole instead, as a write must not run twice.
#pragma once
#define BOOST_BEAST_USE_STD_STRING_VIEW 1
#include <atomic>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "http/dispatcher.hpp"
#include "http/exchange.hpp"

namespace ce::host {

class HostRuntime;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;

/// Counts requests between header and last response byte, for a graceful stop.
std::atomic<int>& in_flight_requests();

template <class Stream>
class Session;

template <class Stream>
struct Exchange;

// Body and response know their own exchange: a worker or timer thread finishing an old request
// never looks at which request the connection is on now.
template <class Stream>
class HttpBody final : public ce_body_s {
 public:
  HttpBody(Session<Stream>& s, Exchange<Stream>& ex) : session_(s), ex_(ex) {}
  ce_status read(uint8_t* buf, size_t cap, size_t* n, ce_error* err) override;

 private:
  Session<Stream>& session_;
  Exchange<Stream>& ex_;
};

template <class Stream>
class HttpResponse final : public ce_response_s {
 public:
  HttpResponse(Session<Stream>& s, Exchange<Stream>& ex) : session_(s), ex_(ex) {}
  ce_status write(const uint8_t* data, size_t n, ce_error* err) override;
  ce_status finish() override;
  bool started() const override { return headers_sent_; }
  // A discarded inline run counts as finished, so the dispatcher adds nothing to it.
  bool finished() const override { return finished_ || inline_overflow; }

  std::string buffered;
  bool headers_sent_ = false;
  bool finished_ = false;
  bool chunked_ = false;
  // An inline run's response outgrew the buffer: its writes fail, and a worker runs it again.
  bool inline_overflow = false;
  // An inline run of a request with a body: its response is buffered whatever its size.
  bool buffer_whole = false;
  uint64_t bytes_out = 0;
  std::optional<http::response<http::buffer_body>> streaming;
  std::optional<http::response_serializer<http::buffer_body>> serializer;

 private:
  Session<Stream>& session_;
  Exchange<Stream>& ex_;
};

/// Everything of one request; shared by the network side and the worker until both are done.
template <class Stream>
struct Exchange : std::enable_shared_from_this<Exchange<Stream>> {
  explicit Exchange(std::shared_ptr<Session<Stream>> s)
      : session(std::move(s)), body(*session, *this), response(*session, *this) {}
  std::shared_ptr<Session<Stream>> session;
  http::request_parser<http::buffer_body> parser;
  HttpBody<Stream> body;
  HttpResponse<Stream> response;
  Incoming in;
  std::optional<MemoryBody> body_in_memory;  // a small body that came whole with its header
  std::string method, target;
  bool expects_continue = false;
  bool continue_sent = false;
  bool is_head = false;
};

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(HostRuntime& rt, Stream&& stream, beast::flat_buffer&& buffer)
      : rt_(rt), stream_(std::move(stream)), buffer_(std::move(buffer)) {}
  void start();

  // Called from worker threads (through HttpBody / HttpResponse).
  ce_status pull_body(Exchange<Stream>& ex, uint8_t* buf, size_t cap, size_t* n);
  ce_status push_body(Exchange<Stream>& ex, const uint8_t* data, size_t n);
  ce_status finish(Exchange<Stream>& ex);

 private:
  void wait_for_request();
  void read_header();
  void on_header(beast::error_code ec);
  void complete(std::shared_ptr<Exchange<Stream>> ex, beast::error_code ec);
  void drain_then_continue(std::shared_ptr<Exchange<Stream>> ex);
  void restart_on_worker(Exchange<Stream>& ex);
  /// Moves a small body that is already in buffer_ into ex.body_in_memory; false if it is not all
  /// here (or is chunked, large or awaits 100-continue).
  bool take_body_from_buffer(Exchange<Stream>& ex);
  void close();
  void reject(unsigned status, std::string_view code, std::string_view message);
  /// Runs fn on the strand and blocks the (worker) caller until it reports an error code.
  template <class Fn>
  beast::error_code run_on_strand(Fn&& fn);
  ce_status send_continue_if_needed(Exchange<Stream>& ex);
  beast::error_code send_headers(Exchange<Stream>& ex);
  /// Whether the connection can carry another request after this exchange's response.
  bool can_keep_alive(Exchange<Stream>& ex) const;
  auto& lowest() { return beast::get_lowest_layer(stream_); }

  HostRuntime& rt_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<Exchange<Stream>> current_;
  bool broken_ = false;  // the connection cannot carry another request
  bool failed_ = false;  // a read or write failed: the client is gone
};

using PlainSession = Session<beast::tcp_stream>;
using TlsSession = Session<beast::ssl_stream<beast::tcp_stream>>;

extern template class Session<beast::tcp_stream>;
extern template class Session<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace ce::host
