"""The crawl loop: seeds and what their pages lead to, breadth-first, in parallel.

Every URL ends as a `Page` (client.py); each page is read once by the caller's `Digest`
(walk.read_and_follow) in this thread, then lets go of its body, keeping its facts.
"""

from __future__ import annotations

import ctypes
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from xxgk.fetch.client import Fetcher
from xxgk.fetch.settings import CrawlSettings
from xxgk.fetch.spool import FactsStore, FactsWriter
from xxgk.models import CrawlRequest, FactsKey, FetchStats, Page, PageFacts, Reading, lean_copy
from xxgk.urls import normalize_url

# Reads a fetched page (or takes the facts already read from it): its facts, and the
# requests it leads to.
Digest = Callable[[Page, CrawlRequest, PageFacts | None], tuple[PageFacts, list[CrawlRequest]]]


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
    writer = FactsWriter(store, state.facts)
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
