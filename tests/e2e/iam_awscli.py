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

        def aws(label, argv, want_rc=0):
            t0 = time.monotonic()
            r = subprocess.run([AWS, "--endpoint-url", emu.endpoint, "--no-cli-pager", "--output", "json", *argv],
                               env=env, capture_output=True, text=True, timeout=60)
            print(f"  [{label}] exit {r.returncode} in {time.monotonic() - t0:.2f}s", flush=True)
            checks.check(r.returncode == want_rc, f"{label}: exit code {want_rc}",
                         f"exit {r.returncode}\nstdout: {r.stdout[-1500:]}\nstderr: {r.stderr[-1500:]}")
            checks.check("Traceback" not in r.stderr, f"{label}: no client crash", r.stderr[-1500:])
            try:
                return json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else {}
            except ValueError:
                checks.check(False, f"{label}: JSON output", r.stdout[-1500:])
                return {}

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
