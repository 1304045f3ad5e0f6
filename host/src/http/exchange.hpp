// The host's request body and response, as services see them through ce_body_host_ptr and
// ce_response_host_ptr. No Beast here: the HTTP adapter and internal calls both implement these.
#pragma once
#include <cloudemu/abi.h>

#include <chrono>
#include <cloudemu/aws_chunked.hpp>
#include <cloudemu/status.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct ce_body_s {
  virtual ~ce_body_s() = default;
  /// Next piece of the body; *n == 0 at the end.
  virtual ce_status read(uint8_t* buf, size_t cap, size_t* n, ce_error* err) = 0;
  /// Set when the host verified the request's SigV4 signature and the body is signed per chunk:
  /// the service feeds it through the chunk_* slots of ce_host_api_v1 (ABI 1.1).
  std::unique_ptr<ce::aws_chunked::SignatureCheck> signatures;
};

struct ce_response_s {
  virtual ~ce_response_s() = default;
  ce_status set_status(uint32_t code);
  ce_status add_header(std::string_view name, std::string_view value);
  virtual ce_status write(const uint8_t* data, size_t n, ce_error* err) = 0;
  virtual ce_status finish() = 0;
  /// True once the status line went out (an error can then no longer be rendered).
  virtual bool started() const = 0;
  /// True once finish() was called.
  virtual bool finished() const = 0;

  uint32_t status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string service, operation;  // for the access log
  std::chrono::steady_clock::time_point started_at = std::chrono::steady_clock::now();
};

namespace ce::host {

/// A body held in memory (internal calls, and the form body the router had to read).
class MemoryBody final : public ce_body_s {
 public:
  explicit MemoryBody(std::string data) : data_(std::move(data)) {}
  ce_status read(uint8_t* buf, size_t cap, size_t* n, ce_error* err) override;
  void rewind() { pos_ = 0; }

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

/// Serves bytes already read from `inner` (to find a form Action), then the rest of inner.
class ReplayBody final : public ce_body_s {
 public:
  ReplayBody(std::string prefix, ce_body_s* inner) : prefix_(std::move(prefix)), inner_(inner) {}
  ce_status read(uint8_t* buf, size_t cap, size_t* n, ce_error* err) override;

 private:
  std::string prefix_;
  std::size_t pos_ = 0;
  ce_body_s* inner_;
};

/// Collects the whole response and hands it to a callback at finish (internal calls).
class BufferedResponse final : public ce_response_s {
 public:
  using Done = std::function<void(BufferedResponse&)>;
  explicit BufferedResponse(Done done) : done_(std::move(done)) {}
  ce_status write(const uint8_t* data, size_t n, ce_error* err) override;
  ce_status finish() override;
  bool started() const override { return false; }
  bool finished() const override { return finished_; }
  std::string body;

 private:
  Done done_;
  bool finished_ = false;
};

/// Header lookup, case-insensitive.
std::string_view find_header(const std::vector<ce_header>& headers, std::string_view name);
using ce::iequals;  // cloudemu/status.hpp

}  // namespace ce::host
