#!/usr/bin/python3
"""e2e_iam_boto3: IAM and STS through Debian's boto3 (1.26, /usr/bin/python3) against the real
binary: a role with a trust policy and policies, AssumeRole, and a client built from the returned
credentials asking GetCallerIdentity (the assumed-role ARN, in the role's account); users, access
keys, groups, policy versions, pagination and errors."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")

ACCOUNT = "123456789012"  # a 12-digit access key id is that account
TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]}
ALLOW_S3 = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}


class IamTests:
    def __init__(self, emu, checks):
        self.c, self.emu = checks, emu
        self.cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)
        session = self.session(ACCOUNT, "any-secret")
        self.iam = session.client("iam", endpoint_url=emu.endpoint, config=self.cfg)
        self.sts = session.client("sts", endpoint_url=emu.endpoint, config=self.cfg)

    def session(self, key, secret, token=None):
        return boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                     aws_session_token=token, region_name="us-east-1")

    def ok(self, label, call):
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, status=400, message=None):
        return harness.expect_error(self.c, label, call, code, status, message)

    def roles_and_assume(self):
        iam, sts = self.iam, self.sts
        r = self.ok("create_role", lambda: iam.create_role(
            RoleName="deployer", Path="/ci/", AssumeRolePolicyDocument=json.dumps(TRUST),
            MaxSessionDuration=7200, Tags=[{"Key": "team", "Value": "platform"}]))
        if not r:
            return
        role = r["Role"]
        self.c.eq(role["Arn"], f"arn:aws:iam::{ACCOUNT}:role/ci/deployer", "role ARN")
        self.c.check(role["RoleId"].startswith("AROA"), "RoleId starts with AROA", role["RoleId"])
        got = self.ok("get_role", lambda: iam.get_role(RoleName="deployer"))
        if got:
            self.c.eq(got["Role"]["AssumeRolePolicyDocument"], TRUST, "trust policy read back as a document")
            self.c.eq(got["Role"]["MaxSessionDuration"], 7200, "MaxSessionDuration")
        p = self.ok("create_policy", lambda: iam.create_policy(PolicyName="s3-all", PolicyDocument=json.dumps(ALLOW_S3)))
        if p:
            self.ok("attach_role_policy", lambda: iam.attach_role_policy(RoleName="deployer", PolicyArn=p["Policy"]["Arn"]))
            a = self.ok("list_attached_role_policies", lambda: iam.list_attached_role_policies(RoleName="deployer"))
            if a:
                self.c.eq([x["PolicyName"] for x in a["AttachedPolicies"]], ["s3-all"], "attached policies")
        self.ok("put_role_policy", lambda: iam.put_role_policy(
            RoleName="deployer", PolicyName="inline", PolicyDocument=json.dumps(ALLOW_S3)))
        ip = self.ok("get_role_policy", lambda: iam.get_role_policy(RoleName="deployer", PolicyName="inline"))
        if ip:
            self.c.eq(ip["PolicyDocument"], ALLOW_S3, "inline policy read back")
        self.error("create_role again", lambda: iam.create_role(
            RoleName="deployer", AssumeRolePolicyDocument=json.dumps(TRUST)),
            "EntityAlreadyExists", 409, "Role with name deployer already exists.")
        self.error("get_role of a missing role", lambda: iam.get_role(RoleName="nobody"),
                   "NoSuchEntity", 404, "The role with name nobody cannot be found.")
        self.error("create_role with a policy that has a Resource", lambda: iam.create_role(
            RoleName="bad", AssumeRolePolicyDocument=json.dumps(ALLOW_S3)),
            "MalformedPolicyDocument", 400, "Has prohibited field Resource")

        me = self.ok("get_caller_identity (long-term key)", lambda: sts.get_caller_identity())
        if me:
            self.c.eq(me["Arn"], f"arn:aws:iam::{ACCOUNT}:root", "caller is the account root")
        creds = self.ok("assume_role", lambda: sts.assume_role(
            RoleArn=role["Arn"], RoleSessionName="e2e-session", DurationSeconds=900, ExternalId="ext-id"))
        if not creds:
            return
        c = creds["Credentials"]
        self.c.check(c["AccessKeyId"].startswith("ASIA"), "temporary key id starts with ASIA", c["AccessKeyId"])
        self.c.eq(creds["AssumedRoleUser"]["AssumedRoleId"], role["RoleId"] + ":e2e-session", "AssumedRoleId")
        assumed = self.session(c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"])
        sts2 = assumed.client("sts", endpoint_url=self.emu.endpoint, config=self.cfg)
        who = self.ok("get_caller_identity with the assumed credentials", lambda: sts2.get_caller_identity())
        if who:
            self.c.eq(who["Arn"], f"arn:aws:sts::{ACCOUNT}:assumed-role/deployer/e2e-session", "assumed-role ARN")
            self.c.eq(who["Account"], ACCOUNT, "account of the assumed role")
            self.c.eq(who["UserId"], role["RoleId"] + ":e2e-session", "UserId")
        info = self.ok("get_access_key_info", lambda: sts.get_access_key_info(AccessKeyId=c["AccessKeyId"]))
        if info:
            self.c.eq(info["Account"], ACCOUNT, "account decoded from the key id")
        self.error("assume_role longer than MaxSessionDuration", lambda: sts.assume_role(
            RoleArn=role["Arn"], RoleSessionName="long", DurationSeconds=10800), "ValidationError", 400,
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
        self.error("assume_role of a role that does not exist", lambda: sts.assume_role(
            RoleArn=f"arn:aws:iam::{ACCOUNT}:role/ghost", RoleSessionName="ghost-session"), "AccessDenied", 403)
        t = self.ok("get_session_token", lambda: sts.get_session_token(DurationSeconds=900))
        if t:
            self.c.check(t["Credentials"]["AccessKeyId"].startswith("ASIA"), "session token key id")

    def users_and_keys(self):
        iam = self.iam
        self.ok("create_user", lambda: iam.create_user(UserName="alice", Tags=[{"Key": "k", "Value": "v"}]))
        k = self.ok("create_access_key", lambda: iam.create_access_key(UserName="alice"))
        if k:
            key = k["AccessKey"]
            self.c.check(key["AccessKeyId"].startswith("AKIA"), "access key id starts with AKIA")
            alice = self.session(key["AccessKeyId"], key["SecretAccessKey"])
            iam2 = alice.client("iam", endpoint_url=self.emu.endpoint, config=self.cfg)
            me = self.ok("get_user with the user's own key", lambda: iam2.get_user())
            if me:
                self.c.eq(me["User"]["UserName"], "alice", "GetUser without a name is the caller")
            who = self.ok("get_caller_identity with the user's key",
                          lambda: alice.client("sts", endpoint_url=self.emu.endpoint, config=self.cfg)
                          .get_caller_identity())
            if who:
                self.c.eq(who["Account"], ACCOUNT, "the user's key acts in the account")
            self.ok("update_access_key", lambda: iam.update_access_key(
                UserName="alice", AccessKeyId=key["AccessKeyId"], Status="Inactive"))
            keys = self.ok("list_access_keys", lambda: iam.list_access_keys(UserName="alice"))
            if keys:
                self.c.eq([m["Status"] for m in keys["AccessKeyMetadata"]], ["Inactive"], "key status")
            self.error("delete_user with keys", lambda: iam.delete_user(UserName="alice"), "DeleteConflict", 409,
                       "Cannot delete entity, must delete access keys first.")
            self.ok("delete_access_key", lambda: iam.delete_access_key(UserName="alice", AccessKeyId=key["AccessKeyId"]))
        self.ok("create_group", lambda: iam.create_group(GroupName="devs"))
        self.ok("add_user_to_group", lambda: iam.add_user_to_group(GroupName="devs", UserName="alice"))
        g = self.ok("get_group", lambda: iam.get_group(GroupName="devs"))
        if g:
            self.c.eq([u["UserName"] for u in g["Users"]], ["alice"], "group members")
        for name in ("bob", "carol", "dave"):
            self.ok(f"create_user {name}", lambda name=name: iam.create_user(UserName=name))
        pages = self.ok("list_users paginated", lambda: list(
            iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 3})))
        if pages:
            self.c.eq(len(pages), 2, "two pages of three")
            self.c.eq([u["UserName"] for p in pages for u in p["Users"]], ["alice", "bob", "carol", "dave"], "all users")

    def policy_versions(self):
        iam = self.iam
        p = self.ok("create_policy for versions", lambda: iam.create_policy(
            PolicyName="versioned", Path="/app/", PolicyDocument=json.dumps(ALLOW_S3)))
        if not p:
            return
        arn = p["Policy"]["Arn"]
        for i in range(2, 6):
            self.ok(f"create_policy_version v{i}", lambda: iam.create_policy_version(
                PolicyArn=arn, PolicyDocument=json.dumps(ALLOW_S3), SetAsDefault=True))
        self.error("sixth version", lambda: iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(ALLOW_S3)),
                   "LimitExceeded", 409)
        v = self.ok("list_policy_versions", lambda: iam.list_policy_versions(PolicyArn=arn))
        if v:
            self.c.eq([x["VersionId"] for x in v["Versions"]], ["v5", "v4", "v3", "v2", "v1"], "versions newest first")
        self.error("delete the default version", lambda: iam.delete_policy_version(PolicyArn=arn, VersionId="v5"),
                   "DeleteConflict", 409, "Cannot delete the default version of a policy.")
        d = self.ok("get_policy_version", lambda: iam.get_policy_version(PolicyArn=arn, VersionId="v1"))
        if d:
            self.c.eq(d["PolicyVersion"]["Document"], ALLOW_S3, "version document")
        self.error("malformed policy", lambda: iam.create_policy(PolicyName="bad", PolicyDocument="{nope"),
                   "MalformedPolicyDocument", 400, "Syntax errors in policy.")
        self.error("unknown action", lambda: iam.create_saml_provider(
            SAMLMetadataDocument="x" * 1000, Name="idp"), "InvalidAction", 400)


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_iam_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "sts,iam")) as emu:
        t = IamTests(emu, checks)
        harness.run_parts(checks, emu, (t.roles_and_assume, t.users_and_keys, t.policy_versions))


if __name__ == "__main__":
    main()
