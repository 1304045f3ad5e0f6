// The TTL sweep on the fake host's manual clock: expired items go, the rest stay, indexes and
// counts follow, and only tables with TTL enabled are swept.
#include "ddb_fixture.hpp"

namespace {

std::string seconds_from_now(const ce::testing::FakeHost& host, int64_t s) {
  return std::to_string(host.now() / 1000 + s);
}

}  // namespace

TEST_CASE_METHOD(DdbFixture, "the TTL sweep deletes expired items of TTL tables only",
                 "[dynamodb][ttl]") {
  create_table("sessions");
  create_table("keep");
  ok("UpdateTimeToLive",
     {{"TableName", "sessions"},
      {"TimeToLiveSpecification", {{"AttributeName", "exp"}, {"Enabled", true}}}});
  put("sessions", {{"pk", S("soon")}, {"exp", N(seconds_from_now(host, 30))}});
  put("sessions", {{"pk", S("later")}, {"exp", N(seconds_from_now(host, 7200))}});
  put("sessions", {{"pk", S("no-ttl")}});
  put("sessions", {{"pk", S("text-ttl")}, {"exp", S("0")}});    // not a Number: never expires
  put("sessions", {{"pk", S("ancient")}, {"exp", N("1000")}});  // over five years old: ignored
  put("keep", {{"pk", S("soon")}, {"exp", N(seconds_from_now(host, 30))}});

  host.advance(120 * 1000);  // two sweeps later
  CHECK(get("sessions", {{"pk", S("soon")}}).is_null());
  CHECK_FALSE(get("sessions", {{"pk", S("later")}}).is_null());
  CHECK_FALSE(get("sessions", {{"pk", S("no-ttl")}}).is_null());
  CHECK_FALSE(get("sessions", {{"pk", S("text-ttl")}}).is_null());
  CHECK_FALSE(get("sessions", {{"pk", S("ancient")}}).is_null());
  CHECK_FALSE(get("keep", {{"pk", S("soon")}}).is_null());
  CHECK(ok("DescribeTable", {{"TableName", "sessions"}})["Table"]["ItemCount"] == 4);

  host.advance(7200 * 1000);
  CHECK(get("sessions", {{"pk", S("later")}}).is_null());
  CHECK(host.violations().empty());
}

TEST_CASE_METHOD(DdbFixture, "the TTL sweep walks tables larger than one deletion batch",
                 "[dynamodb][ttl]") {
  create_table("many");
  ok("UpdateTimeToLive",
     {{"TableName", "many"},
      {"TimeToLiveSpecification", {{"AttributeName", "exp"}, {"Enabled", true}}}});
  for (int i = 0; i < 250; ++i)
    put("many", {{"pk", S("k" + std::to_string(i))},
                 {"exp", N(seconds_from_now(host, i % 2 ? 10 : 100000))}});
  host.advance(60 * 1000);
  const Json scan = ok("Scan", {{"TableName", "many"}, {"Select", "COUNT"}});
  CHECK(scan["Count"] == 125);
}
