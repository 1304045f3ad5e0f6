"""Routing and the errors the host answers itself. An AWS SDK only understands an error in its
own protocol's shape, so an unclaimed request must get 501 NotImplemented as rest-xml (S3-style
default), json-1.0 (X-Amz-Target) or query XML (form Action=...) as the client spoke."""
import json
import re

import cloudemu_harness as h

SCOPE = ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/%s/aws4_request, "
         "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)


class RoutingTest(h.ServerTestCase):
    @classmethod
    def setUpClass(cls):
        # Host routing on its own: no S3 plugin, which would take the fallback route.
        cls.server = h.Server(["--storage", "memory", "--services", h.NON_S3_SERVICES],
                              fixtures=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_unclaimed_request_is_501_rest_xml_by_default(self):
        status, headers, body = self.server.request("GET", "/some-bucket/some-key")
        self.assertEqual(status, 501)
        self.assertEqual(headers["content-type"], "application/xml")
        text = body.decode()
        self.assertRegex(text, r"^<\?xml[^>]*>\s*<Error><Code>NotImplemented</Code><Message>")
        self.assertIn("<RequestId>%s</RequestId>" % headers["x-amzn-requestid"], text)
        self.assertIn("loaded: ", text)
        self.assertIn("x-amz-id-2", headers)  # S3 clients expect it

    def test_unclaimed_json_target_is_501_json_1_0(self):
        status, headers, body = self.server.request(
            "POST", "/", b"{}", {"X-Amz-Target": "DynamoDB_20120810.ListTables",
                                 "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual(status, 501)
        self.assertEqual(headers["content-type"], "application/x-amz-json-1.0")
        self.assertEqual(headers["x-amzn-errortype"], "NotImplemented")
        doc = json.loads(body)
        self.assertEqual(doc["__type"], "NotImplemented")
        self.assertIn("No service plugin", doc["message"])

    def test_unclaimed_form_action_is_501_query_xml(self):
        status, headers, body = self.server.request(
            "POST", "/", b"Action=ListQueues&Version=2012-11-05",
            {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        self.assertEqual(status, 501)
        self.assertEqual(headers["content-type"], "text/xml")
        text = body.decode()
        self.assertRegex(text, r"<ErrorResponse><Error><Type>Receiver</Type>"
                               r"<Code>NotImplemented</Code>")
        self.assertIn("<RequestId>%s</RequestId></ErrorResponse>" % headers["x-amzn-requestid"],
                      text)

    def test_action_in_query_string_is_query_protocol(self):
        status, headers, body = self.server.request("GET", "/?Action=DescribeInstances")
        self.assertEqual(status, 501)
        self.assertIn(b"<ErrorResponse>", body)

    def test_head_error_has_no_body(self):
        status, _, body = self.server.request("HEAD", "/bucket")
        self.assertEqual((status, body), (501, b""))

    def test_unclaimed_signed_request_names_the_signing_service(self):
        status, _, body = self.server.request("GET", "/", headers={
            "Authorization": SCOPE % "sqs", "X-Amz-Date": "20260101T000000Z"})
        self.assertEqual(status, 501)
        self.assertIn(b"signing service &apos;sqs&apos;", body)  # XML-escaped

    def test_sigv4_scope_routes_to_the_service_outside_its_prefix(self):
        """The credential scope says example-notes, so example-notes gets the request even on
        a path it does not own; it answers in its own rest-json shape (400 "malformed path"),
        proving the route. The same path unsigned is the host's 501."""
        status, headers, body = self.server.request("GET", "/elsewhere", headers={
            "Authorization": SCOPE % "example-notes", "X-Amz-Date": "20260101T000000Z"})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-errortype"], "ValidationException")
        self.assertIn("malformed path", json.loads(body)["message"])
        self.assertEqual(self.server.request("GET", "/elsewhere")[0], 501)

    def test_sigv4_scope_beats_the_path_prefix(self):
        """Scope routing comes before path prefixes: a request signed for example-notes on the
        throwing fixture's path reaches example-notes (400), not the fixture (500)."""
        status, headers, _ = self.server.request("GET", "/_fixture/throw/x", headers={
            "Authorization": SCOPE % "example-notes", "X-Amz-Date": "20260101T000000Z"})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-errortype"], "ValidationException")
        # A scope no service claims falls through to the path prefix.
        status, _, _ = self.server.request("GET", "/_example/notes", headers={
            "Authorization": SCOPE % "s3", "X-Amz-Date": "20260101T000000Z"})
        self.assertEqual(status, 200)

    def test_path_prefix_boundary(self):
        self.assertEqual(self.server.request("GET", "/_example/notes")[0], 200)
        self.assertEqual(self.server.request("GET", "/_example/notes/")[0], 200)
        self.assertEqual(self.server.request("GET", "/_example/notes?prefix=a")[0], 200)
        status, headers, _ = self.server.request("GET", "/_example/notesX")
        self.assertEqual(status, 501)
        self.assertNotIn("x-amzn-errortype", headers)  # the host's rest-xml, not notes' JSON
        self.assertEqual(self.server.request("GET", "/_example/note")[0], 501)

    def test_throwing_handler_is_500_in_its_protocol_and_server_keeps_serving(self):
        for _ in range(3):
            status, headers, body = self.server.request("GET", "/_fixture/throw/x")
            self.assertEqual(status, 500)
            self.assertEqual(headers["x-amzn-errortype"], "InternalFailure")  # rest-json
            self.assertEqual(headers["content-type"], "application/json")
            msg = json.loads(body)["message"]
            self.assertIn(headers["x-amzn-requestid"], msg)
        self.assertTrue(self.server.alive())
        self.assertRegex(self.server.stderr(), r"ERROR \[fixture-throws\] request [0-9a-f-]+ "
                                               r"failed: CE_INTERNAL: handler threw: handler exploded")

    def test_duplicate_route_goes_to_the_first_plugin(self):
        status, headers, _ = self.server.request("POST", "/_fixture/dup/x", b"")
        self.assertEqual(status, 500)
        self.assertRegex(self.server.stderr(), re.compile(r"\[fixture-dup-a\] request .* "
                                                          r"not for serving"))
        self.assertNotIn("[fixture-dup-b]", self.server.stderr())


if __name__ == "__main__":
    h.main()
