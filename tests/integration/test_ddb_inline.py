"""Requests with a body that the network thread answers itself (ce_service_v1.answers_inline_with_body,
ABI 1.2): DynamoDB's item operations, Query and Scan, once their whole body came with the header.
Whatever the size of the answer (it is buffered whole), on one keep-alive connection, pipelined or
with the body arriving later (then a worker answers), each request is answered once, in order,
and a write is applied exactly once."""
import json
import os
import time
import unittest

import cloudemu_harness as h

TABLE = "inline"


def call_bytes(op, doc):
    body = json.dumps(doc).encode()
    return h.request_bytes("POST", "/", {
        "X-Amz-Target": "DynamoDB_20120810." + op, "Content-Type": "application/x-amz-json-1.0",
        "Content-Length": str(len(body))}, body)


class InlineBodyDispatchTest(h.ServerTestCase):
    def setUp(self):
        if not os.path.exists(os.path.join(h.CONFIG["plugin_dir"], "cloudemu-dynamodb.so")):
            self.skipTest("this build has no DynamoDB plugin")
        self.s = self.start_server(["--storage", "lmdb", "--services", "dynamodb"])
        self.c = self.s.raw(timeout=30)
        self.addCleanup(self.c.close)
        self.call("CreateTable", {
            "TableName": TABLE, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})

    def call(self, op, doc, expect=200):
        self.c.send(call_bytes(op, doc))
        return self.answer(expect)

    def answer(self, expect=200):
        r = self.c.read_response()
        self.assertEqual(r.status, expect, r.body[:300])
        return json.loads(r.body)

    def test_answers_larger_than_the_inline_buffer_come_back_whole(self):
        blob = "x" * 1000
        for i in range(150):  # ~150 KB of items: a Scan answer well past 64 KiB
            self.call("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": "k%03d" % i}, "b": {"S": blob}}})
        page = self.call("Scan", {"TableName": TABLE})
        self.assertEqual(page["Count"], 150)
        self.assertEqual(sorted(i["pk"]["S"] for i in page["Items"]), ["k%03d" % i for i in range(150)])
        self.assertTrue(all(i["b"]["S"] == blob for i in page["Items"]))
        self.assertEqual(self.call("GetItem", {"TableName": TABLE, "Key": {"pk": {"S": "k007"}}})["Item"]["b"]["S"],
                         blob)

    def test_a_write_with_a_large_answer_is_applied_once(self):
        big = "y" * (200 * 1024)  # each ALL_NEW answer is ~200 KiB; each request is small
        self.call("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": "counter"}, "big": {"S": big}}})
        for n in range(1, 6):
            attrs = self.call("UpdateItem", {
                "TableName": TABLE, "Key": {"pk": {"S": "counter"}}, "ReturnValues": "ALL_NEW",
                "UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}})["Attributes"]
            self.assertEqual(attrs["n"], {"N": str(n)})
            self.assertEqual(len(attrs["big"]["S"]), len(big))

    def test_pipelined_requests_are_answered_in_order(self):
        burst = b"".join(call_bytes("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": "p%d" % i}}})
                         for i in range(20))
        burst += call_bytes("Scan", {"TableName": TABLE, "Select": "COUNT"})
        burst += call_bytes("GetItem", {"TableName": TABLE, "Key": {"pk": {"S": "p19"}}})
        self.c.send(burst)
        for _ in range(20):
            self.assertEqual(self.answer(), {})
        self.assertEqual(self.answer()["Count"], 20)
        self.assertEqual(self.answer(), {"Item": {"pk": {"S": "p19"}}})

    def test_a_body_that_arrives_after_its_header_is_answered_by_a_worker(self):
        request = call_bytes("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": "late"}, "v": {"N": "7"}}})
        split = request.index(b"\r\n\r\n") + 4
        self.c.send(request[:split])
        time.sleep(0.2)
        self.c.send(request[split:])
        self.assertEqual(self.answer(), {})
        self.assertEqual(self.call("GetItem", {"TableName": TABLE, "Key": {"pk": {"S": "late"}}}),
                         {"Item": {"pk": {"S": "late"}, "v": {"N": "7"}}})

    def test_errors_and_other_operations_on_the_same_connection(self):
        err = self.call("GetItem", {"TableName": "nope", "Key": {"pk": {"S": "a"}}}, expect=400)
        self.assertIn("ResourceNotFoundException", err["__type"])
        self.assertEqual(self.call("DescribeTable", {"TableName": TABLE})["Table"]["TableName"], TABLE)
        err = self.call("PutItem", {"TableName": TABLE, "Item": {"pk": {"N": "1"}}}, expect=400)
        self.assertIn("ValidationException", err["__type"])

    def test_each_request_is_logged_once(self):
        for i in range(3):
            self.call("PutItem", {"TableName": TABLE, "Item": {"pk": {"S": "l%d" % i}}})
        self.c.close()
        self.s.stop()
        lines = [l for l in self.s.stderr().splitlines() if "dynamodb.PutItem" in l]
        self.assertEqual(len(lines), 3, lines)


if __name__ == "__main__":
    h.main()
