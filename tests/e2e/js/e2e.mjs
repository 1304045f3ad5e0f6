// e2e_js: the AWS SDK for JavaScript v3 (versions pinned in package.json) against cloudemu.
// Run by tests/e2e/run_js.py as: node e2e.mjs --endpoint http://127.0.0.1:PORT
// With no AWS service plugin loaded, each call must reject with the SDK's normal ServiceException:
// name NotImplemented, $metadata.httpStatusCode 501, $metadata.requestId from our headers, 1 attempt.
import http from "node:http";
import { Readable } from "node:stream";
import { S3Client, ListBucketsCommand, PutObjectCommand, HeadObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { DynamoDBClient, ListTablesCommand, DynamoDBServiceException } from "@aws-sdk/client-dynamodb";
import { SQSClient, ListQueuesCommand, SQSServiceException } from "@aws-sdk/client-sqs";
import { STSClient, GetCallerIdentityCommand, STSServiceException } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const endpoint = process.argv[process.argv.indexOf("--endpoint") + 1];
if (!endpoint || !endpoint.startsWith("http")) {
  console.error("usage: node e2e.mjs --endpoint http://127.0.0.1:PORT");
  process.exit(2);
}

let passed = 0;
const failed = [];
function check(cond, what, detail = "") {
  if (cond) { passed++; console.log(`  ok   ${what}`); }
  else { failed.push(what); console.log(`  FAIL ${what}${detail ? ": " + detail : ""}`); }
  return cond;
}
const eq = (actual, expected, what) => check(actual === expected, `${what} === ${JSON.stringify(expected)}`, `got ${JSON.stringify(actual)}`);

// One keep-alive agent per client that counts the TCP connections it opens.
function countingHandler() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const counter = { sockets: 0 };
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (...args) => { counter.sockets++; return create(...args); };
  return { handler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 5000, requestTimeout: 10000 }), counter, agent };
}

const common = {
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "any-secret" },
  maxAttempts: 1,
};

async function expectNotImplemented(label, send, ExceptionClass, { code = "NotImplemented", bodyless = false, streaming = false } = {}) {
  try {
    await send();
    check(false, `${label}: rejects`, "the call succeeded");
  } catch (e) {
    if (!check(e instanceof ExceptionClass, `${label}: rejects with ${ExceptionClass.name}`, `${e?.name}: ${e?.message}`)) {
      console.log(e);
      return e;
    }
    eq(e.name, code, `${label}: error name`);
    eq(e.$metadata?.httpStatusCode, 501, `${label}: HTTP status`);
    check(typeof e.$metadata?.requestId === "string" && e.$metadata.requestId.length >= 16,
      `${label}: $metadata.requestId from our headers`, JSON.stringify(e.$metadata));
    // The retry middleware leaves `attempts` unset on a non-retryable (streaming) request.
    if (streaming) check(e.$metadata?.attempts === undefined || e.$metadata?.attempts === 1, `${label}: at most one attempt`, JSON.stringify(e.$metadata));
    else eq(e.$metadata?.attempts, 1, `${label}: attempts`);
    if (!bodyless) check(/No service plugin/.test(e.message), `${label}: host's message`, e.message);
    return e;
  }
}

// S3 (rest-xml)
{
  const { handler, counter, agent } = countingHandler();
  const s3 = new S3Client({ ...common, forcePathStyle: true, requestHandler: handler });
  await expectNotImplemented("s3 ListBuckets", () => s3.send(new ListBucketsCommand({})), S3ServiceException);

  // A string body: the SDK's default CRC32 (x-amz-checksum-crc32) rides in a header. The host answers
  // 501 without reading it, skips the body, and keeps the connection.
  const seen = {};
  s3.middlewareStack.add((next) => async (args) => {
    Object.assign(seen, args.request.headers);
    return next(args);
  }, { step: "finalizeRequest", priority: "low", name: "e2eSeeHeaders" });
  await expectNotImplemented("s3 PutObject (string body, CRC32 header)",
    () => s3.send(new PutObjectCommand({ Bucket: "bucket", Key: "k1", Body: "hello ".repeat(2000) })), S3ServiceException);
  check("x-amz-checksum-crc32" in seen, "s3 PutObject (string body): SDK sent its default CRC32 checksum", JSON.stringify(seen));

  // A stream body: the SDK sends aws-chunked content with a trailing CRC32 checksum
  // (x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER) over HTTP chunked transfer.
  for (const k of Object.keys(seen)) delete seen[k];
  const payload = Buffer.alloc(256 * 1024, 0x61);
  await expectNotImplemented("s3 PutObject (stream body, aws-chunked + CRC32 trailer)",
    () => s3.send(new PutObjectCommand({ Bucket: "bucket", Key: "k2", Body: Readable.from([payload.subarray(0, 100000), payload.subarray(100000)]), ContentLength: payload.length })),
    S3ServiceException, { streaming: true });
  const enc = seen["content-encoding"] || "";
  check(/aws-chunked/.test(enc), "s3 PutObject (stream body): content-encoding aws-chunked", JSON.stringify(seen));
  eq(seen["x-amz-trailer"], "x-amz-checksum-crc32", "s3 PutObject (stream body): x-amz-trailer");

  // HEAD: no body to read a code from. The SDK names a bodiless error by status only for 404
  // (NotFound) and 403; a 501 becomes "Unknown", with status and request id intact.
  await expectNotImplemented("s3 HeadObject", () => s3.send(new HeadObjectCommand({ Bucket: "bucket", Key: "k1" })),
    S3ServiceException, { code: "Unknown", bodyless: true });
  // After the bodies above, the same client still talks to the host.
  await expectNotImplemented("s3 ListBuckets after the uploads", () => s3.send(new ListBucketsCommand({})), S3ServiceException);
  eq(counter.sockets, 1, "s3: the uploads did not break the keep-alive connection (connections opened)");
  agent.destroy();
}

// DynamoDB (JSON 1.0)
{
  const { handler, counter, agent } = countingHandler();
  const ddb = new DynamoDBClient({ ...common, requestHandler: handler });
  await expectNotImplemented("dynamodb ListTables", () => ddb.send(new ListTablesCommand({})), DynamoDBServiceException);
  await expectNotImplemented("dynamodb ListTables again", () => ddb.send(new ListTablesCommand({})), DynamoDBServiceException);
  eq(counter.sockets, 1, "dynamodb: both calls on one keep-alive connection");
  agent.destroy();
}

// SQS: JS v3 speaks JSON 1.0 (X-Amz-Target: AmazonSQS.ListQueues)
{
  const { handler, agent } = countingHandler();
  const sqs = new SQSClient({ ...common, requestHandler: handler });
  const seen = {};
  sqs.middlewareStack.add((next) => async (args) => { Object.assign(seen, args.request.headers); return next(args); },
    { step: "finalizeRequest", priority: "low", name: "e2eSeeHeaders" });
  await expectNotImplemented("sqs ListQueues (JSON 1.0)", () => sqs.send(new ListQueuesCommand({})), SQSServiceException);
  eq(seen["x-amz-target"], "AmazonSQS.ListQueues", "sqs: X-Amz-Target");
  agent.destroy();
}

// STS (query)
{
  const { handler, agent } = countingHandler();
  const sts = new STSClient({ ...common, requestHandler: handler });
  await expectNotImplemented("sts GetCallerIdentity (query)", () => sts.send(new GetCallerIdentityCommand({})), STSServiceException);
  agent.destroy();
}

console.log(`e2e_js (node): ${passed} passed, ${failed.length} failed`);
for (const f of failed) console.error(`  failed: ${f}`);
process.exit(failed.length ? 1 : 0);
