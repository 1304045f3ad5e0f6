#!/usr/bin/python3
"""e2e_iam_awscli: STS and IAM through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real
binary: sts get-caller-identity, iam create-role and list-roles, a missing role's exit code, and
sts assume-role whose credentials, given to the CLI through its environment, make a following
get-caller-identity answer the assumed role."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

ACCOUNT = "000000000000"
TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'


def assume_role(aws, aws_bin, emu, env, checks):
    """A role the account may assume, assume-role, then get-caller-identity as the CLI runs it with
    the temporary credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN."""
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}]})
    role = aws("iam create-role deployer", ["iam", "create-role", "--role-name", "deployer",
                                            "--assume-role-policy-document", trust]).get("Role", {})
    got = aws("sts assume-role", ["sts", "assume-role", "--role-arn", role.get("Arn", "missing"),
                                  "--role-session-name", "cli-session"])
    creds = got.get("Credentials", {})
    want_arn = f"arn:aws:sts::{ACCOUNT}:assumed-role/deployer/cli-session"
    checks.eq(got.get("AssumedRoleUser", {}).get("Arn"), want_arn, "assume-role AssumedRoleUser.Arn")
    checks.check(creds.get("AccessKeyId", "").startswith("ASIA"), "temporary key id", repr(creds.get("AccessKeyId")))
    as_role = dict(env, AWS_ACCESS_KEY_ID=creds.get("AccessKeyId", ""),
                   AWS_SECRET_ACCESS_KEY=creds.get("SecretAccessKey", ""),
                   AWS_SESSION_TOKEN=creds.get("SessionToken", ""))
    who = harness.awscli_json(aws_bin, emu, as_role, checks)("sts get-caller-identity as the role",
                                                             ["sts", "get-caller-identity"])
    checks.eq(who.get("Arn"), want_arn, "the caller is the assumed role")
    checks.eq(who.get("Account"), ACCOUNT, "the role's account")
    checks.eq(who.get("UserId"), f"{role.get('RoleId', 'missing')}:cli-session", "UserId is RoleId:session")


def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    checks = harness.Checks("e2e_iam_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "sts,iam")) as emu:
        env = harness.client_env(emu.tmp.name)

        aws = harness.awscli_json(AWS, emu, env, checks)

        me = aws("sts get-caller-identity", ["sts", "get-caller-identity"])
        # AWS's documentation key (old generation) carries no account: the default one.
        checks.eq(me.get("Arn"), "arn:aws:iam::000000000000:root", "caller is the account root")
        checks.eq(me.get("Account"), "000000000000", "the default account")
        role = aws("iam create-role", ["iam", "create-role", "--role-name", "cli-role",
                                       "--assume-role-policy-document", TRUST])
        checks.eq(role.get("Role", {}).get("RoleName"), "cli-role", "created role name")
        roles = aws("iam list-roles", ["iam", "list-roles"])
        checks.eq([r["RoleName"] for r in roles.get("Roles", [])], ["cli-role"], "listed roles")
        checks.eq(roles.get("Roles", [{}])[0].get("AssumeRolePolicyDocument"), json.loads(TRUST),
                  "trust policy decoded by the CLI")
        aws("iam get-role of a missing role", ["iam", "get-role", "--role-name", "ghost"], want_rc=254)
        assume_role(aws, AWS, emu, env, checks)
        emu.finish(checks)


if __name__ == "__main__":
    main()
