#include <catch2/catch.hpp>
#include <cloudemu/operation_table.hpp>

#include "test_service.hpp"

namespace {
struct Svc {
  int calls = 0;
  void a(ce::Request&, ce::Response&) { ++calls; }
  void b(ce::Request&, ce::Response&) { calls += 10; }
};
}  // namespace

TEST_CASE("OperationTable finds handlers by exact name", "[sdk][optable]") {
  const ce::OperationTable<Svc> t{{"PutItem", &Svc::a}, {"GetItem", &Svc::b}};
  REQUIRE(t.size() == 2);
  REQUIRE(t.find("PutItem") == &Svc::a);
  REQUIRE(t.find("GetItem") == &Svc::b);
  REQUIRE(t.find("putitem") == nullptr);
  REQUIRE(t.find("") == nullptr);
  REQUIRE(t.names() == std::vector<std::string_view>{"GetItem", "PutItem"});
}

TEST_CASE("OperationTable refuses duplicate names", "[sdk][optable]") {
  REQUIRE_THROWS_WITH((ce::OperationTable<Svc>{{"A", &Svc::a}, {"A", &Svc::b}}),
                      Catch::Contains("duplicate operation in table: A"));
}

TEST_CASE("an unknown JSON operation is UnknownOperationException", "[sdk][optable]") {
  ce::testing::FakeHost host;
  REQUIRE(host.load(&layer_test::k_descriptor) == CE_OK);
  const auto r = host.request("test-json", layer_test::op("Nope"));
  REQUIRE(r.status == 400);
  REQUIRE(r.header("x-amzn-ErrorType") == "UnknownOperationException");
  REQUIRE(r.handle_status == CE_OK);
}
