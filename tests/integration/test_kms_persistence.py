"""KMS state on LMDB across restarts: keys (with their material, so ciphertexts made before a
restart still decrypt after it), rotated material, aliases, tags, disabled state, after a clean
stop and after kill -9 right behind the acknowledgements. Raw JSON 1.1 requests (unsigned), so
this module needs nothing but the standard library."""
import base64
import json
import shutil
import signal
import tempfile

import cloudemu_harness as h


def b64(data):
    return base64.b64encode(data).decode()


class KmsPersistenceTest(h.ServerTestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="cloudemu-it-kms-")
        self.addCleanup(shutil.rmtree, self.data, True)

    def server(self):
        return self.start_server(["--storage", "lmdb", "--services", "kms"], data_dir=self.data)

    def call(self, s, op, doc, expect=200):
        status, _, body = s.request("POST", "/", json.dumps(doc).encode(), {
            "X-Amz-Target": "TrentService." + op, "Content-Type": "application/x-amz-json-1.1"})
        self.assertEqual(status, expect, body)
        return json.loads(body)

    def write_state(self, s):
        key = self.call(s, "CreateKey", {"Description": "kept",
                                         "Tags": [{"TagKey": "team", "TagValue": "a"}]})["KeyMetadata"]["KeyId"]
        self.call(s, "CreateAlias", {"AliasName": "alias/kept", "TargetKeyId": key})
        old = self.call(s, "Encrypt", {"KeyId": key, "Plaintext": b64(b"before rotation"),
                                       "EncryptionContext": {"app": "it"}})["CiphertextBlob"]
        self.call(s, "RotateKeyOnDemand", {"KeyId": key})
        new = self.call(s, "Encrypt", {"KeyId": "alias/kept", "Plaintext": b64(b"after rotation")})["CiphertextBlob"]
        signer = self.call(s, "CreateKey", {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"})["KeyMetadata"]["KeyId"]
        sig = self.call(s, "Sign", {"KeyId": signer, "Message": b64(b"m"),
                                    "SigningAlgorithm": "ECDSA_SHA_256"})["Signature"]
        off = self.call(s, "CreateKey", {})["KeyMetadata"]["KeyId"]
        self.call(s, "DisableKey", {"KeyId": off})
        return {"key": key, "old": old, "new": new, "signer": signer, "sig": sig, "off": off}

    def check_state(self, s, st):
        d = self.call(s, "Decrypt", {"CiphertextBlob": st["old"], "EncryptionContext": {"app": "it"}})
        self.assertEqual(base64.b64decode(d["Plaintext"]), b"before rotation")
        d = self.call(s, "Decrypt", {"CiphertextBlob": st["new"]})
        self.assertEqual(base64.b64decode(d["Plaintext"]), b"after rotation")
        meta = self.call(s, "DescribeKey", {"KeyId": "alias/kept"})["KeyMetadata"]
        self.assertEqual((meta["KeyId"], meta["Description"]), (st["key"], "kept"))
        tags = self.call(s, "ListResourceTags", {"KeyId": st["key"]})["Tags"]
        self.assertEqual(tags, [{"TagKey": "team", "TagValue": "a"}])
        v = self.call(s, "Verify", {"KeyId": st["signer"], "Message": b64(b"m"), "Signature": st["sig"],
                                    "SigningAlgorithm": "ECDSA_SHA_256"})
        self.assertTrue(v["SignatureValid"])
        err = self.call(s, "Encrypt", {"KeyId": st["off"], "Plaintext": b64(b"x")}, expect=400)
        self.assertEqual(err["__type"], "DisabledException")

    def test_state_survives_a_clean_restart(self):
        s = self.server()
        st = self.write_state(s)
        self.assertEqual(s.stop(), 0)
        self.check_state(self.server(), st)

    def test_acknowledged_writes_survive_kill_9(self):
        s = self.server()
        st = self.write_state(s)
        s.stop(sig=signal.SIGKILL)
        self.check_state(self.server(), st)


if __name__ == "__main__":
    h.main()
