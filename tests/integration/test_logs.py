"""Logs: --log-format json must make every stderr line machine-readable (log shippers parse each
line), access lines carry the fields an operator needs, and --access-log off silences them."""
import json
import re

import cloudemu_harness as h

NOTES = "/_example/notes"


def traffic(server):
    """A mix that produces access lines, service errors, host errors and a handler crash."""
    server.request("PUT", NOTES + "/log-me", b"12345")
    server.request("GET", NOTES + "/log-me")
    server.request("GET", NOTES + "/missing")
    server.request("GET", "/unclaimed\"quote")
    server.request("GET", "/_fixture/throw/x")
    server.request("GET", "/_cloudemu/health")


class JsonLogTest(h.ServerTestCase):
    def test_every_stderr_line_is_json_with_access_fields(self):
        s = self.start_server(["--log-format", "json", "--storage", "memory"], fixtures=True)
        traffic(s)
        s.wait_for_output('"path":"/_cloudemu/health"')
        self.assertEqual(s.stop(), 0)
        lines = s.stderr().splitlines()
        self.assertGreater(len(lines), 10)
        docs = []
        for line in lines:
            try:
                docs.append(json.loads(line))
            except ValueError:
                self.fail("not JSON: %r" % line)
        for d in docs:
            self.assertRegex(d["ts"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        access = [d for d in docs if d.get("type") == "access"]
        put = [d for d in access if d["method"] == "PUT"][0]
        self.assertEqual(put["path"], NOTES + "/log-me")
        self.assertEqual(put["service"], "example-notes")
        self.assertEqual(put["operation"], "PutNote")
        self.assertEqual(put["status"], 200)
        self.assertGreater(put["bytes"], 0)
        self.assertIsInstance(put["us"], int)
        self.assertRegex(put["request_id"], r"^[0-9a-f-]{36}$")
        get = [d for d in access if d["path"] == NOTES + "/log-me" and d["method"] == "GET"][0]
        self.assertEqual((get["operation"], get["status"], get["bytes"]), ("GetNote", 200, 5))
        # S3 takes what no other service claims: a missing bucket, in S3's words.
        unclaimed = [d for d in access if d["path"].startswith("/unclaimed")]
        self.assertIn((404, "s3", "ListObjects"),
                      [(d["status"], d["service"], d["operation"]) for d in unclaimed])
        events = [d for d in docs if "level" in d]
        self.assertTrue(any(d["level"] == "WARN" and d["component"] == "plugins"
                            and "refused" in d["msg"] for d in events))
        self.assertTrue(any(d["level"] == "ERROR" and d["component"] == "fixture-throws"
                            for d in events))
        self.assertEqual(events[-1]["msg"], "stopped cleanly")

    def test_banner_on_stdout_is_json_too(self):
        s = self.start_server(["--log-format", "json"])
        out = s.wait_for_output("ready in", "stdout")
        lines = out.splitlines()
        self.assertEqual(len(lines), 1, out)  # the multi-line banner is one escaped message
        doc = json.loads(lines[0])
        self.assertEqual((doc["level"], doc["component"]), ("INFO", "host"))
        self.assertTrue(doc["msg"].startswith("cloudemu "))
        self.assertIn("listening on http://127.0.0.1:%d\n" % s.port, doc["msg"])


class TextLogTest(h.ServerTestCase):
    def test_text_access_line_format(self):
        s = self.start_server(["--storage", "memory"])
        traffic(s)
        text = s.wait_for_output("GET /_cloudemu/health")
        self.assertRegex(text, re.compile(r"^\S+Z ACCESS PUT /_example/notes/log-me "
                                          r"example-notes\.PutNote 200 \d+B \d+us$", re.M))
        self.assertRegex(text, r"ACCESS GET /_example/notes/missing example-notes\.GetNote 404 ")
        self.assertRegex(text, r"ACCESS GET /_cloudemu/health cloudemu\.Health 200 ")

    def test_access_log_off(self):
        s = self.start_server(["--storage", "memory", "--access-log", "off"])
        traffic(s)
        s.request("POST", "/_cloudemu/reset")
        self.assertEqual(s.stop(), 0)
        err = s.stderr()
        self.assertNotIn("ACCESS", err)
        self.assertIn("stopped cleanly", err)  # other logging is unaffected

    def test_log_level_warn_hides_info(self):
        s = self.start_server(["--storage", "memory", "--log-level", "warn",
                               "--access-log", "off"])
        s.request("GET", NOTES)
        self.assertEqual(s.stop(), 0)
        self.assertNotRegex(s.stderr(), re.compile(r" INFO "))


if __name__ == "__main__":
    h.main()
