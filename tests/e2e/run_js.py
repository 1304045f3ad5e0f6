#!/usr/bin/python3
"""e2e_js: the AWS SDK for JavaScript v3 (tests/e2e/js, pinned by package-lock.json) against cloudemu.

Needs node (>= 20) and npm. Runs `npm ci` in tests/e2e/js when node_modules is missing, then
`node SCRIPT --endpoint ...` against a fresh cloudemu: --script e2e.mjs (default; ctest e2e_js,
services without a plugin) or --script NAME.mjs, one service's script (ctest e2e_NAME_js: s3, sqs,
sns, kms, secretsmanager, sts_iam). A missing node or npm is a failure, not a skip.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

JS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "js")


def main():
    args = harness.parse_args(__doc__, lambda p: p.add_argument(
        "--script", default="e2e.mjs", help="the .mjs file in tests/e2e/js to run (default e2e.mjs)"))
    name = "e2e_js" if args.script == "e2e.mjs" else "e2e_" + args.script.replace(".mjs", "") + "_js"
    if not os.path.isfile(os.path.join(JS_DIR, args.script)):
        harness.fail(f"no such script: {os.path.join(JS_DIR, args.script)}")
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node:
        harness.fail("node not found in PATH: install nodejs and npm (scripts/install-deps.sh --test)")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"node {version} ({node})")
    try:
        if int(version.lstrip("v").split(".")[0]) < 20:
            harness.fail(f"node {version} is too old: the pinned AWS SDK v3 needs node >= 20")
    except ValueError:
        harness.fail(f"cannot read node's version: {version!r}")
    # npm ci again whenever package-lock.json changed since the last install (npm writes its own
    # copy to node_modules/.package-lock.json), so an added package never goes missing locally.
    lock, installed = (os.path.join(JS_DIR, "package-lock.json"),
                       os.path.join(JS_DIR, "node_modules", ".package-lock.json"))
    if not os.path.exists(installed) or os.path.getmtime(installed) < os.path.getmtime(lock):
        if not npm:
            harness.fail("npm not found in PATH and tests/e2e/js/node_modules is missing: install npm")
        print(f"running npm ci in {JS_DIR}", flush=True)
        r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, timeout=600)
        if r.returncode != 0:
            harness.fail(f"npm ci failed ({r.returncode}) in {JS_DIR}")
    checks = harness.Checks(name)
    with harness.Emulator(args.cloudemu, args.plugin_dir) as emu:
        env = harness.client_env(emu.tmp.name)
        r = subprocess.run([node, args.script, "--endpoint", emu.endpoint], cwd=JS_DIR, env=env, timeout=150)
        checks.eq(r.returncode, 0, f"node {args.script} exit status (its own checks above)")
        emu.finish(checks)


if __name__ == "__main__":
    main()
