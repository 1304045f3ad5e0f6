#!/usr/bin/python3
"""e2e_secretsmanager_boto3: Secrets Manager through Debian's boto3 (1.26, /usr/bin/python3) against
the real binary with the real KMS plugin: a secret through its version lifecycle (labels, rollback,
idempotent retries), envelope encryption with a KMS key (a 60 KiB value, a disabled key), deletion
and restore, paginators, rotation settings, random passwords and the errors AWS answers."""
import os
import string
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")

NOT_FOUND = "Secrets Manager can't find the specified secret."
MARKED = "You can't perform this operation on the secret because it was marked for deletion."
LAMBDA = "arn:aws:lambda:us-east-1:000000000000:function:rotator"


class SecretsTests:
    def __init__(self, emu, checks):
        self.c = checks
        session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                        aws_secret_access_key="any-secret", region_name="us-east-1")
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=60)
        self.sm = session.client("secretsmanager", endpoint_url=emu.endpoint, config=cfg)
        self.kms = session.client("kms", endpoint_url=emu.endpoint, config=cfg)

    def ok(self, label, call):
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, message=None):
        """Every Secrets Manager client error is an HTTP 400."""
        return harness.expect_error(self.c, label, call, code, 400, message)

    def eq(self, actual, expected, what):
        return self.c.eq(actual, expected, what)

    # ---- versions and staging labels ----------------------------------------------------
    def lifecycle(self):
        sm = self.sm
        r = self.ok("create_secret", lambda: sm.create_secret(
            Name="e2e/db", Description="database login", SecretString='{"user":"app","pass":"one"}',
            Tags=[{"Key": "team", "Value": "e2e"}]))
        if not r:
            return
        arn, v1 = r["ARN"], r["VersionId"]
        self.c.check(arn.startswith("arn:aws:secretsmanager:us-east-1:000000000000:secret:e2e/db-")
                     and len(arn) == len("arn:aws:secretsmanager:us-east-1:000000000000:secret:e2e/db-") + 6,
                     "ARN ends in the name and a six-character suffix", arn)
        self.eq(sm.get_secret_value(SecretId="e2e/db")["SecretString"], '{"user":"app","pass":"one"}',
                "get_secret_value by name")
        self.eq(sm.get_secret_value(SecretId=arn)["VersionId"], v1, "get_secret_value by full ARN")
        self.eq(sm.get_secret_value(SecretId=arn[:-7])["ARN"], arn, "get_secret_value by partial ARN")

        v2 = self.ok("put_secret_value", lambda: sm.put_secret_value(
            SecretId="e2e/db", SecretString='{"user":"app","pass":"two"}'))["VersionId"]
        d = sm.describe_secret(SecretId="e2e/db")
        self.eq(d["VersionIdsToStages"], {v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"]}, "labels after put")
        self.eq(d["Description"], "database login", "Description")
        self.eq(d["Tags"], [{"Key": "team", "Value": "e2e"}], "Tags")
        self.c.check(d["CreatedDate"].year >= 2024 and "LastChangedDate" in d, "dates are datetimes", repr(d))
        prev = sm.get_secret_value(SecretId="e2e/db", VersionStage="AWSPREVIOUS")
        self.eq(prev["SecretString"], '{"user":"app","pass":"one"}', "AWSPREVIOUS value")

        # The same token and value again is a no-op; another value with that token is refused.
        tok = "11111111-2222-4333-8444-555555555555"
        p = self.ok("put with a token", lambda: sm.put_secret_value(
            SecretId="e2e/db", SecretString="three", ClientRequestToken=tok))
        again = self.ok("the same put again", lambda: sm.put_secret_value(
            SecretId="e2e/db", SecretString="three", ClientRequestToken=tok))
        if p and again:
            self.eq(again["VersionId"], p["VersionId"], "an idempotent retry answers the same version")
        self.error("the token with another value", lambda: sm.put_secret_value(
            SecretId="e2e/db", SecretString="four", ClientRequestToken=tok), "ResourceExistsException")

        # Roll back: AWSCURRENT to v2 again, AWSPREVIOUS follows.
        self.error("moving AWSCURRENT without RemoveFromVersionId", lambda: sm.update_secret_version_stage(
            SecretId="e2e/db", VersionStage="AWSCURRENT", MoveToVersionId=v2), "InvalidParameterException")
        self.ok("update_secret_version_stage", lambda: sm.update_secret_version_stage(
            SecretId="e2e/db", VersionStage="AWSCURRENT", MoveToVersionId=v2, RemoveFromVersionId=tok))
        self.eq(sm.get_secret_value(SecretId="e2e/db")["VersionId"], v2, "AWSCURRENT after the rollback")
        self.eq(sm.get_secret_value(SecretId="e2e/db", VersionStage="AWSPREVIOUS")["VersionId"], tok,
                "AWSPREVIOUS after the rollback")

        pending = self.ok("put with AWSPENDING", lambda: sm.put_secret_value(
            SecretId="e2e/db", SecretString="pending", VersionStages=["AWSPENDING"]))
        self.eq(sm.get_secret_value(SecretId="e2e/db")["VersionId"], v2, "AWSPENDING leaves AWSCURRENT")
        versions = sm.list_secret_version_ids(SecretId="e2e/db")["Versions"]
        self.eq(len(versions), 3, "list_secret_version_ids without deprecated versions")
        # botocore 1.29 has no paginator for it: NextToken by hand.
        pages, token = [], None
        while len(pages) < 5:
            pg = sm.list_secret_version_ids(SecretId="e2e/db", IncludeDeprecated=True, MaxResults=2,
                                            **({"NextToken": token} if token else {}))
            pages.append(pg)
            token = pg.get("NextToken")
            if not token:
                break
        self.eq([len(pg["Versions"]) for pg in pages], [2, 2], "list_secret_version_ids pages of 2")
        if pending:
            self.eq(pages[0]["Versions"][0]["VersionId"], pending["VersionId"], "newest version first")

        b = self.ok("binary secret", lambda: sm.create_secret(Name="e2e/bin", SecretBinary=b"\x00\x01\xfe\xff"))
        if b:
            got = sm.get_secret_value(SecretId="e2e/bin")
            self.eq(got["SecretBinary"], b"\x00\x01\xfe\xff", "SecretBinary round trip")
            self.c.check("SecretString" not in got, "a binary secret has no SecretString")

        self.ok("update_secret description", lambda: sm.update_secret(SecretId="e2e/db", Description="changed"))
        self.eq(sm.describe_secret(SecretId="e2e/db")["Description"], "changed", "description updated")
        u = self.ok("update_secret value", lambda: sm.update_secret(SecretId="e2e/db", SecretString="five"))
        if u:
            self.eq(sm.get_secret_value(SecretId="e2e/db")["VersionId"], u["VersionId"], "update_secret makes AWSCURRENT")

    # ---- encryption through the KMS plugin ----------------------------------------------
    def envelope(self):
        sm, kms = self.sm, self.kms
        key = self.ok("kms create_key", lambda: kms.create_key(Description="secrets"))
        if not key:
            return
        key_arn = key["KeyMetadata"]["Arn"]
        self.ok("kms create_alias", lambda: kms.create_alias(AliasName="alias/secrets", TargetKeyId=key_arn))
        big = "".join(string.ascii_letters[i % 52] for i in range(60 * 1024))  # > KMS Encrypt's 4 KiB
        r = self.ok("create_secret with a KMS key", lambda: sm.create_secret(
            Name="e2e/enc", SecretString=big, KmsKeyId="alias/secrets"))
        if not r:
            return
        self.c.check(sm.get_secret_value(SecretId="e2e/enc")["SecretString"] == big, "60 KiB value decrypted")
        self.eq(sm.describe_secret(SecretId="e2e/enc")["KmsKeyId"], "alias/secrets", "KmsKeyId as given")
        v = sm.list_secret_version_ids(SecretId="e2e/enc")["Versions"][0]
        self.eq(v.get("KmsKeyIds"), [key_arn], "the version names the key that sealed it")
        self.ok("kms disable_key", lambda: kms.disable_key(KeyId=key_arn))
        self.error("get_secret_value with the key disabled", lambda: sm.get_secret_value(SecretId="e2e/enc"),
                   "DecryptionFailure")
        self.error("put_secret_value with the key disabled", lambda: sm.put_secret_value(
            SecretId="e2e/enc", SecretString="x"), "EncryptionFailure")
        self.ok("kms enable_key", lambda: kms.enable_key(KeyId=key_arn))
        self.eq(sm.get_secret_value(SecretId="e2e/enc")["SecretString"][:10], big[:10], "readable again")
        # A new KmsKeyId moves the labelled versions: the old key can go.
        key2 = self.ok("kms create_key 2", lambda: kms.create_key(Description="secrets 2"))
        if key2:
            self.ok("update_secret KmsKeyId", lambda: sm.update_secret(
                SecretId="e2e/enc", KmsKeyId=key2["KeyMetadata"]["KeyId"]))
            self.ok("kms disable the old key", lambda: kms.disable_key(KeyId=key_arn))
            self.c.check(sm.get_secret_value(SecretId="e2e/enc")["SecretString"] == big,
                         "readable under the new key with the old one disabled")
            v = sm.list_secret_version_ids(SecretId="e2e/enc")["Versions"][0]
            self.eq(v.get("KmsKeyIds"), [key2["KeyMetadata"]["Arn"]], "the version names the new key")
        self.error("a key that does not exist", lambda: sm.create_secret(
            Name="e2e/nokey", SecretString="x", KmsKeyId="alias/nothing"), "ResourceNotFoundException")
        self.error("the name was not taken by the failure", lambda: sm.describe_secret(SecretId="e2e/nokey"),
                   "ResourceNotFoundException", NOT_FOUND)

    # ---- deletion -----------------------------------------------------------------------
    def deletion(self):
        sm = self.sm
        sm.create_secret(Name="e2e/old", SecretString="bye")
        self.error("recovery window too short", lambda: sm.delete_secret(SecretId="e2e/old", RecoveryWindowInDays=6),
                   "InvalidParameterException",
                   "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
        d = self.ok("delete_secret", lambda: sm.delete_secret(SecretId="e2e/old", RecoveryWindowInDays=7))
        if d:
            days = (d["DeletionDate"] - sm.describe_secret(SecretId="e2e/old")["DeletedDate"]).days
            self.eq(days, 7, "DeletionDate is 7 days after DeletedDate")
        self.error("get_secret_value of a deleted secret", lambda: sm.get_secret_value(SecretId="e2e/old"),
                   "InvalidRequestException", MARKED)
        names = [s["Name"] for s in sm.list_secrets()["SecretList"]]
        self.c.check("e2e/old" not in names, "list_secrets leaves out deleted secrets", repr(names))
        self.ok("restore_secret", lambda: sm.restore_secret(SecretId="e2e/old"))
        self.eq(sm.get_secret_value(SecretId="e2e/old")["SecretString"], "bye", "restored value")
        self.ok("force delete", lambda: sm.delete_secret(SecretId="e2e/old", ForceDeleteWithoutRecovery=True))
        self.error("gone after a forced delete", lambda: sm.describe_secret(SecretId="e2e/old"),
                   "ResourceNotFoundException", NOT_FOUND)
        self.ok("the name is free again", lambda: sm.create_secret(Name="e2e/old", SecretString="new"))

    # ---- listing ------------------------------------------------------------------------
    def listing(self):
        sm = self.sm
        for i in range(5):
            sm.create_secret(Name=f"e2e/list/{i}", SecretString="v", Tags=[{"Key": "idx", "Value": str(i)}])
        pages = list(sm.get_paginator("list_secrets").paginate(
            Filters=[{"Key": "name", "Values": ["e2e/list/"]}], PaginationConfig={"PageSize": 2}))
        self.eq([len(p["SecretList"]) for p in pages], [2, 2, 1], "list_secrets pages of 2")
        names = [s["Name"] for p in pages for s in p["SecretList"]]
        self.eq(names, [f"e2e/list/{i}" for i in range(5)], "listed in creation order")
        neg = sm.list_secrets(Filters=[{"Key": "name", "Values": ["e2e/list/"]},
                                       {"Key": "tag-value", "Values": ["!3"]}])["SecretList"]
        self.eq(sorted(s["Name"] for s in neg), [f"e2e/list/{i}" for i in (0, 1, 2, 4)], "negated tag filter")
        self.ok("tag_resource", lambda: sm.tag_resource(SecretId="e2e/list/0", Tags=[{"Key": "x", "Value": "y"}]))
        self.ok("untag_resource", lambda: sm.untag_resource(SecretId="e2e/list/0", TagKeys=["idx"]))
        self.eq(sm.describe_secret(SecretId="e2e/list/0")["Tags"], [{"Key": "x", "Value": "y"}], "tags after edits")

    # ---- rotation, policies, passwords, errors ------------------------------------------
    def rest(self):
        sm = self.sm
        sm.create_secret(Name="e2e/rot", SecretString="v")
        self.error("rotate_secret cannot invoke a function", lambda: sm.rotate_secret(
            SecretId="e2e/rot", RotationLambdaARN=LAMBDA, RotationRules={"AutomaticallyAfterDays": 10}),
            "AccessDeniedException")
        d = sm.describe_secret(SecretId="e2e/rot")
        self.eq((d.get("RotationEnabled"), d.get("RotationLambdaARN"), d.get("RotationRules")),
                (True, LAMBDA, {"AutomaticallyAfterDays": 10}), "rotation settings saved")
        # (NextRotationDate is not in botocore 1.29's model: the JS test and the unit tests check it.)
        self.ok("cancel_rotate_secret", lambda: sm.cancel_rotate_secret(SecretId="e2e/rot"))
        self.eq(sm.describe_secret(SecretId="e2e/rot").get("RotationEnabled"), False, "rotation off")

        policy = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":'
                  '{"AWS":"arn:aws:iam::000000000000:root"},"Action":"secretsmanager:*","Resource":"*"}]}')
        self.ok("put_resource_policy", lambda: sm.put_resource_policy(
            SecretId="e2e/rot", ResourcePolicy=policy, BlockPublicPolicy=True))
        self.eq(sm.get_resource_policy(SecretId="e2e/rot").get("ResourcePolicy"), policy, "policy stored")
        self.error("a public policy with BlockPublicPolicy", lambda: sm.put_resource_policy(
            SecretId="e2e/rot", BlockPublicPolicy=True,
            ResourcePolicy='{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}'),
            "PublicPolicyException")
        self.error("a malformed policy", lambda: sm.validate_resource_policy(ResourcePolicy="{nope"),
                   "MalformedPolicyDocumentException")

        pw = self.ok("get_random_password", lambda: sm.get_random_password(
            PasswordLength=40, ExcludePunctuation=True, ExcludeCharacters="0O1l"))
        if pw:
            p = pw["RandomPassword"]
            self.eq(len(p), 40, "password length")
            self.c.check(all(ch.isalnum() and ch not in "0O1l" for ch in p), "password honours the exclusions", p)
            self.c.check(any(ch.isupper() for ch in p) and any(ch.islower() for ch in p)
                         and any(ch.isdigit() for ch in p), "password has every included type", p)
        self.error("a missing secret", lambda: sm.get_secret_value(SecretId="e2e/missing"),
                   "ResourceNotFoundException", NOT_FOUND)
        self.error("a duplicate name", lambda: sm.create_secret(Name="e2e/rot", SecretString="x"),
                   "ResourceExistsException", "The operation failed because the secret e2e/rot already exists.")
        self.error("SecretString and SecretBinary", lambda: sm.create_secret(
            Name="e2e/both", SecretString="x", SecretBinary=b"y"), "InvalidParameterException")


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_secretsmanager_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "secretsmanager,kms")) as emu:
        t = SecretsTests(emu, checks)
        harness.run_parts(checks, emu, (t.lifecycle, t.envelope, t.deletion, t.listing, t.rest))


if __name__ == "__main__":
    main()
