#!/usr/bin/python3
"""e2e_ddb_awscli: DynamoDB through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real binary:
create-table and its waiter, items, a query and a scan, a failed condition's exit code, streams."""
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
    checks = harness.Checks("e2e_ddb_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "dynamodb")) as emu:
        env = harness.client_env(emu.tmp.name)

        aws = harness.awscli_json(AWS, emu, env, checks)

        t = aws("create-table", ["dynamodb", "create-table", "--table-name", "cli-table",
                                 "--attribute-definitions", "AttributeName=pk,AttributeType=S",
                                 "AttributeName=sk,AttributeType=N",
                                 "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                                 "--billing-mode", "PAY_PER_REQUEST",
                                 "--stream-specification", "StreamEnabled=true,StreamViewType=NEW_IMAGE"])
        checks.eq(t.get("TableDescription", {}).get("TableName"), "cli-table", "create-table output")
        aws("wait table-exists", ["dynamodb", "wait", "table-exists", "--table-name", "cli-table"])
        for i in (1, 2, 3):
            aws(f"put-item {i}", ["dynamodb", "put-item", "--table-name", "cli-table", "--item",
                                  json.dumps({"pk": {"S": "p"}, "sk": {"N": str(i)}, "v": {"S": f"value {i}"}})])
        g = aws("get-item", ["dynamodb", "get-item", "--table-name", "cli-table",
                             "--key", json.dumps({"pk": {"S": "p"}, "sk": {"N": "2"}})])
        checks.eq(g.get("Item", {}).get("v"), {"S": "value 2"}, "get-item returns the item")
        q = aws("query", ["dynamodb", "query", "--table-name", "cli-table",
                          "--key-condition-expression", "pk = :p AND sk >= :lo",
                          "--expression-attribute-values", json.dumps({":p": {"S": "p"}, ":lo": {"N": "2"}}),
                          "--no-scan-index-forward"])
        checks.eq([i["sk"]["N"] for i in q.get("Items", [])], ["3", "2"], "query descending")
        s = aws("scan with paging", ["dynamodb", "scan", "--table-name", "cli-table", "--page-size", "1"])
        checks.eq(s.get("Count"), 3, "scan through CLI paging sees every item")
        r = subprocess.run([AWS, "--endpoint-url", emu.endpoint, "--no-cli-pager", "dynamodb", "put-item",
                            "--table-name", "cli-table", "--item", json.dumps({"pk": {"S": "p"}, "sk": {"N": "1"}}),
                            "--condition-expression", "attribute_not_exists(pk)"],
                           env=env, capture_output=True, text=True, timeout=60)
        checks.eq(r.returncode, 254, "a failed condition: the CLI's service-error exit code")
        checks.check("ConditionalCheckFailedException" in r.stderr, "stderr names ConditionalCheckFailedException",
                     r.stderr)
        streams = aws("dynamodbstreams list-streams", ["dynamodbstreams", "list-streams", "--table-name", "cli-table"])
        checks.eq(len(streams.get("Streams", [])), 1, "the table's stream is listed")
        aws("delete-table", ["dynamodb", "delete-table", "--table-name", "cli-table"])
        aws("wait table-not-exists", ["dynamodb", "wait", "table-not-exists", "--table-name", "cli-table"])
        emu.finish(checks)


if __name__ == "__main__":
    main()
