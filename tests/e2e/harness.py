"""Shared by the e2e runners: start the real cloudemu binary on an ephemeral port, stop it, check it.

Standard library only (the runners run under Debian's /usr/bin/python3, next to its boto3).
"""
import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

STARTUP_TIMEOUT_S = 15


def parse_args(description, extra=None):
    """--cloudemu and --plugin-dir; `extra(parser)` may add a runner's own options."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--cloudemu", required=True, help="path to the cloudemu binary")
    p.add_argument("--plugin-dir", required=True, help="folder of the built plugins")
    if extra:
        extra(p)
    return p.parse_args()


AWS_CLI = "/usr/bin/aws"  # Debian's AWS CLI 2.9, never a pyenv/pip `aws` earlier in PATH


def require_awscli():
    """The CLI's path; fails the runner (no skipping) when Debian's awscli is not installed."""
    if not os.access(AWS_CLI, os.X_OK):
        fail(f"{AWS_CLI} not found: install Debian's awscli package (scripts/install-deps.sh --test)")
    return AWS_CLI


OPENSSL = "/usr/bin/openssl"  # Debian's openssl command line: checks what KMS makes without our code


def require_openssl():
    """The openssl CLI's path; fails the runner (no skipping) when Debian's openssl is not installed."""
    if not os.access(OPENSSL, os.X_OK):
        fail(f"{OPENSSL} not found: install Debian's openssl package (scripts/install-deps.sh --test)")
    return OPENSSL


def openssl(checks, label, argv, stdin=None, want_rc=0):
    """Runs `openssl ARGV` and checks its exit code: the CompletedProcess (bytes)."""
    r = subprocess.run([OPENSSL, *argv], capture_output=True, input=stdin, timeout=30)
    checks.check(r.returncode == want_rc, f"openssl {label}: exit {want_rc}",
                 f"exit {r.returncode}: {r.stdout[-500:]!r} {r.stderr[-500:]!r}")
    return r


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


class Checks:
    """Collects assertions so one run reports every failure, then exits non-zero if any failed."""

    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, []

    def check(self, cond, what, detail=""):
        if cond:
            self.passed += 1
            print(f"  ok   {what}", flush=True)
        else:
            self.failed.append(what)
            print(f"  FAIL {what}" + (f": {detail}" if detail else ""), flush=True)
        return cond

    def eq(self, actual, expected, what):
        return self.check(actual == expected, f"{what} == {expected!r}", f"got {actual!r}")

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {len(self.failed)} failed", flush=True)
        if self.failed:
            for f in self.failed:
                print(f"  failed: {f}", file=sys.stderr)
            sys.exit(1)


class Emulator:
    """cloudemu --port 0 --storage memory, its log in a temporary folder; use as a context manager."""

    def __init__(self, binary, plugin_dir, extra=()):
        if not os.access(binary, os.X_OK):
            fail(f"cloudemu binary not found or not executable: {binary}")
        self.tmp = tempfile.TemporaryDirectory(prefix="ce-e2e-")
        self.port_file = os.path.join(self.tmp.name, "port")
        self.log_path = os.path.join(self.tmp.name, "cloudemu.log")
        self.cmd = [binary, "--port", "0", "--port-file", self.port_file, "--storage", "memory",
                    "--data-dir", os.path.join(self.tmp.name, "data"), "--plugin-dir", plugin_dir, *extra]
        self.proc = None
        self.port = None

    def __enter__(self):
        self.log = open(self.log_path, "wb")
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDEMU_")}
        self.proc = subprocess.Popen(self.cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.dump_log()
                fail(f"cloudemu exited with {self.proc.returncode} during startup")
            try:
                with open(self.port_file) as f:
                    text = f.read().strip()
                if text:
                    self.port = int(text)
                    break
            except (FileNotFoundError, ValueError):
                pass
            time.sleep(0.02)
        if self.port is None:
            self.stop()
            self.dump_log()
            fail(f"cloudemu wrote no port file within {STARTUP_TIMEOUT_S}s")
        self.endpoint = f"http://127.0.0.1:{self.port}"
        print(f"cloudemu listening on {self.endpoint} (log {self.log_path})", flush=True)
        return self

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def dump_log(self, tail=60):
        try:
            with open(self.log_path, "rb") as f:
                lines = f.read().decode("utf-8", "replace").splitlines()
            print("---- cloudemu log (tail) ----", file=sys.stderr)
            for line in lines[-tail:]:
                print(line, file=sys.stderr)
            print("-----------------------------", file=sys.stderr)
        except OSError:
            pass

    def __exit__(self, *exc):
        self.stop()
        self.log.close()
        return False

    def finish(self, checks):
        """The server must have survived every client (a crash is a failure), then stop cleanly."""
        checks.check(self.alive(), "cloudemu still running after the clients", f"exit status {self.proc.returncode}")
        rc = self.stop()
        checks.check(rc == 0, "cloudemu exits 0 on SIGTERM", f"exit status {rc}")
        if checks.failed:
            self.dump_log()
        checks.finish()


def http_get_json(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, dict(r.headers), json.loads(r.read().decode())


def http_request(port, method, path, headers=None, body=None, host=None, timeout=10):
    """One raw HTTP/1.1 request to 127.0.0.1:port (path sent as given, nothing re-encoded).

    `host` overrides the Host header (virtual-hosted addressing without DNS). Returns
    (status, headers as a lower-cased dict, body bytes)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        hdrs = {"Host": host or f"127.0.0.1:{port}", **(headers or {})}
        if body is not None and not any(k.lower() == "content-length" for k in hdrs):
            hdrs["Content-Length"] = str(len(body))
        for k, v in hdrs.items():
            conn.putheader(k, v)
        conn.endheaders(body)
        r = conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data
    finally:
        conn.close()


def client_env(tmpdir):
    """Environment for AWS clients: fake credentials, no profile, no IMDS, no pager, one attempt."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    cfg = os.path.join(tmpdir, "aws-config")
    with open(cfg, "w") as f:
        f.write("[default]\nregion = us-east-1\n")
    env.update({
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_CONFIG_FILE": cfg,
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(tmpdir, "aws-credentials-none"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_RETRY_MODE": "standard",
        "AWS_PAGER": "",
        "HOME": tmpdir,
    })
    return env


def awscli_json(aws_bin, emu, env, checks):
    """The AWS CLI (JSON output) against `emu`: aws(label, argv, want_rc=0) checks the exit code and
    that the client did not crash, and returns the parsed output (the CompletedProcess when a
    failure was wanted)."""
    def aws(label, argv, want_rc=0):
        t0 = time.monotonic()
        r = subprocess.run([aws_bin, "--endpoint-url", emu.endpoint, "--no-cli-pager", "--output", "json", *argv],
                           env=env, capture_output=True, text=True, timeout=60)
        print(f"  [{label}] exit {r.returncode} in {time.monotonic() - t0:.2f}s", flush=True)
        checks.check(r.returncode == want_rc, f"{label}: exit code {want_rc}",
                     f"exit {r.returncode}\nstdout: {r.stdout[-1500:]}\nstderr: {r.stderr[-1500:]}")
        checks.check("Traceback" not in r.stderr, f"{label}: no client crash", r.stderr[-1500:])
        if want_rc != 0:
            return r
        try:
            return json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else {}
        except ValueError:
            checks.check(False, f"{label}: JSON output", r.stdout[-1500:])
            return {}
    return aws


def run_parts(checks, emu, parts):
    """Runs each test part in order; an unexpected exception fails that part and the rest still run,
    and a dead emulator stops the run. Then stops the emulator and reports (emu.finish)."""
    import traceback
    for part in parts:
        print(f"-- {part.__name__}", flush=True)
        try:
            part()
        except Exception as e:  # noqa: BLE001 - an unexpected exception fails this part only
            traceback.print_exc()
            checks.check(False, f"{part.__name__}: ran to the end", f"{type(e).__name__}: {e}")
        if not emu.alive():
            checks.check(False, f"cloudemu alive after {part.__name__}")
            break
    emu.finish(checks)


def expect_ok(checks, label, call):
    """An SDK call that must succeed: its response, None after a FAIL."""
    try:
        r = call()
    except Exception as e:  # noqa: BLE001 - any failure of a call that must work is a FAIL
        checks.check(False, f"{label}: succeeds", f"{type(e).__name__}: {e}")
        return None
    checks.check(True, f"{label}: succeeds")
    return r


def expect_error(checks, label, call, code, status, message=None):
    """A boto3 call that must fail as a service error with this code, HTTP status and, when
    given, message: the ClientError, None after a FAIL."""
    from botocore.exceptions import ClientError
    try:
        call()
    except ClientError as e:
        err, meta = e.response.get("Error", {}), e.response.get("ResponseMetadata", {})
        good = err.get("Code") == code and meta.get("HTTPStatusCode") == status
        if message is not None:
            good = good and err.get("Message") == message
        checks.check(good, f"{label}: {code} ({status})",
                     f"got {err.get('Code')!r} ({meta.get('HTTPStatusCode')}): {err.get('Message')!r}")
        return e
    except Exception as e:  # noqa: BLE001
        checks.check(False, f"{label}: {code} ({status})", f"{type(e).__name__}: {e}")
        return None
    checks.check(False, f"{label}: {code} ({status})", "the call succeeded")
    return None

