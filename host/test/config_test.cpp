#include "config/config.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <vector>

using ce::host::parse_config;

namespace {
ce::host::ParseResult parse(std::vector<const char*> args) {
  args.insert(args.begin(), "cloudemu");
  return parse_config(static_cast<int>(args.size()), args.data());
}
}  // namespace

TEST_CASE("options take values inline or as the next argument", "[config]") {
  auto r =
      parse({"--port=0", "--services", "s3, sqs", "--storage", "memory", "--plugin-dir", "/a"});
  REQUIRE(r.config);
  CHECK(r.config->port == 0);
  CHECK(r.config->services == std::vector<std::string>{"s3", "sqs"});
  CHECK(r.config->storage == "memory");
  CHECK(r.config->plugin_dirs == std::vector<std::string>{"/a"});
}

TEST_CASE("the command line wins over the environment, LocalStack's SERVICES is read", "[config]") {
  ::setenv("SERVICES", "dynamodb", 1);
  ::setenv("CLOUDEMU_PORT", "1234", 1);
  auto env_only = parse({});
  REQUIRE(env_only.config);
  CHECK(env_only.config->services == std::vector<std::string>{"dynamodb"});
  CHECK(env_only.config->port == 1234);
  auto both = parse({"--port", "99"});
  REQUIRE(both.config);
  CHECK(both.config->port == 99);
  ::unsetenv("SERVICES");
  ::unsetenv("CLOUDEMU_PORT");
}

TEST_CASE("bad options exit 2 with a message naming them", "[config]") {
  auto unknown = parse({"--frobnicate"});
  CHECK_FALSE(unknown.config);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.output.find("unknown option --frobnicate") != std::string::npos);
  auto range = parse({"--port", "70000"});
  CHECK(range.exit_code == 2);
  auto format = parse({"--log-format", "xml"});
  CHECK(format.output.find("expected one of: text json") != std::string::npos);
  auto tls = parse({"--tls-cert", "c.pem"});
  CHECK(tls.output.find("--tls-cert and --tls-key go together") != std::string::npos);
  auto missing = parse({"--port"});
  CHECK(missing.output.find("--port needs N") != std::string::npos);
}

TEST_CASE("--help and --version exit 0", "[config]") {
  auto help = parse({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("--enforce-sigv4") != std::string::npos);
  CHECK(help.output.find("[CLOUDEMU_DATA_DIR]") != std::string::npos);
  auto version = parse({"--version"});
  CHECK(version.output.rfind("cloudemu ", 0) == 0);
}
