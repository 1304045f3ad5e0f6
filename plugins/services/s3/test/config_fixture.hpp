// A fake host with the S3 plugin loaded, plus the shorthands the configuration and tagging tests
// share.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <string>
#include <string_view>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

struct ConfigFixture {
  ce::testing::FakeHost host;
  ConfigFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpResponse call(std::string method, std::string target, std::string body = {},
                                 ce::testing::HeaderList headers = {}) {
    return host.request("s3", std::move(method), std::move(target), std::move(body),
                        std::move(headers));
  }
  void make_bucket(const std::string& name, ce::testing::HeaderList headers = {}) {
    REQUIRE(call("PUT", "/" + name, {}, std::move(headers)).status == 200);
  }
  void enable_versioning(const std::string& bucket) {
    REQUIRE(call("PUT", "/" + bucket + "?versioning",
                 "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>")
                .status == 200);
  }
};

/// The S3 error code in an <Error> body.
inline std::string error_code(const ce::testing::HttpResponse& r) {
  const auto start = r.body.find("<Code>");
  const auto end = r.body.find("</Code>");
  if (start == std::string::npos || end == std::string::npos) return {};
  return r.body.substr(start + 6, end - start - 6);
}

inline bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}
