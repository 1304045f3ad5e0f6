"""TLS: with --tls-cert/--tls-key the main port serves HTTPS and plain HTTP side by side (the
first bytes tell a ClientHello from a request line); with --tls-port the second port is HTTPS
only. The certificate is made fresh with the openssl CLI, so nothing secret lives in the repo."""
import http.client
import re
import shutil
import ssl
import subprocess
import tempfile
import unittest

import cloudemu_harness as h

OPENSSL = shutil.which("openssl")


@unittest.skipIf(OPENSSL is None, "the openssl command is not installed")
class TlsTest(h.ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="cloudemu-it-tls-")
        cls.cert, cls.key = cls.dir + "/cert.pem", cls.dir + "/key.pem"
        subprocess.run([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                        "-subj", "/CN=localhost", "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", cls.key, "-out", cls.cert],
                       check=True, capture_output=True, timeout=30)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def context(self):
        ctx = ssl.create_default_context(cafile=self.cert)  # verifies chain and 127.0.0.1 SAN
        return ctx

    def https(self, port, method, path, body=None):
        c = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=self.context())
        try:
            c.request(method, path, body=body)
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    def test_https_and_plain_http_on_the_same_port(self):
        s = self.start_server(["--tls-cert", self.cert, "--tls-key", self.key,
                               "--storage", "memory"])
        banner = s.wait_for_output("ready in", "stdout")
        self.assertIn("listening on http://127.0.0.1:%d and https://127.0.0.1:%d\n"
                      % (s.port, s.port), banner)
        self.assertEqual(self.https(s.port, "PUT", "/_example/notes/tls", b"secret")[0], 200)
        self.assertEqual(self.https(s.port, "GET", "/_example/notes/tls"), (200, b"secret"))
        # Plain HTTP on the same port sees the note written over TLS.
        status, _, body = s.request("GET", "/_example/notes/tls")
        self.assertEqual((status, body), (200, b"secret"))
        # Keep-alive over TLS: several requests on one TLS connection.
        c = http.client.HTTPSConnection("127.0.0.1", s.port, timeout=10, context=self.context())
        self.addCleanup(c.close)
        for _ in range(3):
            c.request("GET", "/_cloudemu/health")
            r = c.getresponse()
            self.assertEqual(r.status, 200)
            r.read()

    def test_large_body_over_tls(self):
        s = self.start_server(["--tls-cert", self.cert, "--tls-key", self.key,
                               "--storage", "memory"])
        data = bytes(range(256)) * 4096  # 1 MiB: many TLS records, a streamed response
        self.assertEqual(self.https(s.port, "PUT", "/_example/notes/big", data)[0], 200)
        self.assertEqual(self.https(s.port, "GET", "/_example/notes/big"), (200, data))

    def test_separate_tls_port_is_https_only(self):
        """--tls-port 0 means "detect on the main port" (the default), so an ephemeral second
        port cannot be asked for; we pick a free port. The banner reports it."""
        tls_port = h.free_port()
        s = self.start_server(["--tls-cert", self.cert, "--tls-key", self.key,
                               "--tls-port", str(tls_port), "--storage", "memory"])
        banner = s.wait_for_output("ready in", "stdout")
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+) and https://127\.0\.0\.1:(\d+)\n",
                      banner)
        self.assertIsNotNone(m, banner)
        self.assertEqual((int(m.group(1)), int(m.group(2))), (s.port, tls_port))
        self.assertEqual(self.https(tls_port, "GET", "/_cloudemu/health")[0], 200)
        self.assertEqual(s.request("GET", "/_cloudemu/health")[0], 200)
        # Plain HTTP on the TLS-only port is dropped without an answer.
        with h.RawConn(tls_port) as c:
            c.send(b"GET /_cloudemu/health HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertTrue(c.closed_by_peer())
        # The main port no longer detects TLS: a handshake there fails.
        with self.assertRaises((ssl.SSLError, ConnectionError, OSError)):
            self.https(s.port, "GET", "/_cloudemu/health")
        self.assertTrue(s.alive())

    def test_bad_certificate_path_fails_start_up(self):
        s = h.Server(["--tls-cert", self.dir + "/nope.pem", "--tls-key", self.key])
        self.addCleanup(s.close)
        s.start(wait=False)
        self.assertEqual(s.proc.wait(10), 1)
        self.assertIn("cannot load --tls-cert/--tls-key", s.stderr())

    def test_cert_without_key_is_a_usage_error(self):
        r = subprocess.run([h.CONFIG["cloudemu"], "--tls-cert", self.cert], capture_output=True,
                           text=True, timeout=10)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--tls-cert and --tls-key go together", r.stderr)


if __name__ == "__main__":
    h.main()
