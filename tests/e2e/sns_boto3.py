#!/usr/bin/python3
"""e2e_sns_boto3: SNS through Debian's boto3 (1.26, /usr/bin/python3) against the real binary:
topics, subscriptions, publish, errors, the signing certificate, and (only when an `sqs` plugin
is loaded) fan-out to SQS with the envelope's signature checked."""
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

try:
    import boto3
    import botocore
    from botocore.config import Config
except ImportError as e:
    harness.fail(f"boto3 is not importable by {sys.executable} ({e}); install Debian's python3-boto3 "
                 "(scripts/install-deps.sh --test)")

ACCOUNT = "000000000000"


class SnsTests:
    def __init__(self, emu, checks):
        self.c, self.emu = checks, emu
        session = boto3.session.Session(aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                                        aws_secret_access_key="any-secret", region_name="us-east-1")
        cfg = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)
        self.sns = session.client("sns", endpoint_url=emu.endpoint, config=cfg)
        self.sqs = session.client("sqs", endpoint_url=emu.endpoint, config=cfg)

    def ok(self, label, call):
        return harness.expect_ok(self.c, label, call)

    def error(self, label, call, code, status=400, message=None):
        return harness.expect_error(self.c, label, call, code, status, message)

    def topics(self):
        sns = self.sns
        r = self.ok("create_topic", lambda: sns.create_topic(Name="orders", Tags=[{"Key": "team", "Value": "shop"}]))
        arn = f"arn:aws:sns:us-east-1:{ACCOUNT}:orders"
        if r:
            self.c.eq(r["TopicArn"], arn, "TopicArn")
        self.ok("create_topic again (idempotent)", lambda: sns.create_topic(Name="orders"))
        self.error("create_topic with a bad name", lambda: sns.create_topic(Name="bad name"),
                   "InvalidParameter", message="Invalid parameter: Topic Name")
        r = self.ok("create FIFO topic", lambda: sns.create_topic(
            Name="jobs.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"}))
        self.ok("set_topic_attributes", lambda: sns.set_topic_attributes(
            TopicArn=arn, AttributeName="DisplayName", AttributeValue="Orders"))
        r = self.ok("get_topic_attributes", lambda: sns.get_topic_attributes(TopicArn=arn))
        if r:
            a = r["Attributes"]
            self.c.eq(a.get("DisplayName"), "Orders", "DisplayName")
            self.c.eq(a.get("Owner"), ACCOUNT, "Owner")
            self.c.check("Policy" in a and "EffectiveDeliveryPolicy" in a, "default Policy and EffectiveDeliveryPolicy")
        self.error("get_topic_attributes of a missing topic",
                   lambda: sns.get_topic_attributes(TopicArn=arn + "x"), "NotFound", 404, "Topic does not exist")
        r = self.ok("list_topics", lambda: sns.list_topics())
        if r:
            self.c.eq(sorted(t["TopicArn"] for t in r["Topics"]),
                      [f"arn:aws:sns:us-east-1:{ACCOUNT}:jobs.fifo", arn], "listed topics")
        pages = self.ok("list_topics paginator", lambda: list(sns.get_paginator("list_topics").paginate()))
        if pages is not None:
            self.c.eq(sum(len(p["Topics"]) for p in pages), 2, "topics over all pages")
        self.ok("tag_resource", lambda: sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "dev"}]))
        r = self.ok("list_tags_for_resource", lambda: sns.list_tags_for_resource(ResourceArn=arn))
        if r:
            self.c.eq(sorted(t["Key"] for t in r["Tags"]), ["env", "team"], "tag keys")
        self.ok("untag_resource", lambda: sns.untag_resource(ResourceArn=arn, TagKeys=["env"]))

    def subscriptions(self):
        sns, arn = self.sns, f"arn:aws:sns:us-east-1:{ACCOUNT}:orders"
        r = self.ok("subscribe sqs", lambda: sns.subscribe(
            TopicArn=arn, Protocol="sqs", Endpoint=f"arn:aws:sqs:us-east-1:{ACCOUNT}:inbox",
            Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"color": ["red"]})},
            ReturnSubscriptionArn=True))
        sub = r["SubscriptionArn"] if r else None
        if sub:
            a = self.ok("get_subscription_attributes", lambda: sns.get_subscription_attributes(SubscriptionArn=sub))
            if a:
                self.c.eq(a["Attributes"].get("RawMessageDelivery"), "true", "RawMessageDelivery")
                self.c.eq(a["Attributes"].get("PendingConfirmation"), "false", "sqs confirmed at once")
            self.ok("set_subscription_attributes", lambda: sns.set_subscription_attributes(
                SubscriptionArn=sub, AttributeName="FilterPolicyScope", AttributeValue="MessageBody"))
        r = self.ok("subscribe email", lambda: sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="a@example.com"))
        if r:
            self.c.eq(r["SubscriptionArn"], "pending confirmation", "email waits for confirmation")
        r = self.ok("list_subscriptions_by_topic", lambda: sns.list_subscriptions_by_topic(TopicArn=arn))
        if r:
            self.c.eq(sorted(s["Protocol"] for s in r["Subscriptions"]), ["email", "sqs"], "subscription protocols")
        self.error("subscribe with an unknown protocol", lambda: sns.subscribe(
            TopicArn=arn, Protocol="pigeon", Endpoint="x"), "InvalidParameter",
            message="Invalid parameter: Amazon SNS does not support this protocol string: pigeon")
        self.error("subscribe with a bad filter policy", lambda: sns.subscribe(
            TopicArn=arn, Protocol="sqs", Endpoint=f"arn:aws:sqs:us-east-1:{ACCOUNT}:other",
            Attributes={"FilterPolicy": json.dumps({"a": [{"numeric": ["<", "x"]}]})}), "InvalidParameter")
        self.ok("confirm via the token endpoint", lambda: self.confirm_email(arn))
        if sub:
            self.ok("unsubscribe", lambda: sns.unsubscribe(SubscriptionArn=sub))
            self.error("attributes of a removed subscription",
                       lambda: sns.get_subscription_attributes(SubscriptionArn=sub), "NotFound", 404)

    def confirm_email(self, arn):
        sub = self.sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="a@example.com",
                                 ReturnSubscriptionArn=True)["SubscriptionArn"]
        with urllib.request.urlopen(f"{self.emu.endpoint}/_aws/sns/subscription-tokens/{sub}", timeout=5) as r:
            token = json.loads(r.read())["Token"]
        r = self.sns.confirm_subscription(TopicArn=arn, Token=token)
        self.c.eq(r["SubscriptionArn"], sub, "confirm_subscription returns the ARN")

    def publishing(self):
        sns, arn = self.sns, f"arn:aws:sns:us-east-1:{ACCOUNT}:orders"
        fifo = f"arn:aws:sns:us-east-1:{ACCOUNT}:jobs.fifo"
        r = self.ok("publish", lambda: sns.publish(TopicArn=arn, Message="hello", Subject="hi", MessageAttributes={
            "color": {"DataType": "String", "StringValue": "red"},
            "n": {"DataType": "Number", "StringValue": "5"},
            "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01"}}))
        if r:
            self.c.check(len(r["MessageId"]) == 36, "MessageId is a UUID")
        self.ok("publish json structure", lambda: sns.publish(
            TopicArn=arn, Message=json.dumps({"default": "d", "sqs": "s"}), MessageStructure="json"))
        self.error("publish json without default", lambda: sns.publish(
            TopicArn=arn, Message=json.dumps({"sqs": "s"}), MessageStructure="json"), "InvalidParameter",
            message="Invalid parameter: Message Structure - No default entry in JSON message body")
        self.error("publish to a missing topic", lambda: sns.publish(TopicArn=arn + "x", Message="m"),
                   "NotFound", 404, "Topic does not exist")
        self.error("publish a bad Number attribute", lambda: sns.publish(TopicArn=arn, Message="m", MessageAttributes={
            "n": {"DataType": "Number", "StringValue": "ten"}}), "ParameterValueInvalid",
            message="Could not cast message attribute 'n' value to number.")
        a = self.ok("publish FIFO", lambda: sns.publish(TopicArn=fifo, Message="job", MessageGroupId="g"))
        b = self.ok("publish FIFO duplicate", lambda: sns.publish(TopicArn=fifo, Message="job", MessageGroupId="g"))
        if a and b:
            self.c.eq(b["MessageId"], a["MessageId"], "deduplicated MessageId")
            self.c.check(len(a.get("SequenceNumber", "")) == 20, "SequenceNumber")
        self.error("publish FIFO without group", lambda: sns.publish(TopicArn=fifo, Message="m"), "InvalidParameter")
        r = self.ok("publish_batch", lambda: sns.publish_batch(TopicArn=arn, PublishBatchRequestEntries=[
            {"Id": "a", "Message": "one"}, {"Id": "b", "Message": "two", "Subject": "bad\nsubject"}]))
        if r:
            self.c.eq([s["Id"] for s in r["Successful"]], ["a"], "batch successes")
            self.c.eq([f["Id"] for f in r["Failed"]], ["b"], "batch failures")
        self.error("publish_batch with duplicate ids", lambda: sns.publish_batch(TopicArn=arn, PublishBatchRequestEntries=[
            {"Id": "a", "Message": "1"}, {"Id": "a", "Message": "2"}]), "BatchEntryIdsNotDistinct")
        self.error("an action not emulated", lambda: sns.list_platform_applications(), "InvalidAction")

    def fan_out_to_sqs(self):
        """Only with an sqs plugin: SNS -> SQS, raw and enveloped, with the signature verified."""
        _, _, health = harness.http_get_json(self.emu.endpoint + "/_cloudemu/health")
        if health.get("services", {}).get("sqs") != "running":
            print("  skip fan-out: no sqs plugin loaded", flush=True)
            return
        sns, sqs = self.sns, self.sqs
        topic = sns.create_topic(Name="fanout")["TopicArn"]
        url = sqs.create_queue(QueueName="fan-in")["QueueUrl"]
        qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=qarn)
        sns.publish(TopicArn=topic, Message="to the queue", Subject="s")
        r = self.ok("receive the notification", lambda: sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2))
        msgs = (r or {}).get("Messages", [])
        if self.c.check(len(msgs) == 1, "one message delivered", f"got {msgs!r}"):
            env = json.loads(msgs[0]["Body"])
            self.c.eq((env["Type"], env["Message"], env["TopicArn"]), ("Notification", "to the queue", topic), "envelope")
            self.c.check(self.verify(env), "envelope signature verifies with the served certificate")
        self.fan_out_raw_and_filtered(topic)
        self.fan_out_fifo()

    def queue(self, name, **attributes):
        url = self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return url, arn

    def drain(self, url, wait=1):
        """Every message now in the queue (bodies and attributes), deleting each."""
        out = []
        while True:
            r = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=wait,
                                         MessageAttributeNames=["All"])
            msgs = r.get("Messages", [])
            if not msgs:
                return out
            for m in msgs:
                out.append(m)
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            wait = 0

    def fan_out_raw_and_filtered(self, topic):
        """Raw delivery carries the body and the attributes as SQS message attributes; a filter
        policy lets through only what matches (attributes scope, then body scope)."""
        sns = self.sns
        raw_url, raw_arn = self.queue("fan-raw")
        red_url, red_arn = self.queue("fan-red")
        big_url, big_arn = self.queue("fan-big")
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=raw_arn,
                      Attributes={"RawMessageDelivery": "true"})
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=red_arn,
                      Attributes={"FilterPolicy": json.dumps({"color": ["red"], "size": [{"numeric": [">", 2]}]})})
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=big_arn,
                      Attributes={"FilterPolicyScope": "MessageBody",
                                  "FilterPolicy": json.dumps({"order": {"total": [{"numeric": [">=", 100]}]}})})
        def publish(message, color=None, size=None):
            attrs = {}
            if color:
                attrs["color"] = {"DataType": "String", "StringValue": color}
            if size is not None:
                attrs["size"] = {"DataType": "Number", "StringValue": str(size)}
            sns.publish(TopicArn=topic, Message=message, MessageAttributes=attrs)
        publish(json.dumps({"order": {"total": 150}}), "red", 3)
        publish(json.dumps({"order": {"total": 5}}), "red", 1)
        publish("plain text", "blue", 9)
        raw = self.drain(raw_url)
        self.c.eq(sorted(m["Body"] for m in raw),
                  sorted([json.dumps({"order": {"total": 150}}), json.dumps({"order": {"total": 5}}), "plain text"]),
                  "raw delivery: every body as published")
        first = [m for m in raw if "150" in m["Body"]]
        if first:
            attrs = first[0].get("MessageAttributes", {})
            self.c.eq((attrs.get("color", {}).get("StringValue"), attrs.get("size", {}).get("DataType")),
                      ("red", "Number"), "raw delivery: SNS attributes become SQS message attributes")
        red = [json.loads(m["Body"])["Message"] for m in self.drain(red_url)]
        self.c.eq(red, [json.dumps({"order": {"total": 150}})], "attribute filter: only red with size > 2")
        big = [json.loads(m["Body"])["Message"] for m in self.drain(big_url)]
        self.c.eq(big, [json.dumps({"order": {"total": 150}})], "body filter: only order.total >= 100")

    def fan_out_fifo(self):
        """A FIFO topic delivers to a FIFO queue in order, with the group id passed on."""
        topic = self.sns.create_topic(Name="orders.fifo", Attributes={
            "FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
        url, arn = self.queue("orders.fifo", FifoQueue="true")
        self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn,
                           Attributes={"RawMessageDelivery": "true"})
        for i in range(5):
            self.sns.publish(TopicArn=topic, Message=f"step {i}", MessageGroupId="g1")
        self.sns.publish(TopicArn=topic, Message="step 0", MessageGroupId="g1")  # a duplicate: dropped
        got = []
        for _ in range(10):
            r = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                         AttributeNames=["MessageGroupId"])
            msgs = r.get("Messages", [])
            if not msgs:
                break
            for m in msgs:
                got.append((m["Body"], m["Attributes"].get("MessageGroupId")))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.c.eq(got, [(f"step {i}", "g1") for i in range(5)], "FIFO fan-out: in order, deduplicated, group kept")

    def verify(self, env):
        """Checks the signature with the openssl command line (the Python stdlib has no RSA)."""
        import base64
        import subprocess
        import tempfile
        with urllib.request.urlopen(env["SigningCertURL"].replace(
                env["SigningCertURL"].split("/_aws/")[0], self.emu.endpoint), timeout=5) as r:
            cert = r.read()
        # Notifications sign Subject; subscription confirmations SubscribeURL and Token.
        canonical = "".join(f"{k}\n{env[k]}\n" for k in ("Message", "MessageId", "Subject", "SubscribeURL",
                                                         "Timestamp", "Token", "TopicArn", "Type") if k in env)
        with tempfile.TemporaryDirectory() as d:
            paths = {n: os.path.join(d, n) for n in ("cert.pem", "pub.pem", "sig", "data")}
            open(paths["cert.pem"], "wb").write(cert)
            open(paths["sig"], "wb").write(base64.b64decode(env["Signature"]))
            open(paths["data"], "wb").write(canonical.encode())
            subprocess.run(["openssl", "x509", "-in", paths["cert.pem"], "-pubkey", "-noout", "-out",
                            paths["pub.pem"]], check=True)
            digest = "-sha256" if env["SignatureVersion"] == "2" else "-sha1"
            return subprocess.run(["openssl", "dgst", digest, "-verify", paths["pub.pem"], "-signature",
                                   paths["sig"], paths["data"]], capture_output=True).returncode == 0

    def http_endpoint(self):
        """An HTTP subscriber (a local server): the signed SubscriptionConfirmation, its
        SubscribeURL followed as a subscriber would, notifications with SNS's headers, and a
        failed delivery retried 20 s later on the host clock."""
        import http.server
        import queue
        import threading
        sns, c = self.sns, self.c
        received = queue.Queue()
        answer = {"status": 200}

        class Hook(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                received.put((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(answer["status"])
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{server.server_port}/hook"
            topic = self.ok("create_topic webhooks", lambda: sns.create_topic(Name="webhooks"))["TopicArn"]
            sub = self.ok("subscribe http", lambda: sns.subscribe(
                TopicArn=topic, Protocol="http", Endpoint=url, ReturnSubscriptionArn=True))["SubscriptionArn"]
            path, headers, body = received.get(timeout=10)
            c.eq(path, "/hook", "confirmation POSTed to the endpoint's path")
            c.eq(headers.get("x-amz-sns-message-type"), "SubscriptionConfirmation", "x-amz-sns-message-type")
            c.eq(headers.get("x-amz-sns-topic-arn"), topic, "x-amz-sns-topic-arn")
            doc = json.loads(body)
            c.eq(doc.get("Type"), "SubscriptionConfirmation", "confirmation Type")
            c.check(self.verify(doc), "confirmation signature verifies with the served certificate")
            with urllib.request.urlopen(doc["SubscribeURL"], timeout=5) as r:
                c.eq(r.status, 200, "following SubscribeURL")
                c.check(sub.encode() in r.read(), "SubscribeURL answers the subscription ARN")
            attrs = self.ok("get_subscription_attributes", lambda: sns.get_subscription_attributes(
                SubscriptionArn=sub))["Attributes"]
            c.eq(attrs.get("PendingConfirmation"), "false", "confirmed by the SubscribeURL")

            mid = self.ok("publish to http", lambda: sns.publish(
                TopicArn=topic, Message="hello http", Subject="s"))["MessageId"]
            path, headers, body = received.get(timeout=10)
            c.eq(headers.get("x-amz-sns-message-type"), "Notification", "notification type header")
            c.eq(headers.get("x-amz-sns-message-id"), mid, "x-amz-sns-message-id")
            c.eq(headers.get("x-amz-sns-subscription-arn"), sub, "x-amz-sns-subscription-arn")
            c.eq(headers.get("content-type"), "text/plain; charset=UTF-8", "notification Content-Type")
            env = json.loads(body)
            c.eq(env.get("Message"), "hello http", "notification Message")
            c.check(self.verify(env), "notification signature verifies")

            answer["status"] = 500
            mid = self.ok("publish to a failing endpoint", lambda: sns.publish(
                TopicArn=topic, Message="retry me"))["MessageId"]
            first = json.loads(received.get(timeout=10)[2])
            c.eq(first.get("MessageId"), mid, "first attempt reaches the endpoint")
            answer["status"] = 200
            c.check(received.empty(), "no retry before its delay")
            # Our endpoint saw the attempt before SNS read its 500 and armed the retry: a clock move
            # that comes first does not reach that timer, so move 20 s again until the retry comes.
            retry = None
            for _ in range(3):
                status, _, _ = harness.http_request(self.emu.port, "POST", "/_cloudemu/clock?advance_seconds=20",
                                                    body=b"")
                c.eq(status, 200, "advance the host clock 20 s")
                try:
                    retry = json.loads(received.get(timeout=3)[2])
                    break
                except queue.Empty:
                    continue
            c.eq((retry or {}).get("MessageId"), mid, "the same message is retried after 20 s")
        finally:
            server.shutdown()
            server.server_close()

    def certificate(self):
        status, _, body = harness.http_request(self.emu.port, "GET", "/_aws/sns/nope.pem")
        self.c.eq(status, 404, "unknown emulator path")

    def cleanup(self):
        self.ok("delete_topic", lambda: self.sns.delete_topic(TopicArn=f"arn:aws:sns:us-east-1:{ACCOUNT}:orders"))
        r = self.ok("list_subscriptions", lambda: self.sns.list_subscriptions())
        if r:
            self.c.check(all(not s["TopicArn"].endswith(":orders") for s in r["Subscriptions"]),
                         "the topic's subscriptions went with it")


def main():
    args = harness.parse_args(__doc__)
    checks = harness.Checks("e2e_sns_boto3")
    print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {sys.executable}")
    # Every built plugin is loaded, so the SQS part runs once an sqs plugin is built alongside.
    with harness.Emulator(args.cloudemu, args.plugin_dir) as emu:
        t = SnsTests(emu, checks)
        harness.run_parts(checks, emu, (t.topics, t.subscriptions, t.publishing, t.fan_out_to_sqs,
                                        t.http_endpoint, t.certificate, t.cleanup))


if __name__ == "__main__":
    main()
