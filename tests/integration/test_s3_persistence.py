"""S3 state on LMDB across restarts: objects (inline and blob bodies), versions and delete
markers, multipart uploads in progress with their parts, bucket configurations and tags, after a
clean stop and after kill -9 right behind the acknowledgements."""
import os
import re
import shutil
import signal
import tempfile

import cloudemu_harness as h

CORS = (b"<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>"
        b"<AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")


class S3PersistenceTest(h.ServerTestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="cloudemu-it-s3-")
        self.addCleanup(shutil.rmtree, self.data, True)

    def server(self):
        return self.start_server(["--storage", "lmdb", "--services", "s3"], data_dir=self.data)

    def write_state(self, s):
        ok = lambda r: self.assertIn(r[0], (200, 204), r)
        ok(s.request("PUT", "/bkt"))
        ok(s.request("PUT", "/bkt?versioning",
                     b"<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>"))
        ok(s.request("PUT", "/bkt?cors", CORS))
        ok(s.request("PUT", "/bkt?tagging",
                     b"<Tagging><TagSet><Tag><Key>team</Key><Value>a</Value></Tag></TagSet></Tagging>"))
        v1 = s.request("PUT", "/bkt/doc", b"first")[1]["x-amz-version-id"]
        ok(s.request("PUT", "/bkt/doc", b"second", {"x-amz-meta-n": "2"}))
        ok(s.request("PUT", "/bkt/gone", b"x"))
        marker = s.request("DELETE", "/bkt/gone")[1]["x-amz-version-id"]
        self.big = os.urandom(300 * 1024)
        ok(s.request("PUT", "/bkt/big", self.big))
        status, _, body = s.request("POST", "/bkt/upload?uploads")
        self.assertEqual(status, 200, body)
        upload = re.search(rb"<UploadId>([^<]+)</UploadId>", body).group(1).decode()
        status, headers, _ = s.request("PUT", "/bkt/upload?partNumber=1&uploadId=" + upload,
                                       b"p" * 1000)
        self.assertEqual(status, 200)
        return v1, marker, upload, headers["etag"]

    def check_state(self, s, v1, marker, upload, part_etag):
        status, headers, body = s.request("GET", "/bkt/doc")
        self.assertEqual((status, body, headers.get("x-amz-meta-n")), (200, b"second", "2"))
        self.assertEqual(s.request("GET", "/bkt/doc?versionId=" + v1)[2], b"first")
        status, headers, _ = s.request("GET", "/bkt/gone")
        self.assertEqual((status, headers.get("x-amz-delete-marker")), (404, "true"))
        self.assertIn(b"<VersionId>%s</VersionId>" % marker.encode(),
                      s.request("GET", "/bkt?versions")[2])
        self.assertEqual(s.request("GET", "/bkt/big")[2], self.big)
        status, _, body = s.request("GET", "/bkt/upload?uploadId=" + upload)
        self.assertEqual(status, 200, body)
        self.assertIn(b"<PartNumber>1</PartNumber>", body)
        self.assertIn(part_etag.encode().replace(b'"', b"&quot;"), body)
        self.assertIn(b"<AllowedOrigin>*</AllowedOrigin>", s.request("GET", "/bkt?cors")[2])
        self.assertIn(b"<Key>team</Key>", s.request("GET", "/bkt?tagging")[2])
        self.assertIn(b"<Status>Enabled</Status>", s.request("GET", "/bkt?versioning")[2])

    def test_state_survives_a_clean_restart(self):
        s = self.server()
        state = self.write_state(s)
        self.assertEqual(s.stop(), 0)
        self.check_state(self.server(), *state)

    def test_acknowledged_writes_survive_kill_9(self):
        s = self.server()
        state = self.write_state(s)
        s.stop(sig=signal.SIGKILL)
        s2 = self.server()
        self.check_state(s2, *state)
        # The upload completes after the restart, from the part stored before the crash.
        upload, etag = state[2], state[3]
        body = ("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>%s</ETag>"
                "</Part></CompleteMultipartUpload>" % etag).encode()
        status, _, answer = s2.request("POST", "/bkt/upload?uploadId=" + upload, body)
        self.assertEqual(status, 200, answer)
        self.assertEqual(s2.request("GET", "/bkt/upload")[2], b"p" * 1000)


if __name__ == "__main__":
    h.main()
