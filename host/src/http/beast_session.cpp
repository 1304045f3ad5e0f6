#include "http/beast_session.hpp"

#include <array>
#include <cloudemu/status.hpp>
#include <ctime>
#include <future>
#include <limits>
#include <optional>
#include <string>

#include "observability/log.hpp"
#include "runtime/host_runtime.hpp"

namespace ce::host {
namespace {

constexpr std::size_t kBufferedResponseLimit = 64 * 1024;  // larger responses stream
constexpr std::size_t kInlineBodyLimit = 64 * 1024;        // a larger body goes to a worker
constexpr std::size_t kDrainLimit = 8 * 1024 * 1024;  // unread body we skip to keep a connection
constexpr auto kBodyTimeout = std::chrono::seconds(60);

// The session whose request this network thread is answering inline (on its strand), if any.
thread_local const void* t_inline_session = nullptr;

// The Date header, formatted once a second per thread.
const std::string& http_date() {
  thread_local std::string cached;
  thread_local std::time_t cached_at = 0;
  const std::time_t now = std::time(nullptr);
  if (now != cached_at) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached = buf;
    cached_at = now;
  }
  return cached;
}

bool has_content_length(const ce_response_s& r) {
  for (const auto& [k, v] : r.headers)
    if (iequals(k, "content-length")) return true;
  return false;
}

bool bodyless_status(unsigned s) {
  return s < 200 || s == 204 || s == 304;
}

/// The head of a buffered response, as Beast's serializer would write the message that
/// copy_headers builds (plus Content-Length and Connection), without building it: the fields
/// container and the serializer's buffer sequences cost more than the rest of a small request.
/// `length` is the Content-Length to send, if any.
std::string serialize_head(const ce_response_s& r, std::optional<std::size_t> length,
                           bool keep_alive, bool http10_keep_alive) {
  std::string out;
  out.reserve(256);
  out += "HTTP/1.1 ";
  out += std::to_string(r.status);
  out += ' ';
  const auto reason = http::obsolete_reason(static_cast<http::status>(r.status));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  const auto field = [&out](std::string_view name, std::string_view value) {
    out.append(name);
    out += ": ";
    out.append(value);
    out += "\r\n";
  };
  // Date, Content-Length and Connection are ours to set: a service's own are replaced (set()).
  const bool replace_connection = !keep_alive || http10_keep_alive;
  for (const auto& [k, v] : r.headers) {
    if (iequals(k, "date") || (length && iequals(k, "content-length")) ||
        (replace_connection && iequals(k, "connection")))
      continue;
    field(k, v);
  }
  field("Date", http_date());
  if (length) field("Content-Length", std::to_string(*length));
  if (!keep_alive)
    field("Connection", "close");
  else if (http10_keep_alive)
    field("Connection", "keep-alive");
  out += "\r\n";
  return out;
}

template <class Message>
void copy_headers(const ce_response_s& from, Message& to) {
  for (const auto& [k, v] : from.headers) to.insert(k, v);
  to.set(http::field::date, http_date());
}

}  // namespace

std::atomic<int>& in_flight_requests() {
  static std::atomic<int> count{0};
  return count;
}

template <class Stream>
ce_status HttpBody<Stream>::read(uint8_t* buf, size_t cap, size_t* n, ce_error* err) {
  ce_status st = session_.pull_body(ex_, buf, cap, n);
  if (st == CE_CLOSED)
    fail(err, CE_CLOSED, "the client closed the connection or stopped sending the body");
  return st;
}

template <class Stream>
ce_status HttpResponse<Stream>::write(const uint8_t* data, size_t n, ce_error* err) {
  ce_status st = session_.push_body(ex_, data, n);
  if (st == CE_CLOSED) fail(err, CE_CLOSED, "the client closed the connection");
  return st;
}

template <class Stream>
ce_status HttpResponse<Stream>::finish() {
  return session_.finish(ex_);
}

template <class Stream>
template <class Fn>
beast::error_code Session<Stream>::run_on_strand(Fn&& fn) {
  std::promise<beast::error_code> done;
  auto result = done.get_future();
  net::post(stream_.get_executor(),
            [&] { fn([&done](beast::error_code ec) { done.set_value(ec); }); });
  return result.get();
}

template <class Stream>
void Session<Stream>::start() {
  wait_for_request();
}

template <class Stream>
void Session<Stream>::wait_for_request() {
  current_.reset();
  if (buffer_.size() > 0) return read_header();  // a pipelined request is already here
  // Idle keep-alive wait for the first byte; the shorter header timeout starts once it arrives.
  lowest().expires_after(std::chrono::seconds(rt_.config.idle_timeout_s));
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
                            if (ec) return self->close();
                            self->buffer_.commit(n);
                            self->read_header();
                          });
}

template <class Stream>
void Session<Stream>::read_header() {
  current_ = std::make_shared<Exchange<Stream>>(this->shared_from_this());
  current_->parser.header_limit(rt_.config.header_limit);
  // Bodies stream; size limits are the services' to apply. Not boost::none: Boost 1.74 compares
  // `len_ > body_limit_` with an empty optional as true and rejects every body.
  current_->parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  lowest().expires_after(std::chrono::seconds(rt_.config.header_timeout_s));
  http::async_read_header(stream_, buffer_, current_->parser,
                          [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                            self->on_header(ec);
                          });
}

template <class Stream>
void Session<Stream>::on_header(beast::error_code ec) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == net::error::operation_aborted || ec == net::error::connection_reset ||
      ec == net::error::eof)
    return close();
  if (ec == http::error::header_limit)
    return reject(431, "RequestHeaderSectionTooLarge",
                  "Your request header section exceeds the maximum allowed size.");
  if (ec)
    return reject(400, "BadRequest",
                  "The request could not be parsed as HTTP/1.1: " + ec.message());
  lowest().expires_never();
  auto ex = current_;
  auto& msg = ex->parser.get();
  ex->method = std::string(msg.method_string());
  ex->target = std::string(msg.target());
  Incoming& in = ex->in;
  in.method = ex->method;
  in.target = ex->target;
  in.host = msg[http::field::host];
  in.headers.reserve(16);
  for (const auto& field : msg) {
    const auto name = field.name_string(), value = field.value();
    in.headers.push_back({{name.data(), name.size()}, {value.data(), value.size()}});
  }
  if (msg.chunked())
    in.content_length = -1;
  else if (auto cl = ex->parser.content_length())
    in.content_length = static_cast<int64_t>(*cl);
  else
    in.content_length = 0;
  ex->expects_continue = iequals(msg[http::field::expect], "100-continue");
  ex->is_head = msg.method() == http::verb::head;
  in.body = &ex->body;
  in.response = &ex->response;
  in.request_id = make_request_id();
  ++in_flight_requests();
  // A body-less read its service calls quick is answered right here: the hand-off to a worker
  // and back costs more than the handler itself (two thread wake-ups per request). So is a
  // request whose small body came with its header (a DynamoDB or SQS call, typically).
  const bool bodyless_read = (ex->is_head || msg.method() == http::verb::get) &&
                             in.content_length == 0 && !ex->expects_continue;
  if (bodyless_read || take_body_from_buffer(*ex)) {
    ex->response.buffer_whole = in.body_in_memory;
    t_inline_session = this;
    const bool answered = dispatch_inline(rt_, in);
    t_inline_session = nullptr;
    if (answered && !ex->response.inline_overflow) return;
    restart_on_worker(*ex);
  }
  HostRuntime& rt = rt_;
  rt_.workers.post([ex, &rt] { dispatch(rt, ex->in); });
}

template <class Stream>
bool Session<Stream>::take_body_from_buffer(Exchange<Stream>& ex) {
  const int64_t length = ex.in.content_length;
  if (length <= 0 || static_cast<std::size_t>(length) > kInlineBodyLimit || ex.expects_continue ||
      buffer_.size() < static_cast<std::size_t>(length))
    return false;
  std::string bytes(static_cast<std::size_t>(length), '\0');
  auto& body = ex.parser.get().body();
  body.data = bytes.data();
  body.size = bytes.size();
  beast::error_code ec;
  // Everything is in buffer_: the parser copies it into `bytes` without touching the socket.
  while (!ex.parser.is_done()) {
    const std::size_t used = ex.parser.put(buffer_.data(), ec);
    buffer_.consume(used);
    if (ec == http::error::need_buffer) ec = {};
    if (ec || used == 0) break;
  }
  if (!ex.parser.is_done()) {
    // Cannot happen with a Content-Length body that is all here; keep the connection honest.
    broken_ = true;
    return false;
  }
  ex.body_in_memory.emplace(std::move(bytes));
  ex.in.body = &*ex.body_in_memory;
  ex.in.body_in_memory = true;
  return true;
}

template <class Stream>
void Session<Stream>::restart_on_worker(Exchange<Stream>& ex) {
  // Nothing was sent: forget what the inline run produced, and give the worker a fresh request.
  auto& r = ex.response;
  r.inline_overflow = false;
  r.buffer_whole = false;
  r.status = 200;
  r.headers.clear();
  r.buffered.clear();
  r.service.clear();
  r.operation.clear();
  ex.in.owned_body.reset();
  ex.body.signatures.reset();
  if (ex.body_in_memory) {
    ex.body_in_memory->rewind();
    ex.body_in_memory->signatures.reset();
    ex.in.body = &*ex.body_in_memory;
  } else {
    ex.in.body = &ex.body;
  }
}

template <class Stream>
ce_status Session<Stream>::send_continue_if_needed(Exchange<Stream>& ex) {
  if (!ex.expects_continue || ex.continue_sent) return CE_OK;
  ex.continue_sent = true;
  auto interim = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
  const beast::error_code ec = run_on_strand([&](auto done) {
    lowest().expires_after(kBodyTimeout);
    http::async_write(stream_, *interim,
                      [interim, done](beast::error_code e, std::size_t) { done(e); });
  });
  if (ec) {
    broken_ = failed_ = true;
    return CE_CLOSED;
  }
  return CE_OK;
}

template <class Stream>
ce_status Session<Stream>::pull_body(Exchange<Stream>& ex, uint8_t* buf, size_t cap, size_t* n) {
  *n = 0;
  if (ex.parser.is_done() || cap == 0) return CE_OK;
  if (failed_ || ex.response.finished_) return CE_CLOSED;
  if (send_continue_if_needed(ex) != CE_OK) return CE_CLOSED;
  beast::error_code ec = run_on_strand([&](auto done) {
    auto& body = ex.parser.get().body();
    body.data = buf;
    body.size = cap;
    lowest().expires_after(kBodyTimeout);
    http::async_read(stream_, buffer_, ex.parser,
                     [done](beast::error_code e, std::size_t) { done(e); });
  });
  if (ec == http::error::need_buffer) ec = {};
  *n = cap - ex.parser.get().body().size;
  if (ec) {
    broken_ = failed_ = true;
    return CE_CLOSED;
  }
  return CE_OK;
}

template <class Stream>
bool Session<Stream>::can_keep_alive(Exchange<Stream>& ex) const {
  if (broken_ || !ex.parser.get().keep_alive()) return false;
  if (ex.parser.is_done()) return true;
  // The service answers without reading the whole body. A client still waiting for 100 Continue
  // never sends it, and a body longer than we are willing to skip is not worth reading: the
  // connection closes after this response, so say so (Connection: close) or the client would send
  // its next request on a socket we are about to close.
  if (ex.expects_continue && !ex.continue_sent) return false;
  if (const auto length = ex.parser.content_length_remaining(); length && *length > kDrainLimit)
    return false;
  return true;
}

template <class Stream>
beast::error_code Session<Stream>::send_headers(Exchange<Stream>& ex) {
  auto& r = ex.response;
  r.streaming.emplace(static_cast<http::status>(r.status), 11);
  copy_headers(r, *r.streaming);
  const bool http11 = ex.parser.get().version() >= 11;
  bool keep_alive = can_keep_alive(ex);
  if (!has_content_length(r) && !bodyless_status(r.status) && !ex.is_head) {
    if (http11)
      r.streaming->chunked(true);
    else
      keep_alive =
          false;  // HTTP/1.0 without a length: the end of the body is the end of the connection
  }
  r.streaming->keep_alive(keep_alive);
  // An HTTP/1.0 client closes unless told otherwise (keep_alive() adds no header to our 1.1).
  if (keep_alive && !http11) r.streaming->set(http::field::connection, "keep-alive");
  if (!keep_alive) broken_ = true;
  r.streaming->body().data = nullptr;
  r.streaming->body().more = true;
  r.serializer.emplace(*r.streaming);
  r.headers_sent_ = true;
  return run_on_strand([&](auto done) {
    lowest().expires_after(kBodyTimeout);
    http::async_write_header(stream_, *r.serializer,
                             [done](beast::error_code e, std::size_t) { done(e); });
  });
}

template <class Stream>
ce_status Session<Stream>::push_body(Exchange<Stream>& ex, const uint8_t* data, size_t n) {
  auto& r = ex.response;
  if (r.finished_) return CE_INVALID;
  if (r.inline_overflow) return CE_CLOSED;
  if (ex.is_head) return CE_OK;  // a HEAD response has no body
  if (!r.headers_sent_) {
    if (r.buffered.size() + n <= kBufferedResponseLimit || r.buffer_whole) {
      r.buffered.append(reinterpret_cast<const char*>(data), n);
      return CE_OK;
    }
    if (t_inline_session == this) {
      // Streaming would wait for the strand we are running on: run it again on a worker.
      r.inline_overflow = true;
      return CE_CLOSED;
    }
    if (send_headers(ex)) {
      broken_ = failed_ = true;
      return CE_CLOSED;
    }
    if (!r.buffered.empty()) {
      std::string first = std::move(r.buffered);
      r.buffered.clear();
      if (push_body(ex, reinterpret_cast<const uint8_t*>(first.data()), first.size()) != CE_OK)
        return CE_CLOSED;
    }
  }
  if (failed_) return CE_CLOSED;
  if (n == 0) return CE_OK;
  beast::error_code ec = run_on_strand([&](auto done) {
    r.streaming->body().data = const_cast<uint8_t*>(data);
    r.streaming->body().size = n;
    r.streaming->body().more = true;
    lowest().expires_after(kBodyTimeout);
    http::async_write(stream_, *r.serializer,
                      [done](beast::error_code e, std::size_t) { done(e); });
  });
  if (ec == http::error::need_buffer) ec = {};
  if (ec) {
    broken_ = failed_ = true;
    return CE_CLOSED;
  }
  r.bytes_out += n;
  return CE_OK;
}

template <class Stream>
ce_status Session<Stream>::finish(Exchange<Stream>& exchange) {
  auto& r = exchange.response;
  if (r.inline_overflow) return CE_OK;  // this run is discarded; the worker's run finishes
  if (r.finished_) return CE_INVALID;
  r.finished_ = true;
  auto ex = exchange.shared_from_this();
  auto self = this->shared_from_this();
  if (!r.headers_sent_) {
    const bool head = ex->is_head;
    // The service knows a HEAD response's length (the object's); otherwise the body is the length.
    std::optional<std::size_t> length;
    if (!bodyless_status(r.status) && !(head && has_content_length(r)))
      length = head ? 0 : r.buffered.size();
    const bool keep_alive = can_keep_alive(*ex);
    if (!keep_alive) broken_ = true;
    struct Wire {
      std::string head, body;
    };
    auto wire = std::make_shared<Wire>();
    // An HTTP/1.0 client closes unless told otherwise (see send_headers).
    wire->head =
        serialize_head(r, length, keep_alive, keep_alive && ex->parser.get().version() < 11);
    if (!head) wire->body = std::move(r.buffered);
    r.bytes_out = wire->body.size();
    auto send = [self, ex, wire] {
      self->lowest().expires_after(kBodyTimeout);
      const std::array<net::const_buffer, 2> buffers{net::buffer(wire->head),
                                                     net::buffer(wire->body)};
      net::async_write(self->stream_, buffers, [self, ex, wire](beast::error_code ec, std::size_t) {
        self->complete(ex, ec);
      });
    };
    // Answered on the network thread itself (admin reads): write now, no hop through the queue.
    if (t_inline_session == this)
      send();
    else
      net::post(stream_.get_executor(), std::move(send));
    return CE_OK;
  }
  net::post(stream_.get_executor(), [self, ex, &r] {
    if (self->failed_) return self->complete(ex, net::error::broken_pipe);
    r.streaming->body().data = nullptr;
    r.streaming->body().size = 0;
    r.streaming->body().more = false;
    self->lowest().expires_after(kBodyTimeout);
    http::async_write(self->stream_, *r.serializer, [self, ex](beast::error_code ec, std::size_t) {
      if (ec == http::error::need_buffer) ec = {};
      self->complete(ex, ec);
    });
  });
  return CE_OK;
}

template <class Stream>
void Session<Stream>::complete(std::shared_ptr<Exchange<Stream>> ex, beast::error_code ec) {
  --in_flight_requests();
  auto& r = ex->response;
  if (Logger::instance().access_log_enabled()) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - r.started_at)
                            .count();
    const std::string_view target = ex->target;
    Logger::instance().access({ex->method, target.substr(0, target.find('?')), r.service,
                               r.operation, ex->in.request_id, r.status, r.bytes_out,
                               static_cast<uint64_t>(micros)});
  }
  if (ec || broken_ || !ex->parser.get().keep_alive()) return close();
  if (r.streaming && !r.streaming->keep_alive()) return close();
  if (!ex->parser.is_done()) {
    // The service answered without reading the whole body. A client that waits for 100-continue
    // never sent it; anyone else did, and we skip it (up to a limit) to keep the connection.
    if (ex->expects_continue && !ex->continue_sent) return close();
    return drain_then_continue(std::move(ex));
  }
  wait_for_request();
}

template <class Stream>
void Session<Stream>::drain_then_continue(std::shared_ptr<Exchange<Stream>> ex) {
  struct Drain {
    std::array<uint8_t, 65536> buf;
    std::size_t total = 0;
  };
  auto state = std::make_shared<Drain>();
  auto self = this->shared_from_this();
  auto step = std::make_shared<std::function<void()>>();
  // Resetting *step destroys this very lambda and its captures: copy what is still needed into a
  // local first (using the captured `self` after the reset was a use-after-free that crashed the
  // server whenever a service answered without reading a small body).
  *step = [self, ex, state, step] {
    if (ex->parser.is_done()) {
      auto session = self;
      *step = nullptr;  // break the self-reference
      return session->wait_for_request();
    }
    if (state->total > kDrainLimit) {
      auto session = self;
      *step = nullptr;
      return session->close();
    }
    auto& body = ex->parser.get().body();
    body.data = state->buf.data();
    body.size = state->buf.size();
    self->lowest().expires_after(kBodyTimeout);
    http::async_read(self->stream_, self->buffer_, ex->parser,
                     [self, ex, state, step](beast::error_code ec, std::size_t) {
                       if (ec == http::error::need_buffer) ec = {};
                       if (ec) {
                         *step = nullptr;
                         return self->close();
                       }
                       state->total += state->buf.size() - ex->parser.get().body().size;
                       (*step)();
                     });
  };
  (*step)();
}

template <class Stream>
void Session<Stream>::reject(unsigned status, std::string_view code, std::string_view message) {
  auto res =
      std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
  res->set(http::field::content_type, "application/xml");
  res->set(http::field::date, http_date());
  res->body() = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + std::string(code) +
                "</Code><Message>" + std::string(message) + "</Message></Error>";
  res->prepare_payload();
  res->keep_alive(false);
  auto self = this->shared_from_this();
  lowest().expires_after(std::chrono::seconds(5));
  http::async_write(stream_, *res, [self, res](beast::error_code, std::size_t) { self->close(); });
}

template <class Stream>
void Session<Stream>::close() {
  current_.reset();
  beast::error_code ec;
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  } else {
    lowest().expires_after(std::chrono::seconds(2));
    stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
      beast::error_code ignored;
      self->lowest().socket().close(ignored);
    });
  }
}

template class Session<beast::tcp_stream>;
template class Session<beast::ssl_stream<beast::tcp_stream>>;
template class HttpBody<beast::tcp_stream>;
template class HttpBody<beast::ssl_stream<beast::tcp_stream>>;
template class HttpResponse<beast::tcp_stream>;
template class HttpResponse<beast::ssl_stream<beast::tcp_stream>>;

}  // namespace ce::host
