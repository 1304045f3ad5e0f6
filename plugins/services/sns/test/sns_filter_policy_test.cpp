// Filter policies on their own: every operator, both scopes, and the validation limits.
#include "sns_filter_policy.hpp"

#include <catch2/catch.hpp>
#include <cloudemu/protocol/aws_error.hpp>

using sns::FilterPolicy;
using sns::FilterScope;
using Json = nlohmann::json;

namespace {

bool attrs_match(const std::string& policy, const Json& attributes) {
  return FilterPolicy::parse(policy, FilterScope::message_attributes).matches(attributes);
}
bool body_matches(const std::string& policy, const Json& body) {
  return FilterPolicy::parse(policy, FilterScope::message_body).matches(body);
}
/// The message of the InvalidParameter a policy is refused with ("" when it is accepted).
std::string rejection(const std::string& policy,
                      FilterScope scope = FilterScope::message_attributes) {
  try {
    FilterPolicy::parse(policy, scope);
    return "";
  } catch (const ce::AwsError& e) {
    CHECK(e.code == "InvalidParameter");
    return e.message;
  }
}

}  // namespace

TEST_CASE("Exact strings match one of the listed values", "[sns][filter]") {
  const std::string p = R"({"color":["red","blue"]})";
  CHECK(attrs_match(p, {{"color", "red"}}));
  CHECK(attrs_match(p, {{"color", "blue"}}));
  CHECK_FALSE(attrs_match(p, {{"color", "Red"}}));
  CHECK_FALSE(attrs_match(p, {{"size", "red"}}));
  CHECK_FALSE(attrs_match(p, Json::object()));
}

TEST_CASE("Every key of the policy must match", "[sns][filter]") {
  const std::string p = R"({"color":["red"],"size":["L"]})";
  CHECK(attrs_match(p, {{"color", "red"}, {"size", "L"}, {"extra", "x"}}));
  CHECK_FALSE(attrs_match(p, {{"color", "red"}}));
}

TEST_CASE("Exact numbers match Number attributes only", "[sns][filter]") {
  const std::string p = R"({"price":[100, 3.5]})";
  CHECK(attrs_match(p, {{"price", 100}}));
  CHECK(attrs_match(p, {{"price", 100.000001}}));  // five decimal digits of precision
  CHECK(attrs_match(p, {{"price", 3.5}}));
  CHECK_FALSE(attrs_match(p, {{"price", "100"}}));
  CHECK_FALSE(attrs_match(p, {{"price", 101}}));
}

TEST_CASE("prefix and suffix", "[sns][filter]") {
  CHECK(attrs_match(R"({"id":[{"prefix":"ord-"}]})", {{"id", "ord-17"}}));
  CHECK_FALSE(attrs_match(R"({"id":[{"prefix":"ord-"}]})", {{"id", "inv-17"}}));
  CHECK(attrs_match(R"({"file":[{"suffix":".png"}]})", {{"file", "a.png"}}));
  CHECK_FALSE(attrs_match(R"({"file":[{"suffix":".png"}]})", {{"file", "a.jpg"}}));
}

TEST_CASE("equals-ignore-case", "[sns][filter]") {
  CHECK(attrs_match(R"({"c":[{"equals-ignore-case":"ReD"}]})", {{"c", "rEd"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"equals-ignore-case":"red"}]})", {{"c", "reds"}}));
}

TEST_CASE("anything-but with a value, a list, a prefix and a suffix", "[sns][filter]") {
  CHECK(attrs_match(R"({"c":[{"anything-but":"red"}]})", {{"c", "blue"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"anything-but":"red"}]})", {{"c", "red"}}));
  CHECK(attrs_match(R"({"c":[{"anything-but":["red","green"]}]})", {{"c", "blue"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"anything-but":["red","green"]}]})", {{"c", "green"}}));
  CHECK(attrs_match(R"({"n":[{"anything-but":[1,2]}]})", {{"n", 3}}));
  CHECK_FALSE(attrs_match(R"({"n":[{"anything-but":[1,2]}]})", {{"n", 2}}));
  CHECK(attrs_match(R"({"c":[{"anything-but":{"prefix":"re"}}]})", {{"c", "blue"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"anything-but":{"prefix":"re"}}]})", {{"c", "red"}}));
  CHECK(attrs_match(R"({"c":[{"anything-but":{"suffix":"ed"}}]})", {{"c", "blue"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"anything-but":{"suffix":"ed"}}]})", {{"c", "red"}}));
  // An absent attribute is not "anything but" something.
  CHECK_FALSE(attrs_match(R"({"c":[{"anything-but":"red"}]})", Json::object()));
}

TEST_CASE("numeric comparisons and ranges", "[sns][filter]") {
  CHECK(attrs_match(R"({"p":[{"numeric":["=",5]}]})", {{"p", 5}}));
  CHECK_FALSE(attrs_match(R"({"p":[{"numeric":["=",5]}]})", {{"p", 6}}));
  CHECK(attrs_match(R"({"p":[{"numeric":["<",5]}]})", {{"p", 4.99}}));
  CHECK_FALSE(attrs_match(R"({"p":[{"numeric":["<",5]}]})", {{"p", 5}}));
  CHECK(attrs_match(R"({"p":[{"numeric":["<=",5]}]})", {{"p", 5}}));
  CHECK(attrs_match(R"({"p":[{"numeric":[">",5]}]})", {{"p", 5.1}}));
  CHECK_FALSE(attrs_match(R"({"p":[{"numeric":[">",5]}]})", {{"p", 5}}));
  CHECK(attrs_match(R"({"p":[{"numeric":[">=",5]}]})", {{"p", 5}}));
  const std::string range = R"({"p":[{"numeric":[">",0,"<=",100]}]})";
  CHECK(attrs_match(range, {{"p", 100}}));
  CHECK(attrs_match(range, {{"p", 0.5}}));
  CHECK_FALSE(attrs_match(range, {{"p", 0}}));
  CHECK_FALSE(attrs_match(range, {{"p", 100.5}}));
  CHECK_FALSE(attrs_match(range, {{"p", "50"}}));
}

TEST_CASE("exists true and false", "[sns][filter]") {
  CHECK(attrs_match(R"({"c":[{"exists":true}]})", {{"c", "x"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"exists":true}]})", {{"d", "x"}}));
  CHECK(attrs_match(R"({"c":[{"exists":false}]})", {{"d", "x"}}));
  CHECK_FALSE(attrs_match(R"({"c":[{"exists":false}]})", {{"c", "x"}}));
}

TEST_CASE("cidr matches IPv4 addresses in the block", "[sns][filter]") {
  CHECK(attrs_match(R"({"ip":[{"cidr":"10.0.0.0/24"}]})", {{"ip", "10.0.0.255"}}));
  CHECK_FALSE(attrs_match(R"({"ip":[{"cidr":"10.0.0.0/24"}]})", {{"ip", "10.0.1.1"}}));
  CHECK_FALSE(attrs_match(R"({"ip":[{"cidr":"10.0.0.0/24"}]})", {{"ip", "not an ip"}}));
}

TEST_CASE("String.Array attributes match when one element does", "[sns][filter]") {
  const std::string p = R"({"tags":["blue"]})";
  CHECK(attrs_match(p, {{"tags", Json::array({"red", "blue"})}}));
  CHECK_FALSE(attrs_match(p, {{"tags", Json::array({"red", "green"})}}));
  CHECK(attrs_match(R"({"n":[{"numeric":[">",10]}]})", {{"n", Json::array({1, 20})}}));
}

TEST_CASE("$or matches when one alternative does", "[sns][filter]") {
  const std::string p = R"({"source":["shop"],"$or":[{"color":["red"]},{"size":["L"]}]})";
  CHECK(attrs_match(p, {{"source", "shop"}, {"color", "red"}}));
  CHECK(attrs_match(p, {{"source", "shop"}, {"size", "L"}}));
  CHECK_FALSE(attrs_match(p, {{"source", "shop"}, {"size", "M"}}));
  CHECK_FALSE(attrs_match(p, {{"source", "web"}, {"color", "red"}}));
}

TEST_CASE("Body scope matches nested keys and JSON types", "[sns][filter][body]") {
  const std::string p = R"({"order":{"status":["paid"],"total":[{"numeric":[">=",10]}]}})";
  CHECK(body_matches(p, Json::parse(R"({"order":{"status":"paid","total":12}})")));
  CHECK_FALSE(body_matches(p, Json::parse(R"({"order":{"status":"paid","total":2}})")));
  CHECK_FALSE(body_matches(p, Json::parse(R"({"status":"paid","total":12})")));
  CHECK(body_matches(R"({"ok":[true]})", Json::parse(R"({"ok":true})")));
  CHECK_FALSE(body_matches(R"({"ok":[true]})", Json::parse(R"({"ok":"true"})")));
  CHECK(body_matches(R"({"v":[null]})", Json::parse(R"({"v":null})")));
  CHECK(body_matches(R"({"items":{"sku":["a"]}})",
                     Json::parse(R"({"items":[{"sku":"b"},{"sku":"a"}]})")));
  CHECK(body_matches(R"({"a":{"b":[{"exists":false}]}})", Json::parse(R"({"x":1})")));
  // A body that is not JSON has no keys.
  CHECK_FALSE(body_matches(R"({"a":["b"]})", Json()));
}

TEST_CASE("An empty policy matches everything", "[sns][filter]") {
  CHECK(attrs_match("{}", Json::object()));
}

TEST_CASE("Malformed policies are refused with SNS's reasons", "[sns][filter][validation]") {
  CHECK(rejection("{").starts_with("Invalid parameter: FilterPolicy: failed to parse JSON"));
  CHECK(rejection("[]").starts_with("Invalid parameter: FilterPolicy: "));
  CHECK(rejection(R"({"a":"b"})") ==
        R"(Invalid parameter: FilterPolicy: "a" must be an object or an array)");
  CHECK(rejection(R"({"a":[]})") ==
        "Invalid parameter: FilterPolicy: Empty arrays are not allowed");
  CHECK(rejection(R"({"a":[["x"]]})") ==
        "Invalid parameter: FilterPolicy: Match value must be String, number, true, false, or "
        "null");
  CHECK(rejection(R"({"a":[{"wildcard":"x*"}]})") ==
        "Invalid parameter: FilterPolicy: Unrecognized match type wildcard");
  CHECK(rejection(R"({"a":[{"prefix":1}]})") ==
        "Invalid parameter: FilterPolicy: prefix match pattern must be a string");
  CHECK(rejection(R"({"a":[{"exists":"yes"}]})") ==
        "Invalid parameter: FilterPolicy: exists match pattern must be either true or false.");
  CHECK(rejection(R"({"a":[{"numeric":["<","x"]}]})") ==
        "Invalid parameter: FilterPolicy: Value of < must be numeric");
  CHECK(rejection(R"({"a":[{"numeric":["!",1]}]})").find("Unrecognized numeric range operator") !=
        std::string::npos);
  CHECK(rejection(R"({"a":[{"numeric":["<",1,">",0]}]})") ==
        "Invalid parameter: FilterPolicy: Too many elements in numeric expression");
  CHECK(rejection(R"({"a":[{"numeric":[">",1,">",5]}]})").find("Bad numeric range operator") !=
        std::string::npos);
  CHECK(rejection(R"({"a":[{"numeric":[">",5,"<",1]}]})") ==
        "Invalid parameter: FilterPolicy: Bottom must be less than top");
  CHECK(rejection(R"({"a":[{"numeric":["=",2000000000]}]})")
            .starts_with("Invalid parameter: FilterPolicy: Value of = must be between"));
  CHECK(rejection(R"({"a":[{"anything-but":[]}]})") ==
        "Invalid parameter: FilterPolicy: Empty arrays are not allowed");
  CHECK(rejection(R"({"a":[{"cidr":"10.0.0.0"}]})") ==
        "Invalid parameter: FilterPolicy: Malformed CIDR");
  CHECK(rejection(R"({"$or":[{"a":["b"]}]})").find("$or") != std::string::npos);
}

TEST_CASE("Nested policies need the body scope", "[sns][filter][validation]") {
  CHECK(rejection(R"({"a":{"b":["c"]}})") ==
        "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter "
        "policy");
  CHECK(rejection(R"({"a":{"b":["c"]}})", FilterScope::message_body).empty());
}

TEST_CASE("A policy has at most 5 keys and 150 combinations", "[sns][filter][validation]") {
  CHECK(rejection(R"({"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"]})").empty());
  CHECK(rejection(R"({"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]})") ==
        "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys");
  // 10 x 15 = 150 is the most allowed; 151 values in one key too many.
  std::string ten = "[", fifteen = "[", many = "[";
  for (int i = 0; i < 10; ++i) ten += (i ? "," : "") + std::to_string(i);
  for (int i = 0; i < 15; ++i) fifteen += (i ? "," : "") + std::to_string(i);
  for (int i = 0; i < 151; ++i) many += (i ? "," : "") + std::to_string(i);
  ten += "]", fifteen += "]", many += "]";
  CHECK(rejection(R"({"a":)" + ten + R"(,"b":)" + fifteen + "}").empty());
  CHECK(rejection(R"({"a":)" + many + "}") ==
        "Invalid parameter: FilterPolicy: Filter policy is too complex");
  CHECK(rejection(R"({"a":)" + ten + R"(,"b":)" + fifteen + R"(,"c":[1,2]})") ==
        "Invalid parameter: FilterPolicy: Filter policy is too complex");
  // Keys of a nested body policy count too.
  CHECK(rejection(R"({"x":{"a":["1"],"b":["1"],"c":["1"]},"y":{"d":["1"],"e":["1"],"f":["1"]}})",
                  FilterScope::message_body) ==
        "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys");
}
