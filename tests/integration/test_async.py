"""Asynchronous answers and internal calls. ?wait=<ms> parks a request on a host timer; the test
moves the host clock with POST /_cloudemu/clock instead of sleeping, which is exactly what the
clock endpoint is for. _echo-to exercises call_service between services."""
import json
import threading
import time
import urllib.parse

import cloudemu_harness as h

NOTES = "/_example/notes"


class PendingGet(threading.Thread):
    """Issues a GET in the background and records when and how it was answered."""

    def __init__(self, server, path):
        super().__init__(daemon=True)
        self.server, self.path = server, path
        self.result, self.answered_at, self.error = None, None, None

    def run(self):
        try:
            self.result = self.server.request("GET", self.path, timeout=30)
            self.answered_at = time.monotonic()
        except Exception as e:  # reported by the test
            self.error = e


class AsyncTest(h.SharedServerTestCase):
    def start_wait(self, name, ms=60000):
        g = PendingGet(self.server, "%s/%s?wait=%d" % (NOTES, name, ms))
        g.start()
        # The request is parked once the handler has run; there is no event for that, so poll
        # briefly that it has NOT been answered (it must stay pending).
        g.join(0.3)
        self.assertIsNone(g.result, "the wait was answered before the clock moved: %r" % (g.result,))
        self.assertTrue(g.is_alive())
        return g

    def advance(self, seconds):
        status, body = self.server.json("POST", "/_cloudemu/clock?advance_seconds=%d" % seconds)
        self.assertEqual(status, 200, body)
        return time.monotonic(), body

    def test_wait_completes_with_404_when_the_clock_passes_the_deadline(self):
        g = self.start_wait("never")
        moved_at, clock = self.advance(61)
        self.assertGreaterEqual(clock["offset_ms"], 61000)
        g.join(5)
        self.assertIsNone(g.error)
        self.assertIsNotNone(g.result, "still pending after the clock passed the deadline")
        status, headers, body = g.result
        self.assertEqual(status, 404)
        self.assertEqual(headers["x-amzn-errortype"], "NoSuchNote")
        latency = g.answered_at - moved_at
        print("\n  pending GET answered %.1f ms after the clock moved" % (latency * 1000))
        self.assertLess(latency, 1.0)

    def test_note_put_during_the_wait_is_returned(self):
        g = self.start_wait("later", ms=30000)
        self.assertEqual(self.server.request("PUT", NOTES + "/later", b"arrived")[0], 200)
        self.advance(31)
        g.join(5)
        self.assertIsNotNone(g.result)
        status, _, body = g.result
        self.assertEqual((status, body), (200, b"arrived"))

    def test_clock_body_forms_and_validation(self):
        before = self.server.json("GET", "/_cloudemu/clock")[1]["offset_ms"]
        self.assertEqual(self.server.json("POST", "/_cloudemu/clock",
                                          json.dumps({"advance_ms": 1500}).encode())[0], 200)
        self.assertEqual(self.server.json("POST", "/_cloudemu/clock?advance_ms=500")[0], 200)
        after = self.server.json("GET", "/_cloudemu/clock")[1]["offset_ms"]
        self.assertEqual(after - before, 2000)
        status, body = self.server.json("POST", "/_cloudemu/clock?advance_seconds=-1")
        self.assertEqual(status, 400)
        self.assertIn("only moves forward", body["error"])
        self.assertEqual(self.server.json("POST", "/_cloudemu/clock", b"{\"x\": 1}")[0], 400)

    def test_bad_wait_value_is_a_validation_error(self):
        status, headers, _ = self.server.request("GET", NOTES + "/x?wait=60001")
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-errortype"], "ValidationException")

    def test_echo_to_itself(self):
        """A POST to /_example/notes through the internal call: example-notes answers its own
        405 (list is GET only), relayed with status and body."""
        target = urllib.parse.quote(NOTES, safe="")
        status, _, body = self.server.request(
            "POST", "%s/_echo-to/example-notes?target=%s" % (NOTES, target), b"hi",
            {"Content-Type": "application/json"})
        self.assertEqual(status, 405)
        self.assertIn("use GET to list notes", json.loads(body)["message"])

    def test_nested_echo_reaches_the_not_loaded_error(self):
        inner = urllib.parse.quote(NOTES + "/_echo-to/no-such-service", safe="")
        status, _, body = self.server.request(
            "POST", "%s/_echo-to/example-notes?target=%s" % (NOTES, inner), b"{}")
        self.assertEqual(status, 404)
        self.assertIn("service 'no-such-service' is not loaded", json.loads(body)["message"])

    def test_echo_to_a_service_that_is_not_loaded(self):
        status, headers, body = self.server.request(
            "POST", NOTES + "/_echo-to/kinesis", b"{}", {"X-Amz-Target": "Kinesis_20131202.X"})
        self.assertEqual(status, 404)
        self.assertEqual(headers["x-amzn-errortype"], "NoSuchService")
        self.assertEqual(json.loads(body)["message"], "service 'kinesis' is not loaded")


if __name__ == "__main__":
    h.main()
