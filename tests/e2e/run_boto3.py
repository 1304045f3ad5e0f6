#!/usr/bin/python3
"""e2e_boto3: Debian's boto3 (1.26, run by /usr/bin/python3) against the real cloudemu binary.

For a service with no plugin (Kinesis and CloudWatch today) every call must come back as the SDK's normal
ClientError for the host's own answer: code NotImplemented, HTTP 501, a request id from our headers,
no retry. Also the LocalStack-style health check, read with urllib only. S3 (a plugin now) is
checked by s3_boto3.py (ctest e2e_s3_boto3).
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

        # The S3 plugin is loaded: the health document says so (the rest of S3 is s3_boto3.py's).
        checks.eq(doc.get("services", {}).get("s3"), "running", "health lists s3 as running")
        checks.check(doc.get("services", {}).get("kinesis") != "running", "health does not claim kinesis is running",
                     repr(doc.get("services")))
        # With every plugin loaded, as users run it: S3 claims the routing fallback, yet a request
        # signed for kinesis/cloudwatch must still get the host's "no plugin" answer.
        no_plugin_checks(emu, checks, "")
        # The same with only example-notes loaded: the host's own answer with no fallback route.
        with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "example-notes")) as bare:
            no_plugin_checks(bare, checks, "[no s3 loaded] ")
            checks.check(bare.alive(), "[no s3 loaded] cloudemu still running")
        # After all that, the admin API still answers on a fresh connection.
        status, _, _ = harness.http_get_json(emu.endpoint + "/_cloudemu/health")
        checks.eq(status, 200, "health after the SDK calls")
        emu.finish(checks)


def no_plugin_checks(emu, checks, tag):
    """Kinesis and CloudWatch have no plugin: each call gets the host's 501 as a normal ClientError."""
    session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                    aws_secret_access_key="any-secret", region_name="us-east-1")
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"},
                    s3={"addressing_style": "path"}, connect_timeout=5, read_timeout=10)

    def client(name):
        return session.client(name, endpoint_url=emu.endpoint, config=config)

    def expect_not_implemented(label, call):
        """A service without a plugin: the host's 501, as the SDK reports it."""
        try:
            call()
        except ClientError as e:
            meta = e.response.get("ResponseMetadata", {})
            err = e.response.get("Error", {})
            checks.eq(err.get("Code"), "NotImplemented", f"{tag}{label}: error code")
            checks.eq(meta.get("HTTPStatusCode"), 501, f"{tag}{label}: HTTP status")
            checks.check(len(meta.get("RequestId", "")) >= 16, f"{tag}{label}: request id from our headers", repr(meta))
            checks.eq(meta.get("RetryAttempts"), 0, f"{tag}{label}: retry attempts")
            checks.check("No service plugin" in err.get("Message", ""), f"{tag}{label}: host's message", repr(err))
            return e
        except Exception as e:  # a transport error or a parse failure is a failure, not a pass
            checks.check(False, f"{tag}{label}: raises ClientError", f"{type(e).__name__}: {e}")
            return None
        checks.check(False, f"{tag}{label}: raises ClientError", "the call succeeded")
        return None

    kinesis = client("kinesis")
    expect_not_implemented("kinesis ListStreams (JSON 1.1)", lambda: kinesis.list_streams())

    # SQS has a plugin now (sqs_boto3.py); CloudWatch is the query-protocol service without one.
    cloudwatch = client("cloudwatch")
    checks.eq(cloudwatch.meta.service_model.protocol, "query", f"{tag}boto3 1.26 CloudWatch protocol")
    expect_not_implemented("cloudwatch ListMetrics (query)", lambda: cloudwatch.list_metrics())


if __name__ == "__main__":
    main()
