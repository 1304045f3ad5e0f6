// e2e_sts_iam_js: IAM and STS through the AWS SDK for JavaScript v3 (@aws-sdk/client-iam and
// client-sts, query protocol) against cloudemu. Run by tests/e2e/run_js.py --script sts_iam.mjs as:
//   node sts_iam.mjs --endpoint http://127.0.0.1:PORT
// A role with a trust policy and an attached policy; AssumeRole, then a second STS client built on
// the returned temporary credentials (with their session token) asks GetCallerIdentity.
import { Checks, endpointArg } from "./checks.mjs";
import {
  IAMClient, CreateRoleCommand, GetRoleCommand, CreatePolicyCommand, AttachRolePolicyCommand,
  ListAttachedRolePoliciesCommand, ListRolesCommand, GetPolicyVersionCommand, DeleteRoleCommand, CreateUserCommand,
  CreateAccessKeyCommand, GetUserCommand,
  MalformedPolicyDocumentException, NoSuchEntityException, paginateListRoles,
} from "@aws-sdk/client-iam";
import {
  STSClient, GetCallerIdentityCommand, AssumeRoleCommand, GetSessionTokenCommand, GetAccessKeyInfoCommand,
} from "@aws-sdk/client-sts";

const endpoint = endpointArg("sts_iam.mjs");
const checks = new Checks("e2e_sts_iam_js");
const { check, eq, ok, rejects } = checks.bound();


// A 12-digit access key id is that account (docs/sts.md, "Access key ids").
const ACCOUNT = "123456789012";
const common = { endpoint, region: "us-east-1", maxAttempts: 1 };
const longTerm = { accessKeyId: ACCOUNT, secretAccessKey: "any-secret" };
const iam = new IAMClient({ ...common, credentials: longTerm });
const sts = new STSClient({ ...common, credentials: longTerm });
const TRUST = { Version: "2012-10-17", Statement: [
  { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };
const ALLOW_S3 = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"],
  Resource: "arn:aws:s3:::bucket/*" }] };
// IAM answers policy documents URL-encoded (RFC 3986); the JS SDK hands them over as they came.
const policyOf = (encoded) => {
  try { return JSON.parse(decodeURIComponent(encoded ?? "")); } catch (e) { return `unreadable: ${encoded}`; }
};

// ---- a role with a trust policy
let r = await ok("CreateRole with a trust policy", () => iam.send(new CreateRoleCommand({
  RoleName: "js-deployer", Path: "/ci/", AssumeRolePolicyDocument: JSON.stringify(TRUST), MaxSessionDuration: 7200,
  Description: "deploys from CI", Tags: [{ Key: "team", Value: "platform" }] })));
const role = r?.Role ?? {};
eq(role.Arn, `arn:aws:iam::${ACCOUNT}:role/ci/js-deployer`, "role ARN");
eq([role.RoleName, role.Path], ["js-deployer", "/ci/"], "role name and path");
check(/^AROA[A-Z2-7]{17}$/.test(role.RoleId ?? ""), "RoleId is AROA and 17 base32 characters", role.RoleId);
check(role.CreateDate instanceof Date && Math.abs(role.CreateDate - Date.now()) < 60_000, "CreateDate is a Date of now",
  String(role.CreateDate));
r = await ok("GetRole", () => iam.send(new GetRoleCommand({ RoleName: "js-deployer" })));
eq(policyOf(r?.Role?.AssumeRolePolicyDocument), TRUST, "the trust policy read back (URL-decoded)");
eq([r?.Role?.MaxSessionDuration, r?.Role?.Description, r?.Role?.RoleId], [7200, "deploys from CI", role.RoleId],
  "MaxSessionDuration, Description, RoleId");
eq((r?.Role?.Tags ?? []).map((t) => `${t.Key}=${t.Value}`), ["team=platform"], "role tags");
await rejects("CreateRole again", () => iam.send(new CreateRoleCommand({ RoleName: "js-deployer",
  AssumeRolePolicyDocument: JSON.stringify(TRUST) })), "EntityAlreadyExistsException", 409,
"Role with name js-deployer already exists.");
const missing = await rejects("GetRole of a missing role", () => iam.send(new GetRoleCommand({ RoleName: "nobody" })),
  "NoSuchEntityException", 404, "The role with name nobody cannot be found.");
check(missing instanceof NoSuchEntityException, "the error is the modeled NoSuchEntityException class");
await rejects("CreateRole with an identity policy as trust policy", () => iam.send(new CreateRoleCommand({
  RoleName: "js-bad", AssumeRolePolicyDocument: JSON.stringify(ALLOW_S3) })), "MalformedPolicyDocumentException", 400,
"Has prohibited field Resource");

// ---- a managed policy attached to it
r = await ok("CreatePolicy", () => iam.send(new CreatePolicyCommand({ PolicyName: "js-s3-rw",
  PolicyDocument: JSON.stringify(ALLOW_S3), Description: "read and write one bucket" })));
const policy = r?.Policy ?? {};
eq([policy.Arn, policy.DefaultVersionId, policy.AttachmentCount], [`arn:aws:iam::${ACCOUNT}:policy/js-s3-rw`, "v1", 0],
  "policy ARN, default version, attachments");
await ok("AttachRolePolicy", () => iam.send(new AttachRolePolicyCommand({ RoleName: "js-deployer", PolicyArn: policy.Arn })));
r = await ok("ListAttachedRolePolicies", () => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "js-deployer" })));
eq((r?.AttachedPolicies ?? []).map((p) => [p.PolicyName, p.PolicyArn]), [["js-s3-rw", policy.Arn]], "attached policies");
r = await ok("GetPolicyVersion v1", () => iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: "v1" })));
eq(policyOf(r?.PolicyVersion?.Document), ALLOW_S3, "the policy document read back (URL-decoded)");
eq(r?.PolicyVersion?.IsDefaultVersion, true, "v1 is the default version");
await rejects("AttachRolePolicy of a missing policy", () => iam.send(new AttachRolePolicyCommand({ RoleName: "js-deployer",
  PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/nope` })), "NoSuchEntityException", 404);
await rejects("CreatePolicy with malformed JSON", () => iam.send(new CreatePolicyCommand({ PolicyName: "js-bad",
  PolicyDocument: "{nope" })), "MalformedPolicyDocumentException", 400, "Syntax errors in policy.")
  .then((e) => check(e instanceof MalformedPolicyDocumentException, "the error is the modeled MalformedPolicyDocumentException class"));
await rejects("CreatePolicy without a Resource", () => iam.send(new CreatePolicyCommand({ PolicyName: "js-bad",
  PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] }) })),
"MalformedPolicyDocumentException", 400, "Policy statement must contain resources.");

// ---- ListRoles pagination: five roles (js-deployer and four more), pages of two
for (const name of ["js-a", "js-b", "js-c", "js-d"])
  await ok(`CreateRole ${name}`, () => iam.send(new CreateRoleCommand({ RoleName: name,
    AssumeRolePolicyDocument: JSON.stringify(TRUST) })));
const pages = [];
let marker;
for (let i = 0; i < 10; i++) {
  const page = await ok(`ListRoles page ${i + 1}`, () => iam.send(new ListRolesCommand({ MaxItems: 2, Marker: marker })));
  if (!page) break;
  pages.push({ names: (page.Roles ?? []).map((x) => x.RoleName), truncated: page.IsTruncated, marker: page.Marker });
  if (!page.IsTruncated) break;
  marker = page.Marker;
}
eq(pages.map((p) => p.names), [["js-a", "js-b"], ["js-c", "js-d"], ["js-deployer"]], "ListRoles pages of two, in name order");
eq(pages.map((p) => p.truncated), [true, true, false], "IsTruncated on every page but the last");
check(pages.slice(0, -1).every((p) => typeof p.marker === "string" && p.marker.length > 0) && pages.at(-1)?.marker === undefined,
  "a Marker on truncated pages only", JSON.stringify(pages.map((p) => p.marker)));
const all = [];
try {
  for await (const page of paginateListRoles({ client: iam, pageSize: 3 }, {})) all.push(...(page.Roles ?? []).map((x) => x.RoleName));
} catch (e) { check(false, "paginateListRoles", `${e?.name}: ${e?.message}`); }
eq(all, ["js-a", "js-b", "js-c", "js-d", "js-deployer"], "paginateListRoles (pages of 3) lists every role once");
r = await ok("ListRoles PathPrefix /ci/", () => iam.send(new ListRolesCommand({ PathPrefix: "/ci/" })));
eq((r?.Roles ?? []).map((x) => x.RoleName), ["js-deployer"], "ListRoles by path prefix");
eq(policyOf(r?.Roles?.[0]?.AssumeRolePolicyDocument), TRUST, "ListRoles carries the trust policy");

// ---- STS: the long-term caller, AssumeRole and the temporary credentials
r = await ok("GetCallerIdentity with the long-term key", () => sts.send(new GetCallerIdentityCommand({})));
eq([r?.Account, r?.Arn, r?.UserId], [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`, ACCOUNT], "the caller is the account root");
const t0 = Date.now();
const assumed = await ok("AssumeRole", () => sts.send(new AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "js-session",
  DurationSeconds: 900, ExternalId: "ext-id", Tags: [{ Key: "project", Value: "e2e" }],
  Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) })));
const creds = assumed?.Credentials ?? {};
check(/^ASIA[A-Z2-7]{16}$/.test(creds.AccessKeyId ?? ""), "temporary key id: ASIA and 16 base32 characters", creds.AccessKeyId);
eq(creds.SecretAccessKey?.length, 40, "secret length");
check((creds.SessionToken ?? "").length >= 100, "a session token", creds.SessionToken);
check(creds.Expiration instanceof Date && Math.abs(creds.Expiration - t0 - 900_000) < 60_000,
  "Expiration is 900 s from now", String(creds.Expiration));
eq(assumed?.AssumedRoleUser, { AssumedRoleId: `${role.RoleId}:js-session`,
  Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/js-deployer/js-session` }, "AssumedRoleUser");
check(Number.isInteger(assumed?.PackedPolicySize) && assumed.PackedPolicySize >= 1 && assumed.PackedPolicySize <= 100,
  "PackedPolicySize is a percentage of the limit, with a session policy", String(assumed?.PackedPolicySize));

if (creds.AccessKeyId) {
  // A client on the temporary credentials; the session token must go out as X-Amz-Security-Token.
  const roleSts = new STSClient({ ...common, credentials: { accessKeyId: creds.AccessKeyId,
    secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken } });
  const seen = {};
  roleSts.middlewareStack.add((next) => async (args) => { Object.assign(seen, args.request.headers); return next(args); },
    { step: "finalizeRequest", priority: "low", name: "e2eSeeHeaders" });
  const who = await ok("GetCallerIdentity with the assumed credentials", () => roleSts.send(new GetCallerIdentityCommand({})));
  eq(seen["x-amz-security-token"], creds.SessionToken, "the session token was sent");
  check((seen.authorization ?? "").includes(`Credential=${creds.AccessKeyId}/`), "signed with the temporary key id",
    seen.authorization);
  eq(who?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/js-deployer/js-session`, "assumed-role ARN");
  eq(who?.Account, ACCOUNT, "the role's account");
  eq(who?.UserId, `${role.RoleId}:js-session`, "UserId is RoleId:session");
  await rejects("GetSessionToken with session credentials", () => roleSts.send(new GetSessionTokenCommand({})),
    "AccessDenied", 403);
}

const info = await ok("GetAccessKeyInfo of the temporary key", () => sts.send(new GetAccessKeyInfoCommand({
  AccessKeyId: creds.AccessKeyId })));
eq(info?.Account, ACCOUNT, "the account decoded from the temporary key id");
await rejects("AssumeRole longer than MaxSessionDuration", () => sts.send(new AssumeRoleCommand({ RoleArn: role.Arn,
  RoleSessionName: "long", DurationSeconds: 10800 })), "ValidationError", 400,
"The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
await rejects("AssumeRole with a bad session name", () => sts.send(new AssumeRoleCommand({ RoleArn: role.Arn,
  RoleSessionName: "has space" })), "ValidationError", 400);
await rejects("AssumeRole of a missing role", () => sts.send(new AssumeRoleCommand({
  RoleArn: `arn:aws:iam::${ACCOUNT}:role/ghost`, RoleSessionName: "ghost" })), "AccessDenied", 403);
await rejects("AssumeRole with a malformed session policy", () => sts.send(new AssumeRoleCommand({ RoleArn: role.Arn,
  RoleSessionName: "js-policy", Policy: "{nope" })), "MalformedPolicyDocumentException", 400);

const session = await ok("GetSessionToken", () => sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 })));
const sc = session?.Credentials ?? {};
check(/^ASIA[A-Z2-7]{16}$/.test(sc.AccessKeyId ?? "") && sc.AccessKeyId !== creds.AccessKeyId, "a new ASIA key id",
  sc.AccessKeyId);
check(sc.Expiration instanceof Date && Math.abs(sc.Expiration - Date.now() - 900_000) < 60_000,
  "GetSessionToken Expiration is 900 s from now", String(sc.Expiration));
if (sc.AccessKeyId) {
  const tokenSts = new STSClient({ ...common, credentials: { accessKeyId: sc.AccessKeyId,
    secretAccessKey: sc.SecretAccessKey, sessionToken: sc.SessionToken } });
  const who = await ok("GetCallerIdentity with the session token", () => tokenSts.send(new GetCallerIdentityCommand({})));
  eq([who?.Account, who?.Arn], [ACCOUNT, `arn:aws:iam::${ACCOUNT}:root`], "a session token acts as its caller");
}
await rejects("GetSessionToken shorter than 900 s", () => sts.send(new GetSessionTokenCommand({ DurationSeconds: 60 })),
  "ValidationError", 400);
const aws = await ok("GetAccessKeyInfo of AWS's example key", () => sts.send(new GetAccessKeyInfoCommand({
  AccessKeyId: "AKIAIOSFODNN7EXAMPLE" })));
eq(aws?.Account, "000000000000", "an old-generation key carries no account");

// ---- an IAM user's own access key
await ok("CreateUser", () => iam.send(new CreateUserCommand({ UserName: "js-alice" })));
const ak = (await ok("CreateAccessKey", () => iam.send(new CreateAccessKeyCommand({ UserName: "js-alice" }))))?.AccessKey ?? {};
check(/^AKIA[A-Z2-7]{16}$/.test(ak.AccessKeyId ?? "") && ak.SecretAccessKey?.length === 40, "an AKIA key and a 40-character secret",
  ak.AccessKeyId);
if (ak.AccessKeyId) {
  const alice = { ...common, credentials: { accessKeyId: ak.AccessKeyId, secretAccessKey: ak.SecretAccessKey } };
  const me = await ok("GetUser with the user's own key", () => new IAMClient(alice).send(new GetUserCommand({})));
  eq([me?.User?.UserName, me?.User?.Arn], ["js-alice", `arn:aws:iam::${ACCOUNT}:user/js-alice`], "GetUser without a name is the caller");
  const who = await ok("GetCallerIdentity with the user's key", () => new STSClient(alice).send(new GetCallerIdentityCommand({})));
  // The user, as AWS answers, not the account root (STS asks IAM who owns the key).
  eq([who?.Account, who?.Arn, who?.UserId], [ACCOUNT, `arn:aws:iam::${ACCOUNT}:user/js-alice`, me?.User?.UserId],
    "GetCallerIdentity of a user's key is that user");
  const keyInfo = await ok("GetAccessKeyInfo of the user's key", () => sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: ak.AccessKeyId })));
  eq(keyInfo?.Account, ACCOUNT, "the account decoded from the user's key id");
}

await rejects("DeleteRole with an attached policy", () => iam.send(new DeleteRoleCommand({ RoleName: "js-deployer" })),
  "DeleteConflictException", 409);
await ok("DeleteRole js-a", () => iam.send(new DeleteRoleCommand({ RoleName: "js-a" })));
await rejects("GetRole after DeleteRole", () => iam.send(new GetRoleCommand({ RoleName: "js-a" })), "NoSuchEntityException", 404);

checks.finish();
