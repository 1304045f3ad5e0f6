#!/usr/bin/python3
"""e2e_sqs_awscli: SQS through Debian's AWS CLI v2 (/usr/bin/aws, 2.9; query protocol) against the
real binary: queues and attributes, send/receive/delete (the CLI checks the MD5s), a batch, a
FIFO queue, and the exit code and message of a missing queue."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    checks = harness.Checks("e2e_sqs_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "sqs")) as emu:
        env = harness.client_env(emu.tmp.name)

        def run(argv):
            return subprocess.run([AWS, "--endpoint-url", emu.endpoint, "--no-cli-pager", "--output", "json", *argv],
                                  env=env, capture_output=True, text=True, timeout=60)

        def aws(label, argv, want_rc=0):
            t0 = time.monotonic()
            r = run(argv)
            print(f"  [{label}] exit {r.returncode} in {time.monotonic() - t0:.2f}s", flush=True)
            checks.check(r.returncode == want_rc, f"{label}: exit code {want_rc}",
                         f"exit {r.returncode}\nstdout: {r.stdout[-1500:]}\nstderr: {r.stderr[-1500:]}")
            checks.check("Traceback" not in r.stderr, f"{label}: no client crash", r.stderr[-1500:])
            try:
                return json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else {}
            except ValueError:
                checks.check(False, f"{label}: JSON output", r.stdout[:500])
                return {}

        q = aws("create-queue", ["sqs", "create-queue", "--queue-name", "cli-queue",
                                 "--attributes", "VisibilityTimeout=40,DelaySeconds=0"])
        url = q.get("QueueUrl", "")
        checks.eq(url.endswith("/000000000000/cli-queue"), True, "create-queue returns the URL")
        lst = aws("list-queues", ["sqs", "list-queues"])
        checks.eq(lst.get("QueueUrls"), [url], "list-queues")
        a = aws("get-queue-attributes", ["sqs", "get-queue-attributes", "--queue-url", url,
                                         "--attribute-names", "All"])
        checks.eq(a.get("Attributes", {}).get("VisibilityTimeout"), "40", "VisibilityTimeout")
        s = aws("send-message", ["sqs", "send-message", "--queue-url", url, "--message-body", "from the cli",
                                 "--message-attributes",
                                 json.dumps({"k": {"DataType": "String", "StringValue": "v"}})])
        checks.eq(bool(s.get("MessageId")), True, "send-message returns a MessageId")
        aws("send-message-batch", ["sqs", "send-message-batch", "--queue-url", url, "--entries",
                                   json.dumps([{"Id": "1", "MessageBody": "b1"}, {"Id": "2", "MessageBody": "b2"}])])
        r = aws("receive-message", ["sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10",
                                    "--message-attribute-names", "All", "--attribute-names", "All"])
        msgs = r.get("Messages", [])
        checks.eq(sorted(m["Body"] for m in msgs), ["b1", "b2", "from the cli"], "all three received")
        for m in msgs:
            aws("delete-message", ["sqs", "delete-message", "--queue-url", url, "--receipt-handle", m["ReceiptHandle"]])
        r = aws("receive-message empty", ["sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "1"])
        checks.eq(r.get("Messages"), None, "queue empty after deletes")

        f = aws("create-queue fifo", ["sqs", "create-queue", "--queue-name", "cli.fifo",
                                      "--attributes", "FifoQueue=true,ContentBasedDeduplication=true"])
        furl = f.get("QueueUrl", "")
        for body in ("first", "second"):
            aws(f"fifo send {body}", ["sqs", "send-message", "--queue-url", furl, "--message-body", body,
                                      "--message-group-id", "g"])
        r = aws("fifo receive", ["sqs", "receive-message", "--queue-url", furl, "--max-number-of-messages", "10"])
        checks.eq([m["Body"] for m in r.get("Messages", [])], ["first", "second"], "FIFO order")

        r = run(["sqs", "get-queue-url", "--queue-name", "no-such-queue"])
        checks.eq(r.returncode, 254, "a missing queue: the CLI's service-error exit code")
        checks.check("NonExistentQueue" in r.stderr, "stderr names AWS.SimpleQueueService.NonExistentQueue", r.stderr)
        aws("delete-queue", ["sqs", "delete-queue", "--queue-url", url])
        emu.finish(checks)


if __name__ == "__main__":
    main()
