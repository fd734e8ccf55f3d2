"""Politeness: per-host slots and spacing, and robots.txt (RFC 9309, with Crawl-delay)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from xxgk.fetch.settings import CrawlSettings


class HostGate:
    """Per-host slots and spacing: `concurrency` at once, one start per `interval`."""

    def __init__(self, concurrency: int, interval: float) -> None:
        self.slots = threading.BoundedSemaphore(concurrency)
        self.interval = interval
        self._lock = threading.Lock()
        self._next = 0.0

    def slow_down(self, interval: float) -> None:
        with self._lock:
            self.interval = max(self.interval, interval)

    def wait_turn(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


class HostGates:
    """One HostGate per host: the rules' rate and concurrency; none for a local build."""

    def __init__(self, settings: CrawlSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._gates: dict[str, HostGate] = {}

    def __call__(self, host: str) -> HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None and self._is_local(host):
                # a staged build on disk belongs to us: no politeness needed
                gate = HostGate(self.settings.max_workers, 0.0)
            elif gate is None:
                gate = HostGate(self.settings.concurrency, 1.0 / self.settings.rate)
                self._gates[host] = gate
            return gate

    def _is_local(self, host: str) -> bool:
        return self.settings.site_dir is not None and host == self.settings.base_host


# Fetches an origin's robots.txt: (status, body), or None when it could not be reached.
RobotsFetch = Callable[[str], tuple[int, bytes] | None]


class Robots:
    """robots.txt per origin, fetched once (one fetch per origin at a time)."""

    def __init__(self, settings: CrawlSettings, fetch: RobotsFetch, gates: HostGates) -> None:
        self.settings = settings
        self._fetch = fetch
        self._gates = gates
        self._lock = threading.Lock()
        self._rules: dict[str, Protego | str | None] = {}
        self._locks: dict[str, threading.Lock] = {}

    def block(self, url: str) -> str | None:
        """Why robots.txt forbids `url` (Chinese), or None when it may be fetched."""
        if not self.settings.obey_robots:
            return None
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return None
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
        robots = self._rules[origin]
        if isinstance(robots, str):
            return robots
        if robots is not None and not robots.can_fetch(url, self.settings.user_agent):
            return "robots.txt 禁止抓取此网址"
        return None

    def _load(self, origin: str) -> Protego | str | None:
        """Parsed rules; None when there are none; a message when all is disallowed."""
        answer = self._fetch(f"{origin}/robots.txt")
        if answer is None:
            return None  # unreachable robots.txt: the pages themselves will say so
        status, body = answer
        if status >= 500:
            return f"robots.txt 返回 HTTP {status}，按 RFC 9309 视为禁止抓取"
        if status != 200:
            return None
        robots = Protego.parse(body.decode("utf-8", errors="replace"))
        delay = robots.crawl_delay(self.settings.user_agent)
        if delay and float(delay) > self.settings.max_crawl_delay:
            return (
                f"robots.txt 的 Crawl-delay 为 {float(delay):g} 秒，超过上限 "
                f"{self.settings.max_crawl_delay:g} 秒：此主机未抓取"
            )
        if delay:
            self._gates((urlsplit(origin).hostname or "").lower()).slow_down(float(delay))
        return robots
