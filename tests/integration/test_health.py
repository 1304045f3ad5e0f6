"""Admin endpoints: health in both spellings (LocalStack clients poll /_localstack/health) and
/_cloudemu/plugins, which explains what was loaded, refused (and why) and skipped."""
import os

import cloudemu_harness as h


def built_services():
    """The service plugins this build made (CE_SERVICES): cloudemu-<name>.so in the plugin dir."""
    names = {f[len("cloudemu-"):-len(".so")] for f in os.listdir(h.CONFIG["plugin_dir"])
             if f.startswith("cloudemu-") and f.endswith(".so")}
    return names - {"lmdb", "memory"}


class HealthTest(h.ServerTestCase):
    @classmethod
    def setUpClass(cls):
        # One server for the read-only checks keeps the module fast.
        cls.server = h.Server(fixtures=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_both_health_endpoints_have_the_localstack_shape(self):
        for path in ("/_cloudemu/health", "/_localstack/health"):
            status, headers, _ = self.server.request("GET", path)
            self.assertEqual(status, 200, path)
            self.assertEqual(headers["content-type"], "application/json")
            status, body = self.server.json("GET", path)
            self.assertEqual(set(body), {"services", "edition", "version"}, path)
            self.assertEqual(body["edition"], "community")
            self.assertRegex(body["version"], r"^\d+\.\d+\.\d+$")
            expected = {name: "running" for name in built_services()}
            expected.update({"fixture-throws": "running", "fixture-dup-a": "running"})
            self.assertEqual(body["services"], expected)

    def test_head_health_has_no_body(self):
        status, headers, body = self.server.request("HEAD", "/_cloudemu/health")
        self.assertEqual(status, 200)
        self.assertEqual(body, b"")

    def test_plugins_lists_loaded_and_refused_with_reasons(self):
        status, p = self.server.json("GET", "/_cloudemu/plugins")
        self.assertEqual(status, 200)
        self.assertEqual(p["host_abi"], "1.3")
        self.assertEqual(p["storage"], "lmdb")
        loaded = {x["name"]: x for x in p["loaded"]}
        self.assertEqual(set(loaded), built_services() | {"lmdb", "memory", "fixture-throws",
                                                         "fixture-dup-a"})
        notes = loaded["example-notes"]
        self.assertEqual(notes["kinds"], ["service"])
        self.assertEqual(notes["services"], ["example-notes"])
        self.assertEqual(notes["abi"], "1.3")
        self.assertTrue(notes["file"].endswith("/cloudemu-example-notes.so"))
        self.assertEqual(loaded["lmdb"]["kinds"], ["storage"])

        refused = {x["file"].rsplit("/", 1)[1]: x for x in p["refused"]}
        self.assertEqual(len(refused), 8, refused)
        major = refused["cloudemu-fixture-major.so"]
        self.assertEqual(major["name"], "fixture-major")
        self.assertEqual(
            major["reason"],
            major["file"] + " was built for plugin ABI 2.0, this host speaks ABI 1.3 (major "
            "versions must match): rebuild the plugin against CloudEmu SDK 1.x")
        self.assertIn("supports up to ABI 1.3", refused["cloudemu-fixture-minor.so"]["reason"])
        self.assertIn("init threw an exception",
                      refused["cloudemu-fixture-init-throws.so"]["reason"])
        self.assertEqual(p["skipped"], [])

    def test_duplicate_route_second_plugin_refused_and_named(self):
        _, p = self.server.json("GET", "/_cloudemu/plugins")
        dup_b = [x for x in p["refused"] if x["name"] == "fixture-dup-b"]
        self.assertEqual(len(dup_b), 1)
        self.assertIn("route path-prefix '/_fixture/dup'", dup_b[0]["reason"])
        self.assertIn("already claimed by service 'fixture-dup-a'", dup_b[0]["reason"])
        self.assertIn("fixture-dup-a", [x["name"] for x in p["loaded"]])

    def test_unknown_admin_path_is_404(self):
        status, body = self.server.json("GET", "/_cloudemu/nope")
        self.assertEqual(status, 404)
        self.assertIn("error", body)


class SkippedTest(h.ServerTestCase):
    def test_services_option_skips_the_rest(self):
        s = self.start_server(["--services", "fixture-throws"], fixtures=True)
        _, p = s.json("GET", "/_cloudemu/plugins")
        self.assertIn("example-notes", p["skipped"])
        self.assertIn("fixture-dup-a", p["skipped"])
        # The storage backend in use is loaded even though --services does not name it.
        self.assertIn("lmdb", [x["name"] for x in p["loaded"]])
        self.assertNotIn("example-notes", [x["name"] for x in p["loaded"]])
        _, health = s.json("GET", "/_localstack/health")
        self.assertEqual(health["services"]["example-notes"], "disabled")
        self.assertEqual(health["services"]["fixture-throws"], "running")


if __name__ == "__main__":
    h.main()
