"""State: reset, persistence across restarts with lmdb, graceful SIGTERM (in-flight requests
finish), crash safety (kill -9 after an acknowledged PUT) and the non-persistent memory backend."""
import os
import shutil
import signal
import tempfile
import time

import cloudemu_harness as h

NOTES = "/_example/notes"


class ResetTest(h.ServerTestCase):
    def test_reset_one_service_and_unknown_service(self):
        s = self.start_server(["--storage", "memory"])
        for name in ("a", "b"):
            self.assertEqual(s.request("PUT", "%s/%s" % (NOTES, name), b"x")[0], 200)
        status, body = s.json("POST", "/_cloudemu/reset?service=example-notes")
        self.assertEqual((status, body), (200, {"reset": ["example-notes"]}))
        self.assertEqual(s.json("GET", NOTES)[1], {"notes": []})
        status, body = s.json("POST", "/_cloudemu/reset?service=nope")
        self.assertEqual(status, 400)
        self.assertEqual(body["error"], "no service 'nope' is loaded")
        self.assertEqual(s.json("GET", "/_cloudemu/reset")[0], 405)

    def test_localstack_reset_alias_resets_everything(self):
        s = self.start_server(["--storage", "memory"])
        s.request("PUT", NOTES + "/a", b"x")
        self.assertEqual(s.json("POST", "/_localstack/state/reset")[0], 200)
        self.assertEqual(s.request("GET", NOTES + "/a")[0], 404)


class PersistenceTest(h.ServerTestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="cloudemu-it-data-")
        self.addCleanup(shutil.rmtree, self.data, True)

    def test_notes_survive_a_clean_restart(self):
        s = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        notes = {"one": b"1" * 10, "two": os.urandom(200000), "empty": b""}
        for name, body in notes.items():
            self.assertEqual(s.request("PUT", "%s/%s" % (NOTES, name), body)[0], 200)
        self.assertEqual(s.stop(), 0)
        self.assertIn("stopped cleanly", s.stderr())
        s2 = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        for name, body in notes.items():
            status, _, got = s2.request("GET", "%s/%s" % (NOTES, name))
            self.assertEqual((status, got), (200, body), name)
        self.assertEqual(s2.json("GET", NOTES)[1], {"notes": sorted(notes)})

    def test_sigterm_lets_an_in_flight_upload_finish(self):
        """The upload waits for 100-continue, so it is provably inside the service when SIGTERM
        arrives; the second half of the body is sent after the signal was logged."""
        s = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        body = b"slow" * 50000
        with s.raw() as c:
            c.send(h.request_bytes("PUT", NOTES + "/inflight", {
                "Content-Length": str(len(body)), "Expect": "100-continue"}))
            self.assertEqual(c.read_response().status, 100)
            c.send(body[:len(body) // 2])
            s.proc.send_signal(signal.SIGTERM)
            s.wait_for_output("received SIGTERM, stopping")
            self.assertIsNone(s.proc.poll(), "exited with a request in flight")
            c.send(body[len(body) // 2:])
            r = c.read_response()
            self.assertEqual(r.status, 200, r.body)
        s.proc.wait(10)
        self.assertEqual(s.proc.returncode, 0)
        self.assertIn("stopped cleanly", s.stderr())
        s2 = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        self.assertEqual(s2.request("GET", NOTES + "/inflight")[2], body)

    def test_stop_refuses_new_connections(self):
        s = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        port = s.port
        with s.raw() as c:  # hold the server in its grace period with a half-sent upload
            c.send(h.request_bytes("PUT", NOTES + "/hold", {"Content-Length": "10",
                                                          "Expect": "100-continue"}))
            self.assertEqual(c.read_response().status, 100)
            s.proc.send_signal(signal.SIGTERM)
            s.wait_for_output("received SIGTERM, stopping")
            # The listener closes promptly; allow a few ms for the posted close to run.
            refused = False
            deadline = time.monotonic() + 3
            while not refused and time.monotonic() < deadline:
                try:
                    h.RawConn(port, timeout=1).close()
                except ConnectionRefusedError:
                    refused = True
                    break
            self.assertTrue(refused, "still accepting after SIGTERM")
            c.send(b"0123456789")
            self.assertEqual(c.read_response().status, 200)
        s.proc.wait(10)
        self.assertEqual(s.proc.returncode, 0)

    def test_acknowledged_put_survives_kill_9(self):
        s = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        body = os.urandom(100000)
        self.assertEqual(s.request("PUT", NOTES + "/crash", body)[0], 200)
        s.stop(sig=signal.SIGKILL)
        self.assertEqual(s.exit_code, -signal.SIGKILL)
        s2 = self.start_server(["--storage", "lmdb"], data_dir=self.data)
        status, _, got = s2.request("GET", NOTES + "/crash")
        self.assertEqual(status, 200)
        self.assertEqual(got, body)

    def test_memory_storage_forgets_on_restart(self):
        s = self.start_server(["--storage", "memory"], data_dir=self.data)
        self.assertEqual(s.request("PUT", NOTES + "/gone", b"x")[0], 200)
        self.assertEqual(s.request("GET", NOTES + "/gone")[0], 200)
        self.assertEqual(s.stop(), 0)
        s2 = self.start_server(["--storage", "memory"], data_dir=self.data)
        self.assertEqual(s2.request("GET", NOTES + "/gone")[0], 404)


if __name__ == "__main__":
    h.main()
