"""Secrets Manager state on LMDB across restarts, with the KMS plugin sealing values: a secret
encrypted with a KMS key still reads after a clean stop and after kill -9 right behind the
acknowledgements (both plugins' records survive: the secret's sealed data key is only useful if
KMS kept its key material), and so do version labels, tags, a default-key secret and a secret
scheduled for deletion. Raw JSON 1.1 requests (unsigned), so this module needs nothing but the
standard library."""
import base64
import json
import shutil
import signal
import tempfile

import cloudemu_harness as h

TOKENS = ["%08d-0000-4000-8000-000000000000" % i for i in range(1, 10)]


class SecretsManagerPersistenceTest(h.ServerTestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="cloudemu-it-sm-")
        self.addCleanup(shutil.rmtree, self.data, True)

    def server(self):
        return self.start_server(["--storage", "lmdb", "--services", "secretsmanager,kms"], data_dir=self.data)

    def call(self, s, target, doc, expect=200):
        status, _, body = s.request("POST", "/", json.dumps(doc).encode(), {
            "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
        self.assertEqual(status, expect, body)
        return json.loads(body)

    def sm(self, s, op, doc, expect=200):
        return self.call(s, "secretsmanager." + op, doc, expect)

    def write_state(self, s):
        key = self.call(s, "TrentService.CreateKey", {})["KeyMetadata"]["Arn"]
        sealed = self.sm(s, "CreateSecret", {"Name": "it/sealed", "SecretString": "before restart",
                                             "KmsKeyId": key, "ClientRequestToken": TOKENS[0],
                                             "Tags": [{"Key": "team", "Value": "it"}]})
        self.sm(s, "PutSecretValue", {"SecretId": "it/sealed", "SecretString": "second",
                                      "ClientRequestToken": TOKENS[1]})
        self.sm(s, "CreateSecret", {"Name": "it/binary", "SecretBinary": base64.b64encode(b"\x00\xff").decode(),
                                    "ClientRequestToken": TOKENS[2]})
        self.sm(s, "CreateSecret", {"Name": "it/deleted", "SecretString": "x", "ClientRequestToken": TOKENS[3]})
        self.sm(s, "DeleteSecret", {"SecretId": "it/deleted", "RecoveryWindowInDays": 7})
        return {"arn": sealed["ARN"], "key": key}

    def check_state(self, s, st):
        current = self.sm(s, "GetSecretValue", {"SecretId": st["arn"]})
        self.assertEqual((current["SecretString"], current["VersionId"]), ("second", TOKENS[1]))
        previous = self.sm(s, "GetSecretValue", {"SecretId": "it/sealed", "VersionStage": "AWSPREVIOUS"})
        self.assertEqual(previous["SecretString"], "before restart")
        d = self.sm(s, "DescribeSecret", {"SecretId": "it/sealed"})
        self.assertEqual(d["KmsKeyId"], st["key"])
        self.assertEqual(d["Tags"], [{"Key": "team", "Value": "it"}])
        self.assertEqual(d["VersionIdsToStages"], {TOKENS[0]: ["AWSPREVIOUS"], TOKENS[1]: ["AWSCURRENT"]})
        b = self.sm(s, "GetSecretValue", {"SecretId": "it/binary"})
        self.assertEqual(base64.b64decode(b["SecretBinary"]), b"\x00\xff")
        err = self.sm(s, "GetSecretValue", {"SecretId": "it/deleted"}, expect=400)
        self.assertEqual(err["__type"], "InvalidRequestException")
        # The key is still KMS's: disabling it makes the sealed secret unreadable.
        self.call(s, "TrentService.DisableKey", {"KeyId": st["key"]})
        err = self.sm(s, "GetSecretValue", {"SecretId": "it/sealed"}, expect=400)
        self.assertEqual(err["__type"], "DecryptionFailure")
        self.call(s, "TrentService.EnableKey", {"KeyId": st["key"]})

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
