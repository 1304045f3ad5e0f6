// e2e_secretsmanager_js: Secrets Manager through the AWS SDK for JavaScript v3
// (@aws-sdk/client-secrets-manager, JSON 1.1) with the KMS client for the key, against cloudemu.
// Run by tests/e2e/run_js.py --script secretsmanager.mjs as:
//   node secretsmanager.mjs --endpoint http://127.0.0.1:PORT
// Covers what boto3 1.26 cannot send (BatchGetSecretValue, ListSecrets SortBy and
// IncludePlannedDeletion) besides the everyday calls and the modeled error classes.
import { Checks, endpointArg } from "./checks.mjs";
import {
  SecretsManagerClient, CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand,
  DescribeSecretCommand, ListSecretsCommand, BatchGetSecretValueCommand, DeleteSecretCommand,
  RestoreSecretCommand, UpdateSecretVersionStageCommand, GetRandomPasswordCommand, RotateSecretCommand,
  ResourceNotFoundException, InvalidRequestException, ResourceExistsException,
} from "@aws-sdk/client-secrets-manager";
import { KMSClient, CreateKeyCommand } from "@aws-sdk/client-kms";

const endpoint = endpointArg("secretsmanager.mjs");
const checks = new Checks("e2e_secretsmanager_js");
const { check, eq, ok, rejects } = checks.bound();

const config = {
  endpoint, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "any-secret" },
};
const sm = new SecretsManagerClient(config);
const kms = new KMSClient(config);

// ---- a secret sealed with a KMS key, through its versions
const key = await ok("KMS CreateKey", () => kms.send(new CreateKeyCommand({ Description: "js secrets" })));
const keyArn = key?.KeyMetadata?.Arn ?? "missing";
const created = await ok("CreateSecret", () => sm.send(new CreateSecretCommand({
  Name: "js/app", SecretString: "first", KmsKeyId: keyArn, Tags: [{ Key: "lang", Value: "js" }] })));
const arn = created?.ARN ?? "";
check(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:js\/app-[A-Za-z0-9]{6}$/.test(arn), "ARN shape", arn);
const got = await ok("GetSecretValue", () => sm.send(new GetSecretValueCommand({ SecretId: "js/app" })));
eq(got?.SecretString, "first", "SecretString");
check(got?.CreatedDate instanceof Date, "CreatedDate is a Date", String(got?.CreatedDate));
const second = await ok("PutSecretValue", () => sm.send(new PutSecretValueCommand({
  SecretId: arn, SecretString: "second" })));
const prev = await ok("GetSecretValue AWSPREVIOUS", () => sm.send(new GetSecretValueCommand({
  SecretId: "js/app", VersionStage: "AWSPREVIOUS" })));
eq(prev?.SecretString, "first", "AWSPREVIOUS value");
await ok("UpdateSecretVersionStage back", () => sm.send(new UpdateSecretVersionStageCommand({
  SecretId: "js/app", VersionStage: "AWSCURRENT", MoveToVersionId: created?.VersionId,
  RemoveFromVersionId: second?.VersionId })));
const back = await ok("GetSecretValue after the rollback", () => sm.send(new GetSecretValueCommand({ SecretId: "js/app" })));
eq(back?.SecretString, "first", "rolled back");
const d = await ok("DescribeSecret", () => sm.send(new DescribeSecretCommand({ SecretId: "js/app" })));
eq(d?.KmsKeyId, keyArn, "KmsKeyId");
eq(d?.VersionIdsToStages?.[second?.VersionId], ["AWSPREVIOUS"], "labels after the rollback");
const bin = await ok("CreateSecret binary", () => sm.send(new CreateSecretCommand({
  Name: "js/bin", SecretBinary: new Uint8Array([0, 1, 2, 250]) })));
const gotBin = await ok("GetSecretValue binary", () => sm.send(new GetSecretValueCommand({ SecretId: bin?.ARN })));
eq(Array.from(gotBin?.SecretBinary ?? []), [0, 1, 2, 250], "SecretBinary bytes");

// ---- BatchGetSecretValue
for (const n of ["a", "b", "c"])
  await sm.send(new CreateSecretCommand({ Name: `js/batch/${n}`, SecretString: `value-${n}` }));
const batch = await ok("BatchGetSecretValue by ids", () => sm.send(new BatchGetSecretValueCommand({
  SecretIdList: ["js/batch/a", "js/app", "js/batch/none"] })));
eq(batch?.SecretValues?.map((v) => v.SecretString), ["value-a", "first"], "batch values (one decrypted by KMS)");
eq(batch?.Errors?.map((e) => [e.SecretId, e.ErrorCode]), [["js/batch/none", "ResourceNotFoundException"]],
  "batch errors");
const page1 = await ok("BatchGetSecretValue by filter", () => sm.send(new BatchGetSecretValueCommand({
  Filters: [{ Key: "name", Values: ["js/batch/"] }], MaxResults: 2 })));
eq(page1?.SecretValues?.length, 2, "first page of 2");
const page2 = await ok("BatchGetSecretValue next page", () => sm.send(new BatchGetSecretValueCommand({
  Filters: [{ Key: "name", Values: ["js/batch/"] }], MaxResults: 2, NextToken: page1?.NextToken })));
eq(page2?.SecretValues?.map((v) => v.Name), ["js/batch/c"], "second page");

// ---- listing, deletion
const byName = await ok("ListSecrets SortBy name desc", () => sm.send(new ListSecretsCommand({
  Filters: [{ Key: "name", Values: ["js/"] }], SortBy: "name", SortOrder: "desc" })));
eq(byName?.SecretList?.map((s) => s.Name), ["js/bin", "js/batch/c", "js/batch/b", "js/batch/a", "js/app"],
  "sorted by name, descending");
await ok("DeleteSecret", () => sm.send(new DeleteSecretCommand({ SecretId: "js/batch/c", RecoveryWindowInDays: 10 })));
const e1 = await rejects("GetSecretValue of a deleted secret",
  () => sm.send(new GetSecretValueCommand({ SecretId: "js/batch/c" })), "InvalidRequestException", 400);
check(e1 instanceof InvalidRequestException, "the modeled InvalidRequestException class");
const planned = await ok("ListSecrets IncludePlannedDeletion", () => sm.send(new ListSecretsCommand({
  Filters: [{ Key: "name", Values: ["js/batch/c"] }], IncludePlannedDeletion: true })));
check(planned?.SecretList?.[0]?.DeletedDate instanceof Date, "the deleted secret is listed with DeletedDate");
await ok("RestoreSecret", () => sm.send(new RestoreSecretCommand({ SecretId: "js/batch/c" })));

// ---- rotation settings (the function cannot run: no Lambda service)
await sm.send(new CreateSecretCommand({ Name: "js/rot", SecretString: "v" }));
await rejects("RotateSecret", () => sm.send(new RotateSecretCommand({ SecretId: "js/rot",
  RotationLambdaARN: "arn:aws:lambda:us-east-1:000000000000:function:f",
  RotationRules: { ScheduleExpression: "rate(7 days)", Duration: "2h" } })), "AccessDeniedException", 400);
const rot = await ok("DescribeSecret after RotateSecret", () => sm.send(new DescribeSecretCommand({ SecretId: "js/rot" })));
eq([rot?.RotationEnabled, rot?.RotationRules?.ScheduleExpression, rot?.RotationRules?.Duration],
  [true, "rate(7 days)", "2h"], "rotation settings");
const days = (rot?.NextRotationDate - rot?.LastChangedDate) / 86400000;
check(Math.abs(days - 7) < 0.01, "NextRotationDate is 7 days out", String(rot?.NextRotationDate));

// ---- errors and passwords
const e2 = await rejects("a missing secret", () => sm.send(new GetSecretValueCommand({ SecretId: "js/none" })),
  "ResourceNotFoundException", 400);
check(e2 instanceof ResourceNotFoundException, "the modeled ResourceNotFoundException class");
eq(e2?.message, "Secrets Manager can't find the specified secret.", "AWS's message");
const e3 = await rejects("a taken name", () => sm.send(new CreateSecretCommand({ Name: "js/app", SecretString: "x" })),
  "ResourceExistsException", 400);
check(e3 instanceof ResourceExistsException, "the modeled ResourceExistsException class");
const pw = await ok("GetRandomPassword", () => sm.send(new GetRandomPasswordCommand({
  PasswordLength: 64, IncludeSpace: true, ExcludeNumbers: true })));
check(pw?.RandomPassword?.length === 64 && !/[0-9]/.test(pw.RandomPassword), "64 characters, no digits",
  pw?.RandomPassword);

checks.finish();
