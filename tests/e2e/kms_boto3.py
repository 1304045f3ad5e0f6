#!/usr/bin/python3
"""e2e_kms_boto3: KMS through Debian's boto3 (1.26, /usr/bin/python3) against the real binary:
envelope encryption with a data key, signatures made by KMS and checked by the openssl command line
against the exported public key, aliases, the errors of a disabled key, and no key material in the
server's log at its most verbose."""
import base64
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")


def kms_client(endpoint):
    session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                    aws_secret_access_key="any-secret", region_name="us-east-1")
    cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=60)
    return session.client("kms", endpoint_url=endpoint, config=cfg)


class KmsTests:
    def __init__(self, emu, checks, args):
        self.c = checks
        self.emu = emu
        self.args = args
        self.kms = kms_client(emu.endpoint)
        self.tmp = tempfile.TemporaryDirectory(prefix="ce-e2e-kms-")

    def ok(self, label, call):
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, message=None):
        """Every KMS client error is an HTTP 400."""
        return harness.expect_error(self.c, label, call, code, 400, message)

    def eq(self, actual, expected, what):
        return self.c.eq(actual, expected, what)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def openssl(self, label, argv, stdin=None, want_rc=0):
        return harness.openssl(self.c, label, argv, stdin, want_rc)

    # ---- keys and envelope encryption ---------------------------------------------------
    def envelope(self):
        kms = self.kms
        r = self.ok("create_key", lambda: kms.create_key(Description="e2e envelope",
                                                         Tags=[{"TagKey": "team", "TagValue": "e2e"}]))
        if not r:
            return
        meta = r["KeyMetadata"]
        key = meta["KeyId"]
        self.eq(meta["Arn"], f"arn:aws:kms:us-east-1:000000000000:key/{key}", "KeyMetadata.Arn")
        self.eq(meta["KeySpec"], "SYMMETRIC_DEFAULT", "KeyMetadata.KeySpec")
        self.eq(meta["KeyState"], "Enabled", "KeyMetadata.KeyState")
        ctx = {"file": "report.pdf"}
        dk = self.ok("generate_data_key", lambda: kms.generate_data_key(KeyId=key, KeySpec="AES_256",
                                                                        EncryptionContext=ctx))
        if dk:
            self.eq(len(dk["Plaintext"]), 32, "data key length")
            # The envelope itself: data encrypted locally with the plaintext key (which is then
            # dropped), read back with the key KMS unwraps from CiphertextBlob.
            document = os.urandom(100_000) + b"the end"  # not a whole number of AES blocks
            iv = os.urandom(16)
            with open(self.path("document"), "wb") as f:
                f.write(document)
            self.openssl("encrypts with the data key", [
                "enc", "-aes-256-cbc", "-K", dk["Plaintext"].hex(), "-iv", iv.hex(),
                "-in", self.path("document"), "-out", self.path("document.enc")])
            back = self.ok("decrypt the data key", lambda: kms.decrypt(CiphertextBlob=dk["CiphertextBlob"],
                                                                       EncryptionContext=ctx))
            if back:
                self.eq(back["Plaintext"], dk["Plaintext"], "decrypted data key == plaintext data key")
                self.eq(back["KeyId"], meta["Arn"], "Decrypt names the key")
                self.openssl("decrypts with the unwrapped key", [
                    "enc", "-d", "-aes-256-cbc", "-K", back["Plaintext"].hex(), "-iv", iv.hex(),
                    "-in", self.path("document.enc"), "-out", self.path("document.out")])
                with open(self.path("document.enc"), "rb") as f:
                    sealed = f.read()
                with open(self.path("document.out"), "rb") as f:
                    self.c.check(f.read() == document, "the document decrypts with the unwrapped key",
                                 "different bytes")
                self.c.check(document[:64] not in sealed, "the encrypted document is not the plaintext")
            self.error("decrypt with another context", lambda: kms.decrypt(
                CiphertextBlob=dk["CiphertextBlob"], EncryptionContext={"file": "other"}),
                "InvalidCiphertextException")
        enc = self.ok("encrypt", lambda: kms.encrypt(KeyId=key, Plaintext=b"hello kms"))
        if enc:
            dec = self.ok("decrypt without KeyId", lambda: kms.decrypt(CiphertextBlob=enc["CiphertextBlob"]))
            if dec:
                self.eq(dec["Plaintext"], b"hello kms", "round trip")
        pair = self.ok("generate_data_key_pair", lambda: kms.generate_data_key_pair(
            KeyId=key, KeyPairSpec="ECC_NIST_P256"))
        if pair:
            self.eq(pair["KeyPairSpec"], "ECC_NIST_P256", "KeyPairSpec")
            priv = self.ok("decrypt the private key", lambda: kms.decrypt(
                CiphertextBlob=pair["PrivateKeyCiphertextBlob"]))
            if priv:
                self.eq(priv["Plaintext"], pair["PrivateKeyPlaintext"], "private key round trip")
            with open(self.path("pair.der"), "wb") as f:
                f.write(pair["PrivateKeyPlaintext"])
            self.openssl("reads the PKCS#8 private key", ["pkey", "-inform", "DER", "-in", self.path("pair.der"),
                                                          "-noout"])
        rnd = self.ok("generate_random", lambda: kms.generate_random(NumberOfBytes=64))
        if rnd:
            self.eq(len(rnd["Plaintext"]), 64, "random length")
        self.key = key

    # ---- signatures checked by openssl ----------------------------------------------------
    def signatures(self):
        kms = self.kms
        message = b"sign me, then let openssl check it"
        with open(self.path("msg"), "wb") as f:
            f.write(message)
        for spec, alg in (("ECC_NIST_P256", "ECDSA_SHA_256"), ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256"),
                          ("RSA_2048", "RSASSA_PSS_SHA_256")):
            r = self.ok(f"create_key {spec}", lambda: kms.create_key(KeySpec=spec, KeyUsage="SIGN_VERIFY"))
            if not r:
                continue
            key = r["KeyMetadata"]["KeyId"]
            pub = self.ok(f"get_public_key {spec}", lambda: kms.get_public_key(KeyId=key))
            sig = self.ok(f"sign {alg}", lambda: kms.sign(KeyId=key, Message=message, MessageType="RAW",
                                                          SigningAlgorithm=alg))
            if not pub or not sig:
                continue
            with open(self.path("pub.der"), "wb") as f:
                f.write(pub["PublicKey"])
            with open(self.path("sig"), "wb") as f:
                f.write(sig["Signature"])
            self.openssl("DER to PEM", ["pkey", "-pubin", "-inform", "DER", "-in", self.path("pub.der"),
                                        "-out", self.path("pub.pem")])
            if alg.startswith("RSASSA_PSS"):
                digest = self.openssl("dgst", ["dgst", "-sha256", "-binary", self.path("msg")]).stdout
                with open(self.path("digest"), "wb") as f:
                    f.write(digest)
                r = self.openssl(f"pkeyutl verifies {alg}", [
                    "pkeyutl", "-verify", "-pubin", "-inkey", self.path("pub.pem"), "-in", self.path("digest"),
                    "-sigfile", self.path("sig"), "-pkeyopt", "digest:sha256", "-pkeyopt", "rsa_padding_mode:pss",
                    "-pkeyopt", "rsa_pss_saltlen:-1"])
            else:
                r = self.openssl(f"dgst verifies {alg}", ["dgst", "-sha256", "-verify", self.path("pub.pem"),
                                                          "-signature", self.path("sig"), self.path("msg")])
            self.c.check(b"Verified" in r.stdout or b"Success" in r.stdout, f"openssl says verified ({alg})",
                         repr(r.stdout))
            v = self.ok(f"verify {alg}", lambda: kms.verify(KeyId=key, Message=message, Signature=sig["Signature"],
                                                           SigningAlgorithm=alg))
            if v:
                self.eq(v["SignatureValid"], True, "SignatureValid")
            self.error(f"verify a changed message {alg}", lambda: kms.verify(
                KeyId=key, Message=message + b"!", Signature=sig["Signature"], SigningAlgorithm=alg),
                "KMSInvalidSignatureException")

    # ---- aliases ---------------------------------------------------------------------------
    def aliases(self):
        kms = self.kms
        key = getattr(self, "key", None)
        if key is None:
            self.c.check(False, "aliases: a key from envelope()")
            return
        self.ok("create_alias", lambda: kms.create_alias(AliasName="alias/e2e", TargetKeyId=key))
        d = self.ok("describe_key by alias", lambda: kms.describe_key(KeyId="alias/e2e"))
        if d:
            self.eq(d["KeyMetadata"]["KeyId"], key, "alias resolves")
        enc = self.ok("encrypt by alias ARN", lambda: kms.encrypt(
            KeyId="arn:aws:kms:us-east-1:000000000000:alias/e2e", Plaintext=b"x"))
        self.c.check(enc is not None and enc["KeyId"].endswith(key), "encrypt by alias names the key")
        names = [a["AliasName"] for a in kms.list_aliases()["Aliases"]]
        self.c.check("alias/e2e" in names, "list_aliases shows alias/e2e", repr(names))
        self.error("create_alias again", lambda: kms.create_alias(AliasName="alias/e2e", TargetKeyId=key),
                   "AlreadyExistsException",
                   "An alias with the name arn:aws:kms:us-east-1:000000000000:alias/e2e already exists")
        self.error("alias without prefix", lambda: kms.create_alias(AliasName="e2e2", TargetKeyId=key),
                   "ValidationException")
        self.ok("delete_alias", lambda: kms.delete_alias(AliasName="alias/e2e"))
        self.error("describe a deleted alias", lambda: kms.describe_key(KeyId="alias/e2e"), "NotFoundException",
                   "Alias 'arn:aws:kms:us-east-1:000000000000:alias/e2e' is not found.")

    # ---- key states ------------------------------------------------------------------------
    def states(self):
        kms = self.kms
        r = self.ok("create_key for states", lambda: kms.create_key())
        if not r:
            return
        key, arn = r["KeyMetadata"]["KeyId"], r["KeyMetadata"]["Arn"]
        self.ok("disable_key", lambda: kms.disable_key(KeyId=key))
        self.error("encrypt with a disabled key", lambda: kms.encrypt(KeyId=key, Plaintext=b"x"),
                   "DisabledException", f"{arn} is disabled.")
        self.ok("enable_key", lambda: kms.enable_key(KeyId=key))
        self.ok("encrypt again", lambda: kms.encrypt(KeyId=key, Plaintext=b"x"))
        s = self.ok("schedule_key_deletion", lambda: kms.schedule_key_deletion(KeyId=key, PendingWindowInDays=7))
        if s:
            self.eq(s["KeyState"], "PendingDeletion", "KeyState after scheduling")
        self.error("encrypt with a key pending deletion", lambda: kms.encrypt(KeyId=key, Plaintext=b"x"),
                   "KMSInvalidStateException", f"{arn} is pending deletion.")
        self.ok("cancel_key_deletion", lambda: kms.cancel_key_deletion(KeyId=key))
        d = kms.describe_key(KeyId=key)["KeyMetadata"]
        self.eq(d["KeyState"], "Disabled", "KeyState after cancelling")
        self.ok("enable_key", lambda: kms.enable_key(KeyId=key))
        self.ok("enable_key_rotation", lambda: kms.enable_key_rotation(KeyId=key))
        st = self.ok("get_key_rotation_status", lambda: kms.get_key_rotation_status(KeyId=key))
        if st:
            self.eq(st["KeyRotationEnabled"], True, "KeyRotationEnabled")
        self.error("describe a missing key", lambda: kms.describe_key(KeyId="11111111-2222-4333-8444-555555555555"),
                   "NotFoundException",
                   "Key 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-4333-8444-555555555555' does not exist")
        keys = [k["KeyId"] for k in kms.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 2})
                .build_full_result()["Keys"]]
        self.c.check(key in keys, "list_keys paginator finds the key", repr(keys))

    # ---- key material never logged ----------------------------------------------------------
    def no_key_material_logged(self):
        """A second server at the most verbose log level with the access log on: after the calls that
        carry key material, no plaintext data key, private key or Encrypt payload is in its output
        (stdout and stderr, which the harness captures in one file) as raw bytes, base64 or hex."""
        extra = ("--services", "kms", "--log-level", "debug", "--access-log", "on")
        secrets = {}  # what -> bytes that must not reach the log

        def keep(what, data):
            if data:
                secrets[what] = data

        with harness.Emulator(self.args.cloudemu, self.args.plugin_dir, extra=extra) as loud:
            kms = kms_client(loud.endpoint)
            r = self.ok("log: create_key SYMMETRIC_DEFAULT", lambda: kms.create_key(Description="log check"))
            key = r["KeyMetadata"]["KeyId"] if r else None
            if key:
                dk = self.ok("log: generate_data_key", lambda: kms.generate_data_key(KeyId=key, KeySpec="AES_256"))
                if dk:
                    keep("GenerateDataKey Plaintext", dk["Plaintext"])
                    back = self.ok("log: decrypt the data key", lambda: kms.decrypt(CiphertextBlob=dk["CiphertextBlob"]))
                    if back:
                        keep("Decrypt Plaintext (data key)", back["Plaintext"])
                payload = b"ce-e2e-SECRET-payload-7f3a9c1e-do-not-log"
                keep("Encrypt payload", payload)
                enc = self.ok("log: encrypt", lambda: kms.encrypt(KeyId=key, Plaintext=payload,
                                                                  EncryptionContext={"purpose": "log check"}))
                if enc:
                    dec = self.ok("log: decrypt", lambda: kms.decrypt(CiphertextBlob=enc["CiphertextBlob"],
                                                                      EncryptionContext={"purpose": "log check"}))
                    if dec:
                        keep("Decrypt Plaintext (payload)", dec["Plaintext"])
                    self.error("log: decrypt with another context", lambda: kms.decrypt(
                        CiphertextBlob=enc["CiphertextBlob"], EncryptionContext={"purpose": "other"}),
                        "InvalidCiphertextException")
                binary = bytes(range(256)) + b"ce-e2e-binary-secret-5b2d"
                keep("Encrypt binary payload", binary)
                self.ok("log: encrypt a binary payload", lambda: kms.encrypt(KeyId=key, Plaintext=binary))
                # An error path: the payload of a refused Encrypt must not be logged either.
                refused = b"ce-e2e-refused-payload-c81e4d27"
                keep("refused Encrypt payload", refused)
                self.error("log: encrypt with a missing key", lambda: kms.encrypt(
                    KeyId="11111111-2222-4333-8444-555555555555", Plaintext=refused), "NotFoundException")
                for spec in ("ECC_NIST_P256", "RSA_2048"):
                    pair = self.ok(f"log: generate_data_key_pair {spec}", lambda: kms.generate_data_key_pair(
                        KeyId=key, KeyPairSpec=spec))
                    if pair:
                        keep(f"GenerateDataKeyPair {spec} PrivateKeyPlaintext", pair["PrivateKeyPlaintext"])
                        priv = self.ok(f"log: decrypt the {spec} private key", lambda: kms.decrypt(
                            CiphertextBlob=pair["PrivateKeyCiphertextBlob"]))
                        if priv:
                            keep(f"Decrypt Plaintext ({spec} private key)", priv["Plaintext"])
            for spec, alg in (("RSA_2048", "RSASSA_PSS_SHA_256"), ("ECC_NIST_P256", "ECDSA_SHA_256")):
                r = self.ok(f"log: create_key {spec}", lambda: kms.create_key(KeySpec=spec, KeyUsage="SIGN_VERIFY"))
                if not r:
                    continue
                skey = r["KeyMetadata"]["KeyId"]
                self.ok(f"log: get_public_key {spec}", lambda: kms.get_public_key(KeyId=skey))
                self.ok(f"log: sign {alg}", lambda: kms.sign(KeyId=skey, Message=b"log check message",
                                                             MessageType="RAW", SigningAlgorithm=alg))
            self.eq(loud.stop(), 0, "log: the verbose server exits on SIGTERM with status")
            with open(loud.log_path, "rb") as f:
                log = f.read()

        # The log was captured and is the verbose one: one access line per call made above.
        text = log.decode("utf-8", "replace")
        for op in ("CreateKey", "GenerateDataKey", "Encrypt", "Decrypt", "GenerateDataKeyPair", "GetPublicKey",
                   "Sign"):
            self.c.check(f" kms.{op} " in text, f"log: access line for {op}", text[-2000:])
        self.c.check(len(secrets) >= 10, "log: every secret was collected", repr(sorted(secrets)))
        for what, data in sorted(secrets.items()):
            forms = {"base64": base64.b64encode(data), "hex": data.hex().encode(),
                     "HEX": data.hex().upper().encode()}
            if len(data) >= 16:  # raw bytes: only long enough ones, a short run may occur by chance
                forms["raw"] = data
            found = [form for form, needle in forms.items() if needle in log]
            lines = [line for line in log.splitlines() if any(needle in line for needle in forms.values())]
            self.c.check(not found, f"log: {what} not in the server output", f"found as {found}: {lines[:3]!r}")


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_kms_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    harness.require_openssl()
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "kms")) as emu:
        t = KmsTests(emu, checks, args)
        harness.run_parts(checks, emu, (t.envelope, t.signatures, t.aliases, t.states, t.no_key_material_logged))


if __name__ == "__main__":
    main()
