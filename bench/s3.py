#!/usr/bin/python3
"""CloudEmu S3 benchmark (standard library only). Normally run through `bench/run.sh s3`.

Seven S3 workloads, each measured with wrk against five servers running side by side on loopback:
cloudemu with --storage lmdb and with --storage memory, the peer s3rver (npm, pinned in
bench/package.json), and nginx serving the same bytes as static files, the ceiling (twice: PUT
bodies stored as files with dav, or read into memory and dropped, the ceiling for writes). Requests are
unsigned and path-style (`PUT /bucket/key`), which cloudemu accepts without --enforce-sigv4 and
s3rver accepts always. One run prints a markdown report and writes it to bench/results/s3-latest.md.
bench/README.md says what each figure means.
"""
import argparse
import datetime
import multiprocessing
import os
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import bench as base  # shared helpers (bench/bench.py)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WRK_DIR = os.path.join(HERE, "wrk")
KIB, MIB = 1 << 10, 1 << 20
BUCKET, LIST_BUCKET = "bench", "bench-list"
MIX_KEYS = 1000
ARGS = None


# ---------------------------------------------------------------- workloads

class Workload:
    def __init__(self, name, label, path="/", script=None, env=None, body_bytes=0, mbps=False, connections=None,
                 tool="wrk", writes=False):
        self.name, self.label, self.path, self.script = name, label, path, script
        self.env, self.body_bytes, self.mbps, self.connections = env or {}, body_bytes, mbps, connections
        self.tool, self.writes = tool, writes

    @property
    def ceiling(self):
        """The nginx that bounds this workload: for writes the one that discards the body."""
        return "nginx-discard" if self.writes else "nginx"


def workloads():
    """In running order: the reads first, on a store holding only the seeded objects."""
    c = ARGS.connections
    return [
        Workload("get-1k", "GetObject 1 KiB", f"/{BUCKET}/obj-1k", body_bytes=KIB, connections=c),
        # wrk cannot do HEAD (its parser waits for the Content-Length bytes that never come).
        Workload("head", "HeadObject (1 KiB object), Python client", f"/{BUCKET}/obj-1k", connections=c,
                 tool="python"),
        Workload("get-1m", "GetObject 1 MiB", f"/{BUCKET}/obj-1m", body_bytes=MIB, mbps=True, connections=c),
        Workload("list", f"ListObjectsV2, first page (1000) of a {ARGS.list_keys:,}-key bucket",
                 f"/{LIST_BUCKET}?list-type=2", connections=c),
        Workload("put-1k", "PutObject 1 KiB", script="put.lua", body_bytes=KIB, connections=c, writes=True,
                 env={"BENCH_SIZE": KIB, "BENCH_KEYS": 1000, "BENCH_PREFIX": f"/{BUCKET}/put1k-"}),
        Workload("put-8m", "PutObject 8 MiB", script="put.lua", body_bytes=8 * MIB, mbps=True, connections=c, writes=True,
                 env={"BENCH_SIZE": 8 * MIB, "BENCH_KEYS": 4, "BENCH_PREFIX": f"/{BUCKET}/put8m-"}),
        Workload("mix", f"mixed 80% GET / 20% PUT of 1 KiB over {MIX_KEYS} keys, {ARGS.mix_connections} connections",
                 script="mix.lua", body_bytes=KIB, connections=ARGS.mix_connections, writes=True,
                 env={"BENCH_KEYS": MIX_KEYS, "BENCH_PREFIX": f"/{BUCKET}/mix-"}),
    ]


# ---------------------------------------------------------------- targets

def start_cloudemu(name, workdir, storage):
    return base.cloudemu_server(name, workdir, ARGS.cloudemu, storage, "s3")


def start_s3rver(name, workdir):
    port = base.free_port()
    data = os.path.join(workdir, "s3rver")
    os.makedirs(data, exist_ok=True)
    # s3rver signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its
    # legacy provider: without the flag every truncated listing answers 500.
    proc = subprocess.Popen([ARGS.node, "--openssl-legacy-provider", ARGS.s3rver, "-d", data, "-a", "127.0.0.1",
                             "-p", str(port), "--silent"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    node = base.version_of([ARGS.node, "--version"])
    return base.Server(name, proc, port, "/", f"s3rver {base.package_version(ARGS.s3rver)} on Node {node}, `--silent`, "
                       "files in a temporary folder, `node --openssl-legacy-provider` (its list continuation tokens "
                       "use DES)")


def start_nginx(name, workdir, put="dav"):
    """Static files for GET/HEAD/list. PUT either through the dav module (put="dav": body to a temp
    file, then rename, i.e. storing bytes as files) or read whole into memory and answered 200
    (put="discard": the cost of HTTP alone, the ceiling for writes). `return 200` cannot be that
    ceiling: it answers before the body has arrived, and wrk, still writing an 8 MiB body, then
    starts the next request on the same socket. nginx-light reads a body before answering only in
    dav and the proxy modules, so the discarding PUT goes through a keep-alive proxy hop (headers
    only) to a `return 200` server in the same nginx."""
    port, sink = base.free_port(), base.free_port()
    conf_dir = os.path.join(workdir, name)
    www = os.path.join(conf_dir, "www")
    os.makedirs(os.path.join(www, BUCKET), exist_ok=True)
    if put == "dav":
        put_conf = "dav_methods PUT;"
    else:
        put_conf = ("if ($request_method = PUT) { proxy_pass http://sink; }\n"
                    "      proxy_http_version 1.1; proxy_set_header Connection \"\";\n"
                    "      proxy_pass_request_body off; proxy_set_header Content-Length \"\";")
    proc = base.start_nginx_conf(ARGS.nginx, conf_dir, f"""  sendfile on;
  default_type application/octet-stream;
  client_max_body_size 64m;
  client_body_buffer_size {"16k" if put == "dav" else "16m"};
  upstream sink {{ server 127.0.0.1:{sink}; keepalive 64; }}
  server {{
    listen 127.0.0.1:{sink};
    location / {{ return 200; }}
  }}
  server {{
    listen 127.0.0.1:{port};
    root {www};
    location = /_health {{ return 200 'ok'; }}
    location = /{LIST_BUCKET} {{ default_type application/xml; alias {conf_dir}/list.xml; }}
    location / {{
      {put_conf}
    }}
  }}
""")
    how = ("`dav_methods PUT` for PUT (body to a temp file, then rename)" if put == "dav" else
           "PUT read whole into memory (`client_body_buffer_size 16m`), then answered 200 through a "
           "keep-alive proxy hop without the body")
    return base.Server(name, proc, port, "/_health",
                       f"{base.version_of([ARGS.nginx, '-v'])} (nginx-light), static files (`sendfile on`) for "
                       f"GET/HEAD/list, {how}, access_log off, worker_processes auto", workdir=conf_dir)


# ---------------------------------------------------------------- seeding

def seed_http(port, requests, connections=4):
    """PUTs (path, body) pairs over a few keep-alive connections; raises on any non-2xx."""
    base.send_all(port, [("PUT", path, body, None) for path, body in requests], connections)


def seed_objects():
    objs = [(f"/{BUCKET}/obj-1k", b"x" * KIB), (f"/{BUCKET}/obj-1m", os.urandom(MIB))]
    objs += [(f"/{BUCKET}/mix-{i:04d}", b"x" * KIB) for i in range(MIX_KEYS)]
    lst = [(f"/{LIST_BUCKET}/key-{i:05d}", b"") for i in range(ARGS.list_keys)]
    return objs, lst


def seed_s3(server, objs, lst):
    seed_http(server.port, [(f"/{BUCKET}", b""), (f"/{LIST_BUCKET}", b"")], connections=1)  # CreateBucket
    seed_http(server.port, objs)
    seed_http(server.port, lst)


def seed_nginx(server, objs, list_xml):
    www = os.path.join(server.workdir, "www")
    for path, body in objs:
        with open(www + path, "wb") as f:
            f.write(body)
    with open(os.path.join(server.workdir, "list.xml"), "wb") as f:
        f.write(list_xml)


def check(server, objs):
    """Each target must answer every workload's request correctly before it is measured."""
    problems = []
    st, body = base.request(server.port, "GET", f"/{BUCKET}/obj-1m")
    if st != 200 or body != objs[1][1]:
        problems.append(f"GET obj-1m: {st}, {len(body)} bytes")
    st, body = base.request(server.port, "GET", f"/{BUCKET}/obj-1k")
    if st != 200 or len(body) != KIB:
        problems.append(f"GET obj-1k: {st}, {len(body)} bytes")
    st, _ = base.request(server.port, "HEAD", f"/{BUCKET}/obj-1k")
    if st != 200:
        problems.append(f"HEAD obj-1k: {st}")
    st, body = base.request(server.port, "GET", f"/{LIST_BUCKET}?list-type=2")
    if st != 200 or body.count(b"<Key>") != 1000 or b"<IsTruncated>true</IsTruncated>" not in body:
        problems.append(f"ListObjectsV2: {st}, {body.count(b'<Key>')} keys")
    st, _ = base.request(server.port, "PUT", f"/{BUCKET}/probe", b"x" * KIB)
    if st // 100 != 2:
        problems.append(f"PUT probe: {st}")
    return problems


# ---------------------------------------------------------------- measuring

def wrk(server, w, seconds, threads, connections):
    return base.wrk_output(ARGS.wrk, server.port, w.path, seconds, threads, connections,
                           os.path.join(WRK_DIR, w.script) if w.script else None, w.env)


def _head_loop(port, path, connections, seconds, out):
    """One client process: closed loop of keep-alive HEADs over `connections` sockets (epoll).
    A response ends at its blank line (a HEAD answer has no body); only 2xx counts as success."""
    req = f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    ep = select.epoll()
    socks, started, bufs = {}, {}, {}
    for _ in range(connections):
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        socks[s.fileno()], bufs[s.fileno()] = s, b""
        ep.register(s.fileno(), select.EPOLLIN)
    lat, non2xx = [], 0
    now = time.perf_counter
    end = now() + seconds
    for fd, s in socks.items():
        started[fd] = now()
        s.send(req)
    while now() < end:
        for fd, _ in ep.poll(1.0):
            data = bufs[fd] + socks[fd].recv(65536)
            if not data:
                raise RuntimeError("server closed the connection")
            while b"\r\n\r\n" in data:
                head, data = data.split(b"\r\n\r\n", 1)
                t = now()
                lat.append(t - started[fd])
                if head[9:10] != b"2":
                    non2xx += 1
                started[fd] = t
                socks[fd].send(req)
            bufs[fd] = data
    elapsed = now() - (end - seconds)
    for s in socks.values():
        s.close()
    out.put((len(lat), non2xx, elapsed, sorted(lat)))


def head_client(server, w, seconds, processes, connections):
    """HEAD load in Python (wrk cannot do HEAD: its parser waits for the Content-Length bytes that a
    HEAD answer never sends; ab cannot keep cloudemu's connections alive, see docs/performance.md).
    One process per wrk thread, the connections split among them. The client, not the server, may
    be the limit: the report shows nginx's figure under the same client."""
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=_head_loop, args=(server.port, w.path, max(1, connections // processes),
                                                           seconds, q)) for _ in range(processes)]
    for p in ps:
        p.start()
    parts = [q.get(timeout=seconds + 30) for _ in ps]
    for p in ps:
        p.join()
    n = sum(x[0] for x in parts)
    lat = sorted(v for x in parts for v in x[3])
    pick = lambda q_: lat[min(len(lat) - 1, int(q_ * len(lat)))] * 1e3 if lat else float("nan")
    return {"raw": f"python HEAD client: {processes} processes x {max(1, connections // processes)} connections, "
                   f"{n} responses in {max(x[2] for x in parts):.2f} s, {sum(x[1] for x in parts)} non-2xx",
            "rps": sum(x[0] / x[2] for x in parts), "requests": n, "errors": sum(x[1] for x in parts),
            "socket_errors": "", "p50_ms": pick(0.50), "p99_ms": pick(0.99)}


def measure(server, w):
    if w.tool == "python":
        load = lambda sec, t, c: head_client(server, w, sec, t, c)
    else:
        load = lambda sec, t, c: base.parse_wrk(wrk(server, w, sec, t, c))
    res = base.measure_load(server, load, ARGS.seconds, ARGS.threads, w.connections)
    res["mb_s"] = res["rps"] * w.body_bytes / 1e6
    return res


# ---------------------------------------------------------------- report

fmt_ratio = base.fmt_ratio


def report(servers, results, wl, meta):
    m = base.machine()
    L = [f"# CloudEmu S3 benchmark — {meta['started']:%Y-%m-%d %H:%M} UTC\n"]
    L.append(f"- machine: {m['nproc']} CPU ({m['cpu']}), {m['mem']} RAM, Linux {m['kernel']}")
    L.append(f"- load average (1/5/15 min): before {meta['load_before']}, after {meta['load_after']}")
    L.append(f"- cloudemu: `{ARGS.cloudemu}` ({base.version_of([ARGS.cloudemu, '--version'])})")
    for s in servers:
        L.append(f"- {s.name}: {s.note}")
    L.append(f"- load: `wrk -t{ARGS.threads} -c<N> -d{ARGS.seconds}s --timeout 10s --latency "
             f"[-s bench/wrk/<script>.lua]`, keep-alive, N = {ARGS.connections} ({ARGS.mix_connections} for the mix), "
             f"after a 1 s warm-up (`-t1 -c4`); HEAD from a Python client ({ARGS.threads} processes, same N, "
             "wrk cannot do HEAD); all servers run at once, each workload is measured on each server in turn; "
             f"the client shares the {m['nproc']} CPUs with the server")
    L.append(f"- list: the nginx ceiling serves a static copy of cloudemu's answer ({meta['list_bytes']:,} bytes)")
    L.append(f"- reproduce: `{ARGS.command}`\n")
    names = [s.name for s in servers]
    for w in wl:
        L.append(f"### {w.label}\n")
        L.append(f"Ceiling: {w.ceiling}.\n")
        L += base.result_table(names, results[w.name], "mb_s" if w.mbps else "rps", w.ceiling, "s3rver")
        L.append("")
    # Summary: the figure of record per workload (MB/s for the large bodies, req/s otherwise).
    L.append("### Summary (req/s; MB/s for the 1 MiB GET and 8 MiB PUT)\n")
    L.append("The ceiling is nginx serving files for the reads and nginx-discard (body read into memory, then 200) for the "
             "writes; nginx with dav PUT (the body stored as a file) is shown for the writes too.\n")
    L += base.summary_table([(w.name, {n: results[w.name].get(n, {}).get("mb_s" if w.mbps else "rps") for n in names},
                              w.ceiling) for w in wl], names, "s3rver")
    L.append("")
    L.append("Aims (from the issue), held against cloudemu with --storage lmdb:\n")
    for line in aims(results):
        L.append(f"- {line}")
    L += base.raw_outputs([w.name for w in wl], names, results)
    return "\n".join(L)


def aims(results):
    def val(w, n, key="rps"):
        return results.get(w, {}).get(n, {}).get(key)

    out = []
    ce = "cloudemu-lmdb"
    for w, label in (("get-1k", "GetObject 1 KiB"), ("head", "HeadObject")):
        a, b = val(w, ce), val(w, "nginx")
        if a and b:
            out.append(f"small GETs at ≥ 0.5x nginx's request rate, {label}: **{'met' if a >= b / 2 else 'not met'}** "
                       f"({fmt_ratio(a, b)})")
    a, b = val("get-1m", ce, "mb_s"), val("get-1m", "nginx", "mb_s")
    if a and b:
        out.append(f"large GETs at nginx's bandwidth (≥ 0.9x taken as 'at'), GetObject 1 MiB: "
                   f"**{'met' if a >= 0.9 * b else 'not met'}** ({fmt_ratio(a, b)})")
    ratios = []
    for w in results:
        key = "mb_s" if w in ("get-1m", "put-8m") else "rps"
        a, b = val(w, ce, key), val(w, "s3rver", key)
        if a and b:
            ratios.append((w, a / b))
    if ratios:
        worst = min(ratios, key=lambda x: x[1])
        out.append(f"far ahead of s3rver everywhere (≥ 2x taken as 'far ahead'): "
                   f"**{'met' if worst[1] >= 2 else 'not met'}** (lowest: {worst[0]} {worst[1]:.2f}x)")
    return out


# ---------------------------------------------------------------- main

def main():
    global ARGS
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cloudemu", default=os.path.join(ROOT, "build-release/bin/cloudemu"))
    p.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx")
    p.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    p.add_argument("--node", default=shutil.which("node") or "/usr/bin/node")
    p.add_argument("--s3rver", default=os.path.join(HERE, "node_modules/s3rver/bin/s3rver.js"))
    p.add_argument("--seconds", type=int, default=5, help="wrk duration per workload and server")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--mix-connections", type=int, default=64)
    p.add_argument("--list-keys", type=int, default=10000)
    p.add_argument("--workloads", default="", help="comma-separated subset, e.g. get-1k,mix")
    p.add_argument("--servers", default="", help="comma-separated subset of nginx,nginx-discard,cloudemu-lmdb,cloudemu-memory,s3rver")
    p.add_argument("--out", default=os.path.join(HERE, "results", "s3-latest.md"))
    p.add_argument("--command", default="bench/run.sh s3", help="the command line recorded in the report")
    ARGS = p.parse_args()
    for tool in (ARGS.cloudemu, ARGS.nginx, ARGS.wrk, ARGS.node):
        if not os.access(tool, os.X_OK):
            sys.exit(f"bench: {tool} not found (scripts/install-deps.sh --bench; bench/run.sh s3 builds cloudemu)")
    if not os.path.exists(ARGS.s3rver):
        sys.exit(f"bench: {ARGS.s3rver} not found (npm ci in bench/; bench/run.sh s3 does it)")
    wl = workloads()
    if ARGS.workloads:
        keep = ARGS.workloads.split(",")
        wl = [w for w in wl if w.name in keep]
    starters = {"nginx": start_nginx,
                "nginx-discard": lambda n, d: start_nginx(n, d, put="discard"),
                "cloudemu-lmdb": lambda n, d: start_cloudemu(n, d, "lmdb"),
                "cloudemu-memory": lambda n, d: start_cloudemu(n, d, "memory"),
                "s3rver": start_s3rver}
    order = ARGS.servers.split(",") if ARGS.servers else list(starters)
    load_before = base.loadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    results = {w.name: {} for w in wl}
    servers = []
    with tempfile.TemporaryDirectory(prefix="ce-bench-s3-") as work:
        try:
            for name in order:
                servers.append(starters[name](name, work))
            for s in servers:
                s.wait_ready()
            objs, lst = seed_objects()
            list_xml = b""
            for s in servers:
                if s.name.startswith("nginx"):
                    continue
                t0 = time.perf_counter()
                seed_s3(s, objs, lst)
                print(f"[{s.name}] seeded {len(objs) + len(lst):,} objects in {time.perf_counter() - t0:.1f} s",
                      file=sys.stderr, flush=True)
                if not list_xml or s.name.startswith("cloudemu"):
                    list_xml = base.request(s.port, "GET", f"/{LIST_BUCKET}?list-type=2")[1]
            for s in servers:
                if s.name.startswith("nginx"):
                    seed_nginx(s, objs, list_xml)
            broken = {}
            for s in servers:
                problems = check(s, objs)
                if problems:
                    broken[s.name] = "; ".join(problems)
                    print(f"[{s.name}] not measured: {broken[s.name]}", file=sys.stderr)
            for w in wl:
                for s in servers:
                    if s.name == "nginx-discard" and not w.writes:
                        continue  # serves the reads exactly as nginx does
                    if s.name in broken:
                        results[w.name][s.name] = {"error": broken[s.name]}
                        continue
                    print(f"[{w.name}] {s.name} ...", file=sys.stderr, flush=True)
                    try:
                        results[w.name][s.name] = measure(s, w)
                    except (subprocess.CalledProcessError, AttributeError) as e:
                        results[w.name][s.name] = {"error": str(e)}
        finally:
            for s in servers:
                base.stop(s.proc)
    meta = {"started": started, "load_before": load_before, "load_after": base.loadavg(),
            "list_bytes": len(list_xml)}
    base.write_report(report(servers, results, wl, meta), ARGS.out)


if __name__ == "__main__":
    main()
