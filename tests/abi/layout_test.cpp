// The ABI layout pin: every struct of the C headers keeps the size and field offsets committed in
// sdk/abi/layout_v1.inc. A failure here means a change would break every built plugin; append
// fields instead (docs/abi.md) and regenerate the table with scripts/abi_layout.py.
#include <cloudemu/abi.h>

#include <catch2/catch.hpp>
#include <cstddef>

TEST_CASE("ABI structs keep their pinned sizes and offsets", "[abi][layout]") {
#define CE_LAYOUT_SIZE(type, size) CHECK(sizeof(type) == (size));
#define CE_LAYOUT_FIELD(type, field, offset) CHECK(offsetof(type, field) == (offset));
#include "layout_v1.inc"
#undef CE_LAYOUT_SIZE
#undef CE_LAYOUT_FIELD
}

TEST_CASE("ABI version macros are the ones this table pins", "[abi][layout]") {
  CHECK(CE_ABI_MAJOR == 1);
  CHECK(CE_ABI_MINOR >= 0);
}
