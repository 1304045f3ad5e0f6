// A fake host with example-notes loaded, plus request shorthands.
#pragma once
#include <catch2/catch.hpp>
#include <cloudemu/testing/fake_host.hpp>
#include <string>

extern "C" const ce_plugin_descriptor* ce_plugin_entry(void);

struct NotesFixture {
  ce::testing::FakeHost host;
  NotesFixture() { REQUIRE(host.load(&ce_plugin_entry) == CE_OK); }

  ce::testing::HttpResponse call(std::string method, std::string target, std::string body = {},
                                 ce::testing::HeaderList headers = {}) {
    return host.request("example-notes", std::move(method), "/_example/notes" + target,
                        std::move(body), std::move(headers));
  }
};
