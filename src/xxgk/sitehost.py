"""A static, virtual-host web server on 127.0.0.1 for the bundled sample site and tests.

`ROOT/<host>/<path>` is served at `http://<host>/<path>` (the request's Host header picks
the folder; a root without host folders is served for any host). A file `<path>.status`
holding a number stands in for a missing `<path>` and answers with that HTTP status.
Responses carry an ETag (from the content) and answer If-None-Match with 304; a
`Last-Modified` header is sent only where a `<path>.lastmod` file gives it, so that what
the audit sees does not depend on when the files were checked out.
"""

from __future__ import annotations

import hashlib
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HTML_SUFFIXES = frozenset({".htm", ".html", ".shtml", ".jsp", ".asp", ".aspx", ".php", ".chtml"})


def file_for(root: Path, host: str, url_path: str) -> Path | None:
    """The file behind a request, or None when the path leaves the root."""
    base = root / host if (root / host).is_dir() else root
    candidate = (base / unquote(url_path).lstrip("/")).resolve()
    if not candidate.is_relative_to(base.resolve()):
        return None
    if candidate.is_dir():
        index = candidate / "index.html"
        return index if index.is_file() else candidate / "index.htm"
    return candidate


class SiteHandler(BaseHTTPRequestHandler):
    root: Path
    server_version = "xxgk-sitehost"

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        path = file_for(self.root, host, urlsplit(self.path).path)
        if path is None:
            self._send(404, b"not found", "text/plain")
            return
        status_file = path.with_name(path.name + ".status")
        if not path.is_file() and status_file.is_file():
            status = int(status_file.read_text().strip())
            self._send(status, f"HTTP {status}".encode(), "text/plain")
            return
        if not path.is_file():
            self._send(404, b"<html><body><h1>404</h1></body></html>", "text/html")
            return
        body = path.read_bytes()
        headers = {"ETag": f'"{hashlib.sha1(body).hexdigest()[:16]}"'}
        lastmod = path.with_name(path.name + ".lastmod")
        if lastmod.is_file():
            headers["Last-Modified"] = lastmod.read_text(encoding="utf-8").strip()
        if self.headers.get("If-None-Match") == headers["ETag"]:
            self._send(304, b"", "", headers)
            return
        kind = "text/html" if path.suffix in HTML_SUFFIXES else mimetypes.guess_type(path.name)[0]
        self._send(200, body, kind or "application/octet-stream", headers)

    def _send(
        self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the audit reports what happened


@contextmanager
def serve(root: Path) -> Iterator[int]:
    """Serve `root` on 127.0.0.1 at a free port for the duration of the block."""
    handler = type("BoundSiteHandler", (SiteHandler,), {"root": root.resolve()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def host_folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir() and "." in p.name)
