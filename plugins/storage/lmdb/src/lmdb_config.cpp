#include "lmdb_config.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace ce::lmdb {

ce_status parse_config(std::string_view json, Config* out, ce_error* err) {
  const auto doc = nlohmann::json::parse(json.empty() ? std::string_view("{}") : json, nullptr,
                                         /*allow_exceptions=*/false);
  if (!doc.is_object()) return fail(err, CE_INVALID, "lmdb: config is not a JSON object");
  const auto dir = doc.find("data_dir");
  if (dir == doc.end() || !dir->is_string() || dir->get<std::string>().empty()) {
    return fail(err, CE_INVALID, "lmdb: config needs \"data_dir\" (a directory path)");
  }
  out->data_dir = dir->get<std::string>();
  if (auto f = doc.find("fsync"); f != doc.end()) {
    if (!f->is_boolean()) return fail(err, CE_INVALID, "lmdb: \"fsync\" must be true or false");
    out->fsync = f->get<bool>();
  }
  if (auto m = doc.find("map_size_mb"); m != doc.end()) {
    if (!m->is_number_unsigned() || m->get<std::uint64_t>() == 0 ||
        m->get<std::uint64_t>() > (std::uint64_t{1} << 20)) {
      return fail(err, CE_INVALID, "lmdb: \"map_size_mb\" must be an integer in 1..1048576");
    }
    out->map_size = static_cast<std::size_t>(m->get<std::uint64_t>()) << 20;
  }
  return CE_OK;
}

namespace {
std::atomic<ClockFn> g_clock{nullptr};
}

void set_clock(ClockFn fn) noexcept {
  g_clock.store(fn);
}

std::int64_t now_ms() noexcept {
  if (ClockFn fn = g_clock.load()) return fn();
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace ce::lmdb
