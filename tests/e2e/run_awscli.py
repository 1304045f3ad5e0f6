#!/usr/bin/python3
"""e2e_awscli: Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real cloudemu binary.

Always /usr/bin/aws, never whatever `aws` comes first in PATH. For a service with no plugin
(Kinesis and CloudWatch today) every command must fail the way the CLI fails on a service error: exit
code 254 and a message naming the error code (NotImplemented), after one attempt. S3 (a plugin now)
is checked by s3_awscli.py (ctest e2e_s3_awscli).
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402



def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    checks = harness.Checks("e2e_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir) as emu:
        env = harness.client_env(emu.tmp.name)
        version = subprocess.run([AWS, "--version"], env=env, capture_output=True, text=True, timeout=60)
        print(version.stdout.strip() or version.stderr.strip())
        checks.check(version.returncode == 0 and version.stdout.startswith("aws-cli/2."), "/usr/bin/aws is AWS CLI v2",
                     version.stdout + version.stderr)

        def aws(label, argv, code="NotImplemented"):
            """A service without a plugin: the CLI's service-error exit for the host's 501."""
            t0 = time.monotonic()
            r = subprocess.run([AWS, "--endpoint-url", emu.endpoint, "--no-cli-pager", *argv], env=env,
                               capture_output=True, text=True, timeout=60)
            took = time.monotonic() - t0
            print(f"  [{label}] exit {r.returncode} in {took:.2f}s: {r.stderr.strip()}", flush=True)
            checks.eq(r.returncode, 254, f"{label}: exit code")
            checks.check(f"({code})" in r.stderr, f"{label}: stderr names the error code {code}", r.stderr)
            checks.check(f"when calling the {argv_op(argv)} operation" in r.stderr,
                         f"{label}: CLI's service-error wording", r.stderr)
            checks.check("(reached max retries: 0)" in r.stderr, f"{label}: one attempt (AWS_MAX_ATTEMPTS=1)", r.stderr)
            checks.check("Traceback" not in r.stderr and "Could not connect" not in r.stderr,
                         f"{label}: no transport error or crash", r.stderr)

        aws("kinesis list-streams", ["kinesis", "list-streams"])
        aws("cloudwatch list-metrics", ["cloudwatch", "list-metrics"])  # SQS has a plugin now
        emu.finish(checks)


def argv_op(argv):
    """'list-buckets' -> 'ListBuckets', as the CLI names the operation in its error message."""
    return "".join(w.capitalize() for w in argv[1].split("-"))


if __name__ == "__main__":
    main()
