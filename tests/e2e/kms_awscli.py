#!/usr/bin/python3
"""e2e_kms_awscli: KMS through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real binary:
create-key, an alias, encrypt and decrypt through fileb:// blobs, envelope encryption with a data key
(a file encrypted by the openssl command line), signatures made by `kms sign` and checked by openssl
against the key from get-public-key, describe-key, list-keys and the exit code of an error."""
import base64
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def envelope(aws, openssl, tmp, checks):
    """generate-data-key, a file encrypted locally with the plaintext key, then decrypted with the key
    `kms decrypt` recovers from the CiphertextBlob alone."""
    dk = aws("generate-data-key", ["kms", "generate-data-key", "--key-id", "alias/cli", "--key-spec", "AES_256",
                                   "--encryption-context", "purpose=envelope"])
    key = base64.b64decode(dk.get("Plaintext", ""))
    checks.eq(len(key), 32, "AES_256 data key length")
    document = write(os.path.join(tmp, "document"), os.urandom(50_000) + b"the end")  # not whole AES blocks
    iv = os.urandom(16).hex()
    sealed = os.path.join(tmp, "document.enc")
    openssl("encrypts with the data key", ["enc", "-aes-256-cbc", "-K", key.hex(), "-iv", iv,
                                          "-in", document, "-out", sealed])
    del key  # what an envelope keeps: the sealed file and the CiphertextBlob
    blob = write(os.path.join(tmp, "data-key.bin"), base64.b64decode(dk.get("CiphertextBlob", "")))
    dec = aws("decrypt the data key", ["kms", "decrypt", "--ciphertext-blob", f"fileb://{blob}",
                                       "--encryption-context", "purpose=envelope"])
    unwrapped = base64.b64decode(dec.get("Plaintext", ""))
    checks.check(dec.get("KeyId", "").endswith(dk.get("KeyId", "missing")), "decrypt names the data key's key",
                 repr(dec.get("KeyId")))
    opened = os.path.join(tmp, "document.out")
    openssl("decrypts with the unwrapped key", ["enc", "-d", "-aes-256-cbc", "-K", unwrapped.hex(), "-iv", iv,
                                               "-in", sealed, "-out", opened])
    checks.check(read(opened) == read(document), "the file decrypts with the unwrapped key", "different bytes")
    checks.check(read(document)[:64] not in read(sealed), "the encrypted file is not the plaintext")


def signatures(aws, openssl, tmp, checks):
    """`kms sign` of a RAW message given as fileb://, checked by openssl with the DER public key that
    get-public-key exports; a changed message must not verify."""
    msg = write(os.path.join(tmp, "msg"), b"signed by kms sign, checked by openssl dgst")
    changed = write(os.path.join(tmp, "msg-changed"), b"signed by kms sign, checked by openssl dgst!")
    for spec, alg, pss in (("ECC_NIST_P256", "ECDSA_SHA_256", False), ("RSA_2048", "RSASSA_PSS_SHA_256", True)):
        key = aws(f"create-key {spec}", ["kms", "create-key", "--key-spec", spec, "--key-usage", "SIGN_VERIFY"]
                  ).get("KeyMetadata", {}).get("KeyId", "missing")
        sig = aws(f"sign {alg}", ["kms", "sign", "--key-id", key, "--message", f"fileb://{msg}",
                                  "--message-type", "RAW", "--signing-algorithm", alg])
        checks.eq(sig.get("SigningAlgorithm"), alg, f"sign answers {alg}")
        sig_bin = write(os.path.join(tmp, f"{spec}.sig"), base64.b64decode(sig.get("Signature", "")))
        pub = aws(f"get-public-key {spec}", ["kms", "get-public-key", "--key-id", key])
        checks.check(alg in pub.get("SigningAlgorithms", []), f"get-public-key lists {alg}",
                     repr(pub.get("SigningAlgorithms")))
        der = write(os.path.join(tmp, f"{spec}.der"), base64.b64decode(pub.get("PublicKey", "")))
        pem = os.path.join(tmp, f"{spec}.pem")
        openssl(f"reads the DER public key ({spec})", ["pkey", "-pubin", "-inform", "DER", "-in", der, "-out", pem])
        # KMS's PSS salt is as long as the digest (-1), not openssl's default (the largest possible).
        options = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1"] if pss else []
        ok = openssl(f"dgst verifies {alg}", ["dgst", "-sha256", *options, "-verify", pem, "-signature", sig_bin, msg])
        checks.check(b"Verified OK" in ok.stdout, f"openssl says Verified OK ({alg})", repr(ok.stdout))
        bad = openssl(f"dgst refuses a changed message ({alg})",
                      ["dgst", "-sha256", *options, "-verify", pem, "-signature", sig_bin, changed], want_rc=1)
        checks.check(b"Verification failure" in bad.stdout, f"openssl says Verification failure ({alg})",
                     repr(bad.stdout))


def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    harness.require_openssl()
    checks = harness.Checks("e2e_kms_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "kms")) as emu:
        env = harness.client_env(emu.tmp.name)

        aws = harness.awscli_json(AWS, emu, env, checks)

        def openssl(label, argv, want_rc=0):
            return harness.openssl(checks, label, argv, want_rc=want_rc)

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
        envelope(aws, openssl, emu.tmp.name, checks)
        signatures(aws, openssl, emu.tmp.name, checks)
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
