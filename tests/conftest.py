"""Real HTTP servers on 127.0.0.1 for the crawler and end-to-end tests (no mocked HTTP)."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from xxgk import sitehost

SITES = Path(__file__).parent / "sites"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
GBK_PAGE = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    "<title>学生申诉办法</title></head><body><h1>「学生申诉办法」·修订</h1>"
    "<p>发布时间：2026-03-02</p></body></html>"
).encode("gb18030")


class FaultHandler(BaseHTTPRequestHandler):
    """Serves the faults a real school site shows: slow, flaky, throttled, looping, huge."""

    hits: Counter[str]
    lock: threading.Lock
    robots: bytes
    times: list[float]
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        with self.lock:
            self.hits[self.path] += 1
            count = self.hits[self.path]
            self.times.append(time.monotonic())
        route = self.path.split("?")[0]
        if route == "/robots.txt":
            self._send(200, self.robots, "text/plain")
        elif route == "/ok.htm":
            etag = '"v1"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", "text/html", {"ETag": etag})
            else:
                body = "<html><body><h1>学校概况</h1><p>发布时间：2026-05-06</p></body></html>"
                self._send(200, body.encode(), "text/html; charset=utf-8", {"ETag": etag})
        elif route == "/old-article.htm":
            etag = '"a1"'
            headers = {"ETag": etag, "Last-Modified": "Tue, 01 Oct 2024 08:00:00 GMT"}
            if self.headers.get("If-None-Match") == etag:
                self._send(304, b"", "text/html", headers)
            else:
                body = "<html><body><h1>学生申诉办法</h1></body></html>".encode()
                self._send(200, body, "text/html; charset=utf-8", headers)
        elif route == "/slow":
            time.sleep(1.5)
            self._send(200, b"<p>late</p>", "text/html")
        elif route == "/flaky":
            status = 500 if count == 1 else 200
            self._send(status, b"<p>flaky</p>", "text/html")
        elif route == "/down":
            self._send(503, b"<p>down</p>", "text/html")
        elif route == "/busy":
            if count == 1:
                self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
            else:
                self._send(200, b"<p>served</p>", "text/html")
        elif route.startswith("/loop/"):
            target = "/loop/b" if route == "/loop/a" else "/loop/a"
            self._send(302, b"", "text/html", {"Location": target})
        elif route == "/offsite":
            self._send(302, b"", "text/html", {"Location": "http://169.254.169.254/latest/"})
        elif route == "/moved":
            self._send(301, b"", "text/html", {"Location": "/ok.htm"})
        elif route == "/huge":
            self._send_huge(20 * 1024 * 1024)
        elif route == "/wrong-charset":
            self._send(200, GBK_PAGE, "text/html; charset=utf-8")
        elif route == "/gbk.htm":
            self._send(200, GBK_PAGE, "text/html")
        elif route == "/reset":
            # SO_LINGER with a zero timeout makes close() send a TCP RST
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.close_connection = True
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
        elif route.startswith("/private/"):
            self._send(200, b"<p>secret</p>", "text/html")
        else:
            self._send(404, b"<h1>404</h1>", "text/html")

    def _send(
        self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_huge(self, size: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>\n"
        try:
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler stopped reading at its cap, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve_in_thread(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """A threading server on 127.0.0.1 (a free port), serving in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class FaultServer:
    def __init__(self, robots: bytes = ROBOTS) -> None:
        handler = type(
            "Handler",
            (FaultHandler,),
            {"hits": Counter(), "lock": threading.Lock(), "robots": robots, "times": []},
        )
        self.hits: Counter[str] = handler.hits
        self.times: list[float] = handler.times
        self.server = serve_in_thread(handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class CountingSite:
    """A folder served by virtual host (xxgk.sitehost) on 127.0.0.1, counting the requests
    per (host, path) and answering each after `delay` seconds."""

    def __init__(self, root: Path) -> None:
        self.delay = 0.0
        self.hits: Counter[tuple[str, str]] = Counter()
        lock = threading.Lock()
        site = self

        class Handler(sitehost.SiteHandler):
            def do_GET(self) -> None:
                with lock:
                    site.hits[((self.headers.get("Host") or "").split(":")[0], self.path)] += 1
                time.sleep(site.delay)
                super().do_GET()

        Handler.root = root.resolve()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def total(self) -> int:
        return sum(self.hits.values())

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    server = FaultServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def private_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Audits run by tests record into a temporary history, never reports/history.sqlite."""
    monkeypatch.setattr("xxgk.cli.DEFAULT_HISTORY", tmp_path / "reports" / "history.sqlite")


@pytest.fixture(scope="session")
def site_port() -> Iterator[int]:
    """tests/sites served by virtual host: tests/sites/<host>/... at http://<host>/..."""
    with sitehost.serve(SITES) as port:
        yield port


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, as a school site with a broken chain has."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[FaultServer]:
    """The fault server over HTTPS with a self-signed certificate."""
    import ssl

    server = FaultServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*make_certificate(tmp_path))
    server.server.socket = context.wrap_socket(server.server.socket, server_side=True)
    server.base = f"https://127.0.0.1:{server.port}"
    yield server
    server.close()
