"""One URL to one `Page`: scope, robots.txt, the cache, redirects, and the body decoded.

The components (politeness.py, retry.py, cache.py + freshness.py, decode.py, folder.py)
each keep to one concern; the Fetcher runs them in this order for every URL.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from xxgk.errors import LocalFault
from xxgk.fetch.cache import CacheEntry, HttpCache
from xxgk.fetch.decode import decode_body
from xxgk.fetch.folder import FolderAdapter
from xxgk.fetch.freshness import conditional_headers, is_fresh
from xxgk.fetch.politeness import HostGates, Robots
from xxgk.fetch.retry import Exchange, failure, send
from xxgk.fetch.settings import MAX_REDIRECTS, POOL_CONNECTIONS, ROBOTS_MAX_BYTES, CrawlSettings
from xxgk.models import ErrorKind, Page
from xxgk.urls import clean_url, url_problem

CREDENTIALS_NOTE = "网址中的用户名和密码已略去，未发送"

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


def build_session(settings: CrawlSettings) -> requests.Session:
    """One session shared by all workers: urllib3 keeps one connection pool per host.

    Per-host concurrency is enforced by HostGate, so the pools never need more than
    the worker count of kept-alive connections.
    """
    session = requests.Session()
    session.headers["User-Agent"] = settings.user_agent
    session.headers["Accept-Language"] = "zh-CN,zh;q=0.9"
    # never any credentials: neither a URL's user-info nor ~/.netrc's (requests adds those
    # only when the session has no auth of its own)
    session.auth = _without_credentials
    for scheme in ("http://", "https://"):
        adapter = HTTPAdapter(
            pool_connections=POOL_CONNECTIONS, pool_maxsize=settings.max_workers, max_retries=0
        )
        session.mount(scheme, adapter)
    if settings.site_dir is not None:
        folder = FolderAdapter(settings.site_dir, settings.base_path)
        for scheme in ("http", "https"):
            session.mount(f"{scheme}://{settings.base_host}/", folder)
    return session


class Fetcher:
    def __init__(self, settings: CrawlSettings) -> None:
        self.settings = settings
        self._gates = HostGates(settings)
        self._robots = Robots(settings, self._fetch_robots, self._gates)
        self._cache = HttpCache(settings.cache_dir) if settings.cache_dir is not None else None
        self._session = build_session(settings)
        if settings.verify_tls is not True:
            # the rules opted these hosts out on purpose, and the report says so
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    def close(self) -> None:
        self._session.close()

    def verifies(self, host: str) -> bool:
        verify = self.settings.verify_tls
        return verify if isinstance(verify, bool) else host not in verify

    def fetch(self, url: str, revalidate: bool = True) -> Page:
        """One URL. A cached copy still fresh is used without a request unless `revalidate`.
        A URL's user-info is dropped (and noted), never sent."""
        clean = clean_url(url)
        dropped = [clean.had_credentials]  # and any redirect's, appended on the way
        try:
            page = self._fetch(clean.url, revalidate, dropped)
        except LocalFault:
            raise  # this machine's fault ends the run: it is no finding against the site
        except Exception as exc:  # a crawl never dies on one URL
            page = failure(clean.url, "connection", f"抓取失败：{type(exc).__name__}: {exc}")
        if any(dropped):
            page = page.model_copy(update={"notes": (*page.notes, CREDENTIALS_NOTE)})
        return page

    def _fetch(self, url: str, revalidate: bool, dropped: list[bool]) -> Page:
        problem = url_problem(url, self.settings.allowed_hosts)
        if problem:
            return failure(url, "scope", f"未抓取：{problem}")
        blocked = self._robots.block(url)
        if blocked:
            return failure(url, "robots", blocked)
        cached = self._cache.get(url) if self._cache is not None else None
        if cached is not None and not revalidate and is_fresh(cached, time.time()):
            return _from_cache(url, cached, 0.0)
        seen: list[str] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            seen.append(current)
            headers = conditional_headers(cached) if current == url and cached else {}
            outcome = self._send(current, headers)
            if isinstance(outcome, Page):
                return outcome.model_copy(update={"url": url})
            response = outcome.response
            if response.status_code in REDIRECT_STATUSES:
                location = clean_url(urljoin(current, response.headers.get("location", "")))
                target = location.url
                refused = self._refused_redirect(url, current, target, seen)
                if refused is not None:
                    return refused
                dropped.append(location.had_credentials)
                current = target
                continue
            if response.status_code == 304 and cached is not None:
                return _from_cache(url, cached, time.monotonic() - outcome.started)
            page = self._read(url, current, outcome)
            if page.status == 200 and self._cache is not None:
                try:
                    self._cache.put(page)
                except OSError as exc:  # a full disk, a cache folder gone bad
                    raise LocalFault.of(exc, self._cache.folder) from None
            return page
        return failure(url, "redirect", f"重定向超过 {MAX_REDIRECTS} 次")

    def _refused_redirect(
        self, url: str, current: str, target: str, seen: list[str]
    ) -> Page | None:
        problem = url_problem(target, self.settings.allowed_hosts)
        if problem:
            return failure(url, "scope", f"重定向被拒绝：{problem}", final_url=current)
        if target in seen:
            return failure(url, "redirect", f"重定向循环：{' → '.join([*seen, target])}")
        blocked = self._robots.block(target)
        if blocked:
            return failure(url, "robots", blocked, final_url=target)
        return None

    def _send(self, url: str, headers: dict[str, str], limit: int | None = None) -> Exchange | Page:
        """GET `url` (no redirects followed), through the host's gate, with retries.
        The scope is checked again here, on the very URL requested."""
        problem = url_problem(url, self.settings.allowed_hosts)
        if problem:
            return failure(url, "scope", f"未抓取：{problem}")
        host = (urlsplit(url).hostname or "").lower()
        target, extra = self._resolved(url)
        request = (url, target, {**headers, **extra}, self.verifies(host))
        return send(
            self._session,
            self.settings,
            self._gates(host),
            request,
            limit or self.settings.max_bytes,
        )

    def _fetch_robots(self, url: str) -> tuple[int, bytes] | None:
        outcome = self._send(url, {}, ROBOTS_MAX_BYTES)
        if isinstance(outcome, Page):
            return None
        return outcome.response.status_code, outcome.body

    def _resolved(self, url: str) -> tuple[str, dict[str, str]]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        address = self.settings.resolve.get(host)
        if address is None:
            return url, {}
        target = urlunsplit(("http", address, parts.path, parts.query, ""))
        return target, {"Host": parts.netloc}

    def _read(self, url: str, final_url: str, exchange: Exchange) -> Page:
        body, cut, response = exchange.body, exchange.cut, exchange.response
        headers = shared_headers(response.headers.items())
        notes: list[str] = []
        if cut == "size":
            notes.append(f"响应超过 {self.settings.max_bytes} 字节，只读取了前 {len(body)} 字节")
        if cut == "time":
            limit = self.settings.max_request_seconds
            return failure(
                url, "timeout", f"超时（单次请求总时限 {limit:g} 秒内未读完）", final_url
            )
        text, encoding, decode_notes = decode_body(body, headers)
        notes += decode_notes
        status = response.status_code
        error: str | None = None
        kind: ErrorKind | None = None
        if status >= 400:
            error, kind = f"HTTP {status}", "http"
        return Page(
            url=url,
            final_url=final_url,
            status=status,
            headers=headers,
            content=body,
            text=text,
            encoding=encoding,
            error=error,
            error_kind=kind,
            notes=tuple(notes),
            elapsed=round(time.monotonic() - exchange.started, 3),
        )


def _without_credentials(request: requests.PreparedRequest) -> requests.PreparedRequest:
    request.headers.pop("Authorization", None)
    return request


def shared_headers(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case names; names and values interned: thousands of pages kept for the whole
    audit repeat the same few names and mostly the same values (server, type, date)."""
    return {sys.intern(k.lower()): sys.intern(v) for k, v in items}


def _from_cache(url: str, cached: CacheEntry, elapsed: float) -> Page:
    headers = shared_headers(cached.headers.items())
    text, encoding, notes = decode_body(cached.content, headers)
    return Page(
        url=url,
        final_url=cached.final_url,
        status=200,
        headers=headers,
        content=cached.content,
        text=text,
        encoding=encoding,
        notes=tuple(notes),
        from_cache=True,
        elapsed=round(elapsed, 3),
    )
