"""The only module that does network I/O: a polite, bounded, fault-tolerant crawler.

Per host: at most `concurrency` requests at once and `rate` per second (or robots.txt's
Crawl-delay if slower), one connection pool. Every URL ends as a `Page`: a response, or
the reason there is none (timeout, refused, robots.txt, out of scope, redirect loop).
"""

from __future__ import annotations

import ctypes
import email.utils
import hashlib
import json
import mimetypes
import re
import shutil
import sys
import tempfile
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import charset_normalizer
import requests
import urllib3
from protego import Protego
from requests.adapters import BaseAdapter, HTTPAdapter

from xxgk import __version__
from xxgk.errors import RunError
from xxgk.models import (
    CrawlRequest,
    ErrorKind,
    FactsKey,
    FetchStats,
    Page,
    PageFacts,
    Reading,
    lean_copy,
)
from xxgk.rules import Rules, normalize_url, url_problem
from xxgk.safe_write import write_atomic
from xxgk.sitehost import HTML_SUFFIXES, file_for

# Reads a fetched page (or takes the facts already read from it): its facts, and the
# requests it leads to.
Digest = Callable[[Page, CrawlRequest, PageFacts | None], tuple[PageFacts, list[CrawlRequest]]]
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json")
# Labels that browsers treat as GB18030's subsets: decode them as the superset.
GB_ALIASES = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb231280", "euc-cn", "cp936"})


@dataclass(frozen=True)
class CrawlSettings:
    allowed_hosts: frozenset[str]
    rate: float = 2.0  # requests per second per host
    concurrency: int = 2  # requests at once per host
    max_pages: int = 2000
    timeout: float = 15.0
    retries: int = 2
    max_bytes: int = 20_000_000
    backoff: float = 0.5  # first retry delay, doubled each time
    max_retry_after: float = 60.0  # longest Retry-After we wait for
    user_agent: str = f"xxgk/{__version__} (information-disclosure audit)"
    verify_tls: bool | frozenset[str] = True  # False, or the hosts NOT verified
    resolve: Mapping[str, str] = field(default_factory=dict)  # host -> "127.0.0.1:port"
    site_dir: Path | None = None  # serve base_url from this folder instead of the network
    base_host: str = ""
    base_path: str = "/"  # the path of base_url: it maps to the root of site_dir
    cache_dir: Path | None = None  # conditional-GET cache; None disables it
    revalidate_all: bool = False  # ask about every cached page, even one still fresh
    obey_robots: bool = True
    max_workers: int = 16


def settings_from_rules(rules: Rules, **overrides: Any) -> CrawlSettings:
    site = rules.site
    contact = f"; {site.contact}" if site.contact else ""
    verify: bool | frozenset[str]
    if isinstance(site.verify_tls, bool):
        verify = site.verify_tls
    else:
        verify = frozenset(h.lower() for h in site.verify_tls)
    values: dict[str, Any] = {
        "allowed_hosts": site.allowed_hosts,
        "rate": site.rate,
        "concurrency": site.concurrency,
        "max_pages": site.max_pages,
        "timeout": site.timeout,
        "retries": site.retries,
        "max_bytes": site.max_bytes,
        "verify_tls": verify,
        "user_agent": f"xxgk/{__version__} (information-disclosure audit{contact})",
        "base_host": (urlsplit(site.base_url).hostname or "").lower(),
        "base_path": urlsplit(site.base_url).path or "/",
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return CrawlSettings(**values)


class FactsStore:
    """The full facts of articles and attachments, on disk until evaluation reads them.

    The crawl keeps only stubs of them in memory (see `stub`): the text of thousands of
    articles would otherwise stay on the heap for the whole crawl. The files are the facts
    cache when there is one (and a digest key); otherwise a private temporary folder,
    removed by `close` (or when the store is garbage-collected).
    """

    def __init__(self, cache_dir: Path | None, digest_key: str) -> None:
        self.is_spool = cache_dir is None or not digest_key
        self.folder = cache_dir if cache_dir is not None and digest_key else _spool()
        self.digest_key = digest_key
        self._cleanup = (
            weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
            if self.is_spool
            else None
        )
        self._saved: set[FactsKey] = set()  # written in full, complete on disk

    def __contains__(self, key: object) -> bool:
        return key in self._saved

    def path(self, key: FactsKey) -> Path:
        """Where the facts read from a URL are kept: by its hash, and the hash of what the
        reading depends on (the digest key: version and audit date; the reading)."""
        url, reading = key
        name = hashlib.sha256(url.encode()).hexdigest()
        depends = f"{self.digest_key}|{reading.section}|{reading.listing}"
        tag = hashlib.sha256(depends.encode()).hexdigest()[:16]
        return self.folder / name[:2] / f"{name}.{tag}.facts.json"

    def cached(self, key: FactsKey) -> PageFacts | None:
        """The facts read from an unchanged page in an earlier run (the facts cache)."""
        if self.is_spool:
            return None
        try:
            return PageFacts.model_validate_json(self.path(key).read_bytes())
        except (OSError, ValueError):
            return None  # never stored, or torn: read the page again

    def save(self, key: FactsKey, facts: PageFacts) -> None:
        """Write one page's facts (atomically: a reader never sees half a file)."""
        write_atomic(self.path(key), facts.model_dump_json().encode(), durable=False)

    def mark_saved(self, key: FactsKey) -> None:
        self._saved.add(key)

    def forget(self, key: FactsKey) -> None:
        self._saved.discard(key)

    def load(self, key: FactsKey, stub: PageFacts) -> PageFacts:
        """The full facts behind `stub`; an error if they are gone or no longer match it."""
        path = self.path(key)
        try:
            facts = PageFacts.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise RunError(f"页面读取结果丢失：{path}（{type(exc).__name__}），请重新核查") from exc
        if stub_of(facts) != stub:
            raise RunError(f"页面读取结果已被改动：{path}，请重新核查")
        return facts

    def close(self) -> None:
        """Remove the temporary folder (the facts cache, if that is where they are, stays)."""
        if self._cleanup is not None:
            self._cleanup()


def _spool() -> Path:
    return Path(tempfile.mkdtemp(prefix="xxgk-facts-"))


def stub_of(facts: PageFacts) -> PageFacts:
    """Facts without their text: what the crawl and the list of pages need of an article."""
    return lean_copy(facts, text="", chunks=())


@dataclass
class CrawlResult:
    """What the crawl found. Close it (or use it in a `with`) when evaluation is done."""

    pages: dict[str, Page]  # without their bodies (see facts), with KEPT_HEADERS only
    facts: dict[FactsKey, PageFacts]  # by (url, how it was read); stubs for keys in `store`
    stats: FetchStats
    store: FactsStore  # the full facts of the stubs

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> CrawlResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------ the crawl


def crawl(
    seeds: Sequence[CrawlRequest],
    settings: CrawlSettings,
    digest: Digest,
    *,
    digest_key: str = "",
    progress: bool = False,
) -> CrawlResult:
    """Fetch the seeds and whatever their pages lead to, breadth-first, in parallel.

    Each page is read once (`digest` gives its facts and the requests it leads to), and
    then keeps only its facts: the bodies of thousands of pages are never held at once;
    articles' and attachments' full facts wait on disk (see FactsStore). With a cache and
    a `digest_key` (what the reading depends on, e.g. the audit date), a page that has not
    changed is not read again either.
    """
    started = time.monotonic()
    _share_malloc_arenas()
    fetcher = Fetcher(settings)
    state = _CrawlState()
    store = FactsStore(settings.cache_dir, digest_key)
    writer = _FactsWriter(store, state.facts)
    pending: dict[Future[Page], CrawlRequest] = {}
    waiting: dict[str, list[CrawlRequest]] = {}  # requests for a URL already in flight
    backlog: deque[CrawlRequest] = deque()  # accepted, not yet handed to a worker
    bar = _progress_bar(progress)
    pool = ThreadPoolExecutor(max_workers=settings.max_workers)

    def work(url: str, req: CrawlRequest) -> Page:
        listing = req.role in ("seed", "list")
        return fetcher.fetch(url, revalidate=listing or settings.revalidate_all)

    def read(req: CrawlRequest, page: Page) -> _Fetched:
        # Parsing stays in this one thread: spread over the workers it only fights for the GIL.
        known = store.cached((req.url, Reading.of(req))) if page.from_cache else None
        facts, follow = digest(page, req, known)
        return _Fetched(page, facts, follow, stored=known is not None)

    def keep(req: CrawlRequest, fetched: _Fetched) -> None:
        """Articles' and attachments' facts go to the store, leaving stubs in memory; the
        facts cache (if any) gets every page's."""
        key = (req.url, Reading.of(req))
        is_article = req.role in ("article", "attachment") and fetched.page.is_ok
        if fetched.stored and is_article:
            writer.stub(key)
        elif not fetched.stored and fetched.page.is_ok and (is_article or not store.is_spool):
            writer.save(key, fetched.facts, stub=is_article)

    def submit(requests_: Iterable[CrawlRequest]) -> None:
        for req in requests_:
            url = normalize_url(req.url)
            req = req.model_copy(update={"url": url})
            if url in state.pages and not state.needs_refetch(req):
                submit(state.reexpand(req, digest))
            elif url in waiting:
                waiting[url].append(req)
            elif len(state.pages) + len(waiting) < settings.max_pages or url in state.pages:
                state.pages.pop(url, None)
                waiting[url] = []
                backlog.append(req)
                if bar is not None:
                    bar.total = len(state.pages) + len(waiting)
                    bar.refresh()

    def pump() -> None:
        # Backpressure: fetched pages wait for this thread to read them; keep that queue short
        # so that bodies do not pile up in memory while the reading lags behind the network.
        while backlog and len(pending) < 2 * settings.max_workers:
            req = backlog.popleft()
            pending[pool.submit(work, req.url, req)] = req

    try:
        submit(seeds)
        pump()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                req = pending.pop(future)
                fetched = read(req, future.result())
                store.forget((req.url, Reading.of(req)))
                follow = state.record(req, fetched)
                keep(req, fetched)
                submit(follow)
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(errors=state.errors)
                submit(waiting.pop(req.url, []))  # now known: read again only if need be
                state.let_go(req.url)
            pump()
    except BaseException:
        # Ctrl-C or SIGTERM: drop what is queued; only requests in flight finish (timeouts bound
        # them), and the facts file being written (it is renamed into place only when whole)
        pool.shutdown(wait=False, cancel_futures=True)
        writer.abort()
        store.close()
        raise
    finally:
        if bar is not None:
            bar.close()
    pool.shutdown(wait=True)
    writer.close()  # every file complete before anyone may read one
    fetcher.close()
    https_hosts = {
        parts.hostname or ""
        for p in state.pages.values()
        if (parts := urlsplit(p.url)).scheme == "https"
    }
    unverified = tuple(sorted(h for h in https_hosts if not fetcher.verifies(h)))
    stats = _stats(state.pages.values(), state.bytes, time.monotonic() - started)
    return CrawlResult(
        state.pages, state.facts, stats.model_copy(update={"tls_unverified": unverified}), store
    )


_M_ARENA_MAX = -8  # glibc's mallopt parameter number


def _share_malloc_arenas() -> None:
    """At most two glibc malloc arenas for the whole process.

    Each of the crawl's threads may otherwise get an arena of its own (up to eight per
    core), and memory freed in one stays reserved there: on the benchmark site this cap
    lowers peak RSS by about 3 MB cold and 8 MB warm, at no measurable cost in speed.
    Elsewhere (macOS, Windows, musl) there is nothing to do.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_ARENA_MAX, 2)


@dataclass
class _Fetched:
    page: Page
    facts: PageFacts
    follow: list[CrawlRequest]
    stored: bool = False  # the facts came from the facts cache: already on disk


class _FactsWriter:
    """Writes facts to the store in a thread of its own, off the crawl thread.

    A stub replaces a page's full facts in `facts` only once their file is complete; if the
    write fails, the full facts simply stay in memory. One thread: writes land in order.
    """

    MAX_QUEUED = 8  # the facts of queued writes wait in memory (a write is 5x faster than a read)

    def __init__(self, store: FactsStore, facts: dict[FactsKey, PageFacts]) -> None:
        self.store = store
        self.facts = facts
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xxgk-facts")
        self._queued: dict[Future[None], tuple[FactsKey, PageFacts, bool]] = {}

    def save(self, key: FactsKey, facts: PageFacts, *, stub: bool) -> None:
        future = self._pool.submit(self.store.save, key, facts)
        self._queued[future] = (key, facts, stub)
        if len(self._queued) > self.MAX_QUEUED:
            wait(self._queued, return_when=FIRST_COMPLETED)
        self._collect()

    def stub(self, key: FactsKey) -> None:
        """Facts already on disk (read from the facts cache): keep only their stub."""
        self.facts[key] = stub_of(self.facts[key])
        self.store.mark_saved(key)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._collect()

    def abort(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _collect(self) -> None:
        for future in [f for f in self._queued if f.done()]:
            key, facts, stub = self._queued.pop(future)
            # the key may have been read again since: only the facts written may be stubbed
            if stub and future.exception() is None and self.facts.get(key) is facts:
                self.stub(key)


KEPT_HEADERS = frozenset({"content-type", "last-modified"})  # what evaluate and people read


@dataclass
class _CrawlState:
    """What the crawl has so far; touched only by the thread that runs the crawl."""

    pages: dict[str, Page] = field(default_factory=dict)
    facts: dict[FactsKey, PageFacts] = field(default_factory=dict)
    budgets: dict[str, tuple[int, int]] = field(default_factory=dict)
    bytes: int = 0
    errors: int = 0

    def record(self, req: CrawlRequest, fetched: _Fetched) -> list[CrawlRequest]:
        page = fetched.page
        self.bytes += 0 if page.from_cache else len(page.content)
        self.errors += page.error is not None
        self.facts[(req.url, Reading.of(req))] = fetched.facts
        self.budgets[req.url] = (req.pages_left, req.articles)
        self.pages[req.url] = page
        return fetched.follow

    def let_go(self, url: str) -> None:
        """Drop a page's body once the requests waiting for it have read it: what the audit
        needs is in its facts. A later request for another reading fetches it again."""
        page = self.pages[url]
        if page.content or page.text:
            headers = {k: v for k, v in page.headers.items() if k in KEPT_HEADERS}
            self.pages[url] = lean_copy(page, content=b"", text="", headers=headers)

    def needs_refetch(self, req: CrawlRequest) -> bool:
        """A list page's section not yet read, on a page whose body was let go."""
        page = self.pages[req.url]
        dropped = page.is_ok and not page.text and not page.content
        return dropped and (req.url, Reading.of(req)) not in self.facts

    def reexpand(self, req: CrawlRequest, digest: Digest) -> list[CrawlRequest]:
        """Read a known page again only for a new section or a larger budget."""
        best = self.budgets.get(req.url, (-1, -1))
        key = (req.url, Reading.of(req))
        if key in self.facts and best[0] >= req.pages_left and best[1] >= req.articles:
            return []
        self.budgets[req.url] = (max(best[0], req.pages_left), max(best[1], req.articles))
        facts, follow = digest(self.pages[req.url], req, self.facts.get(key))
        self.facts.setdefault(key, facts)
        return follow


def _stats(pages: Iterable[Page], received: int, seconds: float) -> FetchStats:
    pages = list(pages)
    return FetchStats(
        pages=len(pages),
        errors=sum(1 for p in pages if p.error is not None or p.status >= 400),
        robots_blocked=sum(1 for p in pages if p.error_kind == "robots"),
        bytes=received,
        seconds=round(seconds, 2),
        cached=sum(1 for p in pages if p.from_cache),
    )


def _progress_bar(enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    if not sys.stderr.isatty():
        return None
    return tqdm(total=0, unit="页", file=sys.stderr, delay=1.0, leave=False, desc="抓取")


# ------------------------------------------------------------------ one URL


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


def build_session(settings: CrawlSettings) -> requests.Session:
    """One session shared by all workers: urllib3 keeps one connection pool per host.

    Per-host concurrency is enforced by HostGate, so the pools never need more than
    the worker count of kept-alive connections.
    """
    session = requests.Session()
    session.headers["User-Agent"] = settings.user_agent
    session.headers["Accept-Language"] = "zh-CN,zh;q=0.9"
    for scheme in ("http://", "https://"):
        adapter = HTTPAdapter(pool_connections=32, pool_maxsize=settings.max_workers, max_retries=0)
        session.mount(scheme, adapter)
    if settings.site_dir is not None:
        folder = FolderAdapter(settings.site_dir, settings.base_path)
        for scheme in ("http", "https"):
            session.mount(f"{scheme}://{settings.base_host}/", folder)
    return session


class Fetcher:
    def __init__(self, settings: CrawlSettings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._gates: dict[str, HostGate] = {}
        self._robots: dict[str, Protego | str | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._session = build_session(settings)
        if settings.verify_tls is not True:
            # the rules opted these hosts out on purpose, and the report says so
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    def close(self) -> None:
        self._session.close()

    # --- plumbing

    def _gate(self, host: str) -> HostGate:
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

    def verifies(self, host: str) -> bool:
        verify = self.settings.verify_tls
        return verify if isinstance(verify, bool) else host not in verify

    # --- public

    def fetch(self, url: str, revalidate: bool = True) -> Page:
        """One URL. A cached copy still fresh is used without a request unless `revalidate`."""
        try:
            return self._fetch(url, revalidate)
        except Exception as exc:  # a crawl never dies on one URL
            return _failure(url, "connection", f"抓取失败：{type(exc).__name__}: {exc}")

    def _fetch(self, url: str, revalidate: bool) -> Page:
        problem = url_problem(url, self.settings.allowed_hosts)
        if problem:
            return _failure(url, "scope", f"未抓取：{problem}")
        blocked = self._robots_block(url)
        if blocked:
            return _failure(url, "robots", blocked)
        cached = self._cache_get(url)
        if cached is not None and not revalidate and is_fresh(cached, time.time()):
            return _from_cache(url, url, cached, 0.0)
        seen: list[str] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            seen.append(current)
            headers = _conditional_headers(cached) if current == url and cached else {}
            outcome = self._send(current, headers, self.settings.max_bytes)
            if isinstance(outcome, Page):
                return outcome.model_copy(update={"url": url})
            response, started = outcome.response, outcome.started
            if response.status_code in (301, 302, 303, 307, 308):
                target = normalize_url(urljoin(current, response.headers.get("location", "")))
                problem = url_problem(target, self.settings.allowed_hosts)
                if problem:
                    return _failure(url, "scope", f"重定向被拒绝：{problem}", final_url=current)
                if target in seen:
                    return _failure(url, "redirect", f"重定向循环：{' → '.join([*seen, target])}")
                blocked = self._robots_block(target)
                if blocked:
                    return _failure(url, "robots", blocked, final_url=target)
                current = target
                continue
            if response.status_code == 304 and cached is not None:
                return _from_cache(url, current, cached, time.monotonic() - started)
            page = self._read(url, current, outcome)
            if page.status == 200 and self.settings.cache_dir is not None:
                self._cache_put(page)
            return page
        return _failure(url, "redirect", f"重定向超过 {MAX_REDIRECTS} 次")

    def _send(self, url: str, headers: dict[str, str], limit: int) -> _Exchange | Page:
        """GET with retries on connection errors, timeouts, 429 and 5xx; no redirects.

        The host's slot is held until the body is read: a slow download counts against the
        host's concurrency as much as a slow answer does.
        """
        host = (urlsplit(url).hostname or "").lower()
        gate = self._gate(host)
        target, extra = self._resolved(url)
        attempts = self.settings.retries + 1
        last: Page | None = None
        for attempt in range(attempts):
            with gate.slots:
                gate.wait_turn()
                started = time.monotonic()
                try:
                    response = self._session.get(
                        target,
                        headers={**headers, **extra},
                        timeout=(self.settings.timeout, self.settings.timeout),
                        allow_redirects=False,
                        stream=True,
                        verify=self.verifies(host),
                    )
                except requests.exceptions.SSLError as exc:
                    return _failure(url, "connection", f"TLS 证书校验失败：{_short(exc)}")
                except requests.exceptions.Timeout:
                    last = _failure(url, "timeout", f"超时（{self.settings.timeout:g} 秒内无响应）")
                    delay = self._delay(attempt, None)
                except requests.exceptions.RequestException as exc:
                    last = _failure(url, "connection", f"连接失败：{_short(exc)}")
                    delay = self._delay(attempt, None)
                else:
                    delay = None
                    final = response.status_code not in RETRY_STATUSES or attempt == attempts - 1
                    if not final:
                        delay = self._delay(attempt, response.headers.get("retry-after"))
                    if final or delay is None:  # delay None: Retry-After longer than we wait
                        return _exchange(response, started, limit)
                    _release(response)
            if attempt < attempts - 1 and delay is not None:
                time.sleep(delay)
        assert last is not None
        if attempts > 1:
            last = last.model_copy(update={"notes": (*last.notes, f"已重试 {attempts - 1} 次")})
        return last

    def _delay(self, attempt: int, retry_after: str | None) -> float | None:
        if retry_after:
            seconds = parse_retry_after(retry_after)
            if seconds is not None:
                return seconds if seconds <= self.settings.max_retry_after else None
        return float(self.settings.backoff * 2**attempt)

    def _resolved(self, url: str) -> tuple[str, dict[str, str]]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        address = self.settings.resolve.get(host)
        if address is None:
            return url, {}
        target = urlunsplit(("http", address, parts.path, parts.query, ""))
        return target, {"Host": parts.netloc}

    def _read(self, url: str, final_url: str, exchange: _Exchange) -> Page:
        body, cut, started = exchange.body, exchange.cut, exchange.started
        response = exchange.response
        headers = _shared_headers(response.headers.items())
        notes: list[str] = []
        if cut:
            notes.append(f"响应超过 {self.settings.max_bytes} 字节，只读取了前 {len(body)} 字节")
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
            elapsed=round(time.monotonic() - started, 3),
        )

    # --- robots.txt

    def _robots_block(self, url: str) -> str | None:
        if not self.settings.obey_robots:
            return None
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return None
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        if isinstance(robots, str):
            return robots
        if robots is not None and not robots.can_fetch(url, self.settings.user_agent):
            return "robots.txt 禁止抓取此网址"
        return None

    def _load_robots(self, origin: str) -> Protego | str | None:
        """Parsed rules; None when there are none; a message when all is disallowed."""
        outcome = self._send(f"{origin}/robots.txt", {}, 512_000)
        if isinstance(outcome, Page):
            return None  # unreachable robots.txt: the pages themselves will say so
        status = outcome.response.status_code
        if status >= 500:
            return f"robots.txt 返回 HTTP {status}，按 RFC 9309 视为禁止抓取"
        if status != 200:
            return None
        robots = Protego.parse(outcome.body.decode("utf-8", errors="replace"))
        delay = robots.crawl_delay(self.settings.user_agent)
        if delay:
            self._gate((urlsplit(origin).hostname or "").lower()).slow_down(float(delay))
        return robots

    # --- conditional-GET cache: one JSON + one body file per URL

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.settings.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode()).hexdigest()
        folder = self.settings.cache_dir / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _cache_get(self, url: str) -> dict[str, Any] | None:
        paths = self._cache_paths(url)
        if paths is None or not paths[0].exists():
            return None
        try:
            meta: dict[str, Any] = json.loads(paths[0].read_text(encoding="utf-8"))
            meta["content"] = paths[1].read_bytes()
        except (OSError, ValueError):
            return None
        return meta if meta.get("url") == url else None

    def _cache_put(self, page: Page) -> None:
        paths = self._cache_paths(page.url)
        validators = {k: page.headers[k] for k in ("etag", "last-modified") if k in page.headers}
        if paths is None or not validators:
            return
        paths[0].parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "url": page.url,
            "final_url": page.final_url,
            "headers": page.headers,
            "stored_at": time.time(),
        }
        # a cache entry torn by a crash is only a miss: no fsync
        write_atomic(paths[1], page.content, durable=False)
        write_atomic(paths[0], json.dumps(meta, ensure_ascii=False).encode(), durable=False)


HEURISTIC_FRESHNESS_CAP = 7 * 86400.0  # seconds


def is_fresh(cached: dict[str, Any], now: float) -> bool:
    """Whether a cached response may be used without asking the server (RFC 9111 §4.2).

    Explicit max-age or Expires first; otherwise the usual heuristic: a tenth of the time
    since Last-Modified, capped at a week. The crawl asks only for articles and attachments.
    """
    headers: dict[str, str] = cached["headers"]
    control = headers.get("cache-control", "").lower()
    if "no-cache" in control or "no-store" in control:
        return False
    age = now - float(cached.get("stored_at", 0.0))
    max_age = re.search(r"max-age=(\d+)", control)
    if max_age:
        return age < int(max_age.group(1))
    lifetime = _heuristic_lifetime(headers)
    return lifetime is not None and age < lifetime


def _heuristic_lifetime(headers: dict[str, str]) -> float | None:
    try:
        if "expires" in headers and "date" in headers:
            expires = email.utils.parsedate_to_datetime(headers["expires"])
            return (expires - email.utils.parsedate_to_datetime(headers["date"])).total_seconds()
        if "last-modified" in headers and "date" in headers:
            modified = email.utils.parsedate_to_datetime(headers["last-modified"])
            served = email.utils.parsedate_to_datetime(headers["date"])
            return min((served - modified).total_seconds() / 10, HEURISTIC_FRESHNESS_CAP)
    except (TypeError, ValueError):
        return None
    return None


@dataclass(frozen=True)
class _Exchange:
    """A finished HTTP exchange: status and headers, and the body read (up to a limit)."""

    response: requests.Response
    body: bytes
    cut: bool
    started: float


def _exchange(response: requests.Response, started: float, limit: int) -> _Exchange:
    try:
        has_body = response.status_code not in (204, 304) and not response.is_redirect
        body, cut = _read_capped(response, limit) if has_body else (b"", False)
    finally:
        _release(response)
    return _Exchange(response, body, cut, started)


def _release(response: requests.Response) -> None:
    """Give the connection back to the pool (a 304 or a redirect has no body to read)."""
    try:
        if response.raw is not None and hasattr(response.raw, "drain_conn"):
            response.raw.drain_conn()
            response.raw.release_conn()
            return
    except Exception:
        pass
    response.close()


def _conditional_headers(cached: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    if "etag" in cached["headers"]:
        headers["If-None-Match"] = cached["headers"]["etag"]
    if "last-modified" in cached["headers"]:
        headers["If-Modified-Since"] = cached["headers"]["last-modified"]
    return headers


def _shared_headers(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case names; names and values interned: thousands of pages kept for the whole
    audit repeat the same few names and mostly the same values (server, type, date)."""
    return {sys.intern(k.lower()): sys.intern(v) for k, v in items}


def _from_cache(url: str, final_url: str, cached: dict[str, Any], elapsed: float) -> Page:
    headers = _shared_headers(cached["headers"].items())
    text, encoding, notes = decode_body(cached["content"], headers)
    return Page(
        url=url,
        final_url=cached.get("final_url", final_url),
        status=200,
        headers=headers,
        content=cached["content"],
        text=text,
        encoding=encoding,
        notes=tuple(notes),
        from_cache=True,
        elapsed=round(elapsed, 3),
    )


def _failure(url: str, kind: ErrorKind, message: str, final_url: str | None = None) -> Page:
    return Page(
        url=url, final_url=final_url or url, status=0, headers={}, error=message, error_kind=kind
    )


def _short(exc: Exception) -> str:
    text = str(exc)
    reason = re.search(
        r"\[Errno -?\d+\] ([^'\")]+)|(Connection refused|reset by peer|timed out)", text
    )
    if reason:
        return (reason.group(1) or reason.group(2)).strip()
    return text[:160]


def _read_capped(response: requests.Response, limit: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            return b"".join(chunks)[:limit], True
    return b"".join(chunks), False


def parse_retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


# ------------------------------------------------------------------ decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)


def decode_body(body: bytes, headers: Mapping[str, str]) -> tuple[str, str | None, list[str]]:
    """Text of a body: HTTP header charset, then <meta charset>, then detection.

    A declared charset that does not fit the bytes is passed over (servers and templates
    lie); GBK and GB2312 are read as GB18030. Undecodable bytes become U+FFFD with a note.
    """
    content_type = headers.get("content-type", "").lower()
    if body and not content_type.startswith(TEXT_TYPES) and content_type:
        return "", None, []
    if _looks_binary(body):
        return "", None, []
    declared = [c for c in (_charset_of(content_type), _meta_charset(body)) if c]
    if body.startswith(b"\xef\xbb\xbf"):
        body, declared = body[3:], ["utf-8"]
    for charset in dict.fromkeys([*declared, "utf-8"]):
        try:
            return body.decode(charset), charset, _mismatch_note(declared, charset)
        except (UnicodeDecodeError, LookupError):
            continue
    guess = charset_normalizer.from_bytes(body).best()
    candidates = dict.fromkeys(
        [*declared, "utf-8", "gb18030", _canonical(guess.encoding) if guess else "gb18030"]
    )
    # A UTF-8 page with a few bad bytes stays UTF-8; otherwise the least damaging reading.
    utf8_damage = _damage(body, "utf-8")
    if utf8_damage * 100 <= len(body):
        charset = "utf-8"
    else:
        charset = min(candidates, key=lambda c: _damage(body, c))
    text = body.decode(charset, errors="replace")
    notes = [*_mismatch_note(declared, charset), f"页面含无法解码的字节，已用替换字符（{charset}）"]
    return text, charset, notes


def _damage(body: bytes, charset: str) -> int:
    """How many characters come out broken (replacement or private-use) in this charset."""
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        return len(body)
    return sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")


def _mismatch_note(declared: list[str], used: str) -> list[str]:
    if declared and declared[0] != used:
        return [f"声明的编码 {declared[0]} 与内容不符，按 {used} 解码"]
    return []


def _looks_binary(body: bytes) -> bool:
    return body[:5] == b"%PDF-" or body[:4] == b"PK\x03\x04" or b"\x00" in body[:1024]


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([-\w.:]+)", content_type)
    return _canonical(match.group(1)) if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _canonical(match.group(1).decode("ascii", errors="ignore")) if match else None


def _canonical(charset: str) -> str:
    charset = charset.strip().lower()
    return "gb18030" if charset in GB_ALIASES else charset


# ------------------------------------------------------------------ a folder as a site


class FolderAdapter(BaseAdapter):
    """Serve a local folder (a staged build of the site) for the base URL, like a static server.

    The path of base_url maps to the folder's root. No Last-Modified is sent: a build's file
    times say when it was built, not when anything was published.
    """

    def __init__(self, root: Path, base_path: str = "/") -> None:
        super().__init__()
        self.root = root.resolve()
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        response = requests.Response()
        response.url = request.url or ""
        response.request = request
        path = self._path(urlsplit(request.url or "").path)
        if path is None or not path.is_file():
            response.status_code = 404
            response.headers["Content-Type"] = "text/html"
            response._content = b"<html><body>404 Not Found</body></html>"
        else:
            response.status_code = 200
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            response.headers["Content-Type"] = "text/html" if path.suffix in HTML_SUFFIXES else kind
            response._content = path.read_bytes()
        response._content_consumed = True  # type: ignore[attr-defined]  # iter_content slices it
        response.encoding = None
        return response

    def close(self) -> None:
        pass

    def _path(self, url_path: str) -> Path | None:
        if not (url_path + "/").startswith(self.base_path):
            return None
        return file_for(self.root, "", url_path[len(self.base_path) - 1 :])
