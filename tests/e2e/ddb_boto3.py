#!/usr/bin/python3
"""e2e_ddb_boto3: DynamoDB through Debian's boto3 (1.26, /usr/bin/python3) against the real binary:
the low-level client, the Table resource with boto3.dynamodb.conditions, and botocore's waiters."""
import decimal
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from boto3.dynamodb.conditions import Attr, Key
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")


class DynamoTests:
    def __init__(self, emu, checks):
        self.c = checks
        session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                        aws_secret_access_key="any-secret", region_name="us-east-1")
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)
        self.ddb = session.client("dynamodb", endpoint_url=emu.endpoint, config=cfg)
        self.streams = session.client("dynamodbstreams", endpoint_url=emu.endpoint, config=cfg)
        self.emu = emu
        self.res = session.resource("dynamodb", endpoint_url=emu.endpoint, config=cfg)

    def ok(self, label, call):
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, message=None):
        """Every DynamoDB client error is an HTTP 400."""
        return harness.expect_error(self.c, label, call, code, 400, message)

    def eq(self, actual, expected, what):
        return self.c.eq(actual, expected, what)

    # ---- control plane -------------------------------------------------------------------
    def tables(self):
        ddb = self.ddb
        r = self.ok("create_table orders", lambda: ddb.create_table(
            TableName="orders",
            AttributeDefinitions=[{"AttributeName": "customer", "AttributeType": "S"},
                                  {"AttributeName": "order_id", "AttributeType": "N"},
                                  {"AttributeName": "status", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "customer", "KeyType": "HASH"},
                       {"AttributeName": "order_id", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "by_status",
                                     "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "KEYS_ONLY"}}],
            BillingMode="PAY_PER_REQUEST", Tags=[{"Key": "team", "Value": "shop"}]))
        if r:
            d = r["TableDescription"]
            self.eq(d["TableArn"], "arn:aws:dynamodb:us-east-1:000000000000:table/orders", "TableArn")
            self.eq(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST", "BillingModeSummary")
        self.ok("waiter table_exists", lambda: ddb.get_waiter("table_exists").wait(
            TableName="orders", WaiterConfig={"Delay": 1, "MaxAttempts": 5}))
        r = self.ok("describe_table", lambda: ddb.describe_table(TableName="orders"))
        if r:
            t = r["Table"]
            self.eq(t["TableStatus"], "ACTIVE", "TableStatus")
            self.eq([g["IndexName"] for g in t.get("GlobalSecondaryIndexes", [])], ["by_status"], "GSI listed")
        self.error("create_table again", lambda: ddb.create_table(
            TableName="orders", AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST"),
            "ResourceInUseException", "Table already exists: orders")
        self.error("describe a missing table", lambda: ddb.describe_table(TableName="nope"),
                   "ResourceNotFoundException", "Requested resource not found: Table: nope not found")
        self.error("key attribute without definition", lambda: ddb.create_table(
            TableName="bad", AttributeDefinitions=[{"AttributeName": "a", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "b", "KeyType": "HASH"}], BillingMode="PAY_PER_REQUEST"),
            "ValidationException")
        r = self.ok("list_tables", lambda: ddb.list_tables())
        if r:
            self.eq(r["TableNames"], ["orders"], "list_tables names")
        r = self.ok("list_tags_of_resource", lambda: ddb.list_tags_of_resource(
            ResourceArn="arn:aws:dynamodb:us-east-1:000000000000:table/orders"))
        if r:
            self.eq(r["Tags"], [{"Key": "team", "Value": "shop"}], "tags from CreateTable")
        self.ok("update_time_to_live", lambda: ddb.update_time_to_live(
            TableName="orders", TimeToLiveSpecification={"AttributeName": "expires", "Enabled": True}))
        r = self.ok("describe_time_to_live", lambda: ddb.describe_time_to_live(TableName="orders"))
        if r:
            self.eq(r["TimeToLiveDescription"], {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"},
                    "TTL description")
        r = self.ok("describe_continuous_backups", lambda: ddb.describe_continuous_backups(TableName="orders"))
        if r:
            self.eq(r["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"],
                    "DISABLED", "PITR disabled by default")

    # ---- items ---------------------------------------------------------------------------
    def items(self):
        ddb, table = self.ddb, self.res.Table("orders")
        for i in range(1, 6):
            self.ok(f"put_item {i}", lambda i=i: table.put_item(Item={
                "customer": "alice", "order_id": i, "status": "open" if i % 2 else "shipped",
                "total": decimal.Decimal("10.50") * i, "tags": {"a", "b"}}))
        r = self.ok("get_item", lambda: table.get_item(Key={"customer": "alice", "order_id": 3}))
        if r:
            self.eq(r.get("Item", {}).get("total"), decimal.Decimal("31.5"), "number canonical and exact")
            self.eq(r.get("Item", {}).get("tags"), {"a", "b"}, "string set round trip")
        r = self.ok("get_item missing", lambda: table.get_item(Key={"customer": "bob", "order_id": 1}))
        if r:
            self.eq("Item" in r, False, "no Item for a missing key")
        self.error("get_item with a wrong key", lambda: table.get_item(Key={"customer": "alice"}),
                   "ValidationException", "The provided key element does not match the schema")
        self.error("conditional put fails", lambda: table.put_item(
            Item={"customer": "alice", "order_id": 1}, ConditionExpression=Attr("order_id").not_exists()),
            "ConditionalCheckFailedException", "The conditional request failed")
        r = self.ok("update_item SET/ADD with ALL_NEW", lambda: table.update_item(
            Key={"customer": "alice", "order_id": 2},
            UpdateExpression="SET #s = :s, #t = #t + :d ADD visits :one REMOVE tags",
            ExpressionAttributeNames={"#s": "status", "#t": "total"},
            ExpressionAttributeValues={":s": "closed", ":d": decimal.Decimal("0.25"), ":one": 1},
            ReturnValues="ALL_NEW"))
        if r:
            a = r.get("Attributes", {})
            self.eq((a.get("status"), a.get("total"), a.get("visits"), "tags" in a),
                    ("closed", decimal.Decimal("21.25"), 1, False), "update result")
        self.error("a reserved word without a placeholder", lambda: table.update_item(
            Key={"customer": "alice", "order_id": 2}, UpdateExpression="SET total = :v",
            ExpressionAttributeValues={":v": 1}), "ValidationException",
            "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: total")
        self.error("update of a key attribute", lambda: table.update_item(
            Key={"customer": "alice", "order_id": 2}, UpdateExpression="SET order_id = :v",
            ExpressionAttributeValues={":v": 9}), "ValidationException")
        self.error("unused expression value", lambda: table.update_item(
            Key={"customer": "alice", "order_id": 2}, UpdateExpression="SET a = :a",
            ExpressionAttributeValues={":a": 1, ":b": 2}), "ValidationException",
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}")
        r = self.ok("delete_item ALL_OLD", lambda: table.delete_item(
            Key={"customer": "alice", "order_id": 5}, ReturnValues="ALL_OLD"))
        if r:
            self.eq(r.get("Attributes", {}).get("order_id"), 5, "deleted item returned")

    # ---- reads ---------------------------------------------------------------------------
    def reads(self):
        table = self.res.Table("orders")
        r = self.ok("query a partition", lambda: table.query(KeyConditionExpression=Key("customer").eq("alice")))
        if r:
            self.eq([i["order_id"] for i in r["Items"]], [1, 2, 3, 4], "query order ascending")
        r = self.ok("query backwards with a range", lambda: table.query(
            KeyConditionExpression=Key("customer").eq("alice") & Key("order_id").between(2, 4),
            ScanIndexForward=False))
        if r:
            self.eq([i["order_id"] for i in r["Items"]], [4, 3, 2], "query descending between")
        r = self.ok("query with filter and projection", lambda: table.query(
            KeyConditionExpression=Key("customer").eq("alice"), FilterExpression=Attr("status").eq("open"),
            ProjectionExpression="order_id"))
        if r:
            self.eq((r["Items"], r["Count"], r["ScannedCount"]),
                    ([{"order_id": 1}, {"order_id": 3}], 2, 4), "filter counts and projection")
        pages, start = [], None
        while True:
            kw = {"KeyConditionExpression": Key("customer").eq("alice"), "Limit": 3}
            if start:
                kw["ExclusiveStartKey"] = start
            r = self.ok(f"query page {len(pages) + 1}", lambda: table.query(**kw))
            if not r:
                break
            pages.append([i["order_id"] for i in r["Items"]])
            start = r.get("LastEvaluatedKey")
            if not start or len(pages) > 5:
                break
        self.eq(pages, [[1, 2, 3], [4]], "query pagination with Limit")
        r = self.ok("query the GSI", lambda: table.query(IndexName="by_status",
                                                          KeyConditionExpression=Key("status").eq("open")))
        if r:
            self.eq(sorted(i["order_id"] for i in r["Items"]), [1, 3], "GSI query (KEYS_ONLY)")
            self.eq(all(set(i) == {"customer", "order_id", "status"} for i in r["Items"]), True,
                    "GSI KEYS_ONLY projection")
        r = self.ok("scan COUNT", lambda: self.ddb.scan(TableName="orders", Select="COUNT"))
        if r:
            self.eq(r["Count"], 4, "scan count")
        seen = []
        for segment in range(3):
            r = self.ok(f"parallel scan segment {segment}", lambda s=segment: table.scan(Segment=s, TotalSegments=3))
            if r:
                seen += [i["order_id"] for i in r["Items"]]
        self.eq(sorted(seen), [1, 2, 3, 4], "parallel scan segments cover the table once")
        r = self.ok("describe_table counts", lambda: self.ddb.describe_table(TableName="orders"))
        if r:
            self.eq(r["Table"]["ItemCount"], 4, "ItemCount is live")

    def batches_and_settings(self):
        ddb = self.ddb
        r = self.ok("batch_write_item", lambda: ddb.batch_write_item(RequestItems={"orders": [
            {"PutRequest": {"Item": {"customer": {"S": "bob"}, "order_id": {"N": str(i)}, "status": {"S": "open"}}}}
            for i in range(1, 21)] + [{"DeleteRequest": {"Key": {"customer": {"S": "alice"}, "order_id": {"N": "4"}}}}]}))
        if r:
            self.eq(r.get("UnprocessedItems"), {}, "batch_write_item UnprocessedItems")
        self.error("batch_write_item of 26 requests", lambda: ddb.batch_write_item(RequestItems={"orders": [
            {"PutRequest": {"Item": {"customer": {"S": "x"}, "order_id": {"N": str(i)}}}} for i in range(26)]}),
            "ValidationException")
        r = self.ok("batch_get_item", lambda: ddb.batch_get_item(RequestItems={"orders": {
            "Keys": [{"customer": {"S": "bob"}, "order_id": {"N": str(i)}} for i in (1, 7, 99)],
            "ProjectionExpression": "order_id"}}))
        if r:
            got = sorted(int(i["order_id"]["N"]) for i in r["Responses"].get("orders", []))
            self.eq(got, [1, 7], "batch_get_item finds the present keys")
            self.eq(r.get("UnprocessedKeys"), {}, "batch_get_item UnprocessedKeys")
        self.error("batch_get_item with a duplicate key", lambda: ddb.batch_get_item(RequestItems={"orders": {
            "Keys": [{"customer": {"S": "bob"}, "order_id": {"N": "1"}}] * 2}}),
            "ValidationException", "Provided list of item keys contains duplicates")
        arn = "arn:aws:dynamodb:us-east-1:000000000000:table/orders"
        self.ok("tag_resource", lambda: ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "test"}]))
        self.ok("untag_resource", lambda: ddb.untag_resource(ResourceArn=arn, TagKeys=["team"]))
        r = self.ok("list_tags_of_resource after changes", lambda: ddb.list_tags_of_resource(ResourceArn=arn))
        if r:
            self.eq(r["Tags"], [{"Key": "env", "Value": "test"}], "tags after tag and untag")
        r = self.ok("update_table deletes the GSI", lambda: ddb.update_table(
            TableName="orders", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by_status"}}]))
        if r:
            self.eq([g["IndexStatus"] for g in r["TableDescription"].get("GlobalSecondaryIndexes", [])],
                    ["DELETING"], "the answer shows the GSI DELETING")
        r = self.ok("describe_table after the GSI delete", lambda: ddb.describe_table(TableName="orders"))
        if r:
            self.eq("GlobalSecondaryIndexes" in r["Table"], False, "GSI gone from the description")
        self.error("query the deleted GSI", lambda: ddb.query(
            TableName="orders", IndexName="by_status", KeyConditionExpression="#s = :s",
            ExpressionAttributeNames={"#s": "status"}, ExpressionAttributeValues={":s": {"S": "open"}}),
            "ValidationException", "The table does not have the specified index: by_status")

    def gsi_backfill(self):
        """UpdateTable adds a GSI over the items already in "orders"; Query uses it at once."""
        ddb = self.ddb
        r = self.ok("update_table creates a GSI", lambda: ddb.update_table(
            TableName="orders",
            AttributeDefinitions=[{"AttributeName": "status", "AttributeType": "S"},
                                  {"AttributeName": "order_id", "AttributeType": "N"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "by_status_id",
                "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                              {"AttributeName": "order_id", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}}]))
        if r:
            g = [x for x in r["TableDescription"].get("GlobalSecondaryIndexes", [])
                 if x["IndexName"] == "by_status_id"]
            self.eq([(x["IndexStatus"], x.get("Backfilling")) for x in g], [("CREATING", False)],
                    "the answer shows the new GSI CREATING")
        r = self.ok("describe_table after the GSI create", lambda: ddb.describe_table(TableName="orders"))
        if r:
            g = {x["IndexName"]: x for x in r["Table"].get("GlobalSecondaryIndexes", [])}
            self.eq(g.get("by_status_id", {}).get("IndexStatus"), "ACTIVE", "the new GSI is ACTIVE")
        r = self.ok("query the new GSI", lambda: ddb.query(
            TableName="orders", IndexName="by_status_id",
            KeyConditionExpression="#s = :s AND order_id BETWEEN :lo AND :hi",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":s": {"S": "open"}, ":lo": {"N": "1"}, ":hi": {"N": "5"}}))
        if r:
            got = [(i["customer"]["S"], int(i["order_id"]["N"])) for i in r["Items"]]
            self.eq([x for x in got if x[0] == "bob"], [("bob", n) for n in range(1, 6)],
                    "the backfilled items are in the GSI")
            self.eq([n for _, n in got], sorted(n for _, n in got), "in order_id order")
        self.error("a GSI of the same name again", lambda: ddb.update_table(
            TableName="orders", AttributeDefinitions=[{"AttributeName": "status", "AttributeType": "S"}],
            GlobalSecondaryIndexUpdates=[{"Create": {
                "IndexName": "by_status_id", "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}}]), "ValidationException")

    def gsi_survives_restart(self):
        """A GSI backfilled on LMDB storage is still there, and queryable, after a restart (two more
        emulators on one data folder)."""
        args, checks = self.args, self.c
        with tempfile.TemporaryDirectory(prefix="ce-e2e-lmdb-") as data:
            extra = ("--services", "dynamodb", "--storage", "lmdb", "--data-dir", data)
            with harness.Emulator(args.cloudemu, args.plugin_dir, extra=extra) as emu:
                ddb = DynamoTests(emu, checks).ddb
                self.ok("lmdb: create_table", lambda: ddb.create_table(
                    TableName="kept", BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}]))
                for pk, color in (("a", "red"), ("b", "red"), ("c", "blue")):
                    ddb.put_item(TableName="kept", Item={"pk": {"S": pk}, "color": {"S": color}})
                self.ok("lmdb: update_table creates a GSI", lambda: ddb.update_table(
                    TableName="kept", AttributeDefinitions=[{"AttributeName": "color", "AttributeType": "S"}],
                    GlobalSecondaryIndexUpdates=[{"Create": {
                        "IndexName": "by_color", "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}],
                        "Projection": {"ProjectionType": "ALL"}}}]))
                self.eq(emu.stop(), 0, "lmdb: first emulator exits 0")
            with harness.Emulator(args.cloudemu, args.plugin_dir, extra=extra) as emu:
                ddb = DynamoTests(emu, checks).ddb
                r = self.ok("lmdb: query the GSI after a restart", lambda: ddb.query(
                    TableName="kept", IndexName="by_color", KeyConditionExpression="color = :c",
                    ExpressionAttributeValues={":c": {"S": "red"}}))
                if r:
                    self.eq(sorted(i["pk"]["S"] for i in r["Items"]), ["a", "b"], "the backfilled GSI persisted")
                self.eq(emu.stop(), 0, "lmdb: second emulator exits 0")

    def transactions(self):
        ddb = self.ddb
        key = lambda c, i: {"customer": {"S": c}, "order_id": {"N": str(i)}}
        items = [
            {"Put": {"TableName": "orders", "Item": {**key("carol", 1), "status": {"S": "new"}},
                     "ConditionExpression": "attribute_not_exists(customer)"}},
            {"Update": {"TableName": "orders", "Key": key("bob", 1), "UpdateExpression": "SET #s = :s",
                        "ExpressionAttributeNames": {"#s": "status"},
                        "ExpressionAttributeValues": {":s": {"S": "paid"}}}},
            {"ConditionCheck": {"TableName": "orders", "Key": key("bob", 2),
                                "ConditionExpression": "attribute_exists(customer)"}},
            {"Delete": {"TableName": "orders", "Key": key("bob", 3)}},
        ]
        self.ok("transact_write_items", lambda: ddb.transact_write_items(TransactItems=items,
                                                                          ClientRequestToken="tok-1"))
        r = self.ok("transact_get_items", lambda: ddb.transact_get_items(TransactItems=[
            {"Get": {"TableName": "orders", "Key": key("carol", 1)}},
            {"Get": {"TableName": "orders", "Key": key("bob", 1), "ProjectionExpression": "#s",
                     "ExpressionAttributeNames": {"#s": "status"}}},
            {"Get": {"TableName": "orders", "Key": key("bob", 3)}}]))
        if r:
            got = r["Responses"]
            self.eq((got[0]["Item"]["status"], got[1]["Item"], got[2]), ({"S": "new"}, {"status": {"S": "paid"}}, {}),
                    "transact_get_items sees the transaction's writes")
        self.ok("the same token again is not applied twice", lambda: ddb.transact_write_items(
            TransactItems=items, ClientRequestToken="tok-1"))
        self.error("the same token with other items", lambda: ddb.transact_write_items(
            TransactItems=items[:1], ClientRequestToken="tok-1"), "IdempotentParameterMismatchException")
        e = self.error("a failed condition cancels everything", lambda: ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "orders", "Item": {**key("dave", 1)}}},
            {"ConditionCheck": {"TableName": "orders", "Key": key("nobody", 1),
                                "ConditionExpression": "attribute_exists(customer)"}}]),
            "TransactionCanceledException",
            "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
        if e is not None:
            reasons = e.response.get("CancellationReasons")
            self.eq([x.get("Code") for x in reasons or []], ["None", "ConditionalCheckFailed"],
                    "CancellationReasons, one per item")
        r = self.ok("nothing of a cancelled transaction was written", lambda: ddb.get_item(
            TableName="orders", Key=key("dave", 1)))
        if r:
            self.eq("Item" in r, False, "cancelled Put not applied")
        self.error("two operations on one item", lambda: ddb.transact_write_items(TransactItems=[
            {"Delete": {"TableName": "orders", "Key": key("bob", 5)}},
            {"Delete": {"TableName": "orders", "Key": key("bob", 5)}}]), "ValidationException",
            "Transaction request cannot include multiple operations on one item")

    def streams_and_ttl(self):
        ddb, streams = self.ddb, self.streams
        self.ok("create_table with a stream", lambda: ddb.create_table(
            TableName="events", BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}))
        self.ok("update_time_to_live", lambda: ddb.update_time_to_live(
            TableName="events", TimeToLiveSpecification={"AttributeName": "exp", "Enabled": True}))
        ddb.put_item(TableName="events", Item={"id": {"S": "a"}, "v": {"N": "1"}})
        ddb.put_item(TableName="events", Item={"id": {"S": "a"}, "v": {"N": "1"}})  # no change: no record
        ddb.update_item(TableName="events", Key={"id": {"S": "a"}}, UpdateExpression="SET v = :v",
                        ExpressionAttributeValues={":v": {"N": "2"}})
        ddb.delete_item(TableName="events", Key={"id": {"S": "a"}})
        r = self.ok("list_streams", lambda: streams.list_streams(TableName="events"))
        arn = r["Streams"][0]["StreamArn"] if r and r.get("Streams") else None
        self.eq(arn, ddb.describe_table(TableName="events")["Table"].get("LatestStreamArn"),
                "list_streams names the table's LatestStreamArn")
        if not arn:
            return
        d = self.ok("describe_stream", lambda: streams.describe_stream(StreamArn=arn))
        shard = d["StreamDescription"]["Shards"][0]["ShardId"] if d else None
        if d:
            self.eq((d["StreamDescription"]["StreamStatus"], d["StreamDescription"]["StreamViewType"]),
                    ("ENABLED", "NEW_AND_OLD_IMAGES"), "describe_stream status and view")
        it = self.ok("get_shard_iterator TRIM_HORIZON", lambda: streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON"))
        r = self.ok("get_records", lambda: streams.get_records(ShardIterator=it["ShardIterator"]))
        if r:
            recs = r["Records"]
            self.eq([x["eventName"] for x in recs], ["INSERT", "MODIFY", "REMOVE"], "stream records in order")
            self.eq((recs[1]["dynamodb"]["OldImage"]["v"], recs[1]["dynamodb"]["NewImage"]["v"]),
                    ({"N": "1"}, {"N": "2"}), "MODIFY carries both images")
            self.eq(recs[2]["dynamodb"]["Keys"], {"id": {"S": "a"}}, "REMOVE carries the keys")
            later = self.ok("get_records again", lambda: streams.get_records(ShardIterator=r["NextShardIterator"]))
            if later:
                self.eq(later["Records"], [], "nothing new yet")
        # A TTL deletion: the sweep runs on the host clock, which the admin API moves forward.
        now = int(time.time())
        ddb.put_item(TableName="events", Item={"id": {"S": "ttl"}, "exp": {"N": str(now + 60)}})
        latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")
        # The clock call answers once the timers it fired have run: the sweep is done when it returns.
        status, _, body = harness.http_request(self.emu.port, "POST", "/_cloudemu/clock?advance_seconds=600",
                                               body=b"")
        self.eq(status, 200, "advance the host clock")
        self.eq(json.loads(body or b"{}").get("settled"), True, "the clock call waited for the sweep")
        r = self.ok("get_records after the TTL sweep", lambda: streams.get_records(
            ShardIterator=latest["ShardIterator"]))
        if r:
            self.eq([(x["eventName"], x.get("userIdentity", {}).get("PrincipalId")) for x in r["Records"]],
                    [("REMOVE", "dynamodb.amazonaws.com")], "TTL deletion record names the service")
        r = self.ok("get_item after the TTL sweep", lambda: ddb.get_item(TableName="events", Key={"id": {"S": "ttl"}}))
        if r:
            self.eq("Item" in r, False, "the expired item is gone")

    def partiql(self):
        """ExecuteStatement, BatchExecuteStatement and ExecuteTransaction on their own table."""
        ddb = self.ddb
        self.ok("create_table notes", lambda: ddb.create_table(
            TableName="notes",
            AttributeDefinitions=[{"AttributeName": "who", "AttributeType": "S"},
                                  {"AttributeName": "n", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "who", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}],
            BillingMode="PAY_PER_REQUEST"))
        for i in range(1, 6):
            self.ok(f"partiql insert {i}", lambda i=i: ddb.execute_statement(
                Statement="INSERT INTO \"notes\" VALUE {'who': ?, 'n': ?, 'text': ?}",
                Parameters=[{"S": "ann"}, {"N": str(i)}, {"S": f"note {i}"}]))
        self.error("partiql insert of an existing key", lambda: ddb.execute_statement(
            Statement="INSERT INTO notes VALUE {'who': 'ann', 'n': 1}"),
            "DuplicateItemException", "Duplicate primary key exists in table")
        r = self.ok("partiql select by key", lambda: ddb.execute_statement(
            Statement="SELECT \"text\" FROM notes WHERE who = ? AND n = ?", Parameters=[{"S": "ann"}, {"N": "2"}]))
        if r:
            self.eq(r["Items"], [{"text": {"S": "note 2"}}], "the projected item")
        seen, token, pages = [], None, 0
        while pages < 10:
            kwargs = {"NextToken": token} if token else {}
            r = self.ok(f"partiql select page {pages + 1}", lambda kw=kwargs: ddb.execute_statement(
                Statement="SELECT n FROM notes WHERE who = 'ann'", Limit=2, **kw))
            if not r:
                break
            pages += 1
            seen += [int(x["n"]["N"]) for x in r["Items"]]
            token = r.get("NextToken")
            if not token:
                break
        self.eq((seen, pages), ([1, 2, 3, 4, 5], 3), "NextToken pages through the partition")
        r = self.ok("partiql update returning", lambda: ddb.execute_statement(
            Statement="UPDATE notes SET likes = 1 SET tags = ? WHERE who = 'ann' AND n = 1 RETURNING MODIFIED NEW *",
            Parameters=[{"SS": ["a"]}]))
        if r:
            self.eq(r["Items"], [{"likes": {"N": "1"}, "tags": {"SS": ["a"]}}], "RETURNING MODIFIED NEW *")
        self.error("partiql update of a missing item", lambda: ddb.execute_statement(
            Statement="UPDATE notes SET likes = 1 WHERE who = 'bob' AND n = 1"),
            "ConditionalCheckFailedException", "The conditional request failed")
        self.error("partiql update without the whole key", lambda: ddb.execute_statement(
            Statement="UPDATE notes SET likes = 1 WHERE who = 'ann'"),
            "ValidationException", "Where clause does not contain a mandatory equality on all key attributes")
        self.error("partiql syntax error", lambda: ddb.execute_statement(Statement="SELEC * FROM notes"),
                   "ValidationException", "Statement wasn't well formed, can't be processed: Expected data manipulation")
        self.ok("partiql delete", lambda: ddb.execute_statement(
            Statement="DELETE FROM notes WHERE who = ? AND n = ?", Parameters=[{"S": "ann"}, {"N": "5"}]))
        r = self.ok("batch_execute_statement reads", lambda: ddb.batch_execute_statement(Statements=[
            {"Statement": "SELECT * FROM notes WHERE who = 'ann' AND n = 1"},
            {"Statement": "SELECT * FROM notes WHERE who = 'ann' AND n = 5"}]))
        if r:
            self.eq([("Item" in x, x.get("TableName")) for x in r["Responses"]],
                    [(True, "notes"), (False, "notes")], "one item found, one deleted")
        r = self.ok("batch_execute_statement writes", lambda: ddb.batch_execute_statement(Statements=[
            {"Statement": "INSERT INTO notes VALUE {'who': 'bob', 'n': 1}"},
            {"Statement": "INSERT INTO notes VALUE {'who': 'ann', 'n': 1}"}]))
        if r:
            self.eq([x.get("Error", {}).get("Code") for x in r["Responses"]], [None, "DuplicateItem"],
                    "per-statement errors")
        self.ok("execute_transaction", lambda: ddb.execute_transaction(TransactStatements=[
            {"Statement": "UPDATE notes SET likes = likes + 1 WHERE who = 'ann' AND n = 1"},
            {"Statement": "DELETE FROM notes WHERE who = 'bob' AND n = 1"}], ClientRequestToken="tok-partiql-1"))
        e = self.error("execute_transaction cancelled", lambda: ddb.execute_transaction(TransactStatements=[
            {"Statement": "INSERT INTO notes VALUE {'who': 'cy', 'n': 1}"},
            {"Statement": "UPDATE notes SET likes = 0 WHERE who = 'nobody' AND n = 1"}]),
            "TransactionCanceledException")
        if e:
            self.eq([x["Code"] for x in e.response.get("CancellationReasons", [])], ["None", "ConditionalCheckFailed"],
                    "CancellationReasons")
        r = self.ok("execute_transaction reads", lambda: ddb.execute_transaction(TransactStatements=[
            {"Statement": "SELECT likes FROM notes WHERE who = 'ann' AND n = 1"},
            {"Statement": "SELECT * FROM notes WHERE who = 'cy' AND n = 1"}]))
        if r:
            self.eq(r["Responses"], [{"Item": {"likes": {"N": "2"}}}, {}], "transaction reads (cy never inserted)")
        self.ok("delete_table notes", lambda: ddb.delete_table(TableName="notes"))

    def cleanup(self):
        self.ok("delete_table", lambda: self.ddb.delete_table(TableName="orders"))
        self.ok("waiter table_not_exists", lambda: self.ddb.get_waiter("table_not_exists").wait(
            TableName="orders", WaiterConfig={"Delay": 1, "MaxAttempts": 5}))


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_ddb_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "dynamodb")) as emu:
        t = DynamoTests(emu, checks)
        t.args = args
        harness.run_parts(checks, emu, (t.tables, t.items, t.reads, t.batches_and_settings, t.gsi_backfill,
                                        t.transactions, t.partiql, t.streams_and_ttl, t.cleanup,
                                        t.gsi_survives_restart))


if __name__ == "__main__":
    main()
