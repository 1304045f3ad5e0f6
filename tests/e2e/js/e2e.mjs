// e2e_js: the AWS SDK for JavaScript v3 (versions pinned in package.json) against cloudemu.
// Run by tests/e2e/run_js.py as: node e2e.mjs --endpoint http://127.0.0.1:PORT
// DynamoDB (a plugin) must answer the JSON 1.0 client, and lib-dynamodb's DocumentClient on top of
// it (ddb_document.mjs), on one keep-alive connection.
// For a service with no plugin (Kinesis today) each call must reject with the SDK's
// normal ServiceException: name NotImplemented, $metadata.httpStatusCode 501, $metadata.requestId
// from our headers, 1 attempt. S3 (a plugin now) is s3.mjs's (ctest e2e_s3_js).
import { Checks, endpointArg } from "./checks.mjs";
import { documentClientChecks } from "./ddb_document.mjs";
import http from "node:http";
import {
  DynamoDBClient, ListTablesCommand, CreateTableCommand, PutItemCommand, GetItemCommand, QueryCommand,
  UpdateItemCommand, DeleteTableCommand, DynamoDBServiceException, ConditionalCheckFailedException,
} from "@aws-sdk/client-dynamodb";
import { SQSClient, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { KinesisClient, ListStreamsCommand, KinesisServiceException } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const endpoint = endpointArg("e2e.mjs");
const checks = new Checks("e2e_js");
const check = checks.check.bind(checks);
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

async function expectNotImplemented(label, send, ExceptionClass) {
  try {
    await send();
    check(false, `${label}: rejects`, "the call succeeded");
  } catch (e) {
    if (!check(e instanceof ExceptionClass, `${label}: rejects with ${ExceptionClass.name}`, `${e?.name}: ${e?.message}`)) {
      console.log(e);
      return e;
    }
    eq(e.name, "NotImplemented", `${label}: error name`);
    eq(e.$metadata?.httpStatusCode, 501, `${label}: HTTP status`);
    check(typeof e.$metadata?.requestId === "string" && e.$metadata.requestId.length >= 16,
      `${label}: $metadata.requestId from our headers`, JSON.stringify(e.$metadata));
    eq(e.$metadata?.attempts, 1, `${label}: attempts`);
    check(/No service plugin/.test(e.message), `${label}: host's message`, e.message);
    return e;
  }
}

// DynamoDB (JSON 1.0, the plugin)
{
  const { handler, counter, agent } = countingHandler();
  const ddb = new DynamoDBClient({ ...common, requestHandler: handler });
  const ok = async (label, send) => {
    try { const r = await send(); check(true, `${label}: succeeds`); return r; }
    catch (e) { check(false, `${label}: succeeds`, `${e?.name}: ${e?.message}`); return null; }
  };
  let r = await ok("dynamodb CreateTable", () => ddb.send(new CreateTableCommand({
    TableName: "js-table", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "n", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "n", KeyType: "RANGE" }],
  })));
  for (const n of ["3", "1", "2"])
    await ok(`dynamodb PutItem ${n}`, () => ddb.send(new PutItemCommand({
      TableName: "js-table", Item: { pk: { S: "a" }, n: { N: n }, data: { B: new Uint8Array([1, 2, n.charCodeAt(0)]) } },
    })));
  r = await ok("dynamodb GetItem", () => ddb.send(new GetItemCommand({ TableName: "js-table", Key: { pk: { S: "a" }, n: { N: "2" } } })));
  eq(Buffer.from(r?.Item?.data?.B ?? []).toString("hex"), "010232", "dynamodb GetItem binary round trip");
  r = await ok("dynamodb Query", () => ddb.send(new QueryCommand({
    TableName: "js-table", KeyConditionExpression: "pk = :p AND n > :lo",
    ExpressionAttributeValues: { ":p": { S: "a" }, ":lo": { N: "1" } },
  })));
  eq(JSON.stringify(r?.Items?.map((i) => i.n.N)), JSON.stringify(["2", "3"]), "dynamodb Query order and key condition");
  try {
    await ddb.send(new UpdateItemCommand({
      TableName: "js-table", Key: { pk: { S: "a" }, n: { N: "9" } }, UpdateExpression: "SET v = :v",
      ConditionExpression: "attribute_exists(pk)", ExpressionAttributeValues: { ":v": { S: "x" } },
    }));
    check(false, "dynamodb conditional update rejects", "the call succeeded");
  } catch (e) {
    check(e instanceof ConditionalCheckFailedException, "dynamodb conditional update: ConditionalCheckFailedException",
      `${e?.name}: ${e?.message}`);
    check(e instanceof DynamoDBServiceException && e.$metadata?.httpStatusCode === 400, "dynamodb error is a 400 service exception",
      JSON.stringify(e?.$metadata));
  }
  r = await ok("dynamodb ListTables", () => ddb.send(new ListTablesCommand({})));
  eq(JSON.stringify(r?.TableNames), JSON.stringify(["js-table"]), "dynamodb ListTables");
  await ok("dynamodb DeleteTable", () => ddb.send(new DeleteTableCommand({ TableName: "js-table" })));
  await documentClientChecks(ddb, ok, check, eq);
  eq(counter.sockets, 1, "dynamodb: every call on one keep-alive connection");
  agent.destroy();
}

// SQS (a plugin now; sqs.mjs has the rest): JS v3 speaks JSON 1.0 (X-Amz-Target: AmazonSQS.ListQueues)
{
  const { handler, agent } = countingHandler();
  const sqs = new SQSClient({ ...common, requestHandler: handler });
  const seen = {};
  sqs.middlewareStack.add((next) => async (args) => { Object.assign(seen, args.request.headers); return next(args); },
    { step: "finalizeRequest", priority: "low", name: "e2eSeeHeaders" });
  try { await sqs.send(new ListQueuesCommand({})); check(true, "sqs ListQueues (JSON 1.0): succeeds"); }
  catch (e) { check(false, "sqs ListQueues (JSON 1.0): succeeds", `${e?.name}: ${e?.message}`); }
  eq(seen["x-amz-target"], "AmazonSQS.ListQueues", "sqs: X-Amz-Target");
  agent.destroy();
}

// STS (a plugin now, query protocol; iam_boto3.py has the rest): who the test credentials are.
{
  const { handler, agent } = countingHandler();
  const sts = new STSClient({ ...common, requestHandler: handler });
  try {
    const who = await sts.send(new GetCallerIdentityCommand({}));
    check(/^\d{12}$/.test(who.Account ?? ""), "sts GetCallerIdentity (query): a 12-digit Account", `got ${who.Account}`);
    check((who.Arn ?? "").startsWith(`arn:aws:iam::${who.Account}:`), "sts GetCallerIdentity: an IAM ARN in that account", `got ${who.Arn}`);
  } catch (e) { check(false, "sts GetCallerIdentity (query): succeeds", `${e?.name}: ${e?.message}`); }
  agent.destroy();
}

// Kinesis (JSON 1.1): no plugin, so the host's 501.
{
  const { handler, agent } = countingHandler();
  const kinesis = new KinesisClient({ ...common, requestHandler: handler });
  await expectNotImplemented("kinesis ListStreams (JSON 1.1)", () => kinesis.send(new ListStreamsCommand({})), KinesisServiceException);
  agent.destroy();
}

checks.finish();
