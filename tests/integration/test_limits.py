"""Limits and hostile clients: oversized headers, slowloris, idle keep-alive, clients that vanish
mid-body. After each, the server must still serve (the point is that one bad client cannot take
the emulator down or pin its resources)."""
import time

import cloudemu_harness as h

NOTES = "/_example/notes"


class LimitsTest(h.ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = h.Server(["--storage", "memory", "--header-limit", "8192",
                               "--header-timeout", "1", "--idle-timeout", "1"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def tearDown(self):
        self.assertTrue(self.server.alive(), self.server.stderr()[-2000:])

    def test_header_section_over_the_limit_is_431_and_closed(self):
        with self.server.raw() as c:
            c.send(h.request_bytes("GET", NOTES, {"X-Big": "a" * 9000}))
            r = c.read_response()
            self.assertEqual(r.status, 431)
            self.assertIn(b"RequestHeaderSectionTooLarge", r.body)
            self.assertEqual(r.header("connection"), "close")
            self.assertTrue(c.closed_by_peer())

    def test_headers_just_under_the_limit_are_fine(self):
        status, _, _ = self.server.request("GET", NOTES, headers={"X-Big": "a" * 7000})
        self.assertEqual(status, 200)

    def test_slowloris_is_cut_off_after_the_header_timeout(self):
        """One header byte every 100 ms never completes a request; --header-timeout 1 must
        close the connection after about a second, not wait forever."""
        data = h.request_bytes("GET", NOTES, {"X-Slow": "x" * 100})
        with self.server.raw() as c:
            c.sock.settimeout(0.1)
            t0 = time.monotonic()
            closed_after = None
            for i in range(len(data)):
                try:
                    c.sock.sendall(data[i:i + 1])
                    if c.sock.recv(1) == b"":
                        closed_after = time.monotonic() - t0
                        break
                except (BrokenPipeError, ConnectionResetError):
                    closed_after = time.monotonic() - t0
                    break
                except OSError:  # recv timed out: that is the 100 ms pacing
                    pass
                if time.monotonic() - t0 > 5:
                    break
        self.assertIsNotNone(closed_after, "slow client was never cut off")
        print("\n  slowloris cut off after %.2f s" % closed_after)
        self.assertGreater(closed_after, 0.8)
        self.assertLess(closed_after, 3.0)

    def test_idle_keep_alive_connection_is_closed(self):
        with self.server.raw() as c:
            c.send(h.request_bytes("GET", NOTES))
            self.assertEqual(c.read_response().status, 200)
            t0 = time.monotonic()
            self.assertTrue(c.closed_by_peer(timeout=5), "idle connection stayed open")
            idle = time.monotonic() - t0
        print("\n  idle connection closed after %.2f s" % idle)
        self.assertGreater(idle, 0.8)
        self.assertLess(idle, 3.0)

    def test_client_disconnecting_mid_body_leaves_no_note_and_a_healthy_server(self):
        with self.server.raw() as c:
            c.send(h.request_bytes("PUT", NOTES + "/half", {"Content-Length": str(10 << 20)}))
            c.send(b"z" * (1 << 20))
        # The server notices the close, the upload fails, nothing is published.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "PUT /_example/notes/half" not in self.server.stderr():
            time.sleep(0.01)
        self.assertIn("PUT /_example/notes/half", self.server.stderr())
        status, _, _ = self.server.request("GET", NOTES + "/half")
        self.assertEqual(status, 404)
        # And a complete upload right after works.
        status, _, _ = self.server.request("PUT", NOTES + "/whole", b"w" * 1000)
        self.assertEqual(status, 200)

    def test_client_disconnecting_mid_chunked_body(self):
        with self.server.raw() as c:
            c.send(h.request_bytes("PUT", NOTES + "/halfchunk", {"Transfer-Encoding": "chunked"}))
            c.send(b"10000\r\n" + b"c" * 30000)
        status, _, _ = self.server.request("PUT", NOTES + "/after", b"ok")
        self.assertEqual(status, 200)

    def test_many_connections_opened_and_dropped(self):
        socks = [self.server.raw() for _ in range(50)]
        for s in socks[::2]:
            s.send(b"GET /_example/notes HTTP/1.1\r\nHo")  # half a request
        for s in socks:
            s.close()
        status, _, _ = self.server.request("GET", NOTES)
        self.assertEqual(status, 200)


if __name__ == "__main__":
    h.main()
