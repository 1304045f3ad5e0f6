// e2e_sns_js: SNS through the AWS SDK for JavaScript v3 (@aws-sdk/client-sns, query protocol with
// XML answers) against cloudemu, with the fan-out read back through @aws-sdk/client-sqs (JSON
// protocol). Run by tests/e2e/run_js.py --script sns.mjs as:
//   node sns.mjs --endpoint http://127.0.0.1:PORT
// The envelope's signature is checked with node:crypto against the certificate served at its
// SigningCertURL; sns_boto3.py checks the same with the openssl command line.
import { Checks, endpointArg } from "./checks.mjs";
import crypto from "node:crypto";
import {
  SNSClient, CreateTopicCommand, ListTopicsCommand, GetTopicAttributesCommand, SetTopicAttributesCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand, SubscribeCommand,
  ListSubscriptionsByTopicCommand, GetSubscriptionAttributesCommand, PublishCommand, PublishBatchCommand,
  DeleteTopicCommand, NotFoundException, paginateListTopics,
} from "@aws-sdk/client-sns";
import {
  SQSClient, CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, DeleteMessageCommand,
} from "@aws-sdk/client-sqs";

const endpoint = endpointArg("sns.mjs");
const checks = new Checks("e2e_sns_js");
const { check, eq, ok, rejects } = checks.bound();


const common = {
  endpoint, region: "us-east-1", maxAttempts: 1,
  credentials: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "any-secret" },
};
const ACCOUNT = "000000000000";
const sns = new SNSClient(common);
const sqs = new SQSClient(common);

// What the SNS client puts on the wire: a form POST of the query protocol.
const sent = {};
sns.middlewareStack.add((next) => async (args) => {
  sent.contentType = args.request.headers["content-type"];
  sent.body = String(args.request.body ?? "");
  return next(args);
}, { step: "finalizeRequest", priority: "low", name: "e2eSeeRequest" });

// ---- topics
const arn = `arn:aws:sns:us-east-1:${ACCOUNT}:js-orders`;
let r = await ok("CreateTopic with tags", () => sns.send(new CreateTopicCommand({
  Name: "js-orders", Tags: [{ Key: "team", Value: "shop" }], Attributes: { DisplayName: "Orders" } })));
eq(r?.TopicArn, arn, "TopicArn");
check((sent.contentType ?? "").startsWith("application/x-www-form-urlencoded"),
  "the SNS client sends a form (query protocol)", sent.contentType);
check(/(^|&)Action=CreateTopic(&|$)/.test(sent.body) && /(^|&)Version=2010-03-31(&|$)/.test(sent.body),
  "the form carries Action=CreateTopic and Version=2010-03-31", sent.body);
r = await ok("CreateTopic again (idempotent)", () => sns.send(new CreateTopicCommand({ Name: "js-orders" })));
eq(r?.TopicArn, arn, "the same TopicArn again");
await rejects("CreateTopic with a bad name", () => sns.send(new CreateTopicCommand({ Name: "bad name" })),
  "InvalidParameterException", 400, "Invalid parameter: Topic Name");
const fifoTopic = `arn:aws:sns:us-east-1:${ACCOUNT}:js-jobs.fifo`;
r = await ok("CreateTopic FIFO", () => sns.send(new CreateTopicCommand({
  Name: "js-jobs.fifo", Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } })));
eq(r?.TopicArn, fifoTopic, "FIFO TopicArn");

await ok("SetTopicAttributes DisplayName", () => sns.send(new SetTopicAttributesCommand({
  TopicArn: arn, AttributeName: "DisplayName", AttributeValue: "Orders & more" })));
r = await ok("GetTopicAttributes", () => sns.send(new GetTopicAttributesCommand({ TopicArn: arn })));
const a = r?.Attributes ?? {};
eq(a.DisplayName, "Orders & more", "DisplayName (an & through the form and the XML)");
eq(a.Owner, ACCOUNT, "Owner");
eq(a.TopicArn, arn, "TopicArn attribute");
check(typeof a.Policy === "string" && JSON.parse(a.Policy).Statement?.length > 0, "a default Policy document", a.Policy);
r = await ok("GetTopicAttributes FIFO", () => sns.send(new GetTopicAttributesCommand({ TopicArn: fifoTopic })));
eq([r?.Attributes?.FifoTopic, r?.Attributes?.ContentBasedDeduplication], ["true", "true"], "FIFO attributes");

r = await ok("ListTopics", () => sns.send(new ListTopicsCommand({})));
eq((r?.Topics ?? []).map((t) => t.TopicArn).sort(), [fifoTopic, arn].sort(), "listed topics");
const paged = [];
try {
  for await (const page of paginateListTopics({ client: sns }, {})) paged.push(...(page.Topics ?? []));
} catch (e) { check(false, "paginateListTopics", `${e?.name}: ${e?.message}`); }
eq(paged.length, 2, "topics over every page of paginateListTopics");

await ok("TagResource", () => sns.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: "env", Value: "dev" }] })));
r = await ok("ListTagsForResource", () => sns.send(new ListTagsForResourceCommand({ ResourceArn: arn })));
eq((r?.Tags ?? []).map((t) => `${t.Key}=${t.Value}`).sort(), ["env=dev", "team=shop"], "tags");
await ok("UntagResource", () => sns.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["env"] })));
r = await ok("ListTagsForResource after untag", () => sns.send(new ListTagsForResourceCommand({ ResourceArn: arn })));
eq((r?.Tags ?? []).map((t) => t.Key), ["team"], "tags after untag");

// ---- errors: the modeled exception, its HTTP status and message
let e = await rejects("GetTopicAttributes of a missing topic",
  () => sns.send(new GetTopicAttributesCommand({ TopicArn: arn + "-missing" })),
  "NotFoundException", 404, "Topic does not exist");
check(e instanceof NotFoundException, "the error is the modeled NotFoundException class");
eq(e?.Code, "NotFound", "the query error Code NotFound");
eq(e?.Type, "Sender", "the query error Type Sender");
check(typeof e?.$metadata?.requestId === "string" && e.$metadata.requestId.length > 0, "$metadata.requestId",
  JSON.stringify(e?.$metadata));
await rejects("Publish to a missing topic", () => sns.send(new PublishCommand({ TopicArn: arn + "-missing", Message: "m" })),
  "NotFoundException", 404, "Topic does not exist");
await rejects("Publish a bad Number attribute", () => sns.send(new PublishCommand({
  TopicArn: arn, Message: "m", MessageAttributes: { n: { DataType: "Number", StringValue: "ten" } } })),
"InvalidParameterValueException", 400, "Could not cast message attribute 'n' value to number.");
await rejects("Publish FIFO without MessageGroupId", () => sns.send(new PublishCommand({ TopicArn: fifoTopic, Message: "m" })),
  "InvalidParameterException", 400);

// ---- SNS -> SQS fan-out
async function queue(name, attributes = {}) {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl;
  const qarn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] })))
    .Attributes.QueueArn;
  return { url, arn: qarn };
}
// Deliveries are asynchronous: long-poll until `until(messages)` holds or `seconds` pass, deleting
// each message, then one short poll more for anything that should not have come.
async function drain(url, until = () => false, seconds = 5) {
  const out = [];
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && !until(out)) {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
      MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }));
    for (const m of got.Messages ?? []) {
      out.push(m);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    }
  }
  const late = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1,
    MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }));
  for (const m of late.Messages ?? []) {
    out.push(m);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
  }
  return out;
}

// The canonical string SNS signs for a Notification: these keys, in this order, "name\nvalue\n".
function canonical(env) {
  return ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    .filter((k) => k in env).map((k) => `${k}\n${env[k]}\n`).join("");
}
const certificates = new Map();
async function certificate(url) {
  if (!certificates.has(url)) {
    const res = await fetch(url);
    check(res.status === 200, `GET SigningCertURL answers 200`, `${res.status} for ${url}`);
    certificates.set(url, new crypto.X509Certificate(Buffer.from(await res.arrayBuffer())));
  }
  return certificates.get(url);
}
async function verifies(env) {
  const cert = await certificate(env.SigningCertURL);
  const digest = env.SignatureVersion === "2" ? "sha256" : "sha1";
  return crypto.verify(digest, Buffer.from(canonical(env), "utf8"), cert.publicKey, Buffer.from(env.Signature, "base64"));
}

const fanout = (await ok("CreateTopic fan-out", () => sns.send(new CreateTopicCommand({ Name: "js-fanout" }))))?.TopicArn;
const inbox = await queue("js-inbox");
r = await ok("Subscribe an SQS queue", () => sns.send(new SubscribeCommand({
  TopicArn: fanout, Protocol: "sqs", Endpoint: inbox.arn, ReturnSubscriptionArn: true })));
const inboxSub = r?.SubscriptionArn ?? "";
check(inboxSub.startsWith(fanout + ":"), "SubscriptionArn is the topic's ARN plus an id", inboxSub);
r = await ok("GetSubscriptionAttributes", () => sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: inboxSub })));
eq([r?.Attributes?.Protocol, r?.Attributes?.Endpoint, r?.Attributes?.PendingConfirmation, r?.Attributes?.RawMessageDelivery],
  ["sqs", inbox.arn, "false", "false"], "subscription attributes (sqs confirmed at once, enveloped)");

// An enveloped notification, its signature checked with node:crypto (SignatureVersion 1: SHA1withRSA).
const message = "to the queue: ünïcode & <xml> \"quotes\"\nand a second line";
const pub = await ok("Publish with Subject and attributes", () => sns.send(new PublishCommand({
  TopicArn: fanout, Message: message, Subject: "greetings",
  MessageAttributes: { color: { DataType: "String", StringValue: "red" }, n: { DataType: "Number", StringValue: "5" } } })));
check(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(pub?.MessageId ?? ""), "MessageId is a UUID",
  pub?.MessageId);
let got = await drain(inbox.url, (m) => m.length >= 1);
eq(got.length, 1, "one notification in the queue");
let env = {};
try { env = JSON.parse(got[0]?.Body ?? "{}"); } catch (err) { check(false, "the body is a JSON envelope", String(err)); }
eq([env.Type, env.MessageId, env.TopicArn, env.Subject, env.Message],
  ["Notification", pub?.MessageId, fanout, "greetings", message], "envelope fields");
eq(env.MessageAttributes, { color: { Type: "String", Value: "red" }, n: { Type: "Number", Value: "5" } },
  "envelope MessageAttributes");
check(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(env.Timestamp ?? ""), "Timestamp is ISO 8601 with milliseconds",
  env.Timestamp);
check(Math.abs(Date.parse(env.Timestamp) - Date.now()) < 60_000, "Timestamp is now", env.Timestamp);
eq(env.SignatureVersion, "1", "SignatureVersion");
check((env.SigningCertURL ?? "").startsWith(endpoint + "/_aws/sns/") && env.SigningCertURL.endsWith(".pem"),
  "SigningCertURL is served by the emulator the publisher reached", env.SigningCertURL);
if (env.Signature) {
  const cert = await certificate(env.SigningCertURL);
  check(/CN=sns\.amazonaws\.com/.test(cert.subject), "the certificate names sns.amazonaws.com", cert.subject);
  check(await verifies(env), "the envelope's SHA1withRSA signature verifies (node:crypto)");
  check(!(await verifies({ ...env, Message: env.Message + "!" })), "a changed Message does not verify");
}

// Binary attributes are base64 in the envelope; text beyond the BMP survives the JSON and the signature.
const emoji = "rocket 🚀, tab\t, quote \", backslash \\, nul-free";
const pub2 = await ok("Publish a Binary attribute and an emoji", () => sns.send(new PublishCommand({ TopicArn: fanout,
  Message: emoji, MessageAttributes: { b: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
    arr: { DataType: "String.Array", StringValue: "[\"x\", 2, true]" } } })));
got = await drain(inbox.url, (m) => m.length >= 1);
env = JSON.parse(got[0]?.Body ?? "{}");
eq([env.MessageId, env.Message], [pub2?.MessageId, emoji], "the emoji message in the envelope");
eq(env.MessageAttributes, { arr: { Type: "String.Array", Value: "[\"x\", 2, true]" }, b: { Type: "Binary", Value: "AAH+/w==" } },
  "envelope: a Binary attribute as base64, a String.Array as sent");
if (env.Signature) check(await verifies(env), "the emoji envelope's signature verifies");

r = await ok("GetTopicAttributes of the fan-out topic", () => sns.send(new GetTopicAttributesCommand({ TopicArn: fanout })));
eq([r?.Attributes?.SubscriptionsConfirmed, r?.Attributes?.SubscriptionsPending], ["1", "0"], "subscription counts");

// SignatureVersion 2 (SHA256withRSA), set on the topic.
await ok("SetTopicAttributes SignatureVersion 2", () => sns.send(new SetTopicAttributesCommand({
  TopicArn: fanout, AttributeName: "SignatureVersion", AttributeValue: "2" })));
await ok("Publish without Subject", () => sns.send(new PublishCommand({ TopicArn: fanout, Message: "signed v2" })));
got = await drain(inbox.url, (m) => m.length >= 1);
env = JSON.parse(got[0]?.Body ?? "{}");
eq([env.Message, env.SignatureVersion, "Subject" in env], ["signed v2", "2", false], "v2 envelope without Subject");
if (env.Signature) check(await verifies(env), "the envelope's SHA256withRSA signature verifies (node:crypto)");

// The UnsubscribeURL works unsigned (a plain GET, as a queue's consumer would follow it).
if (env.UnsubscribeURL) {
  check(env.UnsubscribeURL.startsWith(endpoint + "/?Action=Unsubscribe&SubscriptionArn="), "UnsubscribeURL",
    env.UnsubscribeURL);
  const res = await fetch(env.UnsubscribeURL);
  eq(res.status, 200, "GET UnsubscribeURL status");
  r = await ok("ListSubscriptionsByTopic after the UnsubscribeURL", () => sns.send(new ListSubscriptionsByTopicCommand({
    TopicArn: fanout })));
  check(!(r?.Subscriptions ?? []).some((s) => s.SubscriptionArn === inboxSub), "the subscription is gone",
    JSON.stringify(r?.Subscriptions));
}

// Raw delivery: the message as published, SNS attributes as SQS message attributes.
const raw = await queue("js-raw");
await ok("Subscribe raw", () => sns.send(new SubscribeCommand({
  TopicArn: fanout, Protocol: "sqs", Endpoint: raw.arn, Attributes: { RawMessageDelivery: "true" } })));
// Filter policies: attribute scope, and body scope with a nested numeric condition.
const red = await queue("js-red");
await ok("Subscribe with an attribute filter policy", () => sns.send(new SubscribeCommand({
  TopicArn: fanout, Protocol: "sqs", Endpoint: red.arn,
  Attributes: { FilterPolicy: JSON.stringify({ color: ["red"], size: [{ numeric: [">", 2] }] }) } })));
const big = await queue("js-big");
await ok("Subscribe with a body filter policy", () => sns.send(new SubscribeCommand({
  TopicArn: fanout, Protocol: "sqs", Endpoint: big.arn, Attributes: {
    FilterPolicyScope: "MessageBody", FilterPolicy: JSON.stringify({ order: { total: [{ numeric: [">=", 100] }] } }) } })));
const attrs = (color, size) => ({
  color: { DataType: "String", StringValue: color }, size: { DataType: "Number", StringValue: String(size) },
  blob: { DataType: "Binary", BinaryValue: new Uint8Array([0, 1, 254, 255]) },
  list: { DataType: "String.Array", StringValue: JSON.stringify(["a", 1]) },
});
const small = JSON.stringify({ order: { total: 5 } });
const large = JSON.stringify({ order: { total: 150 } });
// The ones a filter must drop go first, so a wrongly delivered one is there before the good one.
await ok("Publish blue (no filter matches)", () => sns.send(new PublishCommand({ TopicArn: fanout, Message: "plain text",
  MessageAttributes: attrs("blue", 9) })));
await ok("Publish red size 1, total 5 (no filter matches)", () => sns.send(new PublishCommand({ TopicArn: fanout,
  Message: small, MessageAttributes: attrs("red", 1) })));
await ok("Publish red size 3, total 150 (both filters match)", () => sns.send(new PublishCommand({ TopicArn: fanout,
  Message: large, MessageAttributes: attrs("red", 3) })));

const rawGot = await drain(raw.url, (m) => m.length >= 3);
eq(rawGot.map((m) => m.Body).sort(), [large, small, "plain text"].sort(), "raw delivery: every body as published");
const rawLarge = rawGot.find((m) => m.Body === large);
const ma = rawLarge?.MessageAttributes ?? {};
eq([ma.color?.DataType, ma.color?.StringValue], ["String", "red"], "raw: String attribute");
eq([ma.size?.DataType, ma.size?.StringValue], ["Number", "3"], "raw: Number attribute");
eq([ma.blob?.DataType, Array.from(ma.blob?.BinaryValue ?? [])], ["Binary", [0, 1, 254, 255]], "raw: Binary attribute");
eq([ma.list?.DataType, ma.list?.StringValue], ["String", JSON.stringify(["a", 1])], "raw: String.Array becomes a String");
const redGot = await drain(red.url, (m) => m.length >= 1);
eq(redGot.map((m) => JSON.parse(m.Body).Message), [large], "attribute filter: only red with size > 2");
const bigGot = await drain(big.url, (m) => m.length >= 1);
eq(bigGot.map((m) => JSON.parse(m.Body).Message), [large], "body filter: only order.total >= 100");

// ---- PublishBatch: one good entry, one with a bad Subject; only the good one is delivered.
r = await ok("PublishBatch with a partial failure", () => sns.send(new PublishBatchCommand({ TopicArn: fanout,
  PublishBatchRequestEntries: [
    { Id: "good", Message: "batch one" },
    { Id: "bad", Message: "batch two", Subject: "bad\nsubject" },
    { Id: "good2", Message: "batch three", MessageAttributes: { color: { DataType: "String", StringValue: "green" } } },
  ] })));
eq((r?.Successful ?? []).map((s) => s.Id), ["good", "good2"], "batch: successful ids");
check((r?.Successful ?? []).every((s) => /^[0-9a-f-]{36}$/.test(s.MessageId ?? "")), "batch: each success has a MessageId",
  JSON.stringify(r?.Successful));
const failed = r?.Failed?.[0];
eq([r?.Failed?.length, failed?.Id, failed?.Code, failed?.SenderFault], [1, "bad", "InvalidParameter", true],
  "batch: the failed entry");
check(typeof failed?.Message === "string" && failed.Message.length > 0, "batch: the failure has a message", failed?.Message);
const batchGot = await drain(raw.url, (m) => m.length >= 2);
eq(batchGot.map((m) => m.Body).sort(), ["batch one", "batch three"], "batch: only the successful entries delivered");
await rejects("PublishBatch with duplicate ids", () => sns.send(new PublishBatchCommand({ TopicArn: fanout,
  PublishBatchRequestEntries: [{ Id: "a", Message: "1" }, { Id: "a", Message: "2" }] })),
"BatchEntryIdsNotDistinctException", 400);
await rejects("PublishBatch with no entries", () => sns.send(new PublishBatchCommand({ TopicArn: fanout,
  PublishBatchRequestEntries: [] })), "EmptyBatchRequestException", 400);

// ---- FIFO topic -> FIFO queue: order kept, the duplicate dropped, the group id passed on.
const orders = (await ok("CreateTopic orders.fifo", () => sns.send(new CreateTopicCommand({ Name: "js-orders.fifo",
  Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } }))))?.TopicArn;
const fifoQ = await queue("js-orders.fifo", { FifoQueue: "true" });
await ok("Subscribe the FIFO queue", () => sns.send(new SubscribeCommand({ TopicArn: orders, Protocol: "sqs",
  Endpoint: fifoQ.arn, Attributes: { RawMessageDelivery: "true" } })));
const ids = [];
for (let i = 0; i < 5; i++) {
  const p = await ok(`Publish FIFO step ${i}`, () => sns.send(new PublishCommand({ TopicArn: orders,
    Message: `step ${i}`, MessageGroupId: "g1" })));
  ids.push(p);
}
const dup = await ok("Publish FIFO duplicate of step 0", () => sns.send(new PublishCommand({ TopicArn: orders,
  Message: "step 0", MessageGroupId: "g1" })));
eq(dup?.MessageId, ids[0]?.MessageId, "the duplicate gets the first MessageId");
eq(dup?.SequenceNumber, ids[0]?.SequenceNumber, "the duplicate gets the first SequenceNumber");
const seqs = ids.map((p) => p?.SequenceNumber ?? "");
check(seqs.every((s) => /^\d{20}$/.test(s)), "SequenceNumbers are 20 digits", JSON.stringify(seqs));
check(seqs.every((s, i) => i === 0 || BigInt(s) > BigInt(seqs[i - 1])), "SequenceNumbers increase", JSON.stringify(seqs));
const fifoGot = await drain(fifoQ.url, (m) => m.length >= 5);
eq(fifoGot.map((m) => [m.Body, m.Attributes?.MessageGroupId]), [0, 1, 2, 3, 4].map((i) => [`step ${i}`, "g1"]),
  "FIFO fan-out: in order, deduplicated, group kept");

// ---- deleting a topic removes its subscriptions
await ok("DeleteTopic", () => sns.send(new DeleteTopicCommand({ TopicArn: fanout })));
await rejects("ListSubscriptionsByTopic of the deleted topic", () => sns.send(new ListSubscriptionsByTopicCommand({
  TopicArn: fanout })), "NotFoundException", 404);
r = await ok("ListTopics after DeleteTopic", () => sns.send(new ListTopicsCommand({})));
check(!(r?.Topics ?? []).some((t) => t.TopicArn === fanout), "the deleted topic is not listed");

checks.finish();
