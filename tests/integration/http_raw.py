"""Raw-socket HTTP/1.1 for the integration tests: just enough parsing to see what http.client
hides (interim 100 responses, pipelining, exactly when the server closes a connection)."""
import socket


class Response:
    def __init__(self, status, reason, headers, body, version):
        self.status, self.reason, self.headers, self.body, self.version = (
            status, reason, headers, body, version)

    def header(self, name):
        return self.headers.get(name.lower())


class RawConn:
    """A plain socket with just enough HTTP/1.1 parsing to see what http.client hides
    (interim 100 responses, pipelining, when exactly the server closes)."""

    def __init__(self, port, timeout=10.0, sock=None):
        self.sock = sock or socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("server closed the connection")
        self.buf += chunk

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, _, self.buf = self.buf.partition(b"\r\n")
        return line.decode("latin-1")

    def _exact(self, n):
        while len(self.buf) < n:
            self._fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def read_response(self, head=False):
        """Reads one response (an interim 1xx counts as one, with no body)."""
        version, status, reason = (self._line().split(" ", 2) + [""])[:3]
        headers = {}
        while True:
            line = self._line()
            if not line:
                break
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        status = int(status)
        body = b""
        if head or status < 200 or status in (204, 304):
            pass
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int(self._line().split(";")[0], 16)
                if size == 0:
                    while self._line():
                        pass
                    break
                body += self._exact(size)
                self._line()
        elif "content-length" in headers:
            body = self._exact(int(headers["content-length"]))
        else:  # delimited by close
            try:
                while True:
                    self._fill()
            except EOFError:
                pass
            body, self.buf = self.buf, b""
        return Response(status, reason, headers, body, version)

    def closed_by_peer(self, timeout=5.0):
        """True when the server closes (EOF or reset) within timeout with nothing more to say."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(1)
        except (ConnectionResetError, BrokenPipeError):
            return True
        except socket.timeout:
            return False
        return data == b""


def request_bytes(method, path, headers=None, body=b"", version="HTTP/1.1"):
    """A request as bytes; Host is added unless given."""
    headers = dict(headers or {})
    headers.setdefault("Host", "localhost")
    lines = ["%s %s %s" % (method, path, version)] + ["%s: %s" % kv for kv in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
