"""HTTP/1.x behaviour of the front end, seen on the wire: connection reuse, HTTP/1.0,
pipelining, Expect: 100-continue, chunked bodies, ranges and the headers every response carries.
Raw sockets are used where http.client would hide what matters (interim responses, ordering)."""
import hashlib
import re
import unittest

import cloudemu_harness as h

NOTES = "/_example/notes"


class HttpTest(h.SharedServerTestCase):
    def setUp(self):
        self.assertEqual(self.server.request("POST", "/_cloudemu/reset")[0], 200)

    def test_keep_alive_serves_several_requests_on_one_connection(self):
        with self.server.raw() as c:
            for i in range(5):
                c.send(h.request_bytes("PUT", "%s/k%d" % (NOTES, i), {"Content-Length": "3"},
                                       b"abc"))
                self.assertEqual(c.read_response().status, 200)
            c.send(h.request_bytes("GET", NOTES))
            r = c.read_response()
            self.assertEqual(r.status, 200)
            self.assertIn(b'"k4"', r.body)

    def test_http_1_0_gets_an_answer_and_the_connection_closes(self):
        self.server.request("PUT", NOTES + "/old", b"hello")
        with self.server.raw() as c:
            c.send(h.request_bytes("GET", NOTES + "/old", version="HTTP/1.0"))
            r = c.read_response()
            self.assertEqual(r.status, 200)
            self.assertEqual(r.body, b"hello")
            self.assertTrue(c.closed_by_peer(), "HTTP/1.0 without keep-alive must close")

    def test_http_1_0_keep_alive_is_confirmed_and_honoured(self):
        # HTTP/1.0 clients (ApacheBench) close unless the answer says Connection: keep-alive.
        self.server.request("PUT", NOTES + "/old10", b"hello")
        with self.server.raw() as c:
            for _ in range(2):
                c.send(h.request_bytes("GET", NOTES + "/old10", {"Connection": "keep-alive"},
                                       version="HTTP/1.0"))
                r = c.read_response()
                self.assertEqual((r.status, r.body), (200, b"hello"))
                self.assertEqual(r.headers.get("connection", "").lower(), "keep-alive")

    def test_pipelined_requests_are_answered_in_order(self):
        with self.server.raw() as c:
            batch = b"".join([
                h.request_bytes("PUT", NOTES + "/p1", {"Content-Length": "2"}, b"p1"),
                h.request_bytes("PUT", NOTES + "/p2", {"Content-Length": "2"}, b"p2"),
                h.request_bytes("GET", NOTES + "/p1"),
                h.request_bytes("GET", NOTES + "/missing"),
                h.request_bytes("GET", NOTES + "/p2"),
            ])
            c.send(batch)  # one write: the server finds the later requests already buffered
            statuses = [c.read_response() for _ in range(5)]
        self.assertEqual([r.status for r in statuses], [200, 200, 200, 404, 200])
        self.assertEqual(statuses[2].body, b"p1")
        self.assertEqual(statuses[4].body, b"p2")

    def test_expect_100_continue_waits_for_the_interim_response(self):
        body = b"x" * 100000
        with self.server.raw() as c:
            c.send(h.request_bytes("PUT", NOTES + "/cont", {"Content-Length": str(len(body)),
                                                          "Expect": "100-continue"}))
            interim = c.read_response()  # nothing of the body has been sent yet
            self.assertEqual(interim.status, 100)
            c.send(body)
            final = c.read_response()
            self.assertEqual(final.status, 200)
            self.assertEqual(final.header("etag"), '"%s"' % hashlib.md5(body).hexdigest())
            # The connection is still usable afterwards.
            c.send(h.request_bytes("GET", NOTES + "/cont"))
            self.assertEqual(c.read_response().body, body)

    def test_expect_100_continue_answered_without_reading_the_body_does_not_hang(self):
        """A name starting with '_' is rejected before the body is read: the client gets the
        final 400 instead of a 100, and the server closes (the body was never sent, so the
        connection cannot be reused) rather than waiting for it."""
        with self.server.raw(timeout=5) as c:
            c.send(h.request_bytes("PUT", NOTES + "/_reserved", {"Content-Length": "1000000",
                                                               "Expect": "100-continue"}))
            r = c.read_response()
            self.assertEqual(r.status, 400)
            self.assertEqual(r.header("x-amzn-errortype"), "ValidationException")
            # Announced, so a pooling client (boto3 after a 501 PutObject) opens a new connection
            # instead of sending its next request into one being closed.
            self.assertEqual((r.header("connection") or "").lower(), "close")
            self.assertTrue(c.closed_by_peer(timeout=5))
        self.assertTrue(self.server.alive())

    def test_chunked_request_body(self):
        parts = [b"hello ", b"chunked ", b"x" * 70000, b" world"]
        with self.server.raw() as c:
            c.send(h.request_bytes("PUT", NOTES + "/chunky", {"Transfer-Encoding": "chunked"}))
            for p in parts:
                c.send(b"%x\r\n%s\r\n" % (len(p), p))
            c.send(b"0\r\n\r\n")
            r = c.read_response()
            self.assertEqual(r.status, 200, r.body)
            whole = b"".join(parts)
            self.assertEqual(r.header("etag"), '"%s"' % hashlib.md5(whole).hexdigest())
            c.send(h.request_bytes("GET", NOTES + "/chunky"))
            got = c.read_response()
        # 70 KiB is above the host's 64 KiB response buffer: the GET answer was streamed.
        self.assertEqual(got.body, whole)

    def test_range_get(self):
        data = bytes(range(256)) * 4
        self.server.request("PUT", NOTES + "/ranged", data)
        cases = [("bytes=10-19", 10, 19), ("bytes=1000-", 1000, 1023), ("bytes=-24", 1000, 1023),
                 ("bytes=1020-5000", 1020, 1023)]
        for header, first, last in cases:
            status, headers, body = self.server.request("GET", NOTES + "/ranged",
                                                        headers={"Range": header})
            self.assertEqual(status, 206, header)
            self.assertEqual(headers["content-range"], "bytes %d-%d/1024" % (first, last))
            self.assertEqual(body, data[first:last + 1], header)
        status, headers, _ = self.server.request("GET", NOTES + "/ranged",
                                                 headers={"Range": "bytes=2000-3000"})
        self.assertEqual(status, 416)
        self.assertEqual(headers["x-amzn-errortype"], "InvalidRange")
        # A multi-range request is ignored: the whole note, 200.
        status, _, body = self.server.request("GET", NOTES + "/ranged",
                                              headers={"Range": "bytes=0-1,5-6"})
        self.assertEqual((status, body), (200, data))

    # An open-ended range starting past the end ("bytes=2000-" on 1024 bytes) is unsatisfiable.
    def test_open_ended_range_past_the_end_is_416(self):
        self.server.request("PUT", NOTES + "/ranged", b"x" * 1024)
        status, headers, _ = self.server.request("GET", NOTES + "/ranged",
                                                 headers={"Range": "bytes=2000-"})
        self.assertEqual(status, 416)
        self.assertEqual(headers["x-amzn-errortype"], "InvalidRange")

    def test_garbage_request_line_gets_400(self):
        with self.server.raw() as c:
            c.send(b"THIS IS NOT HTTP\r\n\r\n")
            r = c.read_response()
            self.assertEqual(r.status, 400)
            self.assertIn(b"<Code>BadRequest</Code>", r.body)
            self.assertTrue(c.closed_by_peer())
        self.assertTrue(self.server.alive())

    def test_every_response_carries_request_id_and_date(self):
        date = re.compile(r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$")
        requests = [("GET", "/_cloudemu/health", None, {}),
                    ("PUT", NOTES + "/id", b"x", {}),
                    ("GET", NOTES + "/id", None, {}),
                    ("GET", NOTES + "/nope", None, {}),                    # service error
                    ("GET", "/unclaimed", None, {}),                        # host 501
                    ("POST", "/", b"{}", {"X-Amz-Target": "Nope_2012.Op"})]  # host 501, json
        for method, path, body, headers in requests:
            status, got, _ = self.server.request(method, path, body, headers)
            self.assertRegex(got.get("x-amzn-requestid", ""), r"^[0-9a-f-]{36}$", path)
            self.assertRegex(got.get("date", ""), date, path)
            if not path.startswith("/_cloudemu/"):
                self.assertEqual(got.get("x-amz-request-id"), got["x-amzn-requestid"], path)

    def test_request_ids_are_unique(self):
        ids = {self.server.request("GET", NOTES)[1]["x-amzn-requestid"] for _ in range(20)}
        self.assertEqual(len(ids), 20)


if __name__ == "__main__":
    h.main()
