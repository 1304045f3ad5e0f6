#include "http/exchange.hpp"

#include <algorithm>
#include <cloudemu/status.hpp>
#include <cstring>

ce_status ce_response_s::set_status(uint32_t code) {
  if (started()) return CE_INVALID;
  if (code < 100 || code > 999) return CE_INVALID;
  status = code;
  return CE_OK;
}

ce_status ce_response_s::add_header(std::string_view name, std::string_view value) {
  if (started()) return CE_INVALID;
  // Header injection guard: a CR or LF in either part would split the response.
  auto bad = [](std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; };
  if (name.empty() || bad(name) || bad(value)) return CE_INVALID;
  headers.emplace_back(name, value);
  return CE_OK;
}

namespace ce::host {

std::string_view find_header(const std::vector<ce_header>& headers, std::string_view name) {
  for (const auto& h : headers)
    if (iequals(ce::to_view(h.name), name)) return ce::to_view(h.value);
  return {};
}

ce_status MemoryBody::read(uint8_t* buf, size_t cap, size_t* n, ce_error*) {
  const std::size_t take = std::min(cap, data_.size() - pos_);
  if (take > 0) std::memcpy(buf, data_.data() + pos_, take);
  pos_ += take;
  *n = take;
  return CE_OK;
}

ce_status ReplayBody::read(uint8_t* buf, size_t cap, size_t* n, ce_error* err) {
  if (pos_ < prefix_.size()) {
    const std::size_t take = std::min(cap, prefix_.size() - pos_);
    std::memcpy(buf, prefix_.data() + pos_, take);
    pos_ += take;
    *n = take;
    return CE_OK;
  }
  return inner_->read(buf, cap, n, err);
}

ce_status BufferedResponse::write(const uint8_t* data, size_t n, ce_error*) {
  if (finished_) return CE_INVALID;
  body.append(reinterpret_cast<const char*>(data), n);
  return CE_OK;
}

ce_status BufferedResponse::finish() {
  if (finished_) return CE_INVALID;
  finished_ = true;
  done_(*this);
  return CE_OK;
}

}  // namespace ce::host
