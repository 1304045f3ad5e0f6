#!/usr/bin/python3
"""e2e_s3_boto3: S3 behaviour as Debian's boto3 1.26 / botocore 1.29 sees it, against the real binary.

Every check is a behaviour the S3 API reference documents: buckets (create/head/list/delete and
their errors), objects (metadata, awkward keys in path and virtual-hosted style, ranges,
conditional reads and writes, Content-MD5), listing v1/v2 (prefix, delimiter, pagination,
start-after, encoding-type url), versioning, copy, delete-objects, multipart through the transfer
manager, presigned URLs and bucket configuration subresources.
"""
import base64
import hashlib
import os
import socket
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from boto3.s3.transfer import TransferConfig
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")

MiB = 1024 * 1024
VHOST_DOMAIN = "s3.localhost.localstack.cloud"

# Keys that stress the URI encoding of clients and server alike.
AWKWARD_KEYS = [
    "with space.txt", "plus+sign", "percent%20literal", "question?mark", "hash#tag", "amp&eq=semi;",
    "unicode-ü-日本-🎉", "dots/../up", "./dot", "double//slash", "/leading-slash", "trailing/", "tilde~star*",
]


def resolve_vhosts_locally():
    """Virtual-hosted addressing needs <bucket>.s3.localhost.localstack.cloud to reach us; nothing in
    this sandbox's DNS resolves it, so this process maps that domain to 127.0.0.1 itself. boto3
    still builds the virtual-hosted URL and sends (and signs) that Host header unchanged."""
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and (host == VHOST_DOMAIN or host.endswith("." + VHOST_DOMAIN)):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo


class S3Tests:
    def __init__(self, emu, checks):
        self.emu, self.c = emu, checks
        self.session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                             aws_secret_access_key="any-secret", region_name="us-east-1")
        self.raw = {}
        self.s3 = self.client()
        self.vs3 = self.client(addressing="virtual", endpoint=f"http://{VHOST_DOMAIN}:{emu.port}")
        self.eu = self.client(region="eu-west-1")

    def client(self, addressing="path", endpoint=None, region="us-east-1"):
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, s3={"addressing_style": addressing},
                     signature_version="s3v4", connect_timeout=5, read_timeout=30)
        cl = self.session.client("s3", endpoint_url=endpoint or self.emu.endpoint, region_name=region, config=cfg)
        cl.meta.events.register("after-call.s3.*", self.keep_raw)
        return cl

    def keep_raw(self, http_response, model, **_):
        self.raw["status"] = http_response.status_code
        self.raw["headers"] = http_response.headers
        # Reading .content here would drain a streaming body (GetObject) before the caller sees it.
        self.raw["body"] = b"" if model.has_streaming_output else http_response.content

    # ---- helpers -------------------------------------------------------------------------
    def ok(self, label, call):
        """The call must succeed; returns its response (None after a FAIL)."""
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, status):
        """The call must fail as a service error with this code and HTTP status."""
        return harness.expect_error(self.c, label, call, code, status)

    def eq(self, actual, expected, what):
        return self.c.eq(actual, expected, what)

    def check(self, cond, what, detail=""):
        return self.c.check(cond, what, detail)

    def new_bucket(self, name, **kw):
        self.ok(f"create_bucket {name}", lambda: self.s3.create_bucket(Bucket=name, **kw))
        return name

    # ---- buckets -------------------------------------------------------------------------
    def buckets(self):
        s3 = self.s3
        r = self.ok("create_bucket us-east-1", lambda: s3.create_bucket(Bucket="e2e-bkt"))
        if r:
            self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 200, "create_bucket status")
            self.eq(r.get("Location"), "/e2e-bkt", "create_bucket Location")
        # us-east-1 keeps its legacy answer: re-creating your own bucket succeeds (200).
        r = self.ok("create_bucket again in us-east-1 (legacy 200)", lambda: s3.create_bucket(Bucket="e2e-bkt"))
        if r:
            self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 200, "create_bucket again in us-east-1 status")
        eu_cfg = {"LocationConstraint": "eu-west-1"}
        self.ok("create_bucket eu-west-1",
                lambda: self.eu.create_bucket(Bucket="e2e-bkt-eu", CreateBucketConfiguration=eu_cfg))
        self.error("create_bucket again in eu-west-1",
                   lambda: self.eu.create_bucket(Bucket="e2e-bkt-eu", CreateBucketConfiguration=eu_cfg),
                   "BucketAlreadyOwnedByYou", 409)
        r = self.ok("get_bucket_location eu", lambda: self.eu.get_bucket_location(Bucket="e2e-bkt-eu"))
        if r:
            self.eq(r.get("LocationConstraint"), "eu-west-1", "get_bucket_location eu-west-1")
        r = self.ok("get_bucket_location us-east-1", lambda: s3.get_bucket_location(Bucket="e2e-bkt"))
        if r:
            self.eq(r.get("LocationConstraint"), None, "get_bucket_location us-east-1 is null")
        r = self.ok("head_bucket", lambda: s3.head_bucket(Bucket="e2e-bkt"))
        if r:
            self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 200, "head_bucket status")
        r = self.ok("list_buckets", lambda: s3.list_buckets())
        if r:
            names = [b["Name"] for b in r.get("Buckets", [])]
            self.check({"e2e-bkt", "e2e-bkt-eu"} <= set(names), "list_buckets names both buckets", repr(names))
            self.check(all(isinstance(b.get("CreationDate"), datetime) for b in r.get("Buckets", [])),
                       "list_buckets CreationDate is a timestamp", repr(r.get("Buckets")))
            self.check(bool(r.get("Owner", {}).get("ID")), "list_buckets Owner.ID", repr(r.get("Owner")))
        # HEAD has no body: botocore reports the status as the code.
        self.error("head_bucket missing", lambda: s3.head_bucket(Bucket="e2e-no-such-bucket"), "404", 404)
        self.error("list_objects_v2 missing bucket", lambda: s3.list_objects_v2(Bucket="e2e-no-such-bucket"),
                   "NoSuchBucket", 404)
        self.error("delete_bucket missing", lambda: s3.delete_bucket(Bucket="e2e-no-such-bucket"), "NoSuchBucket", 404)
        self.error("put_object into missing bucket",
                   lambda: s3.put_object(Bucket="e2e-no-such-bucket", Key="k", Body=b"x"), "NoSuchBucket", 404)
        # Names botocore's own client-side check lets through but S3's naming rules forbid.
        for bad in ("ab", "Upper-Case-Bucket", "under_score", "e2e..dots", "-starts-with-dash", "192.168.5.4"):
            self.error(f"create_bucket {bad!r}", lambda b=bad: s3.create_bucket(Bucket=b), "InvalidBucketName", 400)
        self.ok("put_object to make the bucket non-empty", lambda: s3.put_object(Bucket="e2e-bkt", Key="x", Body=b"1"))
        self.error("delete_bucket non-empty", lambda: s3.delete_bucket(Bucket="e2e-bkt"), "BucketNotEmpty", 409)
        self.ok("delete_object x", lambda: s3.delete_object(Bucket="e2e-bkt", Key="x"))
        r = self.ok("delete_bucket empty", lambda: s3.delete_bucket(Bucket="e2e-bkt"))
        if r:
            self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 204, "delete_bucket status")
        self.error("head_bucket after delete", lambda: s3.head_bucket(Bucket="e2e-bkt"), "404", 404)
        self.ok("delete_bucket eu", lambda: self.eu.delete_bucket(Bucket="e2e-bkt-eu"))

    # ---- objects -------------------------------------------------------------------------
    def objects(self):
        s3, b = self.s3, self.new_bucket("e2e-obj")
        body = b"hello, object\n" * 100
        md5 = hashlib.md5(body).hexdigest()
        r = self.ok("put_object with metadata", lambda: s3.put_object(
            Bucket=b, Key="docs/readme.txt", Body=body, ContentType="text/plain; charset=utf-8",
            CacheControl="max-age=60", ContentDisposition='attachment; filename="r.txt"',
            Metadata={"color": "blue", "Mixed-Case": "Value With Spaces"}))
        if r:
            self.eq(r.get("ETag"), f'"{md5}"', "put_object ETag is the quoted MD5")
        r = self.ok("get_object", lambda: s3.get_object(Bucket=b, Key="docs/readme.txt"))
        if r:
            self.eq(r["Body"].read(), body, "get_object body")
            self.eq(r.get("ContentType"), "text/plain; charset=utf-8", "get_object ContentType")
            self.eq(r.get("ContentLength"), len(body), "get_object ContentLength")
            self.eq(r.get("CacheControl"), "max-age=60", "get_object CacheControl")
            self.eq(r.get("ContentDisposition"), 'attachment; filename="r.txt"', "get_object ContentDisposition")
            # S3 stores user-defined metadata keys in lower case.
            self.eq(r.get("Metadata"), {"color": "blue", "mixed-case": "Value With Spaces"}, "get_object Metadata")
            self.eq(r.get("ETag"), f'"{md5}"', "get_object ETag")
            self.check(isinstance(r.get("LastModified"), datetime), "get_object LastModified", repr(r.get("LastModified")))
            self.eq(r.get("AcceptRanges"), "bytes", "get_object AcceptRanges")
        r = self.ok("head_object", lambda: s3.head_object(Bucket=b, Key="docs/readme.txt"))
        if r:
            self.eq(r.get("ContentLength"), len(body), "head_object ContentLength")
            self.eq(r.get("Metadata"), {"color": "blue", "mixed-case": "Value With Spaces"}, "head_object Metadata")
            self.eq(r.get("ContentType"), "text/plain; charset=utf-8", "head_object ContentType")
        # Response header overrides on GET.
        r = self.ok("get_object ResponseContentType override", lambda: s3.get_object(
            Bucket=b, Key="docs/readme.txt", ResponseContentType="application/x-test",
            ResponseCacheControl="no-store"))
        if r:
            self.eq(r.get("ContentType"), "application/x-test", "ResponseContentType override")
            self.eq(r.get("CacheControl"), "no-store", "ResponseCacheControl override")
        r = self.ok("put_object without ContentType", lambda: s3.put_object(Bucket=b, Key="no-type", Body=b"x"))
        r = self.ok("head_object without ContentType", lambda: s3.head_object(Bucket=b, Key="no-type"))
        if r:
            self.check(r.get("ContentType") in ("binary/octet-stream", "application/octet-stream"),
                       "default ContentType is octet-stream", repr(r.get("ContentType")))
        r = self.ok("put_object empty body", lambda: s3.put_object(Bucket=b, Key="empty", Body=b""))
        if r:
            self.eq(r.get("ETag"), '"d41d8cd98f00b204e9800998ecf8427e"', "empty object ETag")
        r = self.ok("get_object empty", lambda: s3.get_object(Bucket=b, Key="empty"))
        if r:
            self.eq(r["Body"].read(), b"", "empty object body")
        self.error("get_object missing key", lambda: s3.get_object(Bucket=b, Key="nope"), "NoSuchKey", 404)
        self.error("head_object missing key", lambda: s3.head_object(Bucket=b, Key="nope"), "404", 404)
        r = self.ok("delete_object missing key (idempotent)", lambda: s3.delete_object(Bucket=b, Key="nope"))
        if r:
            self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 204, "delete_object status")
        self.ok("delete_object", lambda: s3.delete_object(Bucket=b, Key="docs/readme.txt"))
        self.error("get_object after delete", lambda: s3.get_object(Bucket=b, Key="docs/readme.txt"), "NoSuchKey", 404)
        self.error("put_object key over 1024 bytes", lambda: s3.put_object(Bucket=b, Key="k" * 1025, Body=b"x"),
                   "KeyTooLongError", 400)

        # Content-MD5: a digest of other bytes is BadDigest; a digest that is not base64 MD5 is InvalidDigest.
        wrong = base64.b64encode(hashlib.md5(b"other bytes").digest()).decode()
        self.error("put_object with a wrong Content-MD5",
                   lambda: s3.put_object(Bucket=b, Key="md5", Body=b"payload", ContentMD5=wrong), "BadDigest", 400)
        self.error("get_object after BadDigest (nothing stored)", lambda: s3.get_object(Bucket=b, Key="md5"),
                   "NoSuchKey", 404)
        self.error("put_object with a malformed Content-MD5",
                   lambda: s3.put_object(Bucket=b, Key="md5", Body=b"payload", ContentMD5="not-a-digest"),
                   "InvalidDigest", 400)
        right = base64.b64encode(hashlib.md5(b"payload").digest()).decode()
        self.ok("put_object with the right Content-MD5",
                lambda: s3.put_object(Bucket=b, Key="md5", Body=b"payload", ContentMD5=right))

    def awkward_keys(self):
        for style, s3 in (("path", self.s3), ("virtual", self.vs3)):
            b = f"e2e-keys-{style}"
            self.ok(f"[{style}] create_bucket", lambda: s3.create_bucket(Bucket=b))
            seen_host = {}

            def see_host(request, **_):
                seen_host["host"] = request.headers.get("Host", b"")
                seen_host["url"] = request.url

            s3.meta.events.register("before-send.s3.PutObject", see_host)
            for key in AWKWARD_KEYS:
                data = f"body of {key}".encode()
                if not self.ok(f"[{style}] put_object {key!r}", lambda k=key, d=data: s3.put_object(
                        Bucket=b, Key=k, Body=d, Metadata={"k": "v"})):
                    continue
                r = self.ok(f"[{style}] get_object {key!r}", lambda k=key: s3.get_object(Bucket=b, Key=k))
                if r:
                    self.eq(r["Body"].read(), data, f"[{style}] body of {key!r}")
                r = self.ok(f"[{style}] head_object {key!r}", lambda k=key: s3.head_object(Bucket=b, Key=k))
                if r:
                    self.eq(r.get("ContentLength"), len(data), f"[{style}] head_object {key!r} ContentLength")
            s3.meta.events.unregister("before-send.s3.PutObject", see_host)
            host = seen_host.get("host", b"")
            host = host.decode() if isinstance(host, bytes) else host
            if style == "virtual":
                self.check(host.startswith(f"{b}.{VHOST_DOMAIN}"), "[virtual] boto3 put the bucket in the Host header",
                           repr(seen_host))
            else:
                self.check(f"/{b}/" in seen_host.get("url", ""), "[path] boto3 put the bucket in the path",
                           repr(seen_host))
            # botocore asks for encoding-type=url itself and decodes the answer (unquote_plus).
            r = self.ok(f"[{style}] list_objects_v2 of awkward keys", lambda: s3.list_objects_v2(Bucket=b))
            if r:
                self.eq(sorted(o["Key"] for o in r.get("Contents", [])), sorted(AWKWARD_KEYS),
                        f"[{style}] listed keys (botocore-decoded)")
            r = self.ok(f"[{style}] list_objects v1", lambda: s3.list_objects(Bucket=b))
            if r:
                self.eq(sorted(o["Key"] for o in r.get("Contents", [])), sorted(AWKWARD_KEYS),
                        f"[{style}] list_objects v1 keys")
            for key in AWKWARD_KEYS:
                self.ok(f"[{style}] delete_object {key!r}", lambda k=key: s3.delete_object(Bucket=b, Key=k))
            r = self.ok(f"[{style}] list after deletes", lambda: s3.list_objects_v2(Bucket=b))
            if r:
                self.eq(r.get("KeyCount"), 0, f"[{style}] KeyCount after deleting every key")
            self.ok(f"[{style}] delete_bucket", lambda: s3.delete_bucket(Bucket=b))

        # Virtual-hosted style by hand: a raw request whose Host header names the bucket.
        b = self.new_bucket("e2e-rawhost")
        self.ok("put_object for raw vhost GET", lambda: self.s3.put_object(Bucket=b, Key="a b/c+d", Body=b"raw"))
        st, hd, data = harness.http_request(self.emu.port, "GET", "/a%20b/c%2Bd", host=f"{b}.{VHOST_DOMAIN}:{self.emu.port}")
        self.eq((st, data), (200, b"raw"), "raw GET with Host: <bucket>.s3.localhost.localstack.cloud")
        st, hd, data = harness.http_request(self.emu.port, "GET", f"/{b}/a%20b/c%2Bd")
        self.eq((st, data), (200, b"raw"), "raw GET path-style with percent-encoded key")
        # Unencoded '+' in a path is a literal plus in S3 (not a space).
        self.ok("put_object 'p+q'", lambda: self.s3.put_object(Bucket=b, Key="p+q", Body=b"plus"))
        st, hd, data = harness.http_request(self.emu.port, "GET", f"/{b}/p+q")
        self.eq((st, data), (200, b"plus"), "raw GET with a literal '+' in the path")

    # ---- ranges, conditions --------------------------------------------------------------
    def ranges_and_conditions(self):
        s3, b = self.s3, self.new_bucket("e2e-cond")
        body = bytes(range(256)) * 4  # 1024 bytes
        r = self.ok("put_object 1 KiB", lambda: s3.put_object(Bucket=b, Key="r", Body=body))
        etag = r["ETag"] if r else '"x"'
        for rng, start, end in (("bytes=0-9", 0, 9), ("bytes=1000-", 1000, 1023), ("bytes=-24", 1000, 1023),
                                ("bytes=1020-5000", 1020, 1023)):
            r = self.ok(f"get_object Range {rng}", lambda rng=rng: s3.get_object(Bucket=b, Key="r", Range=rng))
            if r:
                self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 206, f"Range {rng} status")
                self.eq(r.get("ContentRange"), f"bytes {start}-{end}/1024", f"Range {rng} ContentRange")
                self.eq(r["Body"].read(), body[start:end + 1], f"Range {rng} body")
                self.eq(r.get("ContentLength"), end - start + 1, f"Range {rng} ContentLength")
        self.error("get_object Range past the end", lambda: s3.get_object(Bucket=b, Key="r", Range="bytes=2000-3000"),
                   "InvalidRange", 416)
        r = self.ok("head_object Range", lambda: s3.head_object(Bucket=b, Key="r", Range="bytes=0-99"))
        if r:
            self.eq(r.get("ContentLength"), 100, "head_object Range ContentLength")
        past = datetime.now(timezone.utc) - timedelta(days=1)
        future = datetime.now(timezone.utc) + timedelta(days=1)
        # 304 has no body: botocore names the error by status.
        self.error("get_object If-None-Match current ETag", lambda: s3.get_object(Bucket=b, Key="r", IfNoneMatch=etag),
                   "304", 304)
        self.error("head_object If-None-Match current ETag", lambda: s3.head_object(Bucket=b, Key="r", IfNoneMatch=etag),
                   "304", 304)
        self.error("get_object If-Modified-Since future", lambda: s3.get_object(Bucket=b, Key="r", IfModifiedSince=future),
                   "304", 304)
        self.error("get_object If-Match other ETag", lambda: s3.get_object(Bucket=b, Key="r", IfMatch='"0000"'),
                   "PreconditionFailed", 412)
        self.error("head_object If-Match other ETag", lambda: s3.head_object(Bucket=b, Key="r", IfMatch='"0000"'),
                   "412", 412)
        self.error("get_object If-Unmodified-Since past",
                   lambda: s3.get_object(Bucket=b, Key="r", IfUnmodifiedSince=past), "PreconditionFailed", 412)
        self.ok("get_object If-Match current ETag", lambda: s3.get_object(Bucket=b, Key="r", IfMatch=etag))
        self.ok("get_object If-None-Match other ETag", lambda: s3.get_object(Bucket=b, Key="r", IfNoneMatch='"0000"'))
        self.ok("get_object If-Modified-Since past", lambda: s3.get_object(Bucket=b, Key="r", IfModifiedSince=past))
        # RFC 7232 / S3: If-Match true + If-Unmodified-Since false -> 200.
        self.ok("get_object If-Match true and If-Unmodified-Since false",
                lambda: s3.get_object(Bucket=b, Key="r", IfMatch=etag, IfUnmodifiedSince=past))
        # If-None-Match false + If-Modified-Since true -> 304.
        self.error("get_object If-None-Match false and If-Modified-Since true",
                   lambda: s3.get_object(Bucket=b, Key="r", IfNoneMatch=etag, IfModifiedSince=past), "304", 304)

        # Conditional writes: botocore 1.29 has no IfNoneMatch/IfMatch on PutObject, so a handler adds
        # the header before signing.
        extra = {}

        def add_headers(request, **_):
            for k, v in extra.items():
                request.headers[k] = v

        s3.meta.events.register("before-sign.s3.PutObject", add_headers)
        try:
            extra.clear()
            extra["If-None-Match"] = "*"
            self.error("put_object If-None-Match * onto an existing key",
                       lambda: s3.put_object(Bucket=b, Key="r", Body=b"overwrite"), "PreconditionFailed", 412)
            self.ok("put_object If-None-Match * onto a new key", lambda: s3.put_object(Bucket=b, Key="new", Body=b"1"))
            r = self.ok("get_object after refused overwrite", lambda: s3.get_object(Bucket=b, Key="r"))
            if r:
                self.eq(r["Body"].read(), body, "the refused conditional write left the object unchanged")
            extra.clear()
            extra["If-Match"] = '"0123456789abcdef0123456789abcdef"'
            self.error("put_object If-Match another ETag", lambda: s3.put_object(Bucket=b, Key="r", Body=b"x"),
                       "PreconditionFailed", 412)
            extra["If-Match"] = etag
            self.ok("put_object If-Match current ETag", lambda: s3.put_object(Bucket=b, Key="r", Body=b"replaced"))
            extra["If-Match"] = etag
            self.error("put_object If-Match on a missing key", lambda: s3.put_object(Bucket=b, Key="absent", Body=b"x"),
                       "NoSuchKey", 404)
        finally:
            s3.meta.events.unregister("before-sign.s3.PutObject", add_headers)

    # ---- listing -------------------------------------------------------------------------
    def listing(self):
        s3, b = self.s3, self.new_bucket("e2e-list")
        keys = [f"photos/2024/{i:02d}.jpg" for i in range(25)]
        keys += ["photos/2023/a.jpg", "photos/2023/b.jpg", "docs/x.txt", "docs/y/z.txt", "root.txt"]
        for k in keys:
            s3.put_object(Bucket=b, Key=k, Body=k.encode())
        r = self.ok("list_objects_v2 all", lambda: s3.list_objects_v2(Bucket=b))
        if r:
            self.eq([o["Key"] for o in r.get("Contents", [])], sorted(keys), "v2 keys in UTF-8 binary order")
            self.eq(r.get("KeyCount"), len(keys), "v2 KeyCount")
            self.eq(r.get("IsTruncated"), False, "v2 IsTruncated")
            self.eq(r.get("MaxKeys"), 1000, "v2 default MaxKeys")
            o = (r.get("Contents") or [{}])[0]
            self.eq(o.get("Size"), len("docs/x.txt"), "v2 Size")
            self.eq(o.get("ETag"), '"%s"' % hashlib.md5(b"docs/x.txt").hexdigest(), "v2 ETag")
            self.eq(o.get("StorageClass"), "STANDARD", "v2 StorageClass")
            self.check("Owner" not in o, "v2 leaves Owner out unless FetchOwner", repr(o))
        r = self.ok("list_objects_v2 FetchOwner", lambda: s3.list_objects_v2(Bucket=b, MaxKeys=1, FetchOwner=True))
        if r:
            self.check(bool((r.get("Contents") or [{}])[0].get("Owner", {}).get("ID")), "v2 FetchOwner gives Owner.ID",
                       repr(r.get("Contents")))
        r = self.ok("list_objects_v2 delimiter", lambda: s3.list_objects_v2(Bucket=b, Delimiter="/"))
        if r:
            self.eq([p["Prefix"] for p in r.get("CommonPrefixes", [])], ["docs/", "photos/"], "v2 CommonPrefixes at root")
            self.eq([o["Key"] for o in r.get("Contents", [])], ["root.txt"], "v2 Contents at root")
            self.eq(r.get("KeyCount"), 3, "v2 KeyCount counts keys and common prefixes")
        r = self.ok("list_objects_v2 prefix+delimiter",
                    lambda: s3.list_objects_v2(Bucket=b, Prefix="photos/", Delimiter="/"))
        if r:
            self.eq([p["Prefix"] for p in r.get("CommonPrefixes", [])], ["photos/2023/", "photos/2024/"],
                    "v2 CommonPrefixes under photos/")
            self.eq(r.get("Contents", []), [], "v2 no Contents directly under photos/")
            self.eq(r.get("Prefix"), "photos/", "v2 echoes Prefix")
        r = self.ok("list_objects_v2 StartAfter", lambda: s3.list_objects_v2(Bucket=b, StartAfter="photos/2024/22.jpg"))
        if r:
            self.eq([o["Key"] for o in r.get("Contents", [])],
                    ["photos/2024/23.jpg", "photos/2024/24.jpg", "root.txt"], "v2 StartAfter keys")
            self.eq(r.get("StartAfter"), "photos/2024/22.jpg", "v2 echoes StartAfter")
        r = self.ok("list_objects_v2 MaxKeys=0", lambda: s3.list_objects_v2(Bucket=b, MaxKeys=0))
        if r:
            self.eq(r.get("KeyCount"), 0, "v2 MaxKeys=0 KeyCount")
        # Pagination: 25 keys under photos/2024/, pages of 10.
        pages = self.ok("v2 paginator PageSize=10", lambda: list(s3.get_paginator("list_objects_v2").paginate(
            Bucket=b, Prefix="photos/2024/", PaginationConfig={"PageSize": 10})))
        if pages:
            self.eq([len(p.get("Contents", [])) for p in pages], [10, 10, 5], "v2 page sizes")
            self.eq([o["Key"] for p in pages for o in p.get("Contents", [])], keys[:25], "v2 paginated keys")
            self.eq([p.get("IsTruncated") for p in pages], [True, True, False], "v2 IsTruncated per page")
            self.check(all(p.get("NextContinuationToken") for p in pages[:2]), "v2 NextContinuationToken on truncated pages")
            self.eq(pages[1].get("ContinuationToken"), pages[0].get("NextContinuationToken"), "v2 echoes ContinuationToken")
        pages = self.ok("v1 paginator PageSize=10", lambda: list(s3.get_paginator("list_objects").paginate(
            Bucket=b, Prefix="photos/2024/", PaginationConfig={"PageSize": 10})))
        if pages:
            self.eq([len(p.get("Contents", [])) for p in pages], [10, 10, 5], "v1 page sizes")
            self.eq([o["Key"] for p in pages for o in p.get("Contents", [])], keys[:25], "v1 paginated keys")
        r = self.ok("list_objects v1 Marker", lambda: s3.list_objects(Bucket=b, Marker="photos/2024/23.jpg"))
        if r:
            self.eq([o["Key"] for o in r.get("Contents", [])], ["photos/2024/24.jpg", "root.txt"], "v1 Marker keys")
            self.eq(r.get("Marker"), "photos/2024/23.jpg", "v1 echoes Marker")
        # v1 with a delimiter names NextMarker on a truncated page.
        r = self.ok("list_objects v1 delimiter MaxKeys=2", lambda: s3.list_objects(Bucket=b, Delimiter="/", MaxKeys=2))
        if r:
            self.eq(r.get("IsTruncated"), True, "v1 delimiter page truncated")
            self.eq([p["Prefix"] for p in r.get("CommonPrefixes", [])], ["docs/", "photos/"], "v1 delimiter prefixes")
            self.eq(r.get("NextMarker"), "photos/", "v1 NextMarker is the last common prefix")
        pages = self.ok("v1 paginator with delimiter", lambda: list(s3.get_paginator("list_objects").paginate(
            Bucket=b, Delimiter="/", PaginationConfig={"PageSize": 1})))
        if pages:
            got = [x for p in pages for x in [c["Prefix"] for c in p.get("CommonPrefixes", [])] +
                   [o["Key"] for o in p.get("Contents", [])]]
            self.eq(got, ["docs/", "photos/", "root.txt"], "v1 delimiter pages roll prefixes up once")
        # encoding-type=url asked for by the caller: botocore hands back the keys as S3 encoded them
        # (it decodes only when it added the parameter itself).
        key = "enc/a b+c%d\u00e9<&>"
        s3.put_object(Bucket=b, Key=key, Body=b"e")
        r = self.ok("list_objects_v2 EncodingType=url", lambda: s3.list_objects_v2(Bucket=b, Prefix="enc/", EncodingType="url"))
        if r:
            got = [o["Key"] for o in r.get("Contents", [])]
            self.eq(r.get("EncodingType"), "url", "v2 response names EncodingType url")
            self.eq([urllib.parse.unquote_plus(k) for k in got], [key], "v2 url-encoded key decodes back")
            self.check(all(" " not in k and "+c" not in k and "\u00e9" not in k and "<" not in k for k in got),
                       "v2 keys are percent-encoded (space, '+', non-ASCII, '<')", repr(got))
        r = self.ok("list_objects_v2 auto EncodingType", lambda: s3.list_objects_v2(Bucket=b, Prefix="enc/"))
        if r:
            self.eq([o["Key"] for o in r.get("Contents", [])], [key], "v2 key via botocore's own decoding")
        self.error("list_objects_v2 bad EncodingType",
                   lambda: s3.list_objects_v2(Bucket=b, EncodingType="base64"), "InvalidArgument", 400)

    # ---- versioning ----------------------------------------------------------------------
    def versioning(self):
        s3, b = self.s3, self.new_bucket("e2e-ver")
        r = self.ok("get_bucket_versioning never set", lambda: s3.get_bucket_versioning(Bucket=b))
        if r:
            self.check("Status" not in r, "never-versioned bucket has no Status", repr(r))
        s3.put_object(Bucket=b, Key="pre", Body=b"before versioning")
        self.ok("put_bucket_versioning Enabled",
                lambda: s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"}))
        r = self.ok("get_bucket_versioning", lambda: s3.get_bucket_versioning(Bucket=b))
        if r:
            self.eq(r.get("Status"), "Enabled", "versioning Status")
        v1 = self.ok("put v1", lambda: s3.put_object(Bucket=b, Key="doc", Body=b"one"))
        v2 = self.ok("put v2", lambda: s3.put_object(Bucket=b, Key="doc", Body=b"two"))
        id1, id2 = (v1 or {}).get("VersionId"), (v2 or {}).get("VersionId")
        self.check(bool(id1) and bool(id2) and id1 != id2 and "null" not in (id1, id2),
                   "each put returns a distinct VersionId", f"{id1!r} {id2!r}")
        r = self.ok("get latest", lambda: s3.get_object(Bucket=b, Key="doc"))
        if r:
            self.eq(r["Body"].read(), b"two", "latest body")
            self.eq(r.get("VersionId"), id2, "latest VersionId")
        r = self.ok("get by VersionId", lambda: s3.get_object(Bucket=b, Key="doc", VersionId=id1))
        if r:
            self.eq(r["Body"].read(), b"one", "old version body")
        r = self.ok("head by VersionId", lambda: s3.head_object(Bucket=b, Key="doc", VersionId=id1))
        if r:
            self.eq(r.get("ContentLength"), 3, "head old version ContentLength")
        d = self.ok("delete without VersionId", lambda: s3.delete_object(Bucket=b, Key="doc"))
        marker = (d or {}).get("VersionId")
        if d:
            self.eq(d.get("DeleteMarker"), True, "delete creates a delete marker")
            self.check(bool(marker) and marker not in (id1, id2), "delete marker has its own VersionId", repr(d))
        e = self.error("get after delete marker", lambda: s3.get_object(Bucket=b, Key="doc"), "NoSuchKey", 404)
        if e:
            self.eq(e.response["ResponseMetadata"]["HTTPHeaders"].get("x-amz-delete-marker"), "true",
                    "404 says x-amz-delete-marker: true")
        self.error("get the delete marker by VersionId",
                   lambda: s3.get_object(Bucket=b, Key="doc", VersionId=marker), "MethodNotAllowed", 405)
        r = self.ok("list_object_versions", lambda: s3.list_object_versions(Bucket=b, Prefix="doc"))
        if r:
            vers = r.get("Versions", [])
            marks = r.get("DeleteMarkers", [])
            self.eq([v["VersionId"] for v in vers], [id2, id1], "versions newest first")
            self.eq([v["IsLatest"] for v in vers], [False, False], "no object version is latest under a marker")
            self.eq([(m["Key"], m["VersionId"], m["IsLatest"]) for m in marks], [("doc", marker, True)],
                    "the delete marker is latest")
        r = self.ok("list_object_versions pre-versioning object", lambda: s3.list_object_versions(Bucket=b, Prefix="pre"))
        if r:
            self.eq([v.get("VersionId") for v in r.get("Versions", [])], ["null"], "object from before versioning has version null")
        r = self.ok("delete the delete marker", lambda: s3.delete_object(Bucket=b, Key="doc", VersionId=marker))
        if r:
            self.eq(r.get("DeleteMarker"), True, "deleting a marker by id reports DeleteMarker true")
        r = self.ok("get after removing the marker", lambda: s3.get_object(Bucket=b, Key="doc"))
        if r:
            self.eq(r["Body"].read(), b"two", "the previous version is current again")
        self.ok("delete v1 permanently", lambda: s3.delete_object(Bucket=b, Key="doc", VersionId=id1))
        self.error("get deleted version", lambda: s3.get_object(Bucket=b, Key="doc", VersionId=id1), "NoSuchVersion", 404)
        # Suspended: new writes get the null version, replacing any earlier null version.
        self.ok("put_bucket_versioning Suspended",
                lambda: s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Suspended"}))
        r = self.ok("get_bucket_versioning Suspended", lambda: s3.get_bucket_versioning(Bucket=b))
        if r:
            self.eq(r.get("Status"), "Suspended", "versioning Status suspended")
        self.ok("put while suspended", lambda: s3.put_object(Bucket=b, Key="doc", Body=b"three"))
        self.ok("put again while suspended", lambda: s3.put_object(Bucket=b, Key="doc", Body=b"four"))
        r = self.ok("list_object_versions after suspend", lambda: s3.list_object_versions(Bucket=b, Prefix="doc"))
        if r:
            self.eq([(v["VersionId"], v["IsLatest"]) for v in r.get("Versions", [])], [("null", True), (id2, False)],
                    "suspended writes share one null version, latest")
        r = self.ok("get VersionId=null", lambda: s3.get_object(Bucket=b, Key="doc", VersionId="null"))
        if r:
            self.eq(r["Body"].read(), b"four", "null version body")
        r = self.ok("get old version after suspend", lambda: s3.get_object(Bucket=b, Key="doc", VersionId=id2))
        if r:
            self.eq(r["Body"].read(), b"two", "versions from the enabled period remain")
        self.error("put_bucket_versioning bad status",
                   lambda: s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "On"}),
                   "MalformedXML", 400)

    # ---- copy ----------------------------------------------------------------------------
    def copy(self):
        s3, b = self.s3, self.new_bucket("e2e-copy")
        b2 = self.new_bucket("e2e-copy-dst")
        s3.put_object(Bucket=b, Key="src key+1", Body=b"copy me", ContentType="text/x-src", Metadata={"a": "1"})
        r = self.ok("copy_object default (COPY directive)", lambda: s3.copy_object(
            Bucket=b2, Key="dst", CopySource={"Bucket": b, "Key": "src key+1"}))
        if r:
            self.eq(r.get("CopyObjectResult", {}).get("ETag"), '"%s"' % hashlib.md5(b"copy me").hexdigest(),
                    "copy ETag equals the source MD5")
            self.check(isinstance(r.get("CopyObjectResult", {}).get("LastModified"), datetime), "copy LastModified")
        r = self.ok("head copied object", lambda: s3.head_object(Bucket=b2, Key="dst"))
        if r:
            self.eq((r.get("Metadata"), r.get("ContentType")), ({"a": "1"}, "text/x-src"), "COPY keeps metadata and type")
        self.ok("copy_object REPLACE", lambda: s3.copy_object(
            Bucket=b2, Key="dst2", CopySource={"Bucket": b, "Key": "src key+1"}, MetadataDirective="REPLACE",
            Metadata={"b": "2"}, ContentType="text/x-new"))
        r = self.ok("head REPLACE copy", lambda: s3.head_object(Bucket=b2, Key="dst2"))
        if r:
            self.eq((r.get("Metadata"), r.get("ContentType")), ({"b": "2"}, "text/x-new"), "REPLACE sets new metadata")
        r = self.ok("get REPLACE copy", lambda: s3.get_object(Bucket=b2, Key="dst2"))
        if r:
            self.eq(r["Body"].read(), b"copy me", "REPLACE copy body")
        self.error("copy onto itself without changes",
                   lambda: s3.copy_object(Bucket=b, Key="src key+1", CopySource={"Bucket": b, "Key": "src key+1"}),
                   "InvalidRequest", 400)
        self.ok("copy onto itself with REPLACE", lambda: s3.copy_object(
            Bucket=b, Key="src key+1", CopySource={"Bucket": b, "Key": "src key+1"}, MetadataDirective="REPLACE",
            Metadata={"c": "3"}))
        r = self.ok("head after self-copy", lambda: s3.head_object(Bucket=b, Key="src key+1"))
        if r:
            self.eq(r.get("Metadata"), {"c": "3"}, "self-copy changed the metadata")
        self.error("copy from a missing key",
                   lambda: s3.copy_object(Bucket=b2, Key="x", CopySource={"Bucket": b, "Key": "missing"}), "NoSuchKey", 404)
        self.error("copy from a missing bucket",
                   lambda: s3.copy_object(Bucket=b2, Key="x", CopySource={"Bucket": "e2e-no-such-src", "Key": "k"}),
                   "NoSuchBucket", 404)
        self.error("copy with CopySourceIfMatch mismatch", lambda: s3.copy_object(
            Bucket=b2, Key="x", CopySource={"Bucket": b, "Key": "src key+1"}, CopySourceIfMatch='"0000"'),
            "PreconditionFailed", 412)
        self.error("copy with bad MetadataDirective", lambda: s3.copy_object(
            Bucket=b2, Key="x", CopySource={"Bucket": b, "Key": "src key+1"}, MetadataDirective="MERGE"),
            "InvalidArgument", 400)

    # ---- delete_objects ------------------------------------------------------------------
    def delete_objects(self):
        s3, b = self.s3, self.new_bucket("e2e-multidel")
        for k in ("a", "b", "c", "d"):
            s3.put_object(Bucket=b, Key=k, Body=k.encode())
        r = self.ok("delete_objects", lambda: s3.delete_objects(
            Bucket=b, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}, {"Key": "never-existed"}]}))
        if r:
            self.eq(sorted(d["Key"] for d in r.get("Deleted", [])), ["a", "b", "never-existed"],
                    "every key reported Deleted (a missing key too)")
            self.eq(r.get("Errors", []), [], "no Errors")
        r = self.ok("delete_objects Quiet", lambda: s3.delete_objects(
            Bucket=b, Delete={"Objects": [{"Key": "c"}], "Quiet": True}))
        if r:
            self.eq(r.get("Deleted", []), [], "Quiet leaves successes out")
        r = self.ok("list after delete_objects", lambda: s3.list_objects_v2(Bucket=b))
        if r:
            self.eq([o["Key"] for o in r.get("Contents", [])], ["d"], "only d remains")
        self.error("delete_objects with no keys", lambda: s3.delete_objects(Bucket=b, Delete={"Objects": []}),
                   "MalformedXML", 400)
        s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        v = s3.put_object(Bucket=b, Key="v", Body=b"v").get("VersionId")
        r = self.ok("delete_objects versioned", lambda: s3.delete_objects(
            Bucket=b, Delete={"Objects": [{"Key": "v"}, {"Key": "d"}]}))
        if r:
            dels = {d["Key"]: d for d in r.get("Deleted", [])}
            self.check(dels.get("v", {}).get("DeleteMarker") is True and bool(dels.get("v", {}).get("DeleteMarkerVersionId")),
                       "versioned delete_objects reports DeleteMarker + DeleteMarkerVersionId", repr(r.get("Deleted")))
        r = self.ok("delete_objects by VersionId", lambda: s3.delete_objects(
            Bucket=b, Delete={"Objects": [{"Key": "v", "VersionId": v}]}))
        if r:
            self.eq([(d["Key"], d.get("VersionId")) for d in r.get("Deleted", [])], [("v", v)], "version delete echoes VersionId")

    # ---- multipart, presign --------------------------------------------------------------
    def multipart_and_presign(self):
        s3, b = self.s3, self.new_bucket("e2e-mpu")
        data = os.urandom(12 * MiB)
        with tempfile.TemporaryDirectory(dir=self.emu.tmp.name) as d:
            src, dst = os.path.join(d, "src.bin"), os.path.join(d, "dst.bin")
            with open(src, "wb") as f:
                f.write(data)
            cfg = TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB, max_concurrency=3)
            calls = []
            s3.meta.events.register("before-call.s3.*", lambda model, **_: calls.append(model.name))
            if self.ok("upload_file 12 MiB (multipart)", lambda: s3.upload_file(src, b, "big/file.bin", Config=cfg)):
                self.eq(sorted(set(calls)), ["CompleteMultipartUpload", "CreateMultipartUpload", "UploadPart"],
                        "transfer manager used multipart operations")
                self.eq(calls.count("UploadPart"), 3, "12 MiB in 5 MiB parts is 3 parts")
                r = self.ok("head multipart object", lambda: s3.head_object(Bucket=b, Key="big/file.bin"))
                if r:
                    self.eq(r.get("ContentLength"), len(data), "multipart object size")
                    parts_md5 = b"".join(hashlib.md5(data[i:i + 5 * MiB]).digest() for i in range(0, len(data), 5 * MiB))
                    self.eq(r.get("ETag"), '"%s-3"' % hashlib.md5(parts_md5).hexdigest(),
                            "multipart ETag is md5(concatenated part md5s)-3")
                r = self.ok("head multipart object PartNumber=2",
                            lambda: s3.head_object(Bucket=b, Key="big/file.bin", PartNumber=2))
                if r:
                    self.eq((r.get("ContentLength"), r.get("PartsCount")), (5 * MiB, 3), "PartNumber=2 size and PartsCount")
                if self.ok("download_file (ranged parts)", lambda: s3.download_file(b, "big/file.bin", dst, Config=cfg)):
                    with open(dst, "rb") as f:
                        self.check(f.read() == data, "downloaded bytes equal the uploaded bytes")
        # Low-level: a too-small non-last part fails CompleteMultipartUpload.
        up = self.ok("create_multipart_upload", lambda: s3.create_multipart_upload(Bucket=b, Key="small-parts"))
        if up:
            uid = up["UploadId"]
            e1 = s3.upload_part(Bucket=b, Key="small-parts", UploadId=uid, PartNumber=1, Body=b"a" * 1024)["ETag"]
            e2 = s3.upload_part(Bucket=b, Key="small-parts", UploadId=uid, PartNumber=2, Body=b"b" * 1024)["ETag"]
            r = self.ok("list_parts", lambda: s3.list_parts(Bucket=b, Key="small-parts", UploadId=uid))
            if r:
                self.eq([(p["PartNumber"], p["Size"]) for p in r.get("Parts", [])], [(1, 1024), (2, 1024)], "list_parts")
            r = self.ok("list_multipart_uploads", lambda: s3.list_multipart_uploads(Bucket=b))
            if r:
                self.eq([(u["Key"], u["UploadId"]) for u in r.get("Uploads", [])], [("small-parts", uid)],
                        "list_multipart_uploads")
            self.error("complete with a part under 5 MiB", lambda: s3.complete_multipart_upload(
                Bucket=b, Key="small-parts", UploadId=uid,
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": e1}, {"PartNumber": 2, "ETag": e2}]}),
                "EntityTooSmall", 400)
            self.error("complete with a wrong part ETag", lambda: s3.complete_multipart_upload(
                Bucket=b, Key="small-parts", UploadId=uid,
                MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": '"00000000000000000000000000000000"'}]}),
                "InvalidPart", 400)
            self.ok("abort_multipart_upload", lambda: s3.abort_multipart_upload(Bucket=b, Key="small-parts", UploadId=uid))
            self.error("upload_part after abort", lambda: s3.upload_part(
                Bucket=b, Key="small-parts", UploadId=uid, PartNumber=3, Body=b"c"), "NoSuchUpload", 404)

        # Presigned URLs (signatures are not enforced by default; the URL must simply work).
        s3.put_object(Bucket=b, Key="presigned/get me.txt", Body=b"presigned body")
        url = s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "presigned/get me.txt"}, ExpiresIn=300)
        self.check("X-Amz-Signature=" in url and "X-Amz-Expires=300" in url, "presigned GET URL carries SigV4 query", url)
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                self.eq((resp.status, resp.read()), (200, b"presigned body"), "urllib GET of the presigned URL")
        except (urllib.error.URLError, OSError) as e:
            self.check(False, "urllib GET of the presigned URL", repr(e))
        url = s3.generate_presigned_url("put_object", Params={"Bucket": b, "Key": "presigned/put.txt"}, ExpiresIn=300)
        try:
            req = urllib.request.Request(url, data=b"put via url", method="PUT")
            with urllib.request.urlopen(req, timeout=10) as resp:
                self.eq(resp.status, 200, "urllib PUT to the presigned URL")
        except (urllib.error.URLError, OSError) as e:
            self.check(False, "urllib PUT to the presigned URL", repr(e))
        r = self.ok("get the presigned PUT's object", lambda: s3.get_object(Bucket=b, Key="presigned/put.txt"))
        if r:
            self.eq(r["Body"].read(), b"put via url", "presigned PUT stored the body")

    # ---- bucket configuration -----------------------------------------------------------
    def bucket_config(self):
        s3, b = self.s3, self.new_bucket("e2e-conf")
        self.error("get_bucket_cors unset", lambda: s3.get_bucket_cors(Bucket=b), "NoSuchCORSConfiguration", 404)
        rules = [{"AllowedMethods": ["GET", "PUT"], "AllowedOrigins": ["https://example.com"],
                  "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000}]
        self.ok("put_bucket_cors", lambda: s3.put_bucket_cors(Bucket=b, CORSConfiguration={"CORSRules": rules}))
        r = self.ok("get_bucket_cors", lambda: s3.get_bucket_cors(Bucket=b))
        if r:
            got = [{k: v for k, v in rule.items() if k != "ID"} for rule in r.get("CORSRules", [])]
            self.eq(got, rules, "CORS rules round-trip")
        st, hd, _ = harness.http_request(self.emu.port, "OPTIONS", f"/{b}/any", headers={
            "Origin": "https://example.com", "Access-Control-Request-Method": "PUT"})
        self.eq((st, hd.get("access-control-allow-origin")), (200, "https://example.com"),
                "OPTIONS preflight allowed by the CORS rule")
        st, _, _ = harness.http_request(self.emu.port, "OPTIONS", f"/{b}/any", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "PUT"})
        self.eq(st, 403, "OPTIONS preflight from another origin is 403")
        self.ok("delete_bucket_cors", lambda: s3.delete_bucket_cors(Bucket=b))
        self.error("get_bucket_cors after delete", lambda: s3.get_bucket_cors(Bucket=b), "NoSuchCORSConfiguration", 404)

        self.error("get_bucket_tagging unset", lambda: s3.get_bucket_tagging(Bucket=b), "NoSuchTagSet", 404)
        tags = [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "storage"}]
        self.ok("put_bucket_tagging", lambda: s3.put_bucket_tagging(Bucket=b, Tagging={"TagSet": tags}))
        r = self.ok("get_bucket_tagging", lambda: s3.get_bucket_tagging(Bucket=b))
        if r:
            self.eq(sorted(r.get("TagSet", []), key=lambda t: t["Key"]), tags, "bucket tags round-trip")
        self.ok("delete_bucket_tagging", lambda: s3.delete_bucket_tagging(Bucket=b))
        self.error("get_bucket_tagging after delete", lambda: s3.get_bucket_tagging(Bucket=b), "NoSuchTagSet", 404)

        self.error("get_bucket_policy unset", lambda: s3.get_bucket_policy(Bucket=b), "NoSuchBucketPolicy", 404)
        # New buckets block public policies (Block Public Access on by default since April 2023).
        public = ('{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Principal":"*",'
                  f'"Action":"s3:GetObject","Resource":"arn:aws:s3:::{b}/*"}}]}}')
        self.error("put_bucket_policy public (BlockPublicPolicy default)",
                   lambda: s3.put_bucket_policy(Bucket=b, Policy=public), "AccessDenied", 403)
        policy = ('{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow",'
                  '"Principal":{"AWS":"arn:aws:iam::123456789012:root"},'
                  f'"Action":"s3:GetObject","Resource":"arn:aws:s3:::{b}/*"}}]}}')
        r = self.ok("put_bucket_policy", lambda: s3.put_bucket_policy(Bucket=b, Policy=policy))
        if r:
            self.eq(r["ResponseMetadata"]["HTTPStatusCode"], 204, "put_bucket_policy status")
        r = self.ok("get_bucket_policy", lambda: s3.get_bucket_policy(Bucket=b))
        if r:
            import json
            self.eq(json.loads(r.get("Policy", "{}")), json.loads(policy), "bucket policy round-trips")
        self.error("put_bucket_policy not JSON", lambda: s3.put_bucket_policy(Bucket=b, Policy="{not json"),
                   "MalformedPolicy", 400)
        self.ok("delete_bucket_policy", lambda: s3.delete_bucket_policy(Bucket=b))

        # Every bucket has SSE-S3 default encryption since January 2023.
        r = self.ok("get_bucket_encryption default", lambda: s3.get_bucket_encryption(Bucket=b))
        if r:
            rules = r.get("ServerSideEncryptionConfiguration", {}).get("Rules", [])
            algo = [x.get("ApplyServerSideEncryptionByDefault", {}).get("SSEAlgorithm") for x in rules]
            self.eq(algo, ["AES256"], "default encryption is SSE-S3 AES256")
        r = self.ok("put_object reports SSE", lambda: s3.put_object(Bucket=b, Key="enc", Body=b"x"))
        if r:
            self.eq(r.get("ServerSideEncryption"), "AES256", "put_object ServerSideEncryption AES256")

        # Object tagging (x-amz-tagging on PUT, then the tagging subresource).
        self.ok("put_object with Tagging", lambda: s3.put_object(Bucket=b, Key="tagged", Body=b"x", Tagging="k1=v1&k2=v%202"))
        r = self.ok("get_object_tagging", lambda: s3.get_object_tagging(Bucket=b, Key="tagged"))
        if r:
            self.eq(sorted((t["Key"], t["Value"]) for t in r.get("TagSet", [])), [("k1", "v1"), ("k2", "v 2")],
                    "object tags from x-amz-tagging")
        r = self.ok("get_object TagCount", lambda: s3.get_object(Bucket=b, Key="tagged"))
        if r:
            self.eq(r.get("TagCount"), 2, "get_object x-amz-tagging-count")

    def website(self):
        """The website endpoint, configured through boto3 and browsed with urllib as a browser
        would: <bucket>.s3-website.localhost.localstack.cloud (resolved to us by this process)."""
        s3, b = self.s3, self.new_bucket("e2e-website")
        self.ok("put index.html", lambda: s3.put_object(Bucket=b, Key="index.html", Body=b"<h1>home</h1>",
                                                        ContentType="text/html"))
        self.ok("put error.html", lambda: s3.put_object(Bucket=b, Key="error.html", Body=b"oops",
                                                        ContentType="text/html"))
        self.ok("put_bucket_website", lambda: s3.put_bucket_website(Bucket=b, WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"},
            "RoutingRules": [{"Condition": {"KeyPrefixEquals": "old/"},
                              "Redirect": {"ReplaceKeyPrefixWith": "new/", "HttpRedirectCode": "302"}}]}))
        site = f"http://{b}.s3-website.{VHOST_DOMAIN}:{self.emu.port}"

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)

        def fetch(path):
            try:
                with opener.open(site + path, timeout=10) as resp:
                    return resp.status, dict(resp.headers), resp.read()
            except urllib.error.HTTPError as e:
                return e.code, dict(e.headers), e.read()

        status, headers, body = fetch("/")
        self.eq((status, body), (200, b"<h1>home</h1>"), "website / serves the index document")
        self.eq(headers.get("Content-Type"), "text/html", "website index Content-Type")
        status, _, body = fetch("/nothing-here")
        self.eq((status, body), (404, b"oops"), "website 404 serves the error document")
        status, headers, _ = fetch("/old/page.html")
        self.eq((status, headers.get("Location")), (302, f"http://{b}.s3-website.{VHOST_DOMAIN}:{self.emu.port}/new/page.html"),
                "website routing rule redirects")
        r = self.ok("get_bucket_website", lambda: s3.get_bucket_website(Bucket=b))
        if r:
            self.eq(r.get("IndexDocument"), {"Suffix": "index.html"}, "get_bucket_website IndexDocument")


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_s3_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    resolve_vhosts_locally()
    with harness.Emulator(args.cloudemu, args.plugin_dir) as emu:
        t = S3Tests(emu, checks)
        harness.run_parts(checks, emu, (t.buckets, t.objects, t.awkward_keys, t.ranges_and_conditions, t.listing, t.versioning,
                     t.copy, t.delete_objects, t.multipart_and_presign, t.bucket_config, t.website))


if __name__ == "__main__":
    main()
