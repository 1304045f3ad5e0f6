#!/usr/bin/python3
"""CloudEmu benchmark harness (standard library only). Normally run through bench/run.sh.

Targets are started by one function each (see TARGETS below): cloudemu is measured, nginx is the
ceiling. A later peer is one more start function plus an entry in TARGETS. The service benchmarks
(s3.py, ddb.py) import the helpers here: Server, seeding, wrk runs, report tables. One run prints a
markdown report and writes it to bench/results/latest.md.
"""
import argparse
import datetime
import http.client
import json
import os
import pwd
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


# ---------------------------------------------------------------- helpers

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port, path, timeout=2.0):
    """(status, body) of one GET on a fresh connection; raises OSError when nothing listens yet."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def first_response_ns(port, path, deadline_s=10.0):
    """Polls with a raw socket (cheapest possible) until GET path answers 200; returns perf_counter_ns."""
    req = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    end = time.perf_counter() + deadline_s
    while time.perf_counter() < end:
        s = socket.socket()
        try:
            s.connect(("127.0.0.1", port))
            s.sendall(req)
            head = s.recv(64)
            if head.startswith(b"HTTP/1.1 200") or head.startswith(b"HTTP/1.0 200"):
                return time.perf_counter_ns()
        except OSError:
            time.sleep(0.0002)
        finally:
            s.close()
    raise RuntimeError(f"no 200 from port {port} within {deadline_s}s")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def smaps_kib(pid, field):
    """A field of /proc/<pid>/smaps_rollup (Pss: shared pages split among their users; Anonymous)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    out = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            out = [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------- targets
# A start function takes (port, workdir, **options) and returns the Popen of a process that serves
# GET <health_path> with 200 on 127.0.0.1:port in the foreground (no daemonizing).

class Target:
    def __init__(self, name, start, health_path, note=""):
        self.name, self.start, self.health_path, self.note = name, start, health_path, note

    def launch(self, workdir, **opts):
        port = free_port()
        proc = self.start(port, workdir, **opts)
        return proc, port


def start_cloudemu(port, workdir, storage="memory", binary=None, services=None, data=None):
    data = data or os.path.join(workdir, f"data-{port}")
    cmd = [binary or ARGS.cloudemu, "--port", str(port), "--storage", storage, "--data-dir", data]
    if services:
        cmd += ["--services", services]
    return subprocess.Popen(cmd + ["--access-log", "off", "--log-level", "warn"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


NGINX_BODY = b""  # set from cloudemu's own health answer, so both send the same bytes


def start_nginx(port, workdir, **_):
    conf_dir = os.path.join(workdir, f"nginx-{port}")
    body = NGINX_BODY.decode().replace("\\", "\\\\").replace("'", "\\'")
    return start_nginx_conf(ARGS.nginx, conf_dir, f"""  server {{
    listen 127.0.0.1:{port};
    location = /_cloudemu/health {{
      default_type application/json;
      return 200 '{body}';
    }}
  }}
""")


def start_nginx_conf(nginx, conf_dir, http_conf):
    """Writes conf_dir/nginx.conf (foreground, access log off, every temp path inside conf_dir) around
    the given lines of the http block, and starts nginx on it."""
    os.makedirs(conf_dir, exist_ok=True)
    conf = os.path.join(conf_dir, "nginx.conf")
    # Started as root, nginx would run its workers as nobody, who cannot read the private temp folder.
    user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.getuid() == 0 else ""
    with open(conf, "w") as f:
        f.write(f"""daemon off;
{user}worker_processes auto;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {conf_dir}/body;
  proxy_temp_path {conf_dir}/proxy;
  fastcgi_temp_path {conf_dir}/fastcgi;
  uwsgi_temp_path {conf_dir}/uwsgi;
  scgi_temp_path {conf_dir}/scgi;
{http_conf}}}
""")
    return subprocess.Popen([nginx, "-c", conf, "-p", conf_dir], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


# The peers of the service benchmarks (s3rver, dynalite) are started by s3.py and ddb.py.
TARGETS = {}


def register_targets():
    TARGETS["cloudemu"] = Target("cloudemu", start_cloudemu, "/_cloudemu/health",
                                 f"{build_type(ARGS.cloudemu)} build, --access-log off, --log-level warn, "
                                 "default --io-threads/--workers")
    TARGETS["nginx"] = Target("nginx", start_nginx, "/_cloudemu/health",
                              "nginx-light, `return 200` of the same JSON, access_log off, worker_processes auto")


def build_type(binary):
    """CMAKE_BUILD_TYPE of the tree the binary was built in (bin/.. holds CMakeCache.txt)."""
    cache = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(binary))), "CMakeCache.txt")
    try:
        with open(cache) as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1].strip() or "unknown"
    except OSError:
        pass
    return "unknown"


# ---------------------------------------------------------------- measurements

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def to_ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip())
    return float(m.group(1)) * UNITS[m.group(2)] if m else float("nan")


def parse_wrk(out):
    """The figures of one `wrk --latency` run: req/s, requests, latency avg/p50/p90/p99 (ms), non-2xx, socket errors."""
    res = {"raw": out}
    res["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    res["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    res["avg_ms"] = to_ms(lat.group(1)) if lat else float("nan")
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", out, re.M)
        res[f"p{pct}_ms"] = to_ms(m.group(1)) if m else float("nan")
    errs = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    res["errors"] = int(errs.group(1)) if errs else 0
    res["socket_errors"] = sock.group(1).strip() if sock else ""
    return res


def wrk_output(wrk, port, path, seconds, threads, connections, script=None, env=None):
    """stdout of `wrk -t -c -d --timeout 10s --latency [-s script]` on 127.0.0.1:port; env adds variables
    (the scripts in bench/wrk read their settings from BENCH_*)."""
    cmd = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        cmd += ["-s", script]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    env = dict(os.environ, **{k: str(v) for k, v in (env or {}).items()})
    return subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout


def run_wrk(port, path):
    out = subprocess.run([ARGS.wrk, f"-t{ARGS.wrk_threads}", f"-c{ARGS.wrk_connections}", f"-d{ARGS.wrk_seconds}s",
                          "--latency", f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def throughput(target, workdir):
    proc, port = target.launch(workdir)
    try:
        first_response_ns(port, target.health_path)
        subprocess.run([ARGS.wrk, "-t1", "-c4", "-d1s", f"http://127.0.0.1:{port}{target.health_path}"],
                       capture_output=True, check=True)  # warm-up
        return run_wrk(port, target.health_path)
    finally:
        stop(proc)


def cold_start(target, workdir, runs, **opts):
    samples = []
    for _ in range(runs):
        port = free_port()
        t0 = time.perf_counter_ns()
        proc = target.start(port, workdir, **opts)
        try:
            t1 = first_response_ns(port, target.health_path)
        finally:
            stop(proc)
        samples.append((t1 - t0) / 1e6)
    return {"median_ms": statistics.median(samples), "max_ms": max(samples), "min_ms": min(samples),
            "samples": samples}


def idle_rss(target, workdir, settle_s=1.0, **opts):
    proc, port = target.launch(workdir, **opts)
    try:
        first_response_ns(port, target.health_path)
        time.sleep(settle_s)
        pids = [proc.pid] + children(proc.pid)
        per = {pid: rss_kib(pid) for pid in pids}
        return {"total_kib": sum(per.values()), "processes": len(pids), "per_pid": per,
                "pss_kib": sum(smaps_kib(pid, "Pss") for pid in pids),
                "anon_kib": sum(smaps_kib(pid, "Anonymous") for pid in pids)}
    finally:
        stop(proc)


def notes_1mib(workdir, rounds):
    """example-notes: PUT then GET of a 1 MiB body, sequentially on one keep-alive connection."""
    proc, port = TARGETS["cloudemu"].launch(workdir, storage=ARGS.notes_storage)
    body = os.urandom(1 << 20)
    put_ms, get_ms = [], []
    try:
        first_response_ns(port, "/_cloudemu/health")
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for i in range(rounds):
            t0 = time.perf_counter()
            c.request("PUT", f"/_example/notes/bench-{i % 8}", body=body,
                      headers={"Content-Type": "application/octet-stream"})
            r = c.getresponse()
            r.read()
            t1 = time.perf_counter()
            if r.status != 200:
                raise RuntimeError(f"PUT answered {r.status}")
            c.request("GET", f"/_example/notes/bench-{i % 8}")
            r = c.getresponse()
            got = r.read()
            t2 = time.perf_counter()
            if r.status != 200 or len(got) != len(body):
                raise RuntimeError(f"GET answered {r.status} with {len(got)} bytes")
            put_ms.append((t1 - t0) * 1e3)
            get_ms.append((t2 - t1) * 1e3)
        c.close()
    finally:
        stop(proc)
    return {"put_median_ms": statistics.median(put_ms), "get_median_ms": statistics.median(get_ms),
            "put_mib_s": 1000 / statistics.median(put_ms), "get_mib_s": 1000 / statistics.median(get_ms)}


# ---------------------------------------------------------------- service benchmarks (s3.py, ddb.py)
# Every server runs at once, each on a free loopback port; each workload is measured on each in turn.

class Server:
    """One running target of a service benchmark: its process(es), port and health path."""

    def __init__(self, name, proc, port, health_path, note, workdir=None):
        self.name, self.proc, self.port, self.health_path, self.note = name, proc, port, health_path, note
        self.workdir = workdir

    def pids(self):
        return [self.proc.pid] + children(self.proc.pid)

    def wait_ready(self):
        first_response_ns(self.port, self.health_path, deadline_s=20.0)


def cloudemu_server(name, workdir, binary, storage, services):
    """cloudemu with one storage backend and only the given services, data in workdir/cloudemu-<storage>."""
    port = free_port()
    proc = start_cloudemu(port, workdir, storage, binary, services, data=os.path.join(workdir, f"cloudemu-{storage}"))
    note = (f"{build_type(binary)} build, `--storage {storage} --services {services} --access-log off "
            "--log-level warn`, default --io-threads/--workers")
    return Server(name, proc, port, "/_cloudemu/health", note)


def nginx_json_answers(name, workdir, nginx, target_prefix, ops, answers_of):
    """nginx answering POST / with a fixed body per X-Amz-Target: answers/<Op>.json, a copy of the
    answer of `answers_of` (a server's name) to the workload's request, written before measuring. The
    static module refuses POST (405), so `error_page 405 =200` serves the file as the answer."""
    port = free_port()
    conf_dir = os.path.join(workdir, name)
    os.makedirs(os.path.join(conf_dir, "answers"), exist_ok=True)
    cases = "".join(f"    \"{target_prefix}{op}\" /{op}.json;\n" for op in ops)
    proc = start_nginx_conf(nginx, conf_dir, f"""  default_type application/x-amz-json-1.0;
  map $http_x_amz_target $json_answer {{
    default /unknown.json;
{cases}  }}
  server {{
    listen 127.0.0.1:{port};
    root {conf_dir}/answers;
    location = /_health {{ return 200 'ok'; }}
    location = / {{ rewrite ^ $json_answer last; }}
    location / {{ internal; error_page 405 =200 $uri; }}
  }}
""")
    return Server(name, proc, port, "/_health",
                  f"{version_of([nginx, '-v'])} (nginx-light), POST / answered with a static copy of {answers_of}'s "
                  "answer for the request's X-Amz-Target (`map`, then `error_page 405 =200` on the static file), "
                  "access_log off, worker_processes auto", workdir=conf_dir)


def package_version(script):
    """The version of the npm package that holds script (the nearest package.json above it)."""
    d = os.path.dirname(os.path.abspath(script))
    while d != os.path.dirname(d):
        try:
            with open(os.path.join(d, "package.json")) as f:
                return json.load(f)["version"]
        except FileNotFoundError:
            d = os.path.dirname(d)
        except (OSError, ValueError, KeyError):
            break
    return "?"


def cpu_seconds(pids):
    """utime + stime of the processes (all their threads), from /proc/<pid>/stat."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / tick


def measure_load(server, load, seconds, threads, connections):
    """A 1 s warm-up (1 thread, 4 connections), then the measured run. load(seconds, threads,
    connections) returns a result dict with 'requests' (e.g. parse_wrk's); adds cpu_us, the server's
    CPU time (all its processes) per request across the measured run."""
    load(1, 1, 4)
    pids = server.pids()
    cpu0 = cpu_seconds(pids)
    res = load(seconds, threads, connections)
    cpu = cpu_seconds(pids) - cpu0
    res["cpu_us"] = cpu * 1e6 / res["requests"] if res["requests"] else float("nan")
    return res


def send_all(port, requests, connections=4, ok=None):
    """Sends (method, path, body, headers) requests over a few keep-alive connections (seeding);
    raises on the first answer that is not 2xx or that ok(status, body) refuses."""
    errors, lock = [], threading.Lock()
    chunks = [requests[i::connections] for i in range(connections)]

    def worker(chunk):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            for method, path, body, headers in chunk:
                c.request(method, path, body=body, headers=headers or {})
                r = c.getresponse()
                got = r.read()
                if r.status // 100 != 2 or (ok and not ok(r.status, got)):
                    with lock:
                        errors.append(f"{method} {path}: {r.status} {got[:200]!r}")
                    return
        except OSError as e:
            with lock:
                errors.append(f"{e}")
        finally:
            c.close()

    ts = [threading.Thread(target=worker, args=(ch,)) for ch in chunks]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise RuntimeError(f"seeding port {port}: {errors[0]}")


def request(port, method, path, body=None, headers=None):
    """(status, body) of one request on a fresh connection."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        c.request(method, path, body=body, headers=headers or {})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def fmt_ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "—"


RESULT_HEAD = ("| server | req/s | MB/s | p50 (ms) | p99 (ms) | server CPU/req (µs) | non-2xx / socket errors "
               "| vs ceiling | vs {peer} |")


def result_table(names, results, key, ceiling, peer):
    """Markdown lines of one workload's table (RESULT_HEAD), a row per server in names that has a
    result; key is the figure the ratios compare (rps or mb_s)."""
    head = RESULT_HEAD.format(peer=peer)
    lines = [head, "|---" + "|---:" * (head.count("|") - 2) + "|"]
    ceil, ref = results.get(ceiling, {}).get(key), results.get(peer, {}).get(key)
    for n in names:
        r = results.get(n)
        if r is None:
            continue
        if "error" in r:
            lines.append(f"| {n} | failed: {r['error']} |")
            continue
        lines.append(f"| {n} | {r['rps']:,.0f} | {r['mb_s']:,.1f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
                     f"{r['cpu_us']:,.0f} | {r['errors']} / {r['socket_errors'] or 'none'} | "
                     f"{fmt_ratio(r[key], ceil) if n != ceiling else ''} | "
                     f"{fmt_ratio(r[key], ref) if n != peer else ''} |")
    return lines


def summary_table(rows, names, peer):
    """Markdown lines of the summary: rows are (workload name, {server: figure}, ceiling name); the
    ratios are cloudemu-lmdb and cloudemu-memory over the ceiling and over the peer."""
    lines = ["| workload | " + " | ".join(names) + f" | lmdb / ceiling | lmdb / {peer} | memory / ceiling "
             f"| memory / {peer} |", "|---" + "|---:" * (len(names) + 4) + "|"]
    for name, vals, ceiling in rows:
        cells = [f"{vals[n]:,.0f}" if vals.get(n) else "—" for n in names]
        lm, me, ng, pr = vals.get("cloudemu-lmdb"), vals.get("cloudemu-memory"), vals.get(ceiling), vals.get(peer)
        lines.append(f"| {name} | " + " | ".join(cells) +
                     f" | {fmt_ratio(lm, ng)} | {fmt_ratio(lm, pr)} | {fmt_ratio(me, ng)} | {fmt_ratio(me, pr)} |")
    return lines


def raw_outputs(workload_names, names, results):
    """The collapsed raw client output of every run, for the end of a report."""
    lines = ["\n<details><summary>raw wrk output</summary>\n"]
    for w in workload_names:
        for n in names:
            r = results[w].get(n, {})
            if "raw" in r:
                lines.append(f"{w}, {n}:\n```\n{r['raw'].rstrip()}\n```")
    lines.append("</details>\n")
    return lines


def write_report(text, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    print(text)
    print(f"(written to {path})", file=sys.stderr)


# ---------------------------------------------------------------- report

def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) // 1024} MiB"
    return {"nproc": os.cpu_count(), "cpu": model, "mem": mem, "kernel": os.uname().release}


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def version_of(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return (r.stdout + r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


def ratio(a, b):
    return f"{a / b:.2f}x" if b else "n/a"


def main():
    global ARGS, NGINX_BODY
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cloudemu", default=os.path.join(ROOT, "build-release/bin/cloudemu"))
    p.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    p.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    p.add_argument("--wrk-threads", type=int, default=2)
    p.add_argument("--wrk-connections", type=int, default=32)
    p.add_argument("--wrk-seconds", type=int, default=10)
    p.add_argument("--cold-runs", type=int, default=20)
    p.add_argument("--notes-rounds", type=int, default=30, help="0 skips the example-notes 1 MiB PUT/GET")
    p.add_argument("--notes-storage", default="memory")
    p.add_argument("--out", default=os.path.join(HERE, "results", "latest.md"))
    p.add_argument("--command", default="bench/run.sh", help="the command line recorded in the report")
    ARGS = p.parse_args()
    for tool in (ARGS.cloudemu, ARGS.nginx, ARGS.wrk):
        if not os.access(tool, os.X_OK):
            sys.exit(f"bench: {tool} not found (scripts/install-deps.sh --bench; bench/run.sh builds cloudemu)")
    register_targets()
    load_before = loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)

    with tempfile.TemporaryDirectory(prefix="ce-bench-") as work:
        # The ceiling serves exactly cloudemu's health body.
        proc, port = TARGETS["cloudemu"].launch(work)
        try:
            first_response_ns(port, "/_cloudemu/health")
            _, NGINX_BODY = http_get(port, "/_cloudemu/health")
        finally:
            stop(proc)
        print(f"health body ({len(NGINX_BODY)} B): {NGINX_BODY.decode()}", file=sys.stderr)

        results = {}
        for name in ("cloudemu", "nginx"):
            t = TARGETS[name]
            print(f"[{name}] wrk ...", file=sys.stderr, flush=True)
            results[name] = {"wrk": throughput(t, work)}
            print(f"[{name}] cold start x{ARGS.cold_runs} ...", file=sys.stderr, flush=True)
            results[name]["cold"] = cold_start(t, work, ARGS.cold_runs)
            print(f"[{name}] idle RSS ...", file=sys.stderr, flush=True)
            results[name]["rss"] = idle_rss(t, work)
        results["cloudemu"]["rss_lmdb"] = idle_rss(TARGETS["cloudemu"], work, storage="lmdb")
        results["cloudemu"]["cold_lmdb"] = cold_start(TARGETS["cloudemu"], work, ARGS.cold_runs, storage="lmdb")
        notes = None
        if ARGS.notes_rounds > 0:
            print("[cloudemu] example-notes 1 MiB PUT/GET ...", file=sys.stderr, flush=True)
            try:
                notes = notes_1mib(work, ARGS.notes_rounds)
            except Exception as e:  # optional figure: report, do not abort the run
                notes = {"error": str(e)}
    load_after = loadavg()

    ce, ng = results["cloudemu"], results["nginx"]
    m = machine()
    L = []
    L.append(f"# CloudEmu benchmark — {started:%Y-%m-%d %H:%M} UTC\n")
    L.append(f"- machine: {m['nproc']} CPU ({m['cpu']}), {m['mem']} RAM, Linux {m['kernel']}")
    L.append(f"- load average (1/5/15 min): before {load_before}, after {load_after}")
    L.append(f"- cloudemu: `{ARGS.cloudemu}` ({version_of([ARGS.cloudemu, '--version'])}), "
             f"{TARGETS['cloudemu'].note}")
    L.append(f"- nginx: {version_of([ARGS.nginx, '-v'])}, {TARGETS['nginx'].note}")
    L.append(f"- wrk: `wrk -t{ARGS.wrk_threads} -c{ARGS.wrk_connections} -d{ARGS.wrk_seconds}s --latency` "
             f"(keep-alive), GET /_cloudemu/health, {len(NGINX_BODY)}-byte JSON body from both; "
             f"wrk shares the {m['nproc']} CPUs with the server")
    L.append(f"- access logging is off on both sides (cloudemu `--access-log off`, nginx `access_log off`)")
    L.append(f"- reproduce: `{ARGS.command}`\n")
    L.append("| figure | cloudemu | nginx | cloudemu/nginx |")
    L.append("|---|---:|---:|---:|")
    cw, nw = ce["wrk"], ng["wrk"]
    L.append(f"| health throughput (req/s) | {cw['rps']:,.0f} | {nw['rps']:,.0f} | {ratio(cw['rps'], nw['rps'])} |")
    for k, label in (("avg_ms", "latency avg"), ("p50_ms", "latency p50"), ("p90_ms", "latency p90"),
                     ("p99_ms", "latency p99")):
        L.append(f"| {label} (ms) | {cw[k]:.3f} | {nw[k]:.3f} | {ratio(cw[k], nw[k])} |")
    L.append(f"| non-2xx / socket errors under wrk | {cw['errors']} / {cw['socket_errors'] or 'none'} | "
             f"{nw['errors']} / {nw['socket_errors'] or 'none'} | |")
    cc, nc = ce["cold"], ng["cold"]
    L.append(f"| cold start, exec → first 200, median of {ARGS.cold_runs} (ms) | {cc['median_ms']:.1f} | "
             f"{nc['median_ms']:.1f} | {ratio(cc['median_ms'], nc['median_ms'])} |")
    L.append(f"| cold start, max of {ARGS.cold_runs} (ms) | {cc['max_ms']:.1f} | {nc['max_ms']:.1f} | "
             f"{ratio(cc['max_ms'], nc['max_ms'])} |")
    cl = ce["cold_lmdb"]
    L.append(f"| cold start with --storage lmdb, median / max (ms) | {cl['median_ms']:.1f} / {cl['max_ms']:.1f} | | |")
    cr, nr, lr = ce["rss"], ng["rss"], ce["rss_lmdb"]
    L.append(f"| idle RSS, --storage memory (MiB) | {cr['total_kib'] / 1024:.1f} | {nr['total_kib'] / 1024:.1f} "
             f"({nr['processes']} processes: master + workers) | {ratio(cr['total_kib'], nr['total_kib'])} |")
    L.append(f"| idle RSS, --storage lmdb (MiB) | {lr['total_kib'] / 1024:.1f} | | "
             f"{ratio(lr['total_kib'], nr['total_kib'])} |")
    L.append(f"| idle PSS / anonymous, --storage memory (MiB) | {cr['pss_kib'] / 1024:.1f} / {cr['anon_kib'] / 1024:.1f} | "
             f"{nr['pss_kib'] / 1024:.1f} / {nr['anon_kib'] / 1024:.1f} | {ratio(cr['pss_kib'], nr['pss_kib'])} PSS |")
    if notes:
        if "error" in notes:
            L.append(f"| example-notes 1 MiB PUT/GET | failed: {notes['error']} | | |")
        else:
            L.append(f"| example-notes 1 MiB PUT, median of {ARGS.notes_rounds} (ms) | {notes['put_median_ms']:.2f} "
                     f"({notes['put_mib_s']:.0f} MiB/s) | — | |")
            L.append(f"| example-notes 1 MiB GET, median of {ARGS.notes_rounds} (ms) | {notes['get_median_ms']:.2f} "
                     f"({notes['get_mib_s']:.0f} MiB/s) | — | |")
    L.append("")
    L.append("Aims (from the issue):\n")
    aim_tp = cw["rps"] >= nw["rps"] / 2 and cw["p99_ms"] <= 2 * nw["p99_ms"]
    L.append(f"- host request path within 2x of nginx (throughput ≥ 0.5x and p99 ≤ 2x): "
             f"**{'met' if aim_tp else 'not met'}** ({ratio(cw['rps'], nw['rps'])} throughput, "
             f"{ratio(cw['p99_ms'], nw['p99_ms'])} p99)")
    aim_cold = cc["max_ms"] <= 10
    L.append(f"- first response within 10 ms of exec: **{'met' if aim_cold else ('met at the median only' if cc['median_ms'] <= 10 else 'not met')}** "
             f"(median {cc['median_ms']:.1f} ms, max {cc['max_ms']:.1f} ms)")
    aim_rss = cr["total_kib"] < 8 * 1024
    L.append(f"- idle RSS under 8 MiB: **{'met' if aim_rss else 'not met'}** (memory {cr['total_kib'] / 1024:.1f} MiB, "
             f"lmdb {lr['total_kib'] / 1024:.1f} MiB)")
    L.append("")
    L.append(f"Cold-start samples, cloudemu (ms): {', '.join(f'{s:.1f}' for s in cc['samples'])}  ")
    L.append(f"Cold-start samples, nginx (ms): {', '.join(f'{s:.1f}' for s in nc['samples'])}")
    L.append("\n<details><summary>raw wrk output</summary>\n")
    for name in ("cloudemu", "nginx"):
        L.append(f"{name}:\n```\n{results[name]['wrk']['raw'].rstrip()}\n```")
    L.append("</details>\n")
    write_report("\n".join(L), ARGS.out)


ARGS = None
if __name__ == "__main__":
    main()
