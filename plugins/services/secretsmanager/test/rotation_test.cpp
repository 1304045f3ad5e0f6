// RotateSecret stores the settings and fails to start the rotation (no Lambda service);
// CancelRotateSecret turns rotation off.
#include "sm_fixture.hpp"

namespace {
const std::string k_lambda = "arn:aws:lambda:us-east-1:000000000000:function:rotate";
}

TEST_CASE("RotateSecret saves the schedule, then cannot invoke the function",
          "[secretsmanager][rotation]") {
  SmFixture f;
  const std::string v1 = f.create("rot", "v")["VersionId"];
  const SmError e = f.fail("RotateSecret", {{"SecretId", "rot"},
                                            {"RotationLambdaARN", k_lambda},
                                            {"RotationRules", {{"AutomaticallyAfterDays", 30}}}});
  CHECK(e.type == "AccessDeniedException");
  CHECK(e.message.starts_with("Secrets Manager cannot invoke the specified Lambda function."));
  const Json d = f.describe("rot");
  CHECK(d["RotationEnabled"] == true);
  CHECK(d["RotationLambdaARN"] == k_lambda);
  CHECK(d["RotationRules"] == Json{{"AutomaticallyAfterDays", 30}});
  CHECK(d["NextRotationDate"] == 1'700'000'000.0 + 30 * 86400);
  CHECK_FALSE(d.contains("LastRotatedDate"));
  // Nothing pretended to rotate: one version, still current.
  CHECK(d["VersionIdsToStages"] == Json{{v1, {"AWSCURRENT"}}});

  const Json c = f.ok("CancelRotateSecret", {{"SecretId", "rot"}});
  CHECK_FALSE(c.contains("VersionId"));
  const Json after = f.describe("rot");
  CHECK(after["RotationEnabled"] == false);
  CHECK_FALSE(after.contains("NextRotationDate"));
  CHECK(after["RotationLambdaARN"] == k_lambda);
}

TEST_CASE("RotateSecret validates its rules and needs a rotation function",
          "[secretsmanager][rotation]") {
  SmFixture f;
  f.create("r", "v");
  SmError e = f.fail("RotateSecret", {{"SecretId", "r"}});
  CHECK(e.type == "InvalidRequestException");
  e = f.fail("RotateSecret",
             {{"SecretId", "r"},
              {"RotationLambdaARN", k_lambda},
              {"RotationRules",
               {{"AutomaticallyAfterDays", 3}, {"ScheduleExpression", "rate(10 days)"}}}});
  CHECK(e.type == "InvalidParameterException");
  e = f.fail("RotateSecret", {{"SecretId", "r"},
                              {"RotationLambdaARN", k_lambda},
                              {"RotationRules", {{"ScheduleExpression", "every tuesday"}}}});
  CHECK(e.type == "InvalidParameterException");
  e = f.fail("RotateSecret",
             {{"SecretId", "r"},
              {"RotationLambdaARN", k_lambda},
              {"RotationRules", {{"ScheduleExpression", "rate(2 days)"}, {"Duration", "25h"}}}});
  CHECK(e.type == "InvalidParameterException");
  CHECK(f.fail("RotateSecret", {{"SecretId", "r"},
                                {"RotationLambdaARN", k_lambda},
                                {"RotationRules", {{"AutomaticallyAfterDays", 1001}}}})
            .type == "ValidationException");
  // None of those changed the secret.
  CHECK(f.describe("r")["RotationEnabled"] == false);
}

TEST_CASE("A rate schedule sets NextRotationDate; a cron one is stored as given",
          "[secretsmanager][rotation]") {
  SmFixture f;
  f.create("rate", "v");
  f.fail("RotateSecret",
         {{"SecretId", "rate"},
          {"RotationLambdaARN", k_lambda},
          {"RotationRules", {{"ScheduleExpression", "rate(12 hours)"}, {"Duration", "2h"}}}});
  CHECK(f.describe("rate")["NextRotationDate"] == 1'700'000'000.0 + 12 * 3600);
  f.create("cron", "v");
  f.fail("RotateSecret", {{"SecretId", "cron"},
                          {"RotationLambdaARN", k_lambda},
                          {"RotationRules", {{"ScheduleExpression", "cron(0 16 1,15 * ? *)"}}}});
  const Json d = f.describe("cron");
  CHECK(d["RotationRules"]["ScheduleExpression"] == "cron(0 16 1,15 * ? *)");
  CHECK(d["RotationEnabled"] == true);
}

TEST_CASE("An unfinished AWSPENDING version blocks RotateSecret; Cancel names it",
          "[secretsmanager][rotation]") {
  SmFixture f;
  f.create("pend", "v");
  const std::string pending = f.put("pend", "next", {{"VersionStages", {"AWSPENDING"}}});
  const SmError e = f.fail("RotateSecret", {{"SecretId", "pend"}, {"RotationLambdaARN", k_lambda}});
  CHECK(e.type == "InvalidRequestException");
  CHECK(e.message == "A previous rotation isn't complete. That rotation will be reattempted.");
  CHECK(f.ok("CancelRotateSecret", {{"SecretId", "pend"}})["VersionId"] == pending);
}
