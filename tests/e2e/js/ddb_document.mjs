// DynamoDB through @aws-sdk/lib-dynamodb's DocumentClient: native JS values (strings, numbers,
// booleans, null, lists, maps, Sets) marshalled by the SDK, read back unmarshalled. Called by
// e2e.mjs with its DynamoDBClient, so these calls share its keep-alive connection.
import { CreateTableCommand, DeleteTableCommand } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient, PutCommand, GetCommand, UpdateCommand, QueryCommand, ScanCommand,
  BatchWriteCommand, BatchGetCommand, TransactWriteCommand, TransactGetCommand, DeleteCommand,
} from "@aws-sdk/lib-dynamodb";

const sorted = (set) => JSON.stringify([...(set ?? [])].sort());

export async function documentClientChecks(ddb, ok, check, eq) {
  const doc = DynamoDBDocumentClient.from(ddb);
  const TableName = "js-docs";
  await ok("document: CreateTable", () => ddb.send(new CreateTableCommand({
    TableName, BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  })));
  await ok("document: put native values", () => doc.send(new PutCommand({
    TableName,
    Item: {
      pk: "u1", sk: 1, name: "Ann", price: 1.5, big: 12345678901234, active: true, nothing: null,
      tags: new Set(["red", "blue"]), scores: new Set([1, 2]),
      nested: { list: [1, "two", false, null, { deep: "yes" }], empty: {} },
    },
  })));
  let r = await ok("document: get", () => doc.send(new GetCommand({ TableName, Key: { pk: "u1", sk: 1 } })));
  const item = r?.Item ?? {};
  eq(item.name, "Ann", "document: string round trip");
  eq(item.price, 1.5, "document: number comes back a JS number");
  eq(item.big, 12345678901234, "document: a large integer keeps its digits");
  eq(item.active, true, "document: boolean");
  eq(item.nothing, null, "document: null");
  check(item.tags instanceof Set, "document: a string set comes back a Set", String(item.tags));
  eq(sorted(item.tags), JSON.stringify(["blue", "red"]), "document: string set members");
  eq(sorted(item.scores), JSON.stringify([1, 2]), "document: number set members");
  // A map's members come back in no particular order: compare them one by one.
  eq(JSON.stringify(item.nested?.list), JSON.stringify([1, "two", false, null, { deep: "yes" }]),
    "document: nested list");
  eq(JSON.stringify(item.nested?.empty), "{}", "document: nested empty map");

  r = await ok("document: update SET/ADD/REMOVE", () => doc.send(new UpdateCommand({
    TableName, Key: { pk: "u1", sk: 1 },
    UpdateExpression: "SET #n = :n, price = price + :inc ADD scores :more REMOVE active",
    ExpressionAttributeNames: { "#n": "name" },
    ExpressionAttributeValues: { ":n": "Bea", ":inc": 0.25, ":more": new Set([3]) },
    ReturnValues: "ALL_NEW",
  })));
  const updated = r?.Attributes ?? {};
  eq(updated.name, "Bea", "document: SET");
  eq(updated.price, 1.75, "document: arithmetic on a number");
  eq(sorted(updated.scores), JSON.stringify([1, 2, 3]), "document: ADD to a number set");
  eq("active" in updated, false, "document: REMOVE");

  await ok("document: batch write", () => doc.send(new BatchWriteCommand({
    RequestItems: { [TableName]: [2, 3, 4].map((sk) => ({ PutRequest: { Item: { pk: "u1", sk, kind: sk % 2 ? "odd" : "even" } } })) },
  })));
  r = await ok("document: batch get", () => doc.send(new BatchGetCommand({
    RequestItems: { [TableName]: { Keys: [{ pk: "u1", sk: 2 }, { pk: "u1", sk: 3 }, { pk: "u1", sk: 99 }] } },
  })));
  eq(JSON.stringify((r?.Responses?.[TableName] ?? []).map((i) => i.sk).sort()), JSON.stringify([2, 3]),
    "document: batch get finds the present keys");

  r = await ok("document: query", () => doc.send(new QueryCommand({
    TableName, KeyConditionExpression: "pk = :p AND sk BETWEEN :lo AND :hi",
    ExpressionAttributeValues: { ":p": "u1", ":lo": 2, ":hi": 4 }, ScanIndexForward: false,
  })));
  eq(JSON.stringify(r?.Items?.map((i) => i.sk)), JSON.stringify([4, 3, 2]), "document: query order and numbers");
  r = await ok("document: scan with a filter on a set", () => doc.send(new ScanCommand({
    TableName, FilterExpression: "contains(tags, :t)", ExpressionAttributeValues: { ":t": "red" },
  })));
  eq(r?.Count, 1, "document: scan filter");

  await ok("document: transact write", () => doc.send(new TransactWriteCommand({
    TransactItems: [
      { Put: { TableName, Item: { pk: "u2", sk: 1, list: ["a", 1] }, ConditionExpression: "attribute_not_exists(pk)" } },
      { Update: { TableName, Key: { pk: "u1", sk: 2 }, UpdateExpression: "SET kind = :k", ExpressionAttributeValues: { ":k": "done" } } },
      { Delete: { TableName, Key: { pk: "u1", sk: 4 } } },
    ],
  })));
  r = await ok("document: transact get", () => doc.send(new TransactGetCommand({
    TransactItems: [{ Get: { TableName, Key: { pk: "u2", sk: 1 } } }, { Get: { TableName, Key: { pk: "u1", sk: 2 } } },
      { Get: { TableName, Key: { pk: "u1", sk: 4 } } }],
  })));
  const got = r?.Responses ?? [];
  eq(JSON.stringify(got[0]?.Item?.list), JSON.stringify(["a", 1]), "document: transact put");
  eq(got[1]?.Item?.kind, "done", "document: transact update");
  eq(got[2]?.Item, undefined, "document: transact delete");

  await ok("document: delete", () => doc.send(new DeleteCommand({ TableName, Key: { pk: "u1", sk: 1 } })));
  r = await ok("document: get after delete", () => doc.send(new GetCommand({ TableName, Key: { pk: "u1", sk: 1 } })));
  eq(r?.Item, undefined, "document: the item is gone");
  await ok("document: DeleteTable", () => ddb.send(new DeleteTableCommand({ TableName })));
}
