// e2e_sqs_js: SQS through the AWS SDK for JavaScript v3 (@aws-sdk/client-sqs, JSON protocol)
// against cloudemu. Run by tests/e2e/run_js.py --script sqs.mjs as:
//   node sqs.mjs --endpoint http://127.0.0.1:PORT
// The client's MD5 checks stay on (md5: true is the default): a wrong MD5 fails the send/receive.
import { Checks, endpointArg } from "./checks.mjs";
import {
  SQSClient, CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, GetQueueAttributesCommand,
  SetQueueAttributesCommand, SendMessageCommand, SendMessageBatchCommand, ReceiveMessageCommand,
  DeleteMessageCommand, DeleteMessageBatchCommand, ChangeMessageVisibilityCommand, DeleteQueueCommand,
  StartMessageMoveTaskCommand, ListMessageMoveTasksCommand, QueueDoesNotExist,
} from "@aws-sdk/client-sqs";

const endpoint = endpointArg("sqs.mjs");
const checks = new Checks("e2e_sqs_js");
const { check, eq, ok, rejects } = checks.bound();


const sqs = new SQSClient({
  endpoint, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "any-secret" },
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- queues
const created = await ok("CreateQueue", () => sqs.send(new CreateQueueCommand({
  QueueName: "js-queue", Attributes: { VisibilityTimeout: "1" }, tags: { team: "js" } })));
const url = created?.QueueUrl ?? "";
check(url.endsWith("/000000000000/js-queue"), "QueueUrl ends in /<account>/<name>", url);
const got = await ok("GetQueueUrl", () => sqs.send(new GetQueueUrlCommand({ QueueName: "js-queue" })));
eq(got?.QueueUrl, url, "GetQueueUrl");
const listed = await ok("ListQueues", () => sqs.send(new ListQueuesCommand({ QueueNamePrefix: "js-" })));
eq(listed?.QueueUrls, [url], "ListQueues");
const e = await rejects("GetQueueUrl of a missing queue",
  () => sqs.send(new GetQueueUrlCommand({ QueueName: "missing" })), "QueueDoesNotExist", 400);
check(e instanceof QueueDoesNotExist, "the error is the modeled QueueDoesNotExist class");
await rejects("SetQueueAttributes out of range", () => sqs.send(new SetQueueAttributesCommand({
  QueueUrl: url, Attributes: { MaximumMessageSize: "10" } })), "InvalidAttributeValue", 400);
const attrs = await ok("GetQueueAttributes", () => sqs.send(new GetQueueAttributesCommand({
  QueueUrl: url, AttributeNames: ["All"] })));
eq(attrs?.Attributes?.VisibilityTimeout, "1", "VisibilityTimeout attribute");

// ---- messages (the SDK verifies MD5OfMessageBody/Attributes on send and receive)
const sent = await ok("SendMessage with attributes", () => sqs.send(new SendMessageCommand({
  QueueUrl: url, MessageBody: "héllo from js",
  MessageAttributes: {
    s: { DataType: "String", StringValue: "v" },
    n: { DataType: "Number", StringValue: "3.14" },
    b: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 255]) },
  } })));
check(Boolean(sent?.MD5OfMessageAttributes), "MD5OfMessageAttributes answered");
const recv = await ok("ReceiveMessage", () => sqs.send(new ReceiveMessageCommand({
  QueueUrl: url, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] })));
const m = recv?.Messages?.[0];
eq(m?.Body, "héllo from js", "body round trip");
eq(Array.from(m?.MessageAttributes?.b?.BinaryValue ?? []), [0, 1, 255], "binary attribute");
eq(m?.Attributes?.ApproximateReceiveCount, "1", "ApproximateReceiveCount");
if (m) {
  await sleep(1300);
  const again = await ok("ReceiveMessage after the visibility timeout", () => sqs.send(new ReceiveMessageCommand({
    QueueUrl: url })));
  eq(again?.Messages?.length, 1, "the message is visible again");
  const handle = again?.Messages?.[0]?.ReceiptHandle;
  await ok("ChangeMessageVisibility", () => sqs.send(new ChangeMessageVisibilityCommand({
    QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 60 })));
  await ok("DeleteMessage", () => sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle })));
}

// ---- batches
const batch = await ok("SendMessageBatch", () => sqs.send(new SendMessageBatchCommand({
  QueueUrl: url, Entries: [
    { Id: "a", MessageBody: "one", MessageAttributes: { k: { DataType: "String", StringValue: "x" } } },
    { Id: "b", MessageBody: "two" },
    { Id: "c", MessageBody: "three", DelaySeconds: 5000 },
  ] })));
eq((batch?.Successful ?? []).map((s) => s.Id), ["a", "b"], "two entries sent");
eq((batch?.Failed ?? []).map((f) => f.Id), ["c"], "entry c failed");
await rejects("SendMessageBatch with no entries", () => sqs.send(new SendMessageBatchCommand({
  QueueUrl: url, Entries: [] })), "EmptyBatchRequest", 400);
const both = await ok("ReceiveMessage 10", () => sqs.send(new ReceiveMessageCommand({
  QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] })));
eq((both?.Messages ?? []).map((x) => x.Body).sort(), ["one", "two"], "both received");
const del = await ok("DeleteMessageBatch", () => sqs.send(new DeleteMessageBatchCommand({
  QueueUrl: url, Entries: (both?.Messages ?? []).map((x, i) => ({ Id: `d${i}`, ReceiptHandle: x.ReceiptHandle })) })));
eq(del?.Successful?.length, 2, "both deleted");

// ---- a long poll woken by a send
const lp = (await sqs.send(new CreateQueueCommand({ QueueName: "js-long-poll" }))).QueueUrl;
const t0 = Date.now();
const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: lp, WaitTimeSeconds: 10 }));
await sleep(400);
await ok("SendMessage during the long poll", () => sqs.send(new SendMessageCommand({ QueueUrl: lp, MessageBody: "ping" })));
const woken = await polling;
eq(woken.Messages?.map((x) => x.Body), ["ping"], "long poll got the message");
check(Date.now() - t0 < 5000, "long poll woken by the send", `${Date.now() - t0} ms`);

// ---- FIFO
const fifo = (await sqs.send(new CreateQueueCommand({ QueueName: "js.fifo",
  Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true" } }))).QueueUrl;
for (const [body, group] of [["a1", "A"], ["b1", "B"], ["a2", "A"]])
  await ok(`FIFO send ${body}`, () => sqs.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: body, MessageGroupId: group })));
const ordered = await ok("FIFO receive", () => sqs.send(new ReceiveMessageCommand({ QueueUrl: fifo, MaxNumberOfMessages: 10 })));
eq(ordered?.Messages?.map((x) => x.Body), ["a1", "b1", "a2"], "FIFO order");

// ---- dead-letter queue
const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: "js-dlq" }))).QueueUrl;
const src = (await sqs.send(new CreateQueueCommand({ QueueName: "js-src", Attributes: {
  VisibilityTimeout: "0",
  RedrivePolicy: JSON.stringify({ deadLetterTargetArn: "arn:aws:sqs:us-east-1:000000000000:js-dlq", maxReceiveCount: 1 }),
} }))).QueueUrl;
await sqs.send(new SendMessageCommand({ QueueUrl: src, MessageBody: "poison" }));
const counts = [];
for (let i = 0; i < 2; i++)
  counts.push((await sqs.send(new ReceiveMessageCommand({ QueueUrl: src }))).Messages?.length ?? 0);
eq(counts, [1, 0], "one receive, then moved");
const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, VisibilityTimeout: 0 }));
eq(dead.Messages?.map((x) => x.Body), ["poison"], "message in the DLQ");
// DLQ redrive: back to the queue it came from.
const dlqArn = "arn:aws:sqs:us-east-1:000000000000:js-dlq";
const task = await ok("StartMessageMoveTask", () => sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn })));
check(Boolean(task?.TaskHandle), "StartMessageMoveTask answers a TaskHandle");
const tasks = await ok("ListMessageMoveTasks", () => sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn })));
eq(tasks?.Results?.map((t) => [t.Status, t.ApproximateNumberOfMessagesMoved]), [["COMPLETED", 1]], "the task moved one message");
const redriven = await sqs.send(new ReceiveMessageCommand({ QueueUrl: src }));
eq(redriven.Messages?.map((x) => x.Body), ["poison"], "message back in its source queue");

await ok("DeleteQueue", () => sqs.send(new DeleteQueueCommand({ QueueUrl: url })));
checks.finish();
