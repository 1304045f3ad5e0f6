// Rotation settings: reading RotationRules and when the next rotation falls due. Rotation itself
// would run a Lambda function, which CloudEmu cannot do yet (docs/secretsmanager.md, "Rotation").
#pragma once
#include <cstdint>

#include "sm_ops.hpp"
#include "sm_store.hpp"

namespace sm {

/// The RotationRules member, validated: AutomaticallyAfterDays (1..1000) or ScheduleExpression
/// (rate(N days), rate(N hours) or cron(...)), not both; Duration "<N>h" of 1 to 24 hours.
RotationRules read_rotation_rules(const Json& rules);
/// When the next rotation is due after `now_ms`, or 0 when it cannot be computed here (a cron
/// schedule: docs/secretsmanager.md).
int64_t next_rotation_ms(const RotationRules& rules, int64_t now_ms);

}  // namespace sm
