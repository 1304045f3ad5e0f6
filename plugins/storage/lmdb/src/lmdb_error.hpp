// Turning LMDB and errno codes into ce_status with a message that names the call.
#pragma once
#include <cloudemu/status.hpp>
#include <string>
#include <string_view>

namespace ce::lmdb {

/// Maps an LMDB return code to a status and fills err with "lmdb: <what>: <mdb_strerror>".
/// MDB_NOTFOUND is a status, not a failure, and leaves err alone. ENOSPC is CE_FULL: the disk
/// really is full. MDB_MAP_FULL never gets here from a put (the map grows, see lmdb_txn.cpp).
ce_status mdb_fail(ce_error* err, int rc, std::string_view what);

/// As mdb_fail, for an errno from a file call (blobs).
ce_status errno_fail(ce_error* err, int errnum, std::string_view what);

}  // namespace ce::lmdb
