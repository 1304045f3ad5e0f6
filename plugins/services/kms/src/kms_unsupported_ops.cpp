// KMS operations this emulator does not implement yet (docs/kms.md, "Missing"). They answer
// UnsupportedOperationException, naming the operation, instead of UnknownOperationException:
// the client is told the operation exists but is not available here.
#include "kms_errors.hpp"
#include "kms_ops.hpp"

namespace kms {

namespace {

Json not_supported(Call& call) {
  throw err::unsupported(call.operation + " is not supported by the CloudEmu KMS emulator yet.");
}

constexpr const char* k_missing[] = {"ConnectCustomKeyStore",     "CreateCustomKeyStore",
                                     "DeleteCustomKeyStore",      "DescribeCustomKeyStores",
                                     "DisconnectCustomKeyStore",  "UpdateCustomKeyStore",
                                     "GetParametersForImport",    "ImportKeyMaterial",
                                     "DeleteImportedKeyMaterial", "ReplicateKey",
                                     "UpdatePrimaryRegion",       "DeriveSharedSecret"};

}  // namespace

void add_unsupported_ops(OpRegistry& ops) {
  for (const char* name : k_missing) ops.add(name, &not_supported);
}

}  // namespace kms
