// Blobs committed but never linked (an upload whose request then failed) are collected by the host
// once they are older than the grace period on the host clock.
#include <catch2/catch.hpp>
#include <chrono>
#include <cloudemu/status.hpp>
#include <thread>

#include "plugins/plugin_loader.hpp"
#include "plugins/service_ctx.hpp"
#include "runtime/host_runtime.hpp"

namespace {

using namespace ce::host;

bool blob_exists(HostRuntime& rt, ServiceCtx& ctx, const uint8_t* id) {
  ce_host_blob_reader_s* reader = nullptr;
  uint64_t size = 0;
  const ce_status st =
      rt.storage->blob_reader_open(ctx, id, 0, UINT64_MAX, &reader, &size, nullptr);
  if (st == CE_OK) rt.storage->blob_reader_close(reader);
  return st == CE_OK;
}

uint8_t* commit_blob(HostRuntime& rt, ServiceCtx& ctx, uint8_t* id) {
  ce_host_blob_writer_s* writer = nullptr;
  REQUIRE(rt.storage->blob_writer_open(ctx, &writer, nullptr) == CE_OK);
  REQUIRE(rt.storage->blob_write(writer, ce::to_bytes("payload"), nullptr) == CE_OK);
  uint64_t size = 0;
  REQUIRE(rt.storage->blob_commit(writer, id, &size, nullptr) == CE_OK);
  return id;
}

}  // namespace

TEST_CASE("unlinked blobs are collected once the host clock passes the grace period",
          "[storage][blobs]") {
  Config config;
  config.storage = "memory";
  config.workers = 2;
  HostRuntime rt(config);
  REQUIRE(load_plugin_file(rt, std::string(CE_PLUGIN_DIR) + "/cloudemu-memory.so"));
  std::string error;
  REQUIRE(rt.open_storage(error));
  ServiceCtx ctx;
  ctx.runtime = &rt;
  ctx.id = "svc";

  uint8_t orphan[CE_BLOB_ID_SIZE], kept[CE_BLOB_ID_SIZE];
  commit_blob(rt, ctx, orphan);
  commit_blob(rt, ctx, kept);
  ce_host_txn_s* txn = nullptr;
  REQUIRE(rt.storage->txn_begin(ctx, 0, &txn, nullptr) == CE_OK);
  REQUIRE(rt.storage->blob_link(txn, kept, nullptr) == CE_OK);
  REQUIRE(rt.storage->txn_commit(txn, nullptr) == CE_OK);

  rt.clock.advance(kOrphanBlobGraceMs / 2);
  rt.timers.clock_moved();
  CHECK(blob_exists(rt, ctx, orphan));  // young: an upload may still be about to publish it

  rt.clock.advance(kOrphanBlobGraceMs);
  rt.timers.clock_moved();
  // The collection the first advance started runs on a worker and re-arms its timer when it ends.
  // On a slow (sanitized, loaded) machine it can end after the advance above, arming a timer one
  // interval past the new time; keep moving the clock by an interval until a collection runs.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (blob_exists(rt, ctx, orphan) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    rt.clock.advance(kBlobCollectIntervalMs);
    rt.timers.clock_moved();
  }
  CHECK_FALSE(blob_exists(rt, ctx, orphan));
  CHECK(blob_exists(rt, ctx, kept));
}
