#!/usr/bin/python3
"""e2e_sqs_boto3: SQS through Debian's boto3 (1.26, /usr/bin/python3; it speaks the query protocol)
against the real binary: queues and attributes, messages with attributes (botocore checks every
MD5), batches, visibility, a long poll woken by a send, FIFO ordering and a dead-letter queue."""
import json
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")


class SqsTests:
    def __init__(self, emu, checks):
        self.c = checks
        session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                        aws_secret_access_key="any-secret", region_name="us-east-1")
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)
        self.sqs = session.client("sqs", endpoint_url=emu.endpoint, config=cfg)
        self.res = session.resource("sqs", endpoint_url=emu.endpoint, config=cfg)

    def ok(self, label, call):
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, status=400, message=None):
        return harness.expect_error(self.c, label, call, code, status, message)

    def eq(self, actual, expected, what):
        return self.c.eq(actual, expected, what)

    def queues(self):
        sqs = self.sqs
        r = self.ok("create_queue", lambda: sqs.create_queue(
            QueueName="jobs", Attributes={"VisibilityTimeout": "45"}, tags={"team": "a"}))
        url = r["QueueUrl"] if r else ""
        self.eq(url.endswith("/000000000000/jobs"), True, "queue URL ends in /<account>/<name>")
        self.ok("create_queue again, same attributes",
                lambda: sqs.create_queue(QueueName="jobs", Attributes={"VisibilityTimeout": "45"}))
        self.error("create_queue, other attributes",
                   lambda: sqs.create_queue(QueueName="jobs", Attributes={"VisibilityTimeout": "46"}),
                   "QueueAlreadyExists")
        r = self.ok("get_queue_url", lambda: sqs.get_queue_url(QueueName="jobs"))
        self.eq(r and r["QueueUrl"], url, "get_queue_url")
        self.error("get_queue_url missing", lambda: sqs.get_queue_url(QueueName="nope"),
                   "AWS.SimpleQueueService.NonExistentQueue", 400, "The specified queue does not exist.")
        for n in ("jobs-2", "jobs-3"):
            sqs.create_queue(QueueName=n)
        r = self.ok("list_queues prefix", lambda: sqs.list_queues(QueueNamePrefix="jobs"))
        self.eq(len(r["QueueUrls"]) if r else 0, 3, "three queues listed")
        r = self.ok("list_queues page", lambda: sqs.list_queues(MaxResults=2))
        self.eq(bool(r and r.get("NextToken")), True, "NextToken on a full page")
        r = self.ok("get_queue_attributes All", lambda: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"]))
        attrs = r["Attributes"] if r else {}
        self.eq(attrs.get("VisibilityTimeout"), "45", "VisibilityTimeout")
        self.eq(attrs.get("QueueArn"), "arn:aws:sqs:us-east-1:000000000000:jobs", "QueueArn")
        self.ok("set_queue_attributes", lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"DelaySeconds": "0"}))
        self.error("set_queue_attributes out of range",
                   lambda: sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "99999"}),
                   "InvalidAttributeValue")
        self.ok("tag_queue", lambda: sqs.tag_queue(QueueUrl=url, Tags={"env": "test"}))
        r = self.ok("list_queue_tags", lambda: sqs.list_queue_tags(QueueUrl=url))
        self.eq(r and r.get("Tags"), {"team": "a", "env": "test"}, "tags")
        self.ok("untag_queue", lambda: sqs.untag_queue(QueueUrl=url, TagKeys=["env"]))
        self.ok("delete_queue", lambda: sqs.delete_queue(QueueUrl=sqs.get_queue_url(QueueName="jobs-3")["QueueUrl"]))

    def messages(self):
        sqs = self.sqs
        url = sqs.create_queue(QueueName="msgs", Attributes={"VisibilityTimeout": "1"})["QueueUrl"]
        # botocore verifies MD5OfMessageBody and MD5OfMessageAttributes of both calls.
        r = self.ok("send_message with attributes", lambda: sqs.send_message(
            QueueUrl=url, MessageBody="hello\r\nworld & <xml>",
            MessageAttributes={"color": {"DataType": "String", "StringValue": "blue"},
                               "n": {"DataType": "Number", "StringValue": "42"},
                               "raw": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xff"}}))
        self.eq(bool(r and r.get("MD5OfMessageAttributes")), True, "MD5OfMessageAttributes answered")
        r = self.ok("receive_message", lambda: sqs.receive_message(
            QueueUrl=url, MessageAttributeNames=["All"], AttributeNames=["All"]))
        msgs = r.get("Messages", []) if r else []
        self.eq(len(msgs), 1, "one message")
        if msgs:
            m = msgs[0]
            self.eq(m["Body"], "hello\r\nworld & <xml>", "body with CR survives")
            self.eq(m["MessageAttributes"]["raw"]["BinaryValue"], b"\x00\x01\xff", "binary attribute")
            self.eq(m["Attributes"]["ApproximateReceiveCount"], "1", "ApproximateReceiveCount")
            r = self.ok("receive while in flight", lambda: sqs.receive_message(QueueUrl=url))
            self.eq(len(r.get("Messages", [])) if r else -1, 0, "nothing visible while in flight")
            time.sleep(1.3)
            r = self.ok("receive after visibility expiry", lambda: sqs.receive_message(QueueUrl=url))
            again = r.get("Messages", []) if r else []
            self.eq(len(again), 1, "message visible again after its timeout")
            if again:
                self.ok("change_message_visibility", lambda: sqs.change_message_visibility(
                    QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"], VisibilityTimeout=30))
                self.ok("delete_message", lambda: sqs.delete_message(QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"]))
                self.error("change visibility of a deleted message", lambda: sqs.change_message_visibility(
                    QueueUrl=url, ReceiptHandle=again[0]["ReceiptHandle"], VisibilityTimeout=3),
                    "ReceiptHandleIsInvalid")
        self.error("receive with MaxNumberOfMessages 11",
                   lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=11), "InvalidParameterValue")

    def batches(self):
        sqs = self.sqs
        url = sqs.create_queue(QueueName="batches")["QueueUrl"]
        r = self.ok("send_message_batch", lambda: sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "one", "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}},
            {"Id": "b", "MessageBody": "two"},
            {"Id": "c", "MessageBody": "three", "DelaySeconds": 1000}]))
        self.eq(len(r.get("Successful", [])) if r else 0, 2, "two entries sent")
        self.eq([f["Id"] for f in r.get("Failed", [])] if r else [], ["c"], "entry c failed")
        self.error("empty batch", lambda: sqs.send_message_batch(QueueUrl=url, Entries=[]),
                   "AWS.SimpleQueueService.EmptyBatchRequest")
        self.error("ids not distinct", lambda: sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "x", "MessageBody": "1"}, {"Id": "x", "MessageBody": "2"}]),
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
        r = self.ok("receive 10", lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                                             MessageAttributeNames=["All"]))
        msgs = r.get("Messages", []) if r else []
        self.eq(sorted(m["Body"] for m in msgs), ["one", "two"], "both batch messages received")
        r = self.ok("delete_message_batch", lambda: sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(msgs)]))
        self.eq(len(r.get("Successful", [])) if r else 0, len(msgs), "all deleted")
        attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages",
                                                                        "ApproximateNumberOfMessagesNotVisible"])
        self.eq(attrs["Attributes"], {"ApproximateNumberOfMessages": "0",
                                      "ApproximateNumberOfMessagesNotVisible": "0"}, "queue empty")
        self.ok("purge_queue", lambda: sqs.purge_queue(QueueUrl=url))
        self.error("purge again within 60 s", lambda: sqs.purge_queue(QueueUrl=url),
                   "AWS.SimpleQueueService.PurgeQueueInProgress", 403)

    def long_poll(self):
        sqs = self.sqs
        url = sqs.create_queue(QueueName="long-poll")["QueueUrl"]
        result = {}

        def poll():
            start = time.monotonic()
            result["r"] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10)
            result["elapsed"] = time.monotonic() - start

        t = threading.Thread(target=poll)
        t.start()
        time.sleep(0.5)
        self.ok("send during long poll", lambda: sqs.send_message(QueueUrl=url, MessageBody="ping"))
        t.join(15)
        msgs = result.get("r", {}).get("Messages", [])
        self.eq([m["Body"] for m in msgs], ["ping"], "long poll got the message")
        self.eq(result.get("elapsed", 99) < 5, True, "long poll woken by the send, not its deadline")
        start = time.monotonic()
        r = self.ok("empty long poll", lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1))
        elapsed = time.monotonic() - start
        self.eq(r and r.get("Messages"), None, "no messages")
        self.eq(0.8 < elapsed < 5, True, f"waited about a second ({elapsed:.2f}s)")

    def fifo(self):
        sqs = self.sqs
        url = sqs.create_queue(QueueName="orders.fifo", Attributes={
            "FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
        for body, group in (("a1", "A"), ("a2", "A"), ("b1", "B"), ("a1", "A")):
            self.ok(f"fifo send {body}", lambda: sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group))
        r = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"])
        msgs = r.get("Messages", [])
        self.eq([m["Body"] for m in msgs], ["a1", "a2", "b1"], "FIFO order, duplicate dropped")
        if msgs:
            self.eq(len(msgs[0]["Attributes"].get("SequenceNumber", "")), 20, "SequenceNumber")
        r = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        self.eq(r.get("Messages"), None, "groups held while in flight")
        self.error("fifo send without group", lambda: sqs.send_message(QueueUrl=url, MessageBody="x"),
                   "MissingParameter")

    def dead_letters(self):
        sqs = self.sqs
        dlq = sqs.create_queue(QueueName="dead")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        src = sqs.create_queue(QueueName="work", Attributes={
            "VisibilityTimeout": "0",
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})})["QueueUrl"]
        sqs.send_message(QueueUrl=src, MessageBody="poison")
        counts = [len(sqs.receive_message(QueueUrl=src).get("Messages", [])) for _ in range(3)]
        self.eq(counts, [1, 1, 0], "two receives, then moved")
        r = sqs.receive_message(QueueUrl=dlq)
        self.eq([m["Body"] for m in r.get("Messages", [])], ["poison"], "message in the DLQ")
        r = self.ok("list_dead_letter_source_queues", lambda: sqs.list_dead_letter_source_queues(QueueUrl=dlq))
        self.eq(r and r.get("queueUrls"), [src], "source queue listed")

    def resource(self):
        q = self.res.create_queue(QueueName="resource")
        q.send_message(MessageBody="via resource")
        msgs = q.receive_messages()
        self.eq([m.body for m in msgs], ["via resource"], "resource API round trip")
        for m in msgs:
            m.delete()


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_sqs_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    with harness.Emulator(args.cloudemu, args.plugin_dir, extra=("--services", "sqs")) as emu:
        t = SqsTests(emu, checks)
        harness.run_parts(checks, emu, (t.queues, t.messages, t.batches, t.long_poll, t.fifo,
                                        t.dead_letters, t.resource))


if __name__ == "__main__":
    main()
