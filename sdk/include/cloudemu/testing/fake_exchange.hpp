// In-memory HTTP exchanges for the fake host: a request built from method/target/headers/body and
// the response captured as status + headers + body (finished now or later from any thread).
#pragma once
#include <cloudemu/abi.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ce::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";  // path?query, percent-encoded as on the wire
  HeaderList headers{};
  std::string body{};
  std::string account_id = "000000000000";
  std::string region = "us-east-1";
  std::string access_key_id{};
  std::string signing_service{};
  std::size_t body_chunk = 64 * 1024;  // largest piece one body_read returns (tests streaming)
  bool unknown_length = false;         // content_length -1, as with chunked transfer
};

/// ASCII case-insensitive equality (header names).
inline bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

struct HttpResponse {
  uint32_t status = 0;
  HeaderList headers;
  std::string body;
  bool finished = false;
  ce_status handle_status = CE_OK;  // what handle() returned
  std::string handle_error;         // ce_error text when handle() failed
  std::string request_id;

  /// Case-insensitive lookup of the first header.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (iequals_ascii(k, name)) return v;
    }
    return std::nullopt;
  }
};

/// One request/response pair. ce_response_host_ptr handles point at an Exchange.
class Exchange {
 public:
  HttpResponse result() const {
    std::lock_guard lock(mu_);
    return response_;
  }
  bool finished() const {
    std::lock_guard lock(mu_);
    return response_.finished;
  }
  /// Waits for a finish coming from another thread (timers fired by advance() finish on the
  /// caller's thread, so tests rarely need this).
  bool wait_finished(std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return response_.finished; });
  }

  // ---- used by the fake host's C slots; each returns a ce_status and never throws ----
  /// @param violation receives a description of misuse (status after body, double finish).
  ce_status set_status(uint32_t code, std::string* violation) {
    std::lock_guard lock(mu_);
    if (response_.finished || started_) {
      *violation = "resp_status after the body started or the response finished";
      return CE_INVALID;
    }
    response_.status = code;
    return CE_OK;
  }
  ce_status add_header(ce_str name, ce_str value, std::string* violation) {
    std::lock_guard lock(mu_);
    if (response_.finished || started_) {
      *violation = "resp_header after the body started or the response finished";
      return CE_INVALID;
    }
    response_.headers.emplace_back(std::string(name.ptr, name.len),
                                   std::string(value.ptr, value.len));
    return CE_OK;
  }
  ce_status write(ce_bytes data, std::string* violation) {
    std::lock_guard lock(mu_);
    if (response_.finished) {
      *violation = "resp_write after resp_finish";
      return CE_INVALID;
    }
    started_ = true;
    response_.body.append(reinterpret_cast<const char*>(data.ptr), data.len);
    return CE_OK;
  }
  ce_status finish(std::string* violation) {
    std::function<void(const HttpResponse&)> done;
    HttpResponse copy;
    {
      std::lock_guard lock(mu_);
      if (response_.finished) {
        *violation = "resp_finish called twice";
        return CE_INVALID;
      }
      if (response_.status == 0) response_.status = 200;
      response_.finished = true;
      done = std::move(on_finish_);
      if (done) copy = response_;
    }
    cv_.notify_all();
    if (done) done(copy);
    return CE_OK;
  }
  void set_operation(std::string op) {
    std::lock_guard lock(mu_);
    operation_ = std::move(op);
  }
  std::string operation() const {
    std::lock_guard lock(mu_);
    return operation_;
  }
  bool started() const {
    std::lock_guard lock(mu_);
    return started_;
  }
  /// The host's answer when handle() failed before sending anything: 500 InternalError.
  void fail_internal(ce_status s, std::string message) {
    std::function<void(const HttpResponse&)> done;
    HttpResponse copy;
    {
      std::lock_guard lock(mu_);
      response_.handle_status = s;
      response_.handle_error = std::move(message);
      if (response_.finished) return;
      if (!started_) {
        response_.status = 500;
        response_.headers = {{"Content-Type", "application/json"}};
        response_.body = R"({"__type":"InternalError","message":"the service failed"})";
      }
      response_.finished = true;
      done = std::move(on_finish_);
      copy = response_;
    }
    cv_.notify_all();
    if (done) done(copy);
  }
  void set_handle_status(ce_status s) {
    std::lock_guard lock(mu_);
    response_.handle_status = s;
  }
  void init(std::string request_id, std::function<void(const HttpResponse&)> on_finish) {
    std::lock_guard lock(mu_);
    response_.request_id = std::move(request_id);
    on_finish_ = std::move(on_finish);
  }

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  HttpResponse response_;
  bool started_ = false;
  std::string operation_;
  std::function<void(const HttpResponse&)> on_finish_;
};

/// The body a handler pulls: served in pieces of at most `chunk` bytes.
struct FakeBody {
  std::string data;
  std::size_t pos = 0;
  std::size_t chunk = 64 * 1024;
};

}  // namespace ce::testing
