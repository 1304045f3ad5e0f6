"""Shared harness for the integration tests: the real cloudemu binary, over real sockets.

Every test module is a standalone script run by ctest as

    python3 test_x.py --cloudemu build/bin/cloudemu --plugin-dir build/lib/cloudemu/plugins \
        --fixtures build/tests/abi/fixture-plugins [unittest args...]

Only the Python standard library is used, so the suite runs with Debian's /usr/bin/python3 on a
fresh machine. A Server is always started on an ephemeral port (--port 0 --port-file F) with its
own temporary data dir, and its stdout/stderr go to files so a failing test can show them.
Tests register server.stop with addCleanup, so the process is stopped even when an assertion
fails; as a last resort an atexit hook kills anything still running.
"""
import argparse
import atexit
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

from http_raw import RawConn, Response, request_bytes  # noqa: F401 (re-exported)

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Filled in by main() from the command line; the defaults fit an in-tree build at ./build.
CONFIG = {
    "cloudemu": os.path.join(_REPO, "build", "bin", "cloudemu"),
    "plugin_dir": os.path.join(_REPO, "build", "lib", "cloudemu", "plugins"),
    "fixtures": os.path.join(_REPO, "build", "tests", "abi", "fixture-plugins"),
}

_LIVE = set()  # servers not yet stopped, killed at exit so no test leaves a process behind


@atexit.register
def _kill_leftovers():
    for server in list(_LIVE):
        server.kill()


def main():
    """Parses our options, leaves the rest to unittest (so -k, -v, TestClass.test_x work)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--cloudemu")
    parser.add_argument("--plugin-dir")
    parser.add_argument("--fixtures")
    ours, rest = parser.parse_known_args()
    for key in ("cloudemu", "plugin_dir", "fixtures"):
        if getattr(ours, key):
            CONFIG[key] = os.path.abspath(getattr(ours, key))
    if not os.access(CONFIG["cloudemu"], os.X_OK):
        sys.exit("cloudemu binary not found at %s (pass --cloudemu)" % CONFIG["cloudemu"])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


class Server:
    """One cloudemu process on an ephemeral port.

    args: extra command-line options. fixtures=True adds --plugin-dir <fixtures>.
    data_dir: reuse a directory (persistence tests); default a fresh temp dir removed at stop.
    """

    def __init__(self, args=(), fixtures=False, data_dir=None, env=None, port_file_arg=True):
        self.tmp = tempfile.mkdtemp(prefix="cloudemu-it-")
        self.data_dir = data_dir or os.path.join(self.tmp, "data")
        self.port_file = os.path.join(self.tmp, "port")
        self.stdout_path = os.path.join(self.tmp, "stdout")
        self.stderr_path = os.path.join(self.tmp, "stderr")
        cmd = [CONFIG["cloudemu"], "--port", "0", "--data-dir", self.data_dir,
               "--plugin-dir", CONFIG["plugin_dir"]]
        if port_file_arg:
            cmd += ["--port-file", self.port_file]
        if fixtures:
            cmd += ["--plugin-dir", CONFIG["fixtures"]]
        cmd += list(args)
        self.cmd = cmd
        full_env = dict(os.environ)
        # A developer's CLOUDEMU_* variables must not leak into the server under test.
        for k in list(full_env):
            if k.startswith("CLOUDEMU_") or k in ("SERVICES", "GATEWAY_PORT"):
                del full_env[k]
        full_env.update(env or {})
        self.env = full_env
        self.proc = None
        self.port = None
        self.started_at = None
        self.exit_code = None

    # -- life cycle --------------------------------------------------------------------------------

    def start(self, wait=True):
        self._out = open(self.stdout_path, "wb")
        self._err = open(self.stderr_path, "wb")
        self.started_at = time.monotonic()
        try:
            self.proc = subprocess.Popen(self.cmd, stdout=self._out, stderr=self._err,
                                         env=self.env, stdin=subprocess.DEVNULL)
        except OSError:
            self._out.close()
            self._err.close()
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        _LIVE.add(self)
        if wait:
            self.wait_for_port()
        return self

    def wait_for_port(self, timeout=10.0):
        """Polls the port file; it is complete once it holds a line ending in a newline."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with open(self.port_file) as f:
                    text = f.read()
                if text.endswith("\n"):
                    self.port = int(text)
                    return self.port
            except FileNotFoundError:
                pass
            if self.proc.poll() is not None:
                raise AssertionError("cloudemu exited with %s before listening:\n%s"
                                     % (self.proc.returncode, self.stderr()))
            time.sleep(0.002)
        raise AssertionError("no port file after %.0fs:\n%s" % (timeout, self.stderr()))

    def stop(self, sig=signal.SIGTERM, timeout=15.0):
        """Stops the process (SIGTERM by default) and returns its exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.exit_code = self.proc.returncode
        self._close_files()
        return self.exit_code

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._close_files()

    def close(self):
        """stop() and remove the temporary files (logs, port file, default data dir)."""
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _close_files(self):
        # Logs stay readable after stop (tests assert on "stopped cleanly"); close() removes them.
        _LIVE.discard(self)
        for f in (getattr(self, "_out", None), getattr(self, "_err", None)):
            if f and not f.closed:
                f.close()

    # -- output ------------------------------------------------------------------------------------

    @staticmethod
    def _read_text(path):
        try:
            with open(path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def stdout(self):
        return self._read_text(self.stdout_path)

    def stderr(self):
        return self._read_text(self.stderr_path)

    def wait_for_output(self, needle, stream="stderr", timeout=5.0):
        """Waits until needle appears in the server's stderr/stdout (an event, not a sleep)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.stderr() if stream == "stderr" else self.stdout()
            if needle in text:
                return text
            time.sleep(0.005)
        raise AssertionError("%r not in %s after %.1fs:\n%s" % (needle, stream, timeout,
                                                               self.stderr()))

    def memory_kib(self):
        """(VmRSS, VmHWM) in KiB from /proc/<pid>/status."""
        values = {}
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values["VmRSS"], values["VmHWM"]

    # -- HTTP --------------------------------------------------------------------------------------

    def conn(self, timeout=10.0):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, headers=None, timeout=10.0):
        """One request on a fresh connection: returns (status, headers dict lower-cased, body)."""
        c = self.conn(timeout)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            c.close()

    def json(self, method, path, body=None, headers=None):
        status, _, data = self.request(method, path, body, headers)
        return status, json.loads(data) if data else None

    def raw(self, timeout=10.0):
        return RawConn(self.port, timeout)

    def alive(self):
        """The process runs and answers health: the check after every abuse test."""
        if self.proc.poll() is not None:
            return False
        status, _, _ = self.request("GET", "/_cloudemu/health")
        return status == 200


class ServerTestCase(unittest.TestCase):
    """Base class: start_server() starts a Server whose stop is registered as a cleanup, and a
    failing test prints the server's stderr tail to make the failure diagnosable."""

    def start_server(self, *args, **kwargs):
        server = Server(*args, **kwargs)
        self.addCleanup(server.close)
        self.addCleanup(self._dump_on_failure, server)
        return server.start()

    def _dump_on_failure(self, server):
        outcome = getattr(self, "_outcome", None)
        result = getattr(outcome, "result", None)
        failed = result is not None and any(
            t is self for t, _ in list(result.failures) + list(result.errors))
        if failed:
            tail = "\n".join(server.stderr().splitlines()[-30:])
            sys.stderr.write("\n--- cloudemu stderr (last 30 lines) ---\n%s\n---\n" % tail)


# The services host-level tests load: S3 claims the fallback route, so tests of the host's own
# answer to unclaimed requests leave it out.
NON_S3_SERVICES = "example-notes,fixture-throws,fixture-dup-a"


class SharedServerTestCase(ServerTestCase):
    """One server (started with SERVER_ARGS) shared by every test of the class, for tests that
    do not care about a fresh process: they run in milliseconds instead of one start each."""

    SERVER_ARGS = ["--storage", "memory"]

    @classmethod
    def setUpClass(cls):
        cls.server = Server(cls.SERVER_ARGS).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()


def free_port():
    """A loopback port nobody listens on right now (for options that take a fixed port)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
