#!/usr/bin/python3
"""CloudEmu DynamoDB benchmark (standard library only). Normally run through `bench/run.sh ddb`.

Five DynamoDB workloads (PutItem, GetItem, Query, Scan, conditional UpdateItem), each measured with
wrk (bench/wrk/ddb.lua) against four servers running side by side on loopback: cloudemu with
--storage lmdb and with --storage memory, the peer dynalite (npm, pinned in bench/package.json,
in memory), and nginx answering each operation with a fixed copy of cloudemu's answer, the ceiling.
Requests carry a dummy SigV4 Authorization header (dynalite refuses a request without one; cloudemu
does not verify it unless --enforce-sigv4). One run prints a markdown report and writes it to
bench/results/ddb-latest.md. bench/README.md says what each figure means.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import bench as base  # shared helpers (bench/bench.py)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LUA = os.path.join(HERE, "wrk", "ddb.lua")
TABLE, SCAN_TABLE = "bench", "bench-scan"
QUERY_PK, QUERY_ITEMS, QUERY_LIMIT = "q", 1000, 100
HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",  # dynalite wants X-Amz-Date (or Date) next to Authorization
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/dynamodb/aws4_request, "
                     "SignedHeaders=host, Signature=0",
}
TARGET_PREFIX = "DynamoDB_20120810."
ARGS = None


def headers(op):
    return dict(HEADERS, **{"X-Amz-Target": TARGET_PREFIX + op})


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))


def item(pk, sk, pad):
    """An item of the benchmark table: hash pk (S), range sk (N), a counter and `pad` bytes of data."""
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}, "cnt": {"N": "0"}, "data": {"S": "x" * pad}}


def put_body(pk, sk, pad):
    return dumps({"TableName": TABLE, "Item": item(pk, sk, pad)})


# A PutItem body of ~200 bytes (the exact size varies by a few bytes with the key).
PAD = 200 - len(put_body("put-0-0", 0, 0))


def scan_item(i):
    """The small items of the Scan table: 10,000 of them (~45 B each) fit the 1 MB page of one Scan."""
    return {"pk": {"S": f"s-{i:05d}"}, "sk": {"N": "0"}, "v": {"S": "y" * 32}}


# ---------------------------------------------------------------- workloads

class Workload:
    """One DynamoDB operation as wrk/ddb.lua sends it: body is a JSON template in which {tid} is the
    wrk thread and {n} the key index (0 .. keys-1, cycled); check(answer) says whether a server's
    answer to the first request is right."""

    def __init__(self, name, label, op, body, keys=1, check=None):
        self.name, self.label, self.op, self.body, self.keys = name, label, op, body, keys
        self.check = check or (lambda a: True)

    def render(self, tid=0, n=0):
        return self.body.replace("{tid}", str(tid)).replace("{n}", str(n))

    def env(self):
        return {"BENCH_OP": self.op, "BENCH_BODY": self.body, "BENCH_KEYS": self.keys,
                "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in HEADERS.items())}


def workloads():
    """In running order: the reads first, on a store holding only the seeded items."""
    q = lambda a: a.get("Count") == QUERY_LIMIT and "LastEvaluatedKey" in a
    return [
        Workload("get", f"GetItem (~200 B item) over the {QUERY_ITEMS:,} items of one partition", "GetItem",
                 dumps({"TableName": TABLE, "Key": {"pk": {"S": QUERY_PK}, "sk": {"N": "{n}"}}}), keys=QUERY_ITEMS,
                 check=lambda a: a.get("Item", {}).get("pk") == {"S": QUERY_PK}),
        Workload("query", f"Query of a {QUERY_ITEMS:,}-item partition, Limit {QUERY_LIMIT}", "Query",
                 dumps({"TableName": TABLE, "KeyConditionExpression": "pk = :p",
                        "ExpressionAttributeValues": {":p": {"S": QUERY_PK}}, "Limit": QUERY_LIMIT}), check=q),
        Workload("scan", f"Scan of a {ARGS.scan_items:,}-item table (one page)", "Scan",
                 dumps({"TableName": SCAN_TABLE}),
                 check=lambda a: a.get("Count") == ARGS.scan_items and "LastEvaluatedKey" not in a),
        Workload("put", f"PutItem ~200 B, {ARGS.put_keys:,} new keys per wrk thread, then overwriting", "PutItem",
                 put_body("put-{tid}-{n}", 0, PAD), keys=ARGS.put_keys, check=lambda a: a == {}),
        Workload("update", f"UpdateItem with a condition (`SET cnt = cnt + 1` if `cnt >= 0`) over "
                 f"{ARGS.update_keys:,} seeded items per wrk thread", "UpdateItem",
                 dumps({"TableName": TABLE, "Key": {"pk": {"S": "upd-{tid}"}, "sk": {"N": "{n}"}},
                        "UpdateExpression": "SET #c = #c + :one", "ConditionExpression": "#c >= :zero",
                        "ExpressionAttributeNames": {"#c": "cnt"},
                        "ExpressionAttributeValues": {":one": {"N": "1"}, ":zero": {"N": "0"}}}),
                 keys=ARGS.update_keys, check=lambda a: a == {}),
    ]


# ---------------------------------------------------------------- targets

def start_cloudemu(name, workdir, storage):
    return base.cloudemu_server(name, workdir, ARGS.cloudemu, storage, "dynamodb")


def start_dynalite(name, workdir):
    port = base.free_port()
    # No --path: dynalite keeps its tables in memory (memory-level), the way test suites run it.
    proc = subprocess.Popen([ARGS.node, os.path.abspath(ARGS.dynalite), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    node = base.version_of([ARGS.node, "--version"])
    return base.Server(name, proc, port, "/", f"dynalite {base.package_version(ARGS.dynalite)} on Node {node}, "
                       "in memory (no `--path`), default options")


def start_nginx(name, workdir, ops):
    return base.nginx_json_answers(name, workdir, ARGS.nginx, TARGET_PREFIX, ops, "a DynamoDB server")


# ---------------------------------------------------------------- seeding

def call(port, op, payload):
    """(status, parsed JSON answer, raw bytes) of one DynamoDB call on a fresh connection."""
    st, raw = base.request(port, "POST", "/", dumps(payload), headers(op))
    try:
        return st, json.loads(raw or b"{}"), raw
    except ValueError:
        return st, {}, raw


def create_tables(server):
    for name in (TABLE, SCAN_TABLE):
        st, a, raw = call(server.port, "CreateTable", {
            "TableName": name, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "sk", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]})
        if st != 200:
            raise RuntimeError(f"CreateTable {name}: {st} {raw[:200]!r}")
    end = time.monotonic() + 30  # dynalite keeps a new table CREATING for 500 ms
    for name in (TABLE, SCAN_TABLE):
        while call(server.port, "DescribeTable", {"TableName": name})[1].get("Table", {}).get("TableStatus") != "ACTIVE":
            if time.monotonic() > end:
                raise RuntimeError(f"table {name} never became ACTIVE")
            time.sleep(0.05)


def seed_requests():
    """BatchWriteItem requests (25 items each): the Query/GetItem partition, the UpdateItem items of each
    wrk thread (and of the 1-thread warm-up), the Scan table."""
    puts = [(TABLE, item(QUERY_PK, i, PAD)) for i in range(QUERY_ITEMS)]
    puts += [(TABLE, item(f"upd-{t}", i, PAD)) for t in range(max(1, ARGS.threads)) for i in range(ARGS.update_keys)]
    puts += [(SCAN_TABLE, scan_item(i)) for i in range(ARGS.scan_items)]
    out = []
    for i in range(0, len(puts), 25):
        batch = {}
        for table, it in puts[i:i + 25]:
            batch.setdefault(table, []).append({"PutRequest": {"Item": it}})
        out.append(("POST", "/", dumps({"RequestItems": batch}), headers("BatchWriteItem")))
    return out, len(puts)


def seed(server, reqs):
    create_tables(server)
    base.send_all(server.port, reqs, ok=lambda st, body: not json.loads(body).get("UnprocessedItems"))


def check(server, wl):
    """Each server must answer every workload's first request correctly before it is measured.
    Returns (problems, {workload: answer bytes})."""
    problems, answers = [], {}
    for w in wl:
        st, raw = base.request(server.port, "POST", "/", w.render(), headers(w.op))
        try:
            ok = st == 200 and w.check(json.loads(raw))
        except ValueError:
            ok = False
        if not ok:
            problems.append(f"{w.op}: {st} {raw[:160]!r}")
        answers[w.name] = raw
    return problems, answers


# ---------------------------------------------------------------- measuring

def measure(server, w, answer_bytes):
    load = lambda sec, t, c: base.parse_wrk(base.wrk_output(ARGS.wrk, server.port, "/", sec, t, c, LUA, w.env()))
    res = base.measure_load(server, load, ARGS.seconds, ARGS.threads, ARGS.connections)
    res["mb_s"] = res["rps"] * answer_bytes / 1e6
    return res


# ---------------------------------------------------------------- report

def report(servers, results, wl, meta):
    m = base.machine()
    L = [f"# CloudEmu DynamoDB benchmark — {meta['started']:%Y-%m-%d %H:%M} UTC\n"]
    L.append(f"- machine: {m['nproc']} CPU ({m['cpu']}), {m['mem']} RAM, Linux {m['kernel']}")
    L.append(f"- load average (1/5/15 min): before {meta['load_before']}, after {meta['load_after']}")
    L.append(f"- cloudemu: `{ARGS.cloudemu}` ({base.version_of([ARGS.cloudemu, '--version'])})")
    for s in servers:
        L.append(f"- {s.name}: {s.note}")
    L.append(f"- load: `wrk -t{ARGS.threads} -c{ARGS.connections} -d{ARGS.seconds}s --timeout 10s --latency "
             f"-s bench/wrk/ddb.lua`, keep-alive, POST / with `X-Amz-Target`, "
             f"`Content-Type: application/x-amz-json-1.0` and a dummy SigV4 `Authorization`, after a 1 s warm-up "
             f"(`-t1 -c4`); all servers run at once, each workload is measured on each server in turn; "
             f"the client shares the {m['nproc']} CPUs with the server")
    L.append(f"- seeded over HTTP (BatchWriteItem, 4 keep-alive connections) on every DynamoDB server: "
             f"tables `{TABLE}` and `{SCAN_TABLE}` (hash `pk` S, range `sk` N, on-demand), {meta['seeded']:,} items; "
             f"nginx answers with copies of {meta['answers_from']}'s answers; "
             f"MB/s is of the answer bodies, whose sizes (bytes) per workload were: "
             + ", ".join(f"{w.name} {meta['answer_sizes'].get(w.name, '?')}" for w in wl))
    L.append(f"- reproduce: `{ARGS.command}`\n")
    names = [s.name for s in servers]
    for w in wl:
        L.append(f"### {w.label}\n")
        L.append("Ceiling: nginx.\n")
        L += base.result_table(names, results[w.name], "rps", "nginx", "dynalite")
        L.append("")
    L.append("### Summary (req/s)\n")
    L.append(f"The ceiling is nginx answering each operation with a fixed copy of {meta['answers_from']}'s answer.\n")
    L += base.summary_table([(w.name, {n: results[w.name].get(n, {}).get("rps") for n in names}, "nginx")
                             for w in wl], names, "dynalite")
    L += base.raw_outputs([w.name for w in wl], names, results)
    return "\n".join(L)


# ---------------------------------------------------------------- main

def main():
    global ARGS
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cloudemu", default=os.path.join(ROOT, "build-release/bin/cloudemu"))
    p.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    p.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    p.add_argument("--node", default=shutil.which("node") or "/usr/bin/node")
    p.add_argument("--dynalite", default=os.path.join(HERE, "node_modules/dynalite/cli.js"))
    p.add_argument("--seconds", type=int, default=5, help="wrk duration per workload and server")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--scan-items", type=int, default=10000)
    p.add_argument("--put-keys", type=int, default=1000, help="PutItem keys per wrk thread")
    p.add_argument("--update-keys", type=int, default=1000, help="UpdateItem keys (seeded) per wrk thread")
    p.add_argument("--workloads", default="", help="comma-separated subset of get,query,scan,put,update")
    p.add_argument("--servers", default="", help="comma-separated subset of nginx,cloudemu-lmdb,cloudemu-memory,dynalite")
    p.add_argument("--out", default=os.path.join(HERE, "results", "ddb-latest.md"))
    p.add_argument("--command", default="bench/run.sh ddb", help="the command line recorded in the report")
    ARGS = p.parse_args()
    for tool in (ARGS.cloudemu, ARGS.nginx, ARGS.wrk, ARGS.node):
        if not os.access(tool, os.X_OK):
            sys.exit(f"bench: {tool} not found (scripts/install-deps.sh --bench; bench/run.sh ddb builds cloudemu)")
    if not os.path.exists(ARGS.dynalite):
        sys.exit(f"bench: {ARGS.dynalite} not found (npm ci in bench/; bench/run.sh ddb does it)")
    wl = workloads()
    if ARGS.workloads:
        keep = ARGS.workloads.split(",")
        wl = [w for w in wl if w.name in keep]
    starters = {"nginx": lambda n, d: start_nginx(n, d, [w.op for w in wl]),
                "cloudemu-lmdb": lambda n, d: start_cloudemu(n, d, "lmdb"),
                "cloudemu-memory": lambda n, d: start_cloudemu(n, d, "memory"),
                "dynalite": start_dynalite}
    order = ARGS.servers.split(",") if ARGS.servers else list(starters)
    load_before = base.loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {w.name: {} for w in wl}
    servers, answers, seeded = [], {}, 0
    with tempfile.TemporaryDirectory(prefix="ce-bench-ddb-") as work:
        try:
            for name in order:
                servers.append(starters[name](name, work))
            for s in servers:
                s.wait_ready()
            reqs, seeded = seed_requests()
            broken = {}
            for s in servers:
                if s.name == "nginx":
                    continue
                t0 = time.perf_counter()
                try:
                    seed(s, reqs)
                except RuntimeError as e:
                    broken[s.name] = f"seeding: {e}"
                    print(f"[{s.name}] not measured: {broken[s.name]}", file=sys.stderr)
                    continue
                print(f"[{s.name}] seeded {seeded:,} items in {time.perf_counter() - t0:.1f} s",
                      file=sys.stderr, flush=True)
                problems, answers[s.name] = check(s, wl)
                if problems:
                    broken[s.name] = "; ".join(problems)
                    print(f"[{s.name}] not measured: {broken[s.name]}", file=sys.stderr)
            # nginx answers with cloudemu's bytes (those of the first cloudemu that answered correctly).
            source = next((n for n in answers if n.startswith("cloudemu") and n not in broken),
                          next((n for n in answers if n not in broken), None))
            for s in servers:
                if s.name == "nginx" and source:
                    for w in wl:
                        with open(os.path.join(s.workdir, "answers", f"{w.op}.json"), "wb") as f:
                            f.write(answers[source][w.name])
                    problems, answers[s.name] = check(s, wl)
                    if problems:
                        broken[s.name] = "; ".join(problems)
                elif s.name == "nginx":
                    broken[s.name] = "no DynamoDB server answered correctly, so there is nothing to copy"
            for w in wl:
                for s in servers:
                    if s.name in broken:
                        results[w.name][s.name] = {"error": broken[s.name]}
                        continue
                    print(f"[{w.name}] {s.name} ...", file=sys.stderr, flush=True)
                    try:
                        results[w.name][s.name] = measure(s, w, len(answers[s.name][w.name]))
                    except (subprocess.CalledProcessError, AttributeError) as e:
                        results[w.name][s.name] = {"error": str(e)}
        finally:
            for s in servers:
                base.stop(s.proc)
    meta = {"started": started, "load_before": load_before, "load_after": base.loadavg(), "seeded": seeded,
            "answers_from": source or "no server",
            "answer_sizes": {w.name: len(answers[source][w.name]) for w in wl} if source else {}}
    base.write_report(report(servers, results, wl, meta), ARGS.out)


if __name__ == "__main__":
    main()
