// The stored form of items: the size header, and items written before it still read.
#include <catch2/catch.hpp>

#include "ddb_item.hpp"
#include "ddb_store.hpp"

using Json = nlohmann::json;

TEST_CASE("a stored item carries its size and its JSON text", "[ddb][store]") {
  const Json item = {{"pk", {{"S", "a"}}}, {"n", {{"N", "12.5"}}}, {"l", {{"L", Json::array()}}}};
  const std::string stored = ddb::encode_item(item);
  CHECK(ddb::stored_item_size(stored) == ddb::item_size(item));
  CHECK(ddb::stored_item_text(stored) == item.dump());
  CHECK(ddb::decode_item(stored) == item);
  // Sizes beyond one byte survive the header (little-endian, 4 bytes).
  const Json big = {{"pk", {{"S", std::string(70000, 'x')}}}};
  CHECK(ddb::stored_item_size(ddb::encode_item(big)) == ddb::item_size(big));
}

TEST_CASE("an item stored before the size header is read and sized by parsing it", "[ddb][store]") {
  const Json item = {{"pk", {{"S", "legacy"}}}, {"v", {{"SS", {"a", "b"}}}}};
  const std::string legacy = std::string(1, '\x01') + item.dump();
  CHECK(ddb::decode_item(legacy) == item);
  CHECK(ddb::stored_item_text(legacy) == item.dump());
  CHECK(ddb::stored_item_size(legacy) == ddb::item_size(item));
}

TEST_CASE("a stored value of another format is an internal error, not a crash", "[ddb][store]") {
  CHECK_THROWS(ddb::stored_item_text(""));
  CHECK_THROWS(ddb::stored_item_text(std::string(1, '\x07') + "{}"));
  CHECK_THROWS(ddb::stored_item_text(std::string("\x02\x01\x00", 3)));  // header cut short
  // A stream record is a document, not an item: no size header.
  const Json record = {{"eventName", "INSERT"}, {"dynamodb", {{"SequenceNumber", "1"}}}};
  CHECK(ddb::decode_item(ddb::encode_document(record)) == record);
}
