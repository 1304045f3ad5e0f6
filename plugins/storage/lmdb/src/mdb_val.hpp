// Conversions between LMDB's MDB_val and string views, shared by every file that talks to LMDB.
#pragma once
#include <lmdb.h>

#include <string_view>

namespace ce::lmdb {

inline MDB_val val_of(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}

inline std::string_view view_of(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

}  // namespace ce::lmdb
