// e2e_s3_js: S3 through the AWS SDK for JavaScript v3 (versions pinned in package.json) against cloudemu.
// Run by tests/e2e/run_js.py --script s3.mjs as: node s3.mjs --endpoint http://127.0.0.1:PORT
// The SDK's defaults (CRC32 checksums, aws-chunked uploads with trailers), lib-storage's multipart
// Upload, presigned GET and PUT URLs used with plain fetch, listing, DeleteObjects, error shapes.
import { Checks, endpointArg } from "./checks.mjs";
import http from "node:http";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import {
  S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command,
  DeleteObjectsCommand, DeleteObjectCommand, paginateListObjectsV2, S3ServiceException, NoSuchKey, NotFound,
  NoSuchBucket,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const endpoint = endpointArg("s3.mjs");
const checks = new Checks("e2e_s3_js");
const { check, eq, ok } = checks.bound();

// A call that must reject with this error class, name and HTTP status.
async function rejects(label, send, Cls, name, status) {
  try {
    await send();
    check(false, `${label}: rejects with ${name} (${status})`, "the call succeeded");
  } catch (e) {
    check(e instanceof Cls && e.name === name && e.$metadata?.httpStatusCode === status,
      `${label}: rejects with ${Cls.name} ${name} (${status})`,
      `${e?.constructor?.name} ${e?.name} (${e?.$metadata?.httpStatusCode}): ${e?.message}`);
    return e;
  }
}

// CRC32 (IEEE), as S3 reports it: base64 of the big-endian 32-bit value.
const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32Raw(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  const out = Buffer.alloc(4);
  out.writeUInt32BE((c ^ -1) >>> 0);
  return out;
}
const crc32 = (buf) => crc32Raw(buf).toString("base64");
const md5 = (buf) => `"${crypto.createHash("md5").update(buf).digest("hex")}"`;

// A keep-alive agent that counts the TCP connections it opens.
function countingHandler(maxSockets = 1) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const counter = { sockets: 0 };
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (...args) => { counter.sockets++; return create(...args); };
  return { handler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 5000, requestTimeout: 30000 }), counter, agent };
}
const common = {
  endpoint, region: "us-east-1", forcePathStyle: true, maxAttempts: 1,
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "any-secret" },
};
// Records the headers of every request the client sends (after signing).
function seeHeaders(client) {
  const seen = [];
  client.middlewareStack.add((next) => async (args) => {
    seen.push({ ...args.request.headers, ":method": args.request.method, ":query": args.request.query });
    return next(args);
  }, { step: "finalizeRequest", priority: "low", name: "e2eSeeHeaders" });
  return seen;
}
const bodyBytes = async (r) => Buffer.from(await r.Body.transformToByteArray());

const Bucket = "e2e-js-bucket";
const { handler, counter, agent } = countingHandler();
const s3 = new S3Client({ ...common, requestHandler: handler });
const seen = seeHeaders(s3);

await ok("CreateBucket", () => s3.send(new CreateBucketCommand({ Bucket })));

// ---- default checksums ---------------------------------------------------------------------
{
  const text = "hello checksum ".repeat(1000);
  seen.length = 0;
  const put = await ok("PutObject string body", () => s3.send(new PutObjectCommand({ Bucket, Key: "crc/string.txt", Body: text })));
  const h = seen[0] || {};
  eq(h["x-amz-checksum-crc32"], crc32(Buffer.from(text)), "SDK sent its default CRC32 header");
  if (put) {
    eq(put.ETag, md5(Buffer.from(text)), "PutObject ETag");
    eq(put.ChecksumCRC32, crc32(Buffer.from(text)), "PutObject echoes ChecksumCRC32");
  }
  const get = await ok("GetObject ChecksumMode ENABLED", () => s3.send(new GetObjectCommand({ Bucket, Key: "crc/string.txt", ChecksumMode: "ENABLED" })));
  if (get) {
    eq(get.ChecksumCRC32, crc32(Buffer.from(text)), "GetObject ChecksumCRC32 equals ours");
    eq((await bodyBytes(get)).toString(), text, "GetObject body");
  }

  // A stream body: aws-chunked content encoding with the CRC32 in a trailer, over HTTP chunked transfer.
  const payload = crypto.randomBytes(300 * 1024);
  seen.length = 0;
  const put2 = await ok("PutObject stream body (aws-chunked + CRC32 trailer)", () => s3.send(new PutObjectCommand({
    Bucket, Key: "crc/stream.bin", ContentLength: payload.length,
    Body: Readable.from([payload.subarray(0, 100000), payload.subarray(100000)]),
  })));
  const h2 = seen[0] || {};
  check(/aws-chunked/.test(h2["content-encoding"] || ""), "stream upload used content-encoding aws-chunked", JSON.stringify(h2));
  eq(h2["x-amz-trailer"], "x-amz-checksum-crc32", "stream upload x-amz-trailer");
  eq(h2["x-amz-decoded-content-length"], String(payload.length), "stream upload x-amz-decoded-content-length");
  if (put2) eq(put2.ChecksumCRC32, crc32(payload), "stream PutObject returns the trailer's CRC32");
  const get2 = await ok("GetObject stream object", () => s3.send(new GetObjectCommand({ Bucket, Key: "crc/stream.bin", ChecksumMode: "ENABLED" })));
  if (get2) {
    eq(get2.ChecksumCRC32, crc32(payload), "GetObject ChecksumCRC32 of the aws-chunked upload");
    eq(get2.ContentLength, payload.length, "stored length is the decoded length");
    const got = await bodyBytes(get2);
    check(got.equals(payload), "stored bytes are the decoded payload (no chunk framing)", `${got.length} bytes`);
    check(get2.ContentEncoding === undefined || !/aws-chunked/.test(get2.ContentEncoding),
      "aws-chunked is not stored as Content-Encoding", String(get2.ContentEncoding));
  }
  const head = await ok("HeadObject ChecksumMode ENABLED", () => s3.send(new HeadObjectCommand({ Bucket, Key: "crc/stream.bin", ChecksumMode: "ENABLED" })));
  if (head) eq(head.ChecksumCRC32, crc32(payload), "HeadObject ChecksumCRC32");

  // SHA256 on request; and a CRC32 that does not match the body is refused.
  const sha = await ok("PutObject ChecksumAlgorithm SHA256", () => s3.send(new PutObjectCommand({ Bucket, Key: "crc/sha.txt", Body: "sha body", ChecksumAlgorithm: "SHA256" })));
  const shaWant = crypto.createHash("sha256").update("sha body").digest("base64");
  if (sha) eq(sha.ChecksumSHA256, shaWant, "PutObject ChecksumSHA256");
  const gsha = await ok("GetObject SHA256 object", () => s3.send(new GetObjectCommand({ Bucket, Key: "crc/sha.txt", ChecksumMode: "ENABLED" })));
  if (gsha) { eq(gsha.ChecksumSHA256, shaWant, "GetObject ChecksumSHA256"); await bodyBytes(gsha); }
  await rejects("PutObject with a wrong ChecksumCRC32", () => s3.send(new PutObjectCommand({
    Bucket, Key: "crc/bad.txt", Body: "some bytes", ChecksumCRC32: crc32(Buffer.from("other bytes")) })),
  S3ServiceException, "BadDigest", 400);
  await rejects("GetObject after the refused PutObject", () => s3.send(new GetObjectCommand({ Bucket, Key: "crc/bad.txt" })),
    NoSuchKey, "NoSuchKey", 404);
  eq(counter.sockets, 1, "every request above reused one keep-alive connection");
}

// ---- error shapes --------------------------------------------------------------------------
{
  const e = await rejects("HeadObject missing key", () => s3.send(new HeadObjectCommand({ Bucket, Key: "missing" })), NotFound, "NotFound", 404);
  if (e) {
    eq(e.$fault, "client", "HeadObject 404 $fault");
    check(typeof e.$metadata?.requestId === "string" && e.$metadata.requestId.length >= 16, "HeadObject 404 $metadata.requestId", JSON.stringify(e.$metadata));
  }
  const g = await rejects("GetObject missing key", () => s3.send(new GetObjectCommand({ Bucket, Key: "missing" })), NoSuchKey, "NoSuchKey", 404);
  if (g) {
    eq(g.Key, "missing", "NoSuchKey error carries the Key");
    check(typeof g.$metadata?.extendedRequestId === "string" && g.$metadata.extendedRequestId.length > 0,
      "error $metadata.extendedRequestId (x-amz-id-2)", JSON.stringify(g.$metadata));
  }
  await rejects("ListObjectsV2 missing bucket", () => s3.send(new ListObjectsV2Command({ Bucket: "e2e-js-no-such-bucket" })),
    NoSuchBucket, "NoSuchBucket", 404);
  await rejects("HeadObject in a missing bucket", () => s3.send(new HeadObjectCommand({ Bucket: "e2e-js-no-such-bucket", Key: "k" })),
    NotFound, "NotFound", 404);
}

// ---- lib-storage Upload (multipart) --------------------------------------------------------
{
  const { handler: h4, agent: a4 } = countingHandler(4);
  const up = new S3Client({ ...common, requestHandler: h4 });
  const upSeen = seeHeaders(up);
  const data = crypto.randomBytes(12 * 1024 * 1024);
  const progress = [];
  const upload = new Upload({ client: up, params: { Bucket, Key: "big/upload.bin", Body: data }, queueSize: 3, partSize: 5 * 1024 * 1024 });
  upload.on("httpUploadProgress", (p) => progress.push(p.part));
  const res = await ok("lib-storage Upload of 12 MiB", () => upload.done());
  const create = upSeen.find((h) => h[":method"] === "POST" && h[":query"] && "uploads" in h[":query"]);
  const parts = upSeen.filter((h) => h[":method"] === "PUT" && h[":query"]?.partNumber);
  eq(parts.length, 3, "Upload sent 3 UploadPart requests (5 + 5 + 2 MiB)");
  if (res) {
    const partMd5s = Buffer.concat([0, 1, 2].map((i) => crypto.createHash("md5").update(data.subarray(i * 5242880, (i + 1) * 5242880)).digest()));
    eq(res.ETag, `"${crypto.createHash("md5").update(partMd5s).digest("hex")}-3"`, "multipart ETag is md5(part md5s)-3");
    eq(res.Key, "big/upload.bin", "CompleteMultipartUpload Key");
  }
  const get = await ok("GetObject of the multipart object", () => s3.send(new GetObjectCommand({ Bucket, Key: "big/upload.bin", ChecksumMode: "ENABLED" })));
  if (get) {
    eq(get.ContentLength, data.length, "multipart object length");
    check((await bodyBytes(get)).equals(data), "multipart object bytes equal the uploaded Buffer");
    // The SDK asked for CRC32 on CreateMultipartUpload: S3 keeps a composite checksum of the parts.
    if (create?.["x-amz-checksum-algorithm"] === "CRC32") {
      const composite = crc32(Buffer.concat([0, 1, 2].map((i) => crc32Raw(data.subarray(i * 5242880, (i + 1) * 5242880)))));
      eq(get.ChecksumCRC32, `${composite}-3`, "GetObject composite ChecksumCRC32 of the multipart object");
      eq(get.ChecksumType, "COMPOSITE", "GetObject ChecksumType");
    }
  }
  a4.destroy();
}

// ---- presigned URLs with plain fetch -------------------------------------------------------
{
  const getUrl = await ok("getSignedUrl GetObject", () => getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: "crc/string.txt" }), { expiresIn: 300 }));
  if (getUrl) {
    check(/X-Amz-Signature=/.test(getUrl) && /X-Amz-Expires=300/.test(getUrl), "presigned GET URL carries SigV4 query", getUrl);
    const r = await ok("fetch presigned GET", () => fetch(getUrl));
    if (r) {
      eq(r.status, 200, "presigned GET status");
      eq(await r.text(), "hello checksum ".repeat(1000), "presigned GET body");
    }
  }
  const body = "uploaded through a presigned URL";
  const putUrl = await ok("getSignedUrl PutObject", () => getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: "presigned/put.txt", ContentType: "text/plain" }), { expiresIn: 300 }));
  if (putUrl) {
    const r = await ok("fetch presigned PUT", () => fetch(putUrl, { method: "PUT", body, headers: { "content-type": "text/plain" } }));
    if (r) check(r.status === 200, "presigned PUT status 200", `${r.status}: ${await r.text()}`);
    const g = await ok("GetObject of the presigned PUT", () => s3.send(new GetObjectCommand({ Bucket, Key: "presigned/put.txt" })));
    if (g) {
      eq((await bodyBytes(g)).toString(), body, "presigned PUT stored the body");
      eq(g.ContentType, "text/plain", "presigned PUT stored the Content-Type");
    }
  }
}

// ---- ListObjectsV2, DeleteObjects ----------------------------------------------------------
{
  const keys = Array.from({ length: 12 }, (_, i) => `list/${String(i).padStart(2, "0")}.txt`).concat(["list/sub/a", "list/sub/b"]);
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  const r = await ok("ListObjectsV2 Prefix+Delimiter", () => s3.send(new ListObjectsV2Command({ Bucket, Prefix: "list/", Delimiter: "/" })));
  if (r) {
    eq((r.Contents || []).map((o) => o.Key), keys.slice(0, 12), "ListObjectsV2 Contents");
    eq((r.CommonPrefixes || []).map((p) => p.Prefix), ["list/sub/"], "ListObjectsV2 CommonPrefixes");
    eq(r.KeyCount, 13, "ListObjectsV2 KeyCount");
    eq(r.IsTruncated, false, "ListObjectsV2 IsTruncated");
    eq((r.Contents || [])[0]?.Size, "list/00.txt".length, "ListObjectsV2 Size");
  }
  const pages = [];
  await ok("paginateListObjectsV2 pageSize 5", async () => {
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 5 }, { Bucket, Prefix: "list/" })) pages.push(page);
  });
  eq(pages.map((p) => (p.Contents || []).length), [5, 5, 4], "pages of 5, 5, 4");
  eq(pages.flatMap((p) => (p.Contents || []).map((o) => o.Key)), [...keys].sort(), "paginated keys in order");
  const d = await ok("DeleteObjects", () => s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.slice(0, 10).map((Key) => ({ Key })).concat([{ Key: "list/never-existed" }]) } })));
  if (d) {
    eq((d.Deleted || []).map((x) => x.Key).sort(), [...keys.slice(0, 10), "list/never-existed"].sort(), "DeleteObjects Deleted per key");
    eq(d.Errors || [], [], "DeleteObjects Errors");
  }
  const q = await ok("DeleteObjects Quiet", () => s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: keys.slice(10).map((Key) => ({ Key })) } })));
  if (q) eq(q.Deleted || [], [], "Quiet DeleteObjects lists no successes");
  const after = await ok("ListObjectsV2 after DeleteObjects", () => s3.send(new ListObjectsV2Command({ Bucket, Prefix: "list/" })));
  if (after) eq(after.KeyCount, 0, "nothing left under list/");
  const del = await ok("DeleteObject", () => s3.send(new DeleteObjectCommand({ Bucket, Key: "crc/string.txt" })));
  if (del) eq(del.$metadata.httpStatusCode, 204, "DeleteObject status");
}

agent.destroy();
checks.finish();
