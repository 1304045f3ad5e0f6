"""--enforce-sigv4: requests are signed by botocore (Debian's python3-botocore), the reference
implementation real clients use, so this checks the host's verifier against the real thing
rather than against our own signer."""
import base64
import datetime
import hashlib
import hmac
import json
import os
import unittest
import zlib

import cloudemu_harness as h

try:
    from botocore.auth import SIGV4_TIMESTAMP, S3SigV4Auth, SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    BOTOCORE = None
except ImportError as e:  # the suite must still run where botocore is not installed
    BOTOCORE = "botocore is not importable (%s); install python3-botocore or python3-boto3" % e

AKID, SECRET = "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
NOTES = "/_example/notes"


if BOTOCORE is None:
    class FixedTimeSigV4(SigV4Auth):
        """SigV4Auth signing at a chosen time (add_auth always uses "now")."""

        def __init__(self, credentials, service, region, when):
            super().__init__(credentials, service, region)
            self.when = when

        def add_auth(self, request):
            request.context["timestamp"] = self.when.strftime(SIGV4_TIMESTAMP)
            self._modify_request_before_signing(request)
            canonical = self.canonical_request(request)
            signature = self.signature(self.string_to_sign(request, canonical), request)
            self._inject_signature_to_request(request, signature)


@unittest.skipIf(BOTOCORE is not None, BOTOCORE)
class SigV4Test(h.ServerTestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = h.Server(["--storage", "memory", "--enforce-sigv4",
                               "--credentials", "%s:%s" % (AKID, SECRET)]).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def signed(self, method, path, body=b"", secret=SECRET, when=None, service="example-notes"):
        url = "http://127.0.0.1:%d%s" % (self.server.port, path)
        req = AWSRequest(method=method, url=url, data=body)
        creds = Credentials(AKID, secret)
        if when is None:
            SigV4Auth(creds, service, "us-east-1").add_auth(req)
        else:
            FixedTimeSigV4(creds, service, "us-east-1", when).add_auth(req)
        prepared = req.prepare()
        return self.server.request(method, path, body or None, dict(prepared.headers.items()))

    def test_signed_requests_pass(self):
        status, _, body = self.signed("PUT", NOTES + "/signed", b"payload")
        self.assertEqual(status, 200, body)
        status, _, body = self.signed("GET", NOTES + "/signed")
        self.assertEqual((status, body), (200, b"payload"))
        status, _, body = self.signed("GET", NOTES + "?prefix=sig")
        self.assertEqual(json.loads(body), {"notes": ["signed"]})

    def test_wrong_secret_is_signature_does_not_match(self):
        status, headers, body = self.signed("GET", NOTES, secret="not-the-secret")
        self.assertEqual(status, 403)
        self.assertEqual(headers["x-amzn-errortype"], "SignatureDoesNotMatch")
        self.assertIn("signature we calculated does not match", json.loads(body)["message"])

    def test_tampered_body_is_refused(self):
        """Non-S3 services sign the body hash: the verifier must read and hash the body."""
        url = "http://127.0.0.1:%d%s/tamper" % (self.server.port, NOTES)
        req = AWSRequest(method="PUT", url=url, data=b"original")
        SigV4Auth(Credentials(AKID, SECRET), "example-notes", "us-east-1").add_auth(req)
        headers = dict(req.prepare().headers.items())
        status, _, _ = self.server.request("PUT", NOTES + "/tamper", b"modified", headers)
        self.assertEqual(status, 403)

    def test_unsigned_request_is_refused(self):
        status, headers, body = self.server.request("GET", NOTES)
        self.assertEqual(status, 403)
        self.assertEqual(headers["x-amzn-errortype"], "MissingAuthenticationTokenException")

    def test_unknown_access_key(self):
        url = "http://127.0.0.1:%d%s" % (self.server.port, NOTES)
        req = AWSRequest(method="GET", url=url)
        SigV4Auth(Credentials("AKIDUNKNOWN", SECRET), "example-notes", "us-east-1").add_auth(req)
        status, headers, _ = self.server.request("GET", NOTES, None,
                                                 dict(req.prepare().headers.items()))
        self.assertEqual(status, 403)
        self.assertEqual(headers["x-amzn-errortype"], "UnrecognizedClientException")

    def test_signature_from_20_minutes_ago_is_expired(self):
        when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)
        status, headers, body = self.signed("GET", NOTES, when=when)
        self.assertEqual(status, 403)
        self.assertEqual(headers["x-amzn-errortype"], "InvalidSignatureException")
        self.assertIn("Signature expired", json.loads(body)["message"])

    def test_admin_endpoints_need_no_signature(self):
        self.assertEqual(self.server.request("GET", "/_cloudemu/health")[0], 200)

    def test_zz_host_clock_moves_signatures_out_of_the_window(self):
        """Runs last (name): moving the host clock forward is permanent for this server. A
        signature made "now" is 20 minutes old for a server whose clock moved 20 minutes."""
        self.assertEqual(self.signed("GET", NOTES)[0], 200)
        self.assertEqual(self.server.request("POST", "/_cloudemu/clock?advance_seconds=1200")[0],
                         200)
        status, headers, body = self.signed("GET", NOTES)
        self.assertEqual(status, 403)
        self.assertIn("Signature expired", json.loads(body)["message"])
        # Signing at the host's time works again.
        when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=20)
        self.assertEqual(self.signed("GET", NOTES, when=when)[0], 200)


if BOTOCORE is None:
    class StreamingS3SigV4(S3SigV4Auth):
        """botocore's S3 signer for the seed request of a chunk-signed upload: only the payload
        hash differs (botocore itself sends chunk-signed bodies only over its CRT signer)."""

        def __init__(self, credentials, payload):
            super().__init__(credentials, "s3", "us-east-1")
            self.streaming_payload = payload

        def payload(self, request):
            return self.streaming_payload


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def signing_key(secret, date):
    """The SigV4 key derivation of AWS's documentation (kDate, kRegion, kService, kSigning)."""
    return _hmac(_hmac(_hmac(_hmac(("AWS4" + secret).encode(), date), "us-east-1"), "s3"),
                 "aws4_request")


EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


def chunk_signed_body(chunks, seed, amz_date, scope, key, trailer=None):
    """The aws-chunked body of STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]: every chunk signed
    over the previous signature (AWS's "Signature Calculations for the Authorization Header:
    Transferring Payload in Multiple Chunks"). `chunks` are (bytes signed, bytes sent) pairs and
    `trailer` is (name, value signed, value sent), so a test can send other bytes than it signed."""
    out, previous = b"", seed
    for signed, sent in list(chunks) + [(b"", b"")]:
        to_sign = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, previous, EMPTY_SHA256,
                             hashlib.sha256(signed).hexdigest()])
        previous = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        out += b"%x;chunk-signature=%s\r\n" % (len(sent), previous.encode())
        if sent:
            out += sent + b"\r\n"
    if trailer is not None:
        name, value, sent_value = trailer
        canonical = "%s:%s\n" % (name, value)
        to_sign = "\n".join(["AWS4-HMAC-SHA256-TRAILER", amz_date, scope, previous,
                             hashlib.sha256(canonical.encode()).hexdigest()])
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        out += ("%s:%s\r\nx-amz-trailer-signature:%s\r\n" % (name, sent_value, signature)).encode()
    return out + b"\r\n"


@unittest.skipIf(BOTOCORE is not None, BOTOCORE)
class S3ChunkSignatureTest(h.ServerTestCase):
    """S3 streaming uploads under --enforce-sigv4: the plugin decodes the body, the host checks
    each chunk's signature through ABI 1.1's chunk_* slots."""

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(os.path.join(h.CONFIG["plugin_dir"], "cloudemu-s3.so")):
            raise unittest.SkipTest("this build has no S3 plugin")
        cls.server = h.Server(["--storage", "memory", "--services", "s3", "--enforce-sigv4",
                               "--credentials", "%s:%s" % (AKID, SECRET)]).start()
        status, _, body = cls.s3_signed("PUT", "/chunk-sig-bucket")
        assert status == 200, body

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    @classmethod
    def s3_signed(cls, method, path, body=b""):
        url = "http://127.0.0.1:%d%s" % (cls.server.port, path)
        req = AWSRequest(method=method, url=url, data=body)
        S3SigV4Auth(Credentials(AKID, SECRET), "s3", "us-east-1").add_auth(req)
        return cls.server.request(method, path, body or None, dict(req.prepare().headers.items()))

    def put_streaming(self, key, chunks, trailer=None):
        path = "/chunk-sig-bucket/" + key
        payload = ("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" if trailer
                   else "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
        decoded = sum(len(sent) for _, sent in chunks)
        headers = {"Content-Encoding": "aws-chunked", "X-Amz-Decoded-Content-Length": str(decoded)}
        if trailer:
            headers["X-Amz-Trailer"] = trailer[0]
        req = AWSRequest(method="PUT", url="http://127.0.0.1:%d%s" % (self.server.port, path),
                         headers=headers)
        StreamingS3SigV4(Credentials(AKID, SECRET), payload).add_auth(req)
        sent = {k: v for k, v in req.prepare().headers.items() if k.lower() != "content-length"}
        amz_date = sent["X-Amz-Date"]
        scope = "%s/us-east-1/s3/aws4_request" % amz_date[:8]
        seed = sent["Authorization"].rsplit("Signature=", 1)[1]
        body = chunk_signed_body(chunks, seed, amz_date, scope,
                                 signing_key(SECRET, amz_date[:8]), trailer)
        return self.server.request("PUT", path, body, sent)

    def test_chunk_signed_upload_is_stored(self):
        first, last = b"a" * 8192, b"the rest"
        status, _, body = self.put_streaming("good", [(first, first), (last, last)])
        self.assertEqual(status, 200, body)
        status, _, body = self.s3_signed("GET", "/chunk-sig-bucket/good")
        self.assertEqual((status, body), (200, first + last))

    def test_tampered_chunk_is_signature_does_not_match(self):
        first = b"b" * 8192
        status, _, body = self.put_streaming("tampered",
                                             [(first, first), (b"signed", b"sent!!")])
        self.assertEqual(status, 403, body)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code>", body)
        self.assertEqual(self.s3_signed("GET", "/chunk-sig-bucket/tampered")[0], 404)

    def test_signed_trailer_is_checked(self):
        data = b"trailer body"
        crc = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
        trailer = ("x-amz-checksum-crc32", crc, crc)
        status, _, body = self.put_streaming("trailer", [(data, data)], trailer)
        self.assertEqual(status, 200, body)
        # The signature held, the value did not: BadDigest, as for an unsigned trailer.
        trailer = ("x-amz-checksum-crc32", "AAAAAA==", "AAAAAA==")
        status, _, body = self.put_streaming("trailer", [(data, data)], trailer)
        self.assertEqual(status, 400, body)
        self.assertIn(b"<Code>BadDigest</Code>", body)

    def test_tampered_trailer_is_signature_does_not_match(self):
        data = b"trailer body"
        crc = base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()
        trailer = ("x-amz-checksum-crc32", "AAAAAA==", crc)  # signed one value, sent another
        status, _, body = self.put_streaming("bad-trailer", [(data, data)], trailer)
        self.assertEqual(status, 403, body)
        self.assertIn(b"<Code>SignatureDoesNotMatch</Code>", body)


class EnforceNeedsCredentialsTest(h.ServerTestCase):
    def test_enforce_without_credentials_fails_start_up(self):
        s = h.Server(["--enforce-sigv4"])
        self.addCleanup(s.close)
        s.start(wait=False)
        self.assertEqual(s.proc.wait(10), 1)
        self.assertIn("--enforce-sigv4 needs --credentials", s.stderr())


if __name__ == "__main__":
    h.main()
