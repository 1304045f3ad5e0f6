"""--enforce-sigv4: requests are signed by botocore (Debian's python3-botocore), the reference
implementation real clients use, so this checks the host's verifier against the real thing
rather than against our own signer."""
import datetime
import json
import unittest

import cloudemu_harness as h

try:
    from botocore.auth import SIGV4_TIMESTAMP, SigV4Auth
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


class EnforceNeedsCredentialsTest(h.ServerTestCase):
    def test_enforce_without_credentials_fails_start_up(self):
        s = h.Server(["--enforce-sigv4"])
        self.addCleanup(s.close)
        s.start(wait=False)
        self.assertEqual(s.proc.wait(10), 1)
        self.assertIn("--enforce-sigv4 needs --credentials", s.stderr())


if __name__ == "__main__":
    h.main()
