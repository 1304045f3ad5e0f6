"""Streaming: a 256 MiB note goes in and comes out through example-notes on lmdb while the
server's resident memory stays small. This is the test that proves bodies stream end to end
(HTTP parser -> service -> blob store and back) instead of being buffered whole."""
import os
import hashlib
import threading

import cloudemu_harness as h

SIZE = 256 << 20
BLOCK = 1 << 20
# A sanitizer build keeps freed memory in quarantine and adds shadow memory, so its CMake passes a
# larger limit (still far below the 256 MiB a buffered body would need).
RSS_LIMIT_KIB = int(os.environ.get("CE_TEST_RSS_LIMIT_MIB", "64")) << 10
RSS_GROWTH_LIMIT_KIB = 64 << 10


def block(i):
    # Each MiB differs, so a transposed or repeated block would change the MD5.
    return (b"%08d" % i) * (BLOCK // 8)


class MemorySampler(threading.Thread):
    """Samples VmRSS while a transfer runs; VmHWM alone would also count start-up."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.peak, self.done = server, 0, threading.Event()

    def run(self):
        while not self.done.wait(0.02):
            try:
                self.peak = max(self.peak, self.server.memory_kib()[0])
            except (FileNotFoundError, ProcessLookupError):
                return

    def stop(self):
        self.done.set()
        self.join()
        return self.peak


class LargeBodyTest(h.ServerTestCase):
    def test_256_mib_put_and_get_stream_with_small_rss(self):
        s = self.start_server(["--storage", "lmdb", "--services", "example-notes"])
        rss_start = s.memory_kib()[0]
        sampler = MemorySampler(s)
        sampler.start()
        try:
            md5 = hashlib.md5()
            with s.raw(timeout=60) as c:
                c.send(h.request_bytes("PUT", "/_example/notes/big",
                                       {"Content-Length": str(SIZE)}))
                for i in range(SIZE // BLOCK):
                    data = block(i)
                    md5.update(data)
                    c.send(data)
                r = c.read_response()
                self.assertEqual(r.status, 200, r.body)
                self.assertEqual(r.header("etag"), '"%s"' % md5.hexdigest())
                put_peak = sampler.peak

                c.send(h.request_bytes("GET", "/_example/notes/big"))
                # Read the response incrementally: RawConn.read_response would hold it all.
                got = hashlib.md5()
                head, _, rest = _read_head(c)
                self.assertIn(" 200 ", head.split("\r\n")[0] + " ")
                self.assertIn("content-length: %d" % SIZE, head.lower())
                received = len(rest)
                got.update(rest)
                while received < SIZE:
                    chunk = c.sock.recv(min(1 << 20, SIZE - received))
                    self.assertTrue(chunk, "connection closed after %d bytes" % received)
                    got.update(chunk)
                    received += len(chunk)
                self.assertEqual(got.hexdigest(), md5.hexdigest())

            # A range in the middle of the big note, answered without reading it all.
            first = 200 * BLOCK + 5
            status, headers, body = s.request("GET", "/_example/notes/big",
                                              headers={"Range": "bytes=%d-%d" % (first, first + 9)})
            self.assertEqual(status, 206)
            self.assertEqual(headers["content-range"], "bytes %d-%d/%d" % (first, first + 9, SIZE))
            self.assertEqual(body, block(200)[5:15])
        finally:
            peak = sampler.stop()
        rss_end, hwm = s.memory_kib()
        print("\n  RSS start %d KiB, peak during PUT %d KiB, peak overall %d KiB, VmHWM %d KiB"
              % (rss_start, put_peak, peak, hwm))
        self.assertLess(peak, RSS_LIMIT_KIB)
        self.assertLess(hwm, RSS_LIMIT_KIB)
        # The growth is what proves streaming: a buffered body would add at least 256 MiB.
        self.assertLess(peak - rss_start, RSS_GROWTH_LIMIT_KIB)


def _read_head(conn):
    while b"\r\n\r\n" not in conn.buf:
        conn._fill()
    head, _, rest = conn.buf.partition(b"\r\n\r\n")
    conn.buf = b""
    return head.decode("latin-1"), None, rest


if __name__ == "__main__":
    h.main()
