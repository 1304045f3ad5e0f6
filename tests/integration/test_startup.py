"""Start-up: the banner, time to first response, the command line and environment variables."""
import os
import socket
import subprocess
import time

import cloudemu_harness as h


class BannerTest(h.ServerTestCase):
    def test_banner_names_version_address_storage_and_plugins(self):
        s = self.start_server(fixtures=True)
        out = s.wait_for_output("ready in", stream="stdout")
        first = out.splitlines()[0]
        # "cloudemu 0.1.0 (plugin ABI 1.2) listening on http://127.0.0.1:PORT"
        self.assertRegex(first, r"^cloudemu \d+\.\d+\.\d+ \(plugin ABI \d+\.\d+\) listening on "
                                r"http://127\.0\.0\.1:%d$" % s.port)
        self.assertIn("storage: lmdb in " + s.data_dir, out)
        for name in ("example-notes", "lmdb", "memory", "fixture-throws", "fixture-dup-a"):
            self.assertRegex(out, r"\n  plugin %s \d+\.\d+\.\d+ \(ABI \d+\.\d+, \w+\)" % name)
        self.assertIn("service:example-notes", out)
        self.assertIn("storage:lmdb", out)
        # Every broken fixture is listed with its reason, not silently dropped.
        refused = [l for l in out.splitlines() if l.startswith("  refused ")]
        self.assertEqual(len(refused), 8, out)
        major = [l for l in refused if "cloudemu-fixture-major.so" in l][0]
        self.assertIn("was built for plugin ABI 2.0, this host speaks ABI 1.3", major)
        self.assertTrue(any("cloudemu-fixture-missing-entry.so: no exported symbol ce_plugin_entry"
                            in l for l in refused))
        self.assertTrue(any("cloudemu-fixture-dup-b.so" in l and "already claimed" in l
                            for l in refused))
        # The refusals also reach the log, as warnings.
        self.assertIn("WARN [plugins] refused", s.stderr())

    def test_memory_storage_banner_has_no_data_dir(self):
        s = self.start_server(["--storage", "memory"])
        out = s.wait_for_output("ready in", stream="stdout")
        self.assertIn("\n  storage: memory\n", out)


class FirstResponseTest(h.ServerTestCase):
    def test_health_answers_quickly_after_exec(self):
        """The port file is not used here: we poll connect+GET in a tight loop from the moment of
        spawn, which is what a client that retries would see. Target 50 ms; assert 200 ms so a
        loaded CI machine does not flake (CE_TEST_FIRST_RESPONSE_MS raises it for a sanitizer
        build, whose plugins load several times slower)."""
        limit_ms = float(os.environ.get("CE_TEST_FIRST_RESPONSE_MS", "200"))
        port = h.free_port()
        s = h.Server(["--port", str(port)], port_file_arg=False)
        s.cmd[s.cmd.index("--port") + 1] = str(port)  # the harness default is 0
        self.addCleanup(s.close)
        t0 = time.monotonic()
        s.start(wait=False)
        elapsed = None
        while time.monotonic() - t0 < 5:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                    sock.sendall(b"GET /_cloudemu/health HTTP/1.1\r\nHost: x\r\n\r\n")
                    r = h.RawConn(port, sock=sock).read_response()
                    if r.status == 200:
                        elapsed = (time.monotonic() - t0) * 1000
                        break
            except (ConnectionRefusedError, EOFError, ConnectionResetError):
                pass
            self.assertIsNone(s.proc.poll(), s.stderr())
        self.assertIsNotNone(elapsed, "no health answer within 5 s")
        print("\n  first /_cloudemu/health response %.1f ms after exec" % elapsed)
        self.assertLess(elapsed, limit_ms, s.stdout())


class CommandLineTest(h.ServerTestCase):
    def run_cli(self, *args, env=None):
        return subprocess.run([h.CONFIG["cloudemu"], *args], capture_output=True, text=True,
                              timeout=10, env=env)

    def test_help_lists_every_option(self):
        r = self.run_cli("--help")
        self.assertEqual(r.returncode, 0)
        options = ["--host", "--port", "--port-file", "--data-dir", "--storage", "--services",
                   "--plugin-dir", "--log-format", "--log-level", "--access-log", "--tls-cert",
                   "--tls-key", "--tls-port", "--enforce-sigv4", "--credentials", "--region",
                   "--workers", "--io-threads", "--header-limit", "--idle-timeout",
                   "--header-timeout", "--fsync", "--help", "--version"]
        for opt in options:
            self.assertRegex(r.stdout, r"\n  %s[ \n]" % opt)
        # Each option names its environment variable.
        self.assertIn("[CLOUDEMU_PORT, GATEWAY_PORT]", r.stdout)
        self.assertIn("[CLOUDEMU_SERVICES, SERVICES]", r.stdout)

    def test_version(self):
        r = self.run_cli("--version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^cloudemu \d+\.\d+\.\d+\n$")

    def test_unknown_option_exits_2_with_message(self):
        r = self.run_cli("--no-such-option")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option --no-such-option", r.stderr)
        self.assertIn("--help", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_bad_value_exits_2(self):
        r = self.run_cli("--log-format", "xml")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown value 'xml'", r.stderr)


class EnvironmentTest(h.ServerTestCase):
    def test_port_file_and_services_from_environment(self):
        """CLOUDEMU_PORT_FILE replaces --port-file; SERVICES (the LocalStack name) selects
        plugins: with SERVICES=fixture-throws, example-notes is skipped."""
        s = h.Server(fixtures=True, port_file_arg=False)
        s.env["CLOUDEMU_PORT_FILE"] = s.port_file
        s.env["SERVICES"] = "fixture-throws"
        self.addCleanup(s.close)
        s.start()  # waits for the port file the variable asked for
        status, health = s.json("GET", "/_cloudemu/health")
        self.assertEqual(status, 200)
        self.assertEqual(health["services"]["fixture-throws"], "running")
        self.assertEqual(health["services"]["example-notes"], "disabled")
        status, _, _ = s.request("GET", "/_example/notes")
        self.assertEqual(status, 501)

    def test_cli_overrides_environment(self):
        s = h.Server(["--storage", "memory"])
        s.env["CLOUDEMU_STORAGE"] = "no-such-backend"
        self.addCleanup(s.close)
        s.start()
        self.assertEqual(s.json("GET", "/_cloudemu/plugins")[1]["storage"], "memory")


if __name__ == "__main__":
    h.main()
