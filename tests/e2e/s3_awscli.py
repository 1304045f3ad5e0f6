#!/usr/bin/python3
"""e2e_s3_awscli: S3 through Debian's AWS CLI v2 (/usr/bin/aws, 2.9) against the real cloudemu binary.

The high-level `aws s3` commands (mb, cp with multipart both ways, sync twice, ls, presign, rm
--recursive, rb) and a few `aws s3api` calls, each checked against what the CLI documents it prints
and what S3 documents it stores.
"""
import filecmp
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

MiB = 1024 * 1024
BUCKET = "e2e-cli-bucket"


def main():
    args = harness.parse_args(__doc__)
    AWS = harness.require_awscli()
    checks = harness.Checks("e2e_s3_awscli")
    with harness.Emulator(args.cloudemu, args.plugin_dir) as emu:
        env = harness.client_env(emu.tmp.name)
        work = os.path.join(emu.tmp.name, "work")
        os.makedirs(work)

        def aws(label, argv, want_rc=0):
            t0 = time.monotonic()
            r = subprocess.run([AWS, "--endpoint-url", emu.endpoint, "--no-cli-pager", *argv], env=env,
                               capture_output=True, text=True, timeout=60)
            print(f"  [{label}] exit {r.returncode} in {time.monotonic() - t0:.2f}s", flush=True)
            checks.check(r.returncode == want_rc, f"{label}: exit code {want_rc}",
                         f"exit {r.returncode}\nstdout: {r.stdout[-1500:]}\nstderr: {r.stderr[-1500:]}")
            checks.check("Traceback" not in r.stderr, f"{label}: no client crash", r.stderr[-1500:])
            return r

        def api(label, argv):
            """An s3api call that must succeed; its JSON output (None on failure)."""
            r = aws(label, ["s3api", *argv, "--output", "json"])
            if r.returncode != 0:
                return None
            try:
                return json.loads(r.stdout) if r.stdout.strip() else {}
            except ValueError:
                checks.check(False, f"{label}: JSON output", r.stdout[:500])
                return None

        version = subprocess.run([AWS, "--version"], env=env, capture_output=True, text=True, timeout=60)
        print(version.stdout.strip() or version.stderr.strip())
        checks.check(version.returncode == 0 and version.stdout.startswith("aws-cli/2."), "/usr/bin/aws is AWS CLI v2",
                     version.stdout + version.stderr)

        r = aws("s3 mb", ["s3", "mb", f"s3://{BUCKET}"])
        checks.eq(r.stdout.strip(), f"make_bucket: {BUCKET}", "s3 mb output")
        r = aws("s3 ls (buckets)", ["s3", "ls"])
        checks.check(any(line.endswith(" " + BUCKET) for line in r.stdout.splitlines()), "s3 ls lists the bucket",
                     r.stdout)
        loc = api("s3api get-bucket-location", ["get-bucket-location", "--bucket", BUCKET])
        if loc is not None:
            checks.eq(loc.get("LocationConstraint"), None, "us-east-1 bucket LocationConstraint is null")

        # 20 MiB: above the CLI's 8 MiB multipart_threshold, so CreateMultipartUpload + 3 parts of 8 MiB.
        big = os.path.join(work, "big.bin")
        data = os.urandom(20 * MiB)
        with open(big, "wb") as f:
            f.write(data)
        r = aws("s3 cp 20 MiB up", ["s3", "cp", big, f"s3://{BUCKET}/blobs/big.bin"])
        checks.check("upload: " in r.stdout and f"s3://{BUCKET}/blobs/big.bin" in r.stdout, "s3 cp reports the upload",
                     r.stdout[-500:])
        head = api("s3api head-object (multipart)", ["head-object", "--bucket", BUCKET, "--key", "blobs/big.bin"])
        if head is not None:
            checks.eq(head.get("ContentLength"), 20 * MiB, "multipart object ContentLength")
            md5s = b"".join(hashlib.md5(data[i:i + 8 * MiB]).digest() for i in range(0, len(data), 8 * MiB))
            checks.eq(head.get("ETag"), '"%s-3"' % hashlib.md5(md5s).hexdigest(),
                      "ETag of a 3-part upload (8 MiB parts) is md5(part md5s)-3")
        back = os.path.join(work, "back.bin")
        aws("s3 cp 20 MiB down", ["s3", "cp", f"s3://{BUCKET}/blobs/big.bin", back])
        checks.check(os.path.exists(back) and filecmp.cmp(big, back, shallow=False),
                     "downloaded 20 MiB equals the uploaded bytes")

        # sync a tree, then sync again: the second finds nothing to upload.
        tree = os.path.join(work, "tree")
        files = {"a.txt": b"alpha\n", "with space.txt": b"spaced\n", "sub/b.txt": b"beta\n",
                 "sub/deeper/c.bin": os.urandom(3000), "sub/unicode-\u00fc.txt": b"umlaut\n"}
        for rel, content in files.items():
            path = os.path.join(tree, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(content)
        r = aws("s3 sync (first)", ["s3", "sync", tree, f"s3://{BUCKET}/tree"])
        uploads = sorted(line.split(" to s3://")[-1] for line in r.stdout.splitlines() if line.startswith("upload:"))
        checks.eq(uploads, sorted(f"{BUCKET}/tree/{k}" for k in files), "first sync uploads every file")
        r = aws("s3 sync (second)", ["s3", "sync", tree, f"s3://{BUCKET}/tree"])
        checks.eq(r.stdout.strip(), "", "second sync uploads nothing")
        lst = api("s3api list-objects-v2 --prefix tree/", ["list-objects-v2", "--bucket", BUCKET, "--prefix", "tree/", "--no-paginate"])
        if lst is not None:
            checks.eq(lst.get("KeyCount"), len(files), "list-objects-v2 KeyCount under tree/")
            checks.eq(sorted((o["Key"], o["Size"]) for o in lst.get("Contents", [])),
                      sorted((f"tree/{k}", len(v)) for k, v in files.items()), "synced keys and sizes")
        down = os.path.join(work, "tree-down")
        aws("s3 sync down", ["s3", "sync", f"s3://{BUCKET}/tree", down])
        checks.check(all(open(os.path.join(down, k), "rb").read() == v for k, v in files.items()
                         if os.path.exists(os.path.join(down, k))) and
                     all(os.path.exists(os.path.join(down, k)) for k in files), "sync down restores the tree")

        r = aws("s3 ls --recursive", ["s3", "ls", f"s3://{BUCKET}/", "--recursive"])
        listed = {line.split(None, 3)[3]: int(line.split(None, 3)[2]) for line in r.stdout.splitlines()
                  if len(line.split(None, 3)) == 4}
        want = {f"tree/{k}": len(v) for k, v in files.items()}
        want["blobs/big.bin"] = 20 * MiB
        checks.eq(listed, want, "s3 ls --recursive: every key with its size")
        r = aws("s3 ls prefix", ["s3", "ls", f"s3://{BUCKET}/tree/"])
        lines = [line.strip() for line in r.stdout.splitlines()]
        checks.check("PRE sub/" in lines, "s3 ls shows the common prefix as PRE sub/", r.stdout)
        checks.check(any(line.endswith(" a.txt") for line in lines), "s3 ls shows a.txt", r.stdout)

        # s3api put-object / head-object.
        body = os.path.join(work, "doc.json")
        with open(body, "wb") as f:
            f.write(b'{"hello": "world"}')
        put = api("s3api put-object", ["put-object", "--bucket", BUCKET, "--key", "api/doc.json", "--body", body,
                                       "--content-type", "application/json", "--metadata", "owner=e2e,Stage=Test"])
        if put is not None:
            checks.eq(put.get("ETag"), '"%s"' % hashlib.md5(b'{"hello": "world"}').hexdigest(), "put-object ETag")
        head = api("s3api head-object", ["head-object", "--bucket", BUCKET, "--key", "api/doc.json"])
        if head is not None:
            checks.eq(head.get("ContentType"), "application/json", "head-object ContentType")
            checks.eq(head.get("ContentLength"), 18, "head-object ContentLength")
            checks.eq(head.get("Metadata"), {"owner": "e2e", "stage": "Test"}, "head-object Metadata (keys lower-cased)")
        r = aws("s3api head-object missing", ["s3api", "head-object", "--bucket", BUCKET, "--key", "nope"], want_rc=254)
        checks.check("(404)" in r.stderr and "Not Found" in r.stderr, "head-object of a missing key: 404 Not Found",
                     r.stderr)

        # Presigned GET URL, fetched without the CLI.
        r = aws("s3 presign", ["s3", "presign", f"s3://{BUCKET}/tree/a.txt", "--expires-in", "300"])
        url = r.stdout.strip()
        checks.check("X-Amz-Signature=" in url and "X-Amz-Expires=300" in url, "presign prints a SigV4 URL", url)
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                checks.eq((resp.status, resp.read()), (200, b"alpha\n"), "GET of the presigned URL")
        except OSError as e:
            checks.check(False, "GET of the presigned URL", repr(e))

        r = aws("s3 rb non-empty", ["s3", "rb", f"s3://{BUCKET}"], want_rc=1)
        checks.check("BucketNotEmpty" in r.stderr, "s3 rb of a non-empty bucket names BucketNotEmpty", r.stderr)
        r = aws("s3 rm --recursive", ["s3", "rm", f"s3://{BUCKET}/", "--recursive"])
        deleted = sorted(line.split("delete: s3://" + BUCKET + "/", 1)[-1] for line in r.stdout.splitlines()
                         if line.startswith("delete:"))
        checks.eq(deleted, sorted([*want, "api/doc.json"]), "s3 rm --recursive deletes every key")
        lst = api("s3api list-objects-v2 (empty)", ["list-objects-v2", "--bucket", BUCKET, "--no-paginate"])
        if lst is not None:
            checks.eq(lst.get("KeyCount"), 0, "bucket empty after rm --recursive")
        r = aws("s3 rb", ["s3", "rb", f"s3://{BUCKET}"])
        checks.eq(r.stdout.strip(), f"remove_bucket: {BUCKET}", "s3 rb output")
        r = aws("s3api head-bucket after rb", ["s3api", "head-bucket", "--bucket", BUCKET], want_rc=254)
        checks.check("(404)" in r.stderr, "head-bucket after rb: 404", r.stderr)
        emu.finish(checks)


if __name__ == "__main__":
    main()
