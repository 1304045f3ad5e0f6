"""Requests the network thread answers itself (ce_service_v1.answers_inline, ABI 1.1): S3 lets
GetObject and HeadObject run there, and a body that outgrows the inline buffer (64 KiB) makes the
host discard that run and answer from a worker instead. Every size around the boundary must come
back whole, on one keep-alive connection, with one access line per request."""
import hashlib
import os
import unittest

import cloudemu_harness as h

BUCKET = "/inline-bucket"
SIZES = [0, 1, 1024, 8 * 1024 + 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 3 << 20]


def body_of(size):
    return hashlib.sha256(str(size).encode()).digest() * (size // 32) + b"x" * (size % 32)


class InlineDispatchTest(h.ServerTestCase):
    def setUp(self):
        if not os.path.exists(os.path.join(h.CONFIG["plugin_dir"], "cloudemu-s3.so")):
            self.skipTest("this build has no S3 plugin")
        self.s = self.start_server(["--storage", "lmdb", "--services", "s3"])
        self.assertEqual(self.s.request("PUT", BUCKET)[0], 200)
        for size in SIZES:
            status, _, body = self.s.request("PUT", "%s/obj-%d" % (BUCKET, size), body_of(size),
                                             {"Content-Type": "application/octet-stream"})
            self.assertEqual(status, 200, body)

    def test_every_size_comes_back_whole_on_one_connection(self):
        with self.s.raw(timeout=30) as c:
            for _ in range(2):
                for size in SIZES:
                    path = "%s/obj-%d" % (BUCKET, size)
                    c.send(h.request_bytes("GET", path, {}))
                    r = c.read_response()
                    self.assertEqual(r.status, 200, r.body[:300])
                    self.assertEqual(len(r.body), size)
                    self.assertEqual(r.body, body_of(size))
                    c.send(h.request_bytes("HEAD", path, {}))
                    r = c.read_response(head=True)
                    self.assertEqual((r.status, r.header("content-length")), (200, str(size)))
            # A range of the large object, and a miss, on the same connection still.
            c.send(h.request_bytes("GET", "%s/obj-%d" % (BUCKET, 3 << 20),
                                   {"Range": "bytes=100000-100009"}))
            r = c.read_response()
            self.assertEqual((r.status, r.body), (206, body_of(3 << 20)[100000:100010]))
            c.send(h.request_bytes("GET", BUCKET + "/missing", {}))
            r = c.read_response()
            self.assertEqual(r.status, 404)
            self.assertIn(b"<Code>NoSuchKey</Code>", r.body)

    def test_a_rerun_request_is_logged_once(self):
        big = "%s/obj-%d" % (BUCKET, 3 << 20)
        for _ in range(3):
            self.assertEqual(self.s.request("GET", big)[0], 200)
        self.s.stop()
        lines = [l for l in self.s.stderr().splitlines() if "s3.GetObject" in l]
        self.assertEqual(len(lines), 3, lines)


if __name__ == "__main__":
    h.main()
