// The outbound HTTP client against a real socket on loopback: the request as sent, the answer as
// received, and every way of getting no answer (refused, timeout, shutdown, bad URL).
#include "http/outbound_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <string>
#include <thread>

using ce::host::OutboundAnswer;
using ce::host::OutboundHttp;
using ce::host::OutboundRequest;

namespace {

/// A listening socket on an ephemeral loopback port.
struct Listener {
  int fd = -1;
  uint16_t port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~Listener() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port) + path;
  }
};

/// Accepts one connection, reads the request head and `body_len` body bytes, sends `answer`.
std::string serve_once(int listen_fd, std::size_t body_len, const std::string& answer) {
  const int c = ::accept(listen_fd, nullptr, nullptr);
  std::string got;
  char buf[4096];
  while (true) {
    const auto head_end = got.find("\r\n\r\n");
    if (head_end != std::string::npos && got.size() >= head_end + 4 + body_len) break;
    const ssize_t n = ::read(c, buf, sizeof buf);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
  }
  const ssize_t sent = ::write(c, answer.data(), answer.size());
  (void)sent;  // the client notices a short answer itself
  ::close(c);
  return got;
}

OutboundAnswer wait_for(std::future<OutboundAnswer>& f) {
  REQUIRE(f.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  return f.get();
}

}  // namespace

TEST_CASE("a request reaches the endpoint as sent and its answer comes back", "[http][outbound]") {
  Listener l;
  const std::string body = "{\"Type\":\"Notification\"}";
  auto server = std::async(std::launch::async, [&] {
    return serve_once(l.fd, body.size(),
                      "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-Reply: yes\r\n\r\nok");
  });
  OutboundHttp client;
  std::promise<OutboundAnswer> done;
  auto answer = done.get_future();
  OutboundRequest req;
  req.url = l.url("/hook?x=1");
  req.headers = {{"x-amz-sns-message-type", "Notification"}};
  req.body = body;
  client.send(req, [&](OutboundAnswer a) { done.set_value(std::move(a)); });
  const OutboundAnswer a = wait_for(answer);
  CHECK(a.status == 201);
  CHECK(a.body == "ok");
  bool reply_header = false;
  for (const auto& [k, v] : a.headers) reply_header |= k == "X-Reply" && v == "yes";
  CHECK(reply_header);
  const std::string seen = server.get();
  CHECK(seen.starts_with("POST /hook?x=1 HTTP/1.1\r\n"));
  CHECK(seen.find("Host: 127.0.0.1:" + std::to_string(l.port) + "\r\n") != std::string::npos);
  CHECK(seen.find("x-amz-sns-message-type: Notification\r\n") != std::string::npos);
  CHECK(seen.find("Content-Length: " + std::to_string(body.size())) != std::string::npos);
  CHECK(seen.ends_with(body));
}

TEST_CASE("no answer is status 0 with the reason", "[http][outbound]") {
  OutboundHttp client;
  std::promise<OutboundAnswer> done;
  auto answer = done.get_future();
  auto finish = [&](OutboundAnswer a) { done.set_value(std::move(a)); };

  SECTION("nothing listens") {
    std::string url;
    {
      Listener l;
      url = l.url("/");
    }  // closed: the port refuses
    client.send(OutboundRequest{"POST", url, {}, "", 2000}, finish);
    const auto a = wait_for(answer);
    CHECK(a.status == 0);
    CHECK(a.body.find("cannot connect") != std::string::npos);
  }
  SECTION("the endpoint never answers: the timeout ends it") {
    Listener l;  // the kernel accepts; nobody reads or writes
    const auto t0 = std::chrono::steady_clock::now();
    client.send(OutboundRequest{"POST", l.url("/"), {}, "x", 300}, finish);
    const auto a = wait_for(answer);
    CHECK(a.status == 0);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(5));
  }
  SECTION("not a URL: answered at once, nothing sent") {
    client.send(OutboundRequest{"POST", "mailto:x@y", {}, "", 0}, finish);
    const auto a = wait_for(answer);
    CHECK(a.status == 0);
    CHECK(a.body.find("not an http") != std::string::npos);
  }
}

TEST_CASE("shutdown ends requests in flight, and later ones, with no answer", "[http][outbound]") {
  Listener l;
  OutboundHttp client;
  std::promise<OutboundAnswer> first;
  auto in_flight = first.get_future();
  client.send(OutboundRequest{"POST", l.url("/"), {}, "x", 60000},
              [&](OutboundAnswer a) { first.set_value(std::move(a)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  client.shutdown();
  const auto a = wait_for(in_flight);
  CHECK(a.status == 0);
  CHECK(a.body == "host shutting down");

  std::promise<OutboundAnswer> later;
  auto after = later.get_future();
  client.send(OutboundRequest{"POST", l.url("/"), {}, "x", 0},
              [&](OutboundAnswer b) { later.set_value(std::move(b)); });
  CHECK(wait_for(after).body == "host shutting down");
}
