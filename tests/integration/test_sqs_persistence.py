"""SQS state on LMDB across restarts: queues with attributes and tags, messages waiting, delayed
and in flight. A message in flight comes back after its visibility timeout in the next process;
a deleted message never comes back. Raw JSON-protocol requests (unsigned), standard library only."""
import json
import shutil
import signal
import tempfile
import time

import cloudemu_harness as h


class SqsPersistenceTest(h.ServerTestCase):
    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="cloudemu-it-sqs-")
        self.addCleanup(shutil.rmtree, self.data, True)

    def server(self):
        return self.start_server(["--storage", "lmdb", "--services", "sqs"], data_dir=self.data)

    def call(self, s, op, doc, expect=200):
        status, _, body = s.request("POST", "/", json.dumps(doc).encode(), {
            "X-Amz-Target": "AmazonSQS." + op, "Content-Type": "application/x-amz-json-1.0"})
        self.assertEqual(status, expect, body)
        return json.loads(body) if body else {}

    def url(self, s, name):
        return self.call(s, "GetQueueUrl", {"QueueName": name})["QueueUrl"]

    def receive(self, s, url, **extra):
        return self.call(s, "ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 10,
                                               "WaitTimeSeconds": 0, **extra}).get("Messages", [])

    def write_state(self, s):
        url = self.call(s, "CreateQueue", {"QueueName": "work", "Attributes": {"VisibilityTimeout": "2"},
                                           "tags": {"team": "a"}})["QueueUrl"]
        for body in ("deleted", "in-flight", "waiting"):
            self.call(s, "SendMessage", {"QueueUrl": url, "MessageBody": body})
        got = self.receive(s, url, MaxNumberOfMessages=2)
        self.assertEqual([m["Body"] for m in got], ["deleted", "in-flight"])
        self.call(s, "DeleteMessage", {"QueueUrl": url, "ReceiptHandle": got[0]["ReceiptHandle"]})
        fifo = self.call(s, "CreateQueue", {"QueueName": "f.fifo", "Attributes": {
            "FifoQueue": "true", "ContentBasedDeduplication": "true"}})["QueueUrl"]
        self.call(s, "SendMessage", {"QueueUrl": fifo, "MessageBody": "f1", "MessageGroupId": "g"})
        return time.monotonic()

    def check_state(self, s, written_at):
        url = self.url(s, "work")
        attrs = self.call(s, "GetQueueAttributes", {"QueueUrl": url, "AttributeNames": ["All"]})["Attributes"]
        self.assertEqual(attrs["VisibilityTimeout"], "2")
        self.assertEqual(self.call(s, "ListQueueTags", {"QueueUrl": url})["Tags"], {"team": "a"})
        # Wait out the in-flight message's visibility timeout (2 s after its receive).
        time.sleep(max(0.0, 2.2 - (time.monotonic() - written_at)))
        got = self.receive(s, url, AttributeNames=["ApproximateReceiveCount"])
        self.assertEqual(sorted(m["Body"] for m in got), ["in-flight", "waiting"])
        counts = {m["Body"]: m["Attributes"]["ApproximateReceiveCount"] for m in got}
        self.assertEqual(counts, {"in-flight": "2", "waiting": "1"})
        # FIFO deduplication survives too: the same body again is not a second message.
        fifo = self.url(s, "f.fifo")
        self.call(s, "SendMessage", {"QueueUrl": fifo, "MessageBody": "f1", "MessageGroupId": "g"})
        self.assertEqual([m["Body"] for m in self.receive(s, fifo)], ["f1"])

    def test_state_survives_a_clean_restart(self):
        s = self.server()
        t = self.write_state(s)
        self.assertEqual(s.stop(), 0)
        self.check_state(self.server(), t)

    def test_acknowledged_writes_survive_kill_9(self):
        s = self.server()
        t = self.write_state(s)
        s.stop(sig=signal.SIGKILL)
        self.check_state(self.server(), t)


if __name__ == "__main__":
    h.main()
