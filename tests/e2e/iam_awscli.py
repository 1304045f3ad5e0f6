#!/usr/bin/python3
"""e2e_iam_awscli: STS and IAM through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real
binary: sts get-caller-identity, iam create-role and list-roles, a missing role's exit code."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'


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
        emu.finish(checks)


if __name__ == "__main__":
    main()
