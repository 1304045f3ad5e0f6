// RotationRules validation and NextRotationDate (sm_rotation.hpp).
#include "sm_rotation.hpp"

#include <algorithm>
#include <cloudemu/clock.hpp>
#include <regex>

#include "sm_errors.hpp"
#include "sm_input.hpp"

namespace sm {

namespace {

/// rate(<n> <unit>) as milliseconds, 0 when `expr` is not a rate expression.
int64_t rate_ms(const std::string& expr) {
  static const std::regex k_rate(R"(rate\((\d{1,4}) (day|days|hour|hours)\))");
  std::smatch m;
  if (!std::regex_match(expr, m, k_rate)) return 0;
  const int64_t n = std::stoll(m[1].str());
  return n * (m[2].str().starts_with("day") ? ce::k_day_ms : ce::k_hour_ms);
}

}  // namespace

RotationRules read_rotation_rules(const Json& in) {
  RotationRules rules;
  rules.automatically_after_days = opt_int(in, "AutomaticallyAfterDays", 1, 1000).value_or(0);
  rules.schedule_expression = opt_string(in, "ScheduleExpression", 1, 256).value_or("");
  rules.duration = opt_string(in, "Duration", 2, 3).value_or("");
  if (rules.automatically_after_days != 0 && !rules.schedule_expression.empty())
    throw err::invalid_parameter(
        "You cannot specify both rotation frequency and schedule expression together.");
  if (!rules.schedule_expression.empty()) {
    const std::string& e = rules.schedule_expression;
    const bool cron = e.starts_with("cron(") && e.ends_with(")");
    if (!cron && rate_ms(e) == 0)
      throw err::invalid_parameter("Invalid ScheduleExpression: " + e +
                                   ". Use rate(<n> days), rate(<n> hours) or cron(<fields>).");
    const int64_t rate = rate_ms(e);
    if (rate != 0 && (rate < 4 * ce::k_hour_ms || rate > 1000 * ce::k_day_ms))
      throw err::invalid_parameter("The rotation interval of " + e +
                                   " must be between 4 hours and 1000 days.");
  }
  if (!rules.duration.empty()) {
    static const std::regex k_duration(R"((\d+)h)");
    std::smatch m;
    if (!std::regex_match(rules.duration, m, k_duration))
      fail_constraint("Duration", rules.duration,
                      "Member must satisfy regular expression pattern: [0-9]+h");
    const int hours = std::stoi(m[1].str());
    if (hours < 1 || hours > 24)
      throw err::invalid_parameter("The rotation window Duration must be between 1h and 24h.");
  }
  return rules;
}

int64_t next_rotation_ms(const RotationRules& rules, int64_t now_ms) {
  if (rules.automatically_after_days != 0)
    return now_ms + rules.automatically_after_days * ce::k_day_ms;
  if (const int64_t rate = rate_ms(rules.schedule_expression); rate != 0) return now_ms + rate;
  return 0;
}

}  // namespace sm
