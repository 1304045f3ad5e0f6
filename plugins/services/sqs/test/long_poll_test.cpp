// Long polling holds no thread: the response is detached and answered by a send, a timer
// at the deadline, or a message becoming visible.
#include <catch2/catch.hpp>

#include "sqs_fixture.hpp"

TEST_CASE("a long poll is answered at once by a send", "[sqs][long-poll]") {
  SqsFixture f;
  const auto url = f.create_queue("lp");
  auto waiting = f.host.send(
      "sqs", f.json_request("ReceiveMessage", {{"QueueUrl", url}, {"WaitTimeSeconds", 20}}));
  CHECK_FALSE(waiting->result().finished);
  f.send(url, "wake up");
  const auto r = waiting->result();
  REQUIRE(r.finished);
  CHECK(r.status == 200);
  CHECK(Json::parse(r.body)["Messages"][0]["Body"] == "wake up");
}

TEST_CASE("a long poll ends empty at its deadline", "[sqs][long-poll]") {
  SqsFixture f;
  const auto url = f.create_queue("lp-empty");
  auto waiting = f.host.send(
      "sqs", f.json_request("ReceiveMessage", {{"QueueUrl", url}, {"WaitTimeSeconds", 5}}));
  f.host.advance(4'000);
  CHECK_FALSE(waiting->result().finished);
  f.host.advance(1'000);
  const auto r = waiting->result();
  REQUIRE(r.finished);
  CHECK(r.status == 200);
  CHECK(Json::parse(r.body) == Json::object());
}

TEST_CASE("a long poll sees a delayed message when it becomes visible", "[sqs][long-poll]") {
  SqsFixture f;
  const auto url = f.create_queue("lp-delay");
  f.send(url, "soon", {{"DelaySeconds", 2}});
  auto waiting = f.host.send(
      "sqs", f.json_request("ReceiveMessage", {{"QueueUrl", url}, {"WaitTimeSeconds", 10}}));
  CHECK_FALSE(waiting->result().finished);
  f.host.advance(3'000);
  const auto r = waiting->result();
  REQUIRE(r.finished);
  CHECK(Json::parse(r.body)["Messages"][0]["Body"] == "soon");
}

TEST_CASE("the queue's ReceiveMessageWaitTimeSeconds makes receives wait", "[sqs][long-poll]") {
  SqsFixture f;
  const auto url = f.create_queue("lp-default", {{"ReceiveMessageWaitTimeSeconds", "3"}});
  auto req = f.json_request("ReceiveMessage", {{"QueueUrl", url}});
  auto waiting = f.host.send("sqs", req);
  CHECK_FALSE(waiting->result().finished);
  f.host.advance(3'000);
  CHECK(waiting->result().finished);
}

TEST_CASE("a query long poll answers XML when woken", "[sqs][long-poll][protocol]") {
  SqsFixture f;
  const auto url = f.create_queue("lp-query");
  ce::testing::HttpRequest req;
  req.method = "POST";
  req.target = "/";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  req.body = SqsFixture::encode_form(
      {{"Action", "ReceiveMessage"}, {"QueueUrl", url}, {"WaitTimeSeconds", "20"}});
  auto waiting = f.host.send("sqs", req);
  CHECK_FALSE(waiting->result().finished);
  f.send(url, "xml please");
  const auto r = waiting->result();
  REQUIRE(r.finished);
  CHECK(xml_text(r.body, "Body") == "xml please");
  CHECK(r.body.find("<ReceiveMessageResponse") == 0);
}

TEST_CASE("deleting a queue answers its long polls with QueueDoesNotExist", "[sqs][long-poll]") {
  SqsFixture f;
  const auto url = f.create_queue("lp-gone");
  auto waiting = f.host.send(
      "sqs", f.json_request("ReceiveMessage", {{"QueueUrl", url}, {"WaitTimeSeconds", 20}}));
  f.ok("DeleteQueue", {{"QueueUrl", url}});
  const auto r = waiting->result();
  REQUIRE(r.finished);
  CHECK(r.status == 400);
}

TEST_CASE("sends go to the oldest waiters first; deleting the queue answers them all",
          "[sqs][long-poll]") {
  SqsFixture f;
  const auto url = f.create_queue("lp-many");
  std::vector<std::shared_ptr<ce::testing::Exchange>> waiters;
  for (int i = 0; i < 3; ++i)
    waiters.push_back(f.host.send(
        "sqs", f.json_request("ReceiveMessage", {{"QueueUrl", url}, {"WaitTimeSeconds", 20}})));
  f.send(url, "first");
  REQUIRE(waiters[0]->result().finished);
  CHECK(Json::parse(waiters[0]->result().body)["Messages"][0]["Body"] == "first");
  CHECK_FALSE(waiters[1]->result().finished);
  CHECK_FALSE(waiters[2]->result().finished);
  f.send(url, "second");
  REQUIRE(waiters[1]->result().finished);
  CHECK(Json::parse(waiters[1]->result().body)["Messages"][0]["Body"] == "second");
  CHECK_FALSE(waiters[2]->result().finished);
  // Deleting the queue answers every waiter left, not only the first.
  f.ok("DeleteQueue", {{"QueueUrl", url}});
  REQUIRE(waiters[2]->result().finished);
  CHECK(waiters[2]->result().status == 400);
}
