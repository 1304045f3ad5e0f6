#!/usr/bin/python3
"""e2e_boto3: Debian's boto3 (1.26, run by /usr/bin/python3) against the real cloudemu binary.

No AWS service plugin exists yet, so every AWS call must come back as the SDK's normal ClientError
for the host's own answer: code NotImplemented, HTTP 501, a request id from our headers, no retry.
Also the LocalStack-style health check, read with urllib only.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    with harness.Emulator(args.cloudemu, args.plugin_dir) as emu:
        # LocalStack-style health check, as scripts poll it before running tests.
        status, headers, doc = harness.http_get_json(emu.endpoint + "/_localstack/health")
        checks.eq(status, 200, "GET /_localstack/health status")
        checks.check(isinstance(doc.get("services"), dict), "health has a 'services' object", repr(doc))
        checks.check(all(v in ("running", "available", "disabled", "error") for v in doc.get("services", {}).values()),
                     "health service states use LocalStack's words", repr(doc.get("services")))
        checks.check(isinstance(doc.get("version"), str) and doc["version"] != "", "health has a version", repr(doc))
        checks.check(isinstance(doc.get("edition"), str), "health has an edition", repr(doc))
        status, _, doc2 = harness.http_get_json(emu.endpoint + "/_cloudemu/health")
        checks.eq(status, 200, "GET /_cloudemu/health status")

        session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                        aws_secret_access_key="any-secret", region_name="us-east-1")
        config = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                        s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=10)

        def client(name):
            return session.client(name, endpoint_url=emu.endpoint, config=config)

        raw = {}

        def keep_raw(http_response, **_):
            raw["status"] = http_response.status_code
            raw["body"] = http_response.content
            raw["headers"] = http_response.headers

        def expect_not_implemented(label, call, code="NotImplemented", body_expected=True):
            raw.clear()
            try:
                call()
            except ClientError as e:
                meta = e.response.get("ResponseMetadata", {})
                err = e.response.get("Error", {})
                checks.eq(err.get("Code"), code, f"{label}: error code")
                checks.eq(meta.get("HTTPStatusCode"), 501, f"{label}: HTTP status")
                # botocore treats a 5xx with an empty body (our HEAD answer) as a generic error and
                # leaves RequestId out of the metadata; the header is still there.
                rid = meta.get("RequestId", "") if body_expected else meta.get("HTTPHeaders", {}).get(
                    "x-amz-request-id", "")
                checks.check(len(rid) >= 16, f"{label}: request id from our headers", repr(meta))
                checks.eq(meta.get("RetryAttempts"), 0, f"{label}: retry attempts")
                if body_expected:
                    checks.check("No service plugin" in err.get("Message", ""), f"{label}: host's message",
                                 repr(err))
                else:
                    checks.eq(raw.get("body"), b"", f"{label}: HEAD response has no body")
                return e
            except Exception as e:  # a transport error or a parse failure is a failure, not a pass
                checks.check(False, f"{label}: raises ClientError", f"{type(e).__name__}: {e}")
                return None
            checks.check(False, f"{label}: raises ClientError", "the call succeeded")
            return None

        s3 = client("s3")
        s3.meta.events.register("after-call.s3.*", keep_raw)
        expect_not_implemented("s3 ListBuckets", lambda: s3.list_buckets())
        expect_not_implemented("s3 PutObject (body)",
                               lambda: s3.put_object(Bucket="bucket", Key="dir/key.txt", Body=b"x" * 70000))
        expect_not_implemented("s3 HeadObject", lambda: s3.head_object(Bucket="bucket", Key="dir/key.txt"),
                               code="501", body_expected=False)
        e = expect_not_implemented("s3 GetObject", lambda: s3.get_object(Bucket="bucket", Key="k"))
        if e is not None:
            checks.check(e.response["ResponseMetadata"]["HTTPHeaders"].get("x-amz-id-2", "") != "",
                         "s3 GetObject: x-amz-id-2 header present")

        ddb = client("dynamodb")
        expect_not_implemented("dynamodb ListTables", lambda: ddb.list_tables())

        sqs = client("sqs")
        checks.eq(sqs.meta.service_model.protocol, "query", "boto3 1.26 SQS protocol")
        expect_not_implemented("sqs ListQueues (query)", lambda: sqs.list_queues())

        sts = client("sts")
        expect_not_implemented("sts GetCallerIdentity (query)", lambda: sts.get_caller_identity())

        # After all that, the admin API still answers on a fresh connection.
        status, _, _ = harness.http_get_json(emu.endpoint + "/_cloudemu/health")
        checks.eq(status, 200, "health after the SDK calls")
        emu.finish(checks)


if __name__ == "__main__":
    main()
