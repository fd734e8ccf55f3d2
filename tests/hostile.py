"""Hostile HTTP servers on 127.0.0.1 for the hardening tests: each route is a function.

A `RouteServer` counts every request it receives and keeps each one's headers, so a test
can assert that a request never arrived (the counting server must see zero) or that it
arrived without credentials.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

from conftest import serve_in_thread

Route = Callable[[BaseHTTPRequestHandler], None]


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    kind: str = "text/html; charset=utf-8",
    headers: Mapping[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    with suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(body)


def page(handler: BaseHTTPRequestHandler, html: str) -> None:
    send(handler, 200, html.encode("utf-8"))


def redirect(target: str) -> Route:
    return lambda handler: send(handler, 302, headers={"Location": target})


class RouteServer:
    """Serves `routes` by path (query ignored); 404 elsewhere; robots.txt allows all."""

    def __init__(self, routes: Mapping[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[tuple[str, dict[str, str]]] = []
        lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with lock:
                    server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path.split("?")[0])
                if route is not None:
                    route(self)
                elif self.path == "/robots.txt":
                    send(self, 200, b"User-agent: *\nAllow: /\n", "text/plain")
                else:
                    send(self, 404, b"<h1>404</h1>")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = serve_in_thread(Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serving(routes: Mapping[str, Route] | None = None) -> Iterator[RouteServer]:
    server = RouteServer(routes)
    try:
        yield server
    finally:
        server.close()


def rules_file(folder: Path, base: str, items: Mapping[int, str], site: str = "") -> Path:
    """A rules file for a school at `base`: item id -> its one URL (department 党政办公室)."""
    lines = "\n".join(f"  {i}: {{department: 党政办公室, urls: ['{u}']}}" for i, u in items.items())
    path = folder / "hostile.yaml"
    path.write_text(
        "school: {name: 测试学院, kind: undergraduate}\n"
        f"site: {{base_url: '{base}/', timeout: 1, retries: 0, rate: 50{site}}}\n"
        f"items:\n{lines}\n",
        "utf-8",
    )
    return path
