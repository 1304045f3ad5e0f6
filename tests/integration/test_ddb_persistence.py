"""DynamoDB state on LMDB across restarts: tables with their settings and tags, items, index
entries and live counts, after a clean stop and after kill -9 right behind the acknowledgements.
Raw JSON 1.0 requests (unsigned), so this module needs nothing but the standard library."""
import json
import shutil
import signal
import tempfile

import cloudemu_harness as h


class DynamoPersistenceTest(h.ServerTestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="cloudemu-it-ddb-")
        self.addCleanup(shutil.rmtree, self.data, True)

    def server(self):
        return self.start_server(["--storage", "lmdb", "--services", "dynamodb"], data_dir=self.data)

    def call(self, s, op, doc, expect=200):
        status, _, body = s.request("POST", "/", json.dumps(doc).encode(), {
            "X-Amz-Target": "DynamoDB_20120810." + op, "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual(status, expect, body)
        return json.loads(body)

    def write_state(self, s):
        self.call(s, "CreateTable", {
            "TableName": "people", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                     {"AttributeName": "city", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "by_city", "Projection": {"ProjectionType": "ALL"},
                                        "KeySchema": [{"AttributeName": "city", "KeyType": "HASH"}]}],
            "Tags": [{"Key": "team", "Value": "a"}]})
        self.call(s, "UpdateTimeToLive", {"TableName": "people", "TimeToLiveSpecification": {
            "AttributeName": "ttl", "Enabled": True}})
        for i in range(10):
            self.call(s, "PutItem", {"TableName": "people", "Item": {
                "id": {"S": "p%d" % i}, "city": {"S": "Oslo" if i % 2 else "Rome"},
                "n": {"N": "%d.50" % i}, "set": {"NS": ["1", "2"]}}})
        self.call(s, "UpdateItem", {"TableName": "people", "Key": {"id": {"S": "p3"}},
                                    "UpdateExpression": "SET city = :c", "ExpressionAttributeValues": {
                                        ":c": {"S": "Rome"}}})
        self.call(s, "DeleteItem", {"TableName": "people", "Key": {"id": {"S": "p9"}}})

    def check_state(self, s):
        t = self.call(s, "DescribeTable", {"TableName": "people"})["Table"]
        self.assertEqual((t["ItemCount"], t["GlobalSecondaryIndexes"][0]["ItemCount"]), (9, 9))
        item = self.call(s, "GetItem", {"TableName": "people", "Key": {"id": {"S": "p5"}}})["Item"]
        self.assertEqual(item["n"], {"N": "5.5"})
        rome = self.call(s, "Query", {"TableName": "people", "IndexName": "by_city",
                                      "KeyConditionExpression": "city = :c",
                                      "ExpressionAttributeValues": {":c": {"S": "Rome"}}})
        self.assertEqual(sorted(i["id"]["S"] for i in rome["Items"]), ["p0", "p2", "p3", "p4", "p6", "p8"])
        ttl = self.call(s, "DescribeTimeToLive", {"TableName": "people"})["TimeToLiveDescription"]
        self.assertEqual(ttl, {"TimeToLiveStatus": "ENABLED", "AttributeName": "ttl"})
        tags = self.call(s, "ListTagsOfResource", {
            "ResourceArn": "arn:aws:dynamodb:us-east-1:000000000000:table/people"})["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "a"}])
        self.call(s, "GetItem", {"TableName": "people", "Key": {"id": {"S": "p9"}}})

    def test_state_survives_a_clean_restart(self):
        s = self.server()
        self.write_state(s)
        self.assertEqual(s.stop(), 0)
        self.check_state(self.server())

    def test_acknowledged_writes_survive_kill_9(self):
        s = self.server()
        self.write_state(s)
        s.stop(sig=signal.SIGKILL)
        s2 = self.server()
        self.check_state(s2)
        # The table is usable after the crash: delete it, make it again, and it starts empty.
        self.call(s2, "DeleteTable", {"TableName": "people"})
        self.call(s2, "CreateTable", {
            "TableName": "people", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})
        self.assertEqual(self.call(s2, "Scan", {"TableName": "people"})["Count"], 0)


if __name__ == "__main__":
    h.main()
