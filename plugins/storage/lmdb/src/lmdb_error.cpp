#include "lmdb_error.hpp"

#include <lmdb.h>

#include <cerrno>
#include <cstring>

namespace ce::lmdb {

ce_status mdb_fail(ce_error* err, int rc, std::string_view what) {
  if (rc == MDB_NOTFOUND) return CE_NOT_FOUND;
  ce_status status = CE_INTERNAL;
  if (rc == ENOSPC || rc == EDQUOT || rc == MDB_MAP_FULL) status = CE_FULL;
  if (rc == MDB_TXN_FULL) status = CE_INVALID;  // one transaction touched too many pages
  return fail(err, status, "lmdb: " + std::string(what) + ": " + mdb_strerror(rc));
}

ce_status errno_fail(ce_error* err, int errnum, std::string_view what) {
  const ce_status status = (errnum == ENOSPC || errnum == EDQUOT) ? CE_FULL : CE_INTERNAL;
  return fail(err, status, "lmdb blobs: " + std::string(what) + ": " + std::strerror(errnum));
}

}  // namespace ce::lmdb
