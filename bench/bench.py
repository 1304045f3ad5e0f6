#!/usr/bin/python3
"""CloudEmu benchmark harness (standard library only). Normally run through bench/run.sh.

Targets are started by one function each (see TARGETS below): cloudemu is measured, nginx is the
ceiling. A later peer (s3rver, dynalite, azurite, fauxqs) is one more start function plus an entry
in TARGETS (or PEERS for service benchmarks). One run prints a markdown report and writes it to
bench/results/latest.md.
"""
import argparse
import datetime
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
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


def start_cloudemu(port, workdir, storage="memory", binary=None):
    data = os.path.join(workdir, f"data-{port}")
    return subprocess.Popen([binary or ARGS.cloudemu, "--port", str(port), "--storage", storage, "--data-dir", data,
                             "--access-log", "off", "--log-level", "warn"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


NGINX_BODY = b""  # set from cloudemu's own health answer, so both send the same bytes


def start_nginx(port, workdir, **_):
    conf_dir = os.path.join(workdir, f"nginx-{port}")
    os.makedirs(conf_dir, exist_ok=True)
    body = NGINX_BODY.decode().replace("\\", "\\\\").replace("'", "\\'")
    conf = os.path.join(conf_dir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off;
worker_processes auto;
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
  server {{
    listen 127.0.0.1:{port};
    location = /_cloudemu/health {{
      default_type application/json;
      return 200 '{body}';
    }}
  }}
}}
""")
    return subprocess.Popen([ARGS.nginx, "-c", conf, "-p", conf_dir], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


# Peers for later service benchmarks (s3rver, dynalite, azurite, fauxqs) go here, e.g.:
# def start_s3rver(port, workdir, **_):
#     return subprocess.Popen(["npx", "s3rver", "--port", str(port), "--directory", workdir, ...])
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


def run_wrk(port, path):
    out = subprocess.run([ARGS.wrk, f"-t{ARGS.wrk_threads}", f"-c{ARGS.wrk_connections}", f"-d{ARGS.wrk_seconds}s",
                          "--latency", f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    res = {"raw": out}
    res["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    res["avg_ms"] = to_ms(lat.group(1))
    for pct in ("50", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        res[f"p{pct}_ms"] = to_ms(m.group(1)) if m else float("nan")
    errs = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    res["errors"] = (int(errs.group(1)) if errs else 0)
    res["socket_errors"] = sock.group(1) if sock else ""
    return res


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
    report = "\n".join(L)
    os.makedirs(os.path.dirname(ARGS.out), exist_ok=True)
    with open(ARGS.out, "w") as f:
        f.write(report)
    print(report)
    print(f"(written to {ARGS.out})", file=sys.stderr)


ARGS = None
if __name__ == "__main__":
    main()
