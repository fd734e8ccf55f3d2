"""A static file server for the benchmark site, modelling a school site's uplink.

Runs in its own process (so its CPU never shares the crawler's GIL), one thread per
connection, HTTP/1.1 keep-alive. Every response, 200 and 304 alike, waits a fixed
``latency`` before its first byte (a new connection first waits ``connect_latency``, its
TCP handshake) and is then written at no more than ``bandwidth`` bytes
per second per connection (headers included), so a 304 is faster only because it has no
body. Files are read into memory at start; each has an nginx-style ``ETag`` and a
``Last-Modified`` from its mtime, and ``If-None-Match`` / ``If-Modified-Since`` get a 304.

    python bench/shaped_server.py SITE_DIR [--latency 0.02] [--connect-latency 0.02]
                                           [--bandwidth 262144]

prints ``PORT <n>`` on its first line once it listens, then serves until killed.
"""

from __future__ import annotations

import argparse
import email.utils
import json
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# Response counts by status, connections opened, and the most responses in progress at once
# since the previous stats request: for the benchmark's checks.
STATS_PATH = "/__bench_stats"


@dataclass(frozen=True, slots=True)
class Resource:
    body: bytes
    content_type: str
    etag: str
    last_modified: str
    mtime: int
    extra: tuple[tuple[str, str], ...] = ()


def load_site(root: Path) -> dict[str, Resource]:
    """Every file of the generated site by URL path; attachments by ``wbfileid``."""
    charsets: dict[str, str | None] = json.loads((root / "charsets.json").read_text())
    prefixes = sorted(charsets, key=len, reverse=True)
    site: dict[str, Resource] = {}
    for path in root.rglob("*"):
        if not path.is_file() or path.name in ("manifest.json", "charsets.json"):
            continue
        stat = path.stat()
        url = "/" + path.relative_to(root).as_posix()
        extra: tuple[tuple[str, str], ...] = ()
        if url.endswith(".htm"):
            prefix = next((p for p in prefixes if url.startswith(p)), None)
            charset = charsets.get(prefix) if prefix else "UTF-8"
            content_type = f"text/html;charset={charset}" if charset else "text/html"
        elif url.startswith("/_attach/"):
            content_type = "application/pdf"
            extra = (("Content-Disposition", f'attachment; filename="{path.name}"'),)
            url = "wbfileid=" + path.stem
        else:
            content_type = "text/plain"
        mtime = int(stat.st_mtime)
        site[url] = Resource(
            body=path.read_bytes(),
            content_type=content_type,
            etag=f'"{mtime:x}-{stat.st_size:x}"',
            last_modified=email.utils.formatdate(mtime, usegmt=True),
            mtime=mtime,
            extra=extra,
        )
    return site


class ShapedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    disable_nagle_algorithm = True  # small paced writes must not wait for ACKs
    site: dict[str, Resource]
    latency: float
    connect_latency: float
    bandwidth: float  # bytes per second per connection; 0 = unlimited
    counts: dict[str, int]
    lock: threading.Lock

    def setup(self) -> None:
        super().setup()
        with self.lock:
            self.counts["connections"] = self.counts.get("connections", 0) + 1
        time.sleep(self.connect_latency)  # the TCP handshake's round trip

    def do_GET(self) -> None:
        if self.path == STATS_PATH:  # the benchmark's own bookkeeping: not shaped, not counted
            with self.lock:
                body = json.dumps(self.counts).encode()
                self.counts["peak_in_flight"] = self.counts.get("in_flight", 0)
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
            self.wfile.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            return
        with self.lock:  # responses being served at once: the crawler's real concurrency
            self.counts["in_flight"] = self.counts.get("in_flight", 0) + 1
            peak = max(self.counts.get("peak_in_flight", 0), self.counts["in_flight"])
            self.counts["peak_in_flight"] = peak
        try:
            self._serve()
        finally:
            with self.lock:
                self.counts["in_flight"] -= 1

    def _serve(self) -> None:
        time.sleep(self.latency)
        parts = urlsplit(self.path)
        key = parts.path
        if key == "/system/_content/download.jsp":
            key = "wbfileid=" + parse_qs(parts.query).get("wbfileid", [""])[0]
        resource = self.site.get(key)
        if resource is None:
            self._respond(404, [("Content-Type", "text/html")], b"<html><body>404</body></html>")
            return
        validators = [("ETag", resource.etag), ("Last-Modified", resource.last_modified)]
        if self._not_modified(resource):
            self._respond(304, validators, b"")
            return
        headers = [("Content-Type", resource.content_type), *validators, *resource.extra]
        self._respond(200, headers, resource.body)

    def _not_modified(self, resource: Resource) -> bool:
        etags = self.headers.get("If-None-Match")
        if etags is not None:
            return resource.etag in (tag.strip() for tag in etags.split(","))
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
        return resource.mtime <= when

    def _respond(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        lines = [f"HTTP/1.1 {status} {self.responses[status][0]}", "Server: nginx"]
        lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
        lines += [f"{name}: {value}" for name, value in headers]
        if status != 304:
            lines.append(f"Content-Length: {len(body)}")
        lines.append("Connection: keep-alive")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        self._paced_write(data)
        with self.lock:
            self.counts[str(status)] = self.counts.get(str(status), 0) + 1

    def _paced_write(self, data: bytes) -> None:
        if not self.bandwidth:
            self.wfile.write(data)
            return
        chunk = max(1460, int(self.bandwidth / 200))  # 5 ms slices
        started = time.monotonic()
        for offset in range(0, len(data), chunk):
            piece = data[offset : offset + chunk]
            due = started + (offset + len(piece)) / self.bandwidth
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self.wfile.write(piece)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each response")
    parser.add_argument(
        "--connect-latency", type=float, default=0.0, help="seconds per new connection"
    )
    parser.add_argument("--bandwidth", type=float, default=0.0, help="bytes/s per connection")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    handler = type(
        "Handler",
        (ShapedHandler,),
        {
            "site": load_site(args.root),
            "latency": args.latency,
            "connect_latency": args.connect_latency,
            "bandwidth": args.bandwidth,
            "counts": {},
            "lock": threading.Lock(),
        },
    )
    server = Server(("127.0.0.1", args.port), handler)
    server.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        print(json.dumps({"responses": handler.counts}), file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
