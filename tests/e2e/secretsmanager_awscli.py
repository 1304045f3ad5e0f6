#!/usr/bin/python3
"""e2e_secretsmanager_awscli: Secrets Manager through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against
the real binary: create-secret (string and fileb:// binary, with a KMS key), get-secret-value,
put-secret-value (also to AWSPENDING only), update-secret-version-stage (a rollback of AWSCURRENT, with
AWSPREVIOUS following), describe-secret, list-secrets with a filter, list-secret-version-ids,
get-random-password, delete-secret and restore-secret, and the exit code of an error."""
import base64
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def staging(aws, checks, v1, v2):
    """cli/db holds v1 ("one", AWSPREVIOUS) and v2 ("two", AWSCURRENT). A value put to AWSPENDING
    leaves AWSCURRENT where it is (the rotation's createSecret step); moving AWSCURRENT back to v1 is
    a rollback, and AWSPREVIOUS follows to the version AWSCURRENT left (UpdateSecretVersionStage docs)."""
    sm = ["secretsmanager"]

    def value(stage):
        return aws(f"get {stage}", [*sm, "get-secret-value", "--secret-id", "cli/db", "--version-stage", stage]
                   ).get("SecretString")

    def stages():
        return aws("describe-secret", [*sm, "describe-secret", "--secret-id", "cli/db"]).get("VersionIdsToStages", {})

    pending = aws("put-secret-value AWSPENDING", [*sm, "put-secret-value", "--secret-id", "cli/db",
                                                  "--secret-string", '{"password":"three"}',
                                                  "--version-stages", "AWSPENDING"])
    checks.eq(pending.get("VersionStages"), ["AWSPENDING"], "put-secret-value answers only AWSPENDING")
    v3 = pending.get("VersionId", "missing")
    checks.eq(value("AWSPENDING"), '{"password":"three"}', "the pending value")
    checks.eq(value("AWSCURRENT"), '{"password":"two"}', "AWSCURRENT unchanged by a pending value")
    checks.eq(stages(), {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"], v3: ["AWSPENDING"]}, "labels after AWSPENDING")

    aws("update-secret-version-stage rollback", [*sm, "update-secret-version-stage", "--secret-id", "cli/db",
                                                 "--version-stage", "AWSCURRENT", "--move-to-version-id", v1,
                                                 "--remove-from-version-id", v2])
    checks.eq(value("AWSCURRENT"), '{"password":"one"}', "AWSCURRENT after the rollback")
    checks.eq(value("AWSPREVIOUS"), '{"password":"two"}', "AWSPREVIOUS follows to the version AWSCURRENT left")
    checks.eq(stages(), {v1: ["AWSCURRENT"], v2: ["AWSPREVIOUS"], v3: ["AWSPENDING"]}, "labels after the rollback")
    # AWSCURRENT is attached to v1, so naming another version to remove it from is refused.
    r = aws("update-secret-version-stage from the wrong version", [
        *sm, "update-secret-version-stage", "--secret-id", "cli/db", "--version-stage", "AWSCURRENT",
        "--move-to-version-id", v3, "--remove-from-version-id", v2], want_rc=254)
    checks.check("InvalidParameterException" in r.stderr, "the CLI reports InvalidParameterException",
                 r.stderr[-500:])
    checks.eq(value("AWSCURRENT"), '{"password":"one"}', "AWSCURRENT unchanged by a refused move")


def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    checks = harness.Checks("e2e_secretsmanager_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "secretsmanager,kms")) as emu:
        env = harness.client_env(emu.tmp.name)

        aws = harness.awscli_json(AWS, emu, env, checks)

        sm = ["secretsmanager"]
        key = aws("kms create-key", ["kms", "create-key"]).get("KeyMetadata", {}).get("Arn", "missing")
        created = aws("create-secret", [*sm, "create-secret", "--name", "cli/db", "--description", "from the cli",
                                        "--secret-string", '{"password":"one"}', "--kms-key-id", key,
                                        "--tags", "Key=team,Value=cli"])
        arn = created.get("ARN", "missing")
        checks.check(arn.startswith("arn:aws:secretsmanager:us-east-1:000000000000:secret:cli/db-"),
                     "create-secret answers the ARN", arn)
        got = aws("get-secret-value", [*sm, "get-secret-value", "--secret-id", "cli/db"])
        checks.eq(got.get("SecretString"), '{"password":"one"}', "get-secret-value")
        checks.eq(got.get("VersionStages"), ["AWSCURRENT"], "VersionStages")
        put = aws("put-secret-value", [*sm, "put-secret-value", "--secret-id", arn,
                                       "--secret-string", '{"password":"two"}'])
        prev = aws("get AWSPREVIOUS", [*sm, "get-secret-value", "--secret-id", "cli/db",
                                       "--version-stage", "AWSPREVIOUS"])
        checks.eq(prev.get("SecretString"), '{"password":"one"}', "the previous value")
        d = aws("describe-secret", [*sm, "describe-secret", "--secret-id", "cli/db"])
        checks.eq(d.get("KmsKeyId"), key, "describe-secret KmsKeyId")
        checks.eq(d.get("VersionIdsToStages", {}).get(put.get("VersionId", "")), ["AWSCURRENT"],
                  "the new version is current")
        checks.eq(d.get("Tags"), [{"Key": "team", "Value": "cli"}], "tags")

        blob = os.path.join(emu.tmp.name, "cert.der")
        with open(blob, "wb") as f:
            f.write(bytes(range(256)))
        aws("create-secret binary", [*sm, "create-secret", "--name", "cli/cert", "--secret-binary", f"fileb://{blob}"])
        b = aws("get binary", [*sm, "get-secret-value", "--secret-id", "cli/cert"])
        checks.eq(base64.b64decode(b.get("SecretBinary", "")), bytes(range(256)), "binary round trip")

        listed = aws("list-secrets", [*sm, "list-secrets", "--filters", "Key=name,Values=cli/"])
        checks.eq(sorted(s["Name"] for s in listed.get("SecretList", [])), ["cli/cert", "cli/db"], "list-secrets")
        versions = aws("list-secret-version-ids", [*sm, "list-secret-version-ids", "--secret-id", "cli/db"])
        checks.eq(len(versions.get("Versions", [])), 2, "two labelled versions")
        staging(aws, checks, created.get("VersionId", "missing"), put.get("VersionId", "missing"))
        pw = aws("get-random-password", [*sm, "get-random-password", "--password-length", "20",
                                         "--exclude-punctuation", "--require-each-included-type"])
        p = pw.get("RandomPassword", "")
        checks.check(len(p) == 20 and p.isalnum(), "get-random-password", p)

        aws("delete-secret", [*sm, "delete-secret", "--secret-id", "cli/cert", "--recovery-window-in-days", "7"])
        r = aws("get a deleted secret", [*sm, "get-secret-value", "--secret-id", "cli/cert"], want_rc=254)
        checks.check("InvalidRequestException" in r.stderr and "marked for deletion" in r.stderr,
                     "the CLI reports InvalidRequestException", r.stderr[-500:])
        aws("restore-secret", [*sm, "restore-secret", "--secret-id", "cli/cert"])
        aws("get after restore", [*sm, "get-secret-value", "--secret-id", "cli/cert"])
        r = aws("a missing secret", [*sm, "describe-secret", "--secret-id", "cli/none"], want_rc=254)
        checks.check("ResourceNotFoundException" in r.stderr and "can't find the specified secret" in r.stderr,
                     "the CLI reports ResourceNotFoundException", r.stderr[-500:])
        emu.finish(checks)


if __name__ == "__main__":
    main()
