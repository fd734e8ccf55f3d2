"""The facts spool: full facts of articles and attachments on disk, stubs in memory.

Also the facts cache: with a cache folder, every page's facts are kept there, keyed by
what the reading depends on, so that an unchanged page is not read again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import weakref
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from xxgk.errors import RunError
from xxgk.fetch.settings import FACTS_QUEUE
from xxgk.models import FactsKey, PageFacts, lean_copy
from xxgk.safe_write import write_atomic


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
    remove_stale_spools(Path(tempfile.gettempdir()))
    return Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-"))


SPOOL_PREFIX = "xxgk-facts-"


def remove_stale_spools(folder: Path) -> None:
    """Spool folders of runs that were killed (their process is gone): a run removes its
    own when it ends, but SIGKILL gives it no chance."""
    for spool in folder.glob(f"{SPOOL_PREFIX}*"):
        pid = spool.name.removeprefix(SPOOL_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _is_running(int(pid)):
            shutil.rmtree(spool, ignore_errors=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def stub_of(facts: PageFacts) -> PageFacts:
    """Facts without their text: what the crawl and the list of pages need of an article."""
    return lean_copy(facts, text="", chunks=())


class FactsWriter:
    """Writes facts to the store in a thread of its own, off the crawl thread.

    A stub replaces a page's full facts in `facts` only once their file is complete; if the
    write fails, the full facts simply stay in memory. One thread: writes land in order.
    """

    def __init__(self, store: FactsStore, facts: dict[FactsKey, PageFacts]) -> None:
        self.store = store
        self.facts = facts
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xxgk-facts")
        self._queued: dict[Future[None], tuple[FactsKey, PageFacts, bool]] = {}

    def save(self, key: FactsKey, facts: PageFacts, *, stub: bool) -> None:
        future = self._pool.submit(self.store.save, key, facts)
        self._queued[future] = (key, facts, stub)
        if len(self._queued) > FACTS_QUEUE:
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
