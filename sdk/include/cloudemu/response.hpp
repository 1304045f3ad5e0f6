// ce::Response: pushes a response through the host (status, headers, streamed body, finish).
#pragma once
#include <cloudemu/abi.h>

#include <cloudemu/status.hpp>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ce {

/// Thrown when the host refuses a response call for a reason other than a closed client (a bug:
/// status after the body started, a finished handle...). The service barrier turns it into a 500.
struct ResponseError : std::runtime_error {
  ce_status status;
  ResponseError(ce_status s, const std::string& what) : std::runtime_error(what), status(s) {}
};

namespace detail {
/// Shared by a Response and its detached copy, so that whichever finishes first wins and the other
/// becomes a no-op; the mutex makes finishing from a timer thread safe against the handler thread.
struct ResponseState {
  const ce_host_api_v1* api = nullptr;
  ce_response_host_ptr handle = nullptr;
  std::mutex mu;
  bool started = false;  // the first resp_write went out: status and headers are frozen
  bool done = false;     // finished, or abandoned to the host after a failure
  bool closed = false;   // the client went away
  bool head = false;     // HEAD request: headers as for GET, but no body bytes
};
}  // namespace detail

class Response {
 public:
  Response() = default;
  Response(const ce_host_api_v1* api, ce_response_host_ptr handle)
      : state_(std::make_shared<detail::ResponseState>()) {
    state_->api = api;
    state_->handle = handle;
  }
  Response(const Response&) = delete;
  Response& operator=(const Response&) = delete;
  Response(Response&& o) noexcept { swap(o); }
  Response& operator=(Response&& o) noexcept {
    Response tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  /// RAII: a handler that forgot to finish still completes the exchange (with what it set so far)
  /// instead of leaving the client hanging until a timeout.
  ~Response() {
    if (state_ && !detached_) finish_quietly();
  }
  void swap(Response& o) noexcept {
    state_.swap(o.state_);
    std::swap(detached_, o.detached_);
  }

  Response& status(uint32_t code) {
    std::lock_guard lock(state_->mu);
    if (!state_->done) check(state_->api->resp_status(state_->handle, code), "resp_status");
    return *this;
  }
  Response& header(std::string_view name, std::string_view value) {
    std::lock_guard lock(state_->mu);
    if (!state_->done) {
      check(state_->api->resp_header(state_->handle, to_str(name), to_str(value)), "resp_header");
    }
    return *this;
  }
  Response& content_type(std::string_view v) { return header("Content-Type", v); }
  /// Names the operation for the host's access log.
  void operation(std::string_view name) {
    std::lock_guard lock(state_->mu);
    if (!state_->done) state_->api->resp_operation(state_->handle, to_str(name));
  }

  /// Sends body bytes. @return false when the client went away: stop producing and just return.
  bool write(std::string_view data) {
    std::lock_guard lock(state_->mu);
    if (state_->done || state_->closed) return !state_->closed;
    if (state_->head) return true;
    ce_error err = make_error();
    const ce_status s = state_->api->resp_write(state_->handle, to_bytes(data), &err);
    state_->started = true;
    if (s == CE_CLOSED) {
      state_->closed = true;
      return false;
    }
    if (s != CE_OK) throw ResponseError(s, std::string("resp_write: ") + err.message);
    return true;
  }

  /// Completes the response; later calls (and the destructor) do nothing.
  void finish() {
    std::lock_guard lock(state_->mu);
    if (state_->done) return;
    state_->done = true;
    check(state_->api->resp_finish(state_->handle), "resp_finish");
  }

  /// A whole response in one go, with Content-Length (so the host need not chunk it).
  void send(uint32_t code, std::string_view content_type, std::string_view body) {
    status(code);
    if (!content_type.empty()) header("Content-Type", content_type);
    header("Content-Length", std::to_string(body.size()));
    if (!body.empty()) write(body);
    finish();
  }
  /// An empty response (204, 200 to a DELETE...).
  void send_empty(uint32_t code) { send(code, {}, {}); }

  /// For async completion: returns a copyable handle that owns the exchange from now on; the
  /// handler then returns and the service adapter reports CE_PENDING. Finish it later from any
  /// thread; if the last copy is dropped unfinished, the exchange is finished then.
  std::shared_ptr<Response> detach() {
    auto out = std::make_shared<Response>();
    out->state_ = state_;
    detached_ = true;
    return out;
  }

  bool detached() const noexcept { return detached_; }
  bool finished() const {
    std::lock_guard lock(state_->mu);
    return state_->done;
  }
  /// True once body bytes went out (status and headers can no longer change).
  bool started() const {
    std::lock_guard lock(state_->mu);
    return state_->started;
  }
  bool valid() const noexcept { return state_ != nullptr; }

  /// Marks the request as HEAD: write() keeps headers (Content-Length as for GET) but sends no
  /// bytes.
  void set_head(bool head) { state_->head = head; }
  bool is_head() const noexcept { return state_ && state_->head; }

  /// Gives the exchange back to the host without finishing it: after a failed handle() the host
  /// answers 500 itself (ABI: ce_service_v1.handle). @return true if nothing had been sent.
  bool abandon() noexcept {
    std::lock_guard lock(state_->mu);
    const bool clean = !state_->started;
    state_->done = true;
    return clean;
  }

 private:
  static void check(ce_status s, const char* what) {
    if (s != CE_OK && s != CE_CLOSED) {
      throw ResponseError(s, std::string(what) + " failed: " + status_name(s));
    }
  }
  void finish_quietly() noexcept {
    try {
      finish();
    } catch (...) {
      // Destructors must not throw; the host logs a failed finish on its side.
    }
  }

  std::shared_ptr<detail::ResponseState> state_;
  bool detached_ = false;
};

}  // namespace ce
