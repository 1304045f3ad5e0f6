#!/usr/bin/python3
"""e2e_kms_awscli: KMS through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real binary:
create-key, an alias, encrypt and decrypt through fileb:// blobs, describe-key, list-keys and the
exit code of an error."""
import base64
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    checks = harness.Checks("e2e_kms_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "kms")) as emu:
        env = harness.client_env(emu.tmp.name)

        aws = harness.awscli_json(AWS, emu, env, checks)

        meta = aws("create-key", ["kms", "create-key", "--description", "cli key"]).get("KeyMetadata", {})
        key = meta.get("KeyId", "missing")
        checks.eq(meta.get("KeySpec"), "SYMMETRIC_DEFAULT", "create-key output")
        aws("create-alias", ["kms", "create-alias", "--alias-name", "alias/cli", "--target-key-id", key])
        plain = os.path.join(emu.tmp.name, "plain.txt")
        with open(plain, "wb") as f:
            f.write(b"secret from the cli")
        enc = aws("encrypt", ["kms", "encrypt", "--key-id", "alias/cli", "--plaintext", f"fileb://{plain}",
                              "--encryption-context", "app=cli"])
        blob = os.path.join(emu.tmp.name, "blob.bin")
        with open(blob, "wb") as f:
            f.write(base64.b64decode(enc.get("CiphertextBlob", "")))
        dec = aws("decrypt", ["kms", "decrypt", "--ciphertext-blob", f"fileb://{blob}",
                              "--encryption-context", "app=cli"])
        checks.eq(base64.b64decode(dec.get("Plaintext", "")), b"secret from the cli", "decrypt gives the plaintext")
        d = aws("describe-key", ["kms", "describe-key", "--key-id", "alias/cli"])
        checks.eq(d.get("KeyMetadata", {}).get("Description"), "cli key", "describe-key by alias")
        keys = aws("list-keys", ["kms", "list-keys"]).get("Keys", [])
        checks.check(any(k.get("KeyId") == key for k in keys), "list-keys lists the key", repr(keys))
        aws("disable-key", ["kms", "disable-key", "--key-id", key])
        r = aws("encrypt with a disabled key", ["kms", "encrypt", "--key-id", key, "--plaintext",
                                                f"fileb://{plain}"], want_rc=254)
        checks.check("DisabledException" in r.stderr, "the CLI reports DisabledException", r.stderr[-500:])
        emu.finish(checks)


if __name__ == "__main__":
    main()
