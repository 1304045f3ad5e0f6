#!/usr/bin/env python3
"""Server CPU per DynamoDB request of one or more cloudemu binaries, in alternating runs.

    /usr/bin/python3 bench/ddb_cpu.py --workload get --pairs 2 BINARY_A BINARY_B [...]

For an A/B comparison of two builds (or of two wrapper scripts that add options such as
`--io-threads 2`): each binary in turn serves a freshly seeded table (LMDB, only the dynamodb
plugin) while `wrk -t2 -c16` sends one workload of bench/ddb.py (get, put or update), and the
server's CPU time per request (utime + stime of all its threads, /proc) is printed with its rate.
On a VM whose throughput swings between runs, CPU per request moves far less than req/s: it is
the figure to compare. Standard library only; uses bench/bench.py and bench/ddb.py.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench as base  # noqa: E402
import ddb  # noqa: E402

KEYS = 1000


def call(port, op, body):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/", data=json.dumps(body).encode(),
                                 headers=ddb.headers(op))
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"{}")


def seed(port):
    call(port, "CreateTable", {
        "TableName": ddb.TABLE, "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]})
    for pk in ("q", "upd-0", "upd-1"):
        for i in range(KEYS):
            call(port, "PutItem", {"TableName": ddb.TABLE, "Item": ddb.item(pk, i, ddb.PAD)})


def workload(name):
    """(operation, body template) as bench/wrk/ddb.lua expands them: {tid} thread, {n} key index."""
    if name == "get":
        return "GetItem", ddb.dumps({"TableName": ddb.TABLE, "Key": {"pk": {"S": "q"}, "sk": {"N": "{n}"}}})
    if name == "put":
        return "PutItem", ddb.put_body("put-{tid}-{n}", 0, ddb.PAD)
    if name == "update":
        return "UpdateItem", ddb.dumps({
            "TableName": ddb.TABLE, "Key": {"pk": {"S": "upd-{tid}"}, "sk": {"N": "{n}"}},
            "UpdateExpression": "SET #c = #c + :one", "ConditionExpression": "#c >= :zero",
            "ExpressionAttributeNames": {"#c": "cnt"},
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":zero": {"N": "0"}}})
    raise SystemExit(f"unknown workload {name}: get, put or update")


def measure(binary, name, seconds, wrk):
    work = tempfile.mkdtemp(prefix="ddb-cpu-")
    port = base.free_port()
    proc = base.start_cloudemu(port, work, "lmdb", binary, "dynamodb")
    server = base.Server(os.path.basename(binary), proc, port, "/_cloudemu/health", "")
    try:
        server.wait_ready()
        seed(port)
        op, body = workload(name)
        env = {"BENCH_OP": op, "BENCH_BODY": body, "BENCH_KEYS": KEYS,
               "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in ddb.HEADERS.items())}
        return base.measure_load(server, lambda s, t, c: base.parse_wrk(
            base.wrk_output(wrk, port, "/", s, t, c, ddb.LUA, env)), seconds, 2, 16)
    finally:
        base.stop(proc)
        shutil.rmtree(work, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binaries", nargs="+")
    p.add_argument("--workload", default="get")
    p.add_argument("--pairs", type=int, default=2, help="rounds over all binaries")
    p.add_argument("--seconds", type=int, default=4)
    p.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    args = p.parse_args()
    for round_no in range(1, args.pairs + 1):
        for binary in args.binaries:
            r = measure(os.path.abspath(binary), args.workload, args.seconds, args.wrk)
            print(f"#{round_no} {binary} {args.workload}: {r['rps']:,.0f} req/s, "
                  f"{r['cpu_us']:.1f} µs server CPU a request, non-2xx {r['errors']}", flush=True)


if __name__ == "__main__":
    main()
