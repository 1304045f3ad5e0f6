// One deliberately broken plugin per failure mode: each is refused with the exact explanation, and
// the host goes on loading the next plugin.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "plugins/plugin_loader.hpp"
#include "runtime/host_runtime.hpp"

namespace {

using ce::host::Config;
using ce::host::HostRuntime;

std::string fixture(const std::string& name) {
  return std::string(CE_FIXTURE_DIR) + "/cloudemu-" + name + ".so";
}

Config memory_config() {
  Config c;
  c.storage = "memory";
  c.workers = 2;
  return c;
}

// Loads one fixture and returns the reason it was refused ("" if it loaded).
std::string refusal_of(HostRuntime& rt, const std::string& name) {
  const std::size_t before = rt.registry.refused.size();
  const bool loaded = ce::host::load_plugin_file(rt, fixture(name));
  if (loaded) return "";
  REQUIRE(rt.registry.refused.size() == before + 1);
  CHECK(rt.registry.refused.back().file == fixture(name));
  return rt.registry.refused.back().reason;
}

}  // namespace

TEST_CASE("a plugin built for another major ABI is refused with both versions", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-major") == fixture("fixture-major") +
                                               " was built for plugin ABI 2.0, this host speaks "
                                               "ABI 1.3 (major versions must match): rebuild the "
                                               "plugin against CloudEmu SDK 1.x");
}

TEST_CASE("a plugin built for a newer minor ABI is refused with the upgrade advice",
          "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-minor") == fixture("fixture-minor") +
                                               " was built for plugin ABI 1.4, this host supports "
                                               "up to ABI 1.3: upgrade cloudemu, or rebuild the "
                                               "plugin against CloudEmu SDK 1.3");
}

TEST_CASE("a library without the entry symbol is refused", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-missing-entry") ==
        "no exported symbol ce_plugin_entry: not a CloudEmu plugin, or built without the SDK's "
        "CE_PLUGIN_ENTRY");
}

TEST_CASE("a plugin whose init fails is refused with its own message", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-init-fails") ==
        "init failed with CE_INVALID: fixture refuses to start: no configuration");
}

TEST_CASE("a plugin whose init throws is refused and the host goes on", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-init-throws") ==
        "init threw an exception (fixture exploded during init); a plugin must not let exceptions "
        "cross the ABI");
  CHECK(ce::host::load_plugin_file(rt, std::string(CE_PLUGIN_DIR) + "/cloudemu-memory.so"));
}

TEST_CASE("a descriptor smaller than ABI 1.0's is refused before it is read", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-struct-small") ==
        "plugin descriptor is 8 bytes, the host needs at least 56 (ABI 1.0): rebuild the plugin "
        "against the "
        "CloudEmu SDK");
}

TEST_CASE("a service table smaller than ABI 1.0's is refused", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-service-small") ==
        "init failed with CE_INVALID: ce_service_v1 is 16 bytes, the host needs at least 72 (ABI "
        "1.0): rebuild "
        "the plugin against the CloudEmu SDK");
  CHECK(rt.registry.services.empty());
}

TEST_CASE("the second plugin claiming a route is refused, naming both", "[abi][loader][routing]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-dup-a").empty());
  CHECK(refusal_of(rt, "fixture-dup-b") ==
        "init failed with CE_EXISTS: route path-prefix '/_fixture/dup' of service 'fixture-dup-b' "
        "(plugin "
        "fixture-dup-b) is already claimed by service 'fixture-dup-a' (plugin fixture-dup-a)");
  REQUIRE(rt.registry.services.size() == 1);
  CHECK(rt.registry.services[0]->id == "fixture-dup-a");
  const auto match = rt.router.route({"", "", "/_fixture/dup/x", "localhost", ""});
  REQUIRE(match);
  CHECK(match->service->id == "fixture-dup-a");
}

TEST_CASE("the same plugin name twice is refused", "[abi][loader]") {
  HostRuntime rt(memory_config());
  CHECK(refusal_of(rt, "fixture-dup-a").empty());
  CHECK(refusal_of(rt, "fixture-dup-a") ==
        "a plugin named 'fixture-dup-a' is already loaded from " + fixture("fixture-dup-a"));
}

TEST_CASE("--services leaves unselected plugins unloaded", "[abi][loader]") {
  Config c = memory_config();
  c.services = {"fixture-dup-b"};
  HostRuntime rt(c);
  CHECK_FALSE(ce::host::load_plugin_file(rt, fixture("fixture-dup-a")));
  CHECK(rt.registry.refused.empty());
  REQUIRE(rt.registry.skipped.size() == 1);
  CHECK(rt.registry.skipped[0] == "fixture-dup-a");
  CHECK(ce::host::load_plugin_file(rt, fixture("fixture-dup-b")));
}
