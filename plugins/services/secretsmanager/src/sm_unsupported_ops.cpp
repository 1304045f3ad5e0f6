// Secrets Manager operations this emulator does not implement (docs/secretsmanager.md,
// "Missing"): replication to other Regions. They answer NotImplemented (501), naming the
// operation, rather than UnknownOperationException: the client is told the operation exists but
// is not available here.
#include <cloudemu/protocol/aws_error.hpp>

#include "sm_ops.hpp"

namespace sm {

namespace {

Json not_implemented(Call& call) {
  throw ce::AwsError::not_implemented(call.operation +
                                      " (replication to other Regions) is not implemented by "
                                      "the CloudEmu Secrets Manager emulator.");
}

constexpr const char* k_missing[] = {"ReplicateSecretToRegions", "RemoveRegionsFromReplication",
                                     "StopReplicationToReplica"};

}  // namespace

void add_unsupported_ops(OpRegistry& ops) {
  for (const char* name : k_missing) ops.add(name, &not_implemented);
}

}  // namespace sm
