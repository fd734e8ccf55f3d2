"""HTTP cache storage: one JSON file of metadata and one body file per URL.

Only storage: whether an entry may be used without asking the server is the freshness
policy's call (freshness.py). A torn or foreign file is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from xxgk.models import Page
from xxgk.safe_write import write_atomic

VALIDATORS = ("etag", "last-modified")  # a response without either is not stored


@dataclass(frozen=True)
class CacheEntry:
    """A stored 200 response: what a 304 stands for."""

    url: str
    final_url: str
    headers: dict[str, str]  # lower-case names
    stored_at: float  # epoch seconds
    content: bytes


class HttpCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode()).hexdigest()
        folder = self.folder / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def get(self, url: str) -> CacheEntry | None:
        meta_path, body_path = self._paths(url)
        if not meta_path.exists():
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            entry = CacheEntry(
                url=meta["url"],
                final_url=meta.get("final_url", url),
                headers=dict(meta["headers"]),
                stored_at=float(meta.get("stored_at", 0.0)),
                content=body_path.read_bytes(),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return entry if entry.url == url else None

    def put(self, page: Page) -> None:
        """Store a page that carries a validator (ETag or Last-Modified)."""
        if not any(k in page.headers for k in VALIDATORS):
            return
        meta_path, body_path = self._paths(page.url)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "url": page.url,
            "final_url": page.final_url,
            "headers": page.headers,
            "stored_at": time.time(),
        }
        # a cache entry torn by a crash is only a miss: no fsync
        write_atomic(body_path, page.content, durable=False)
        write_atomic(meta_path, json.dumps(meta, ensure_ascii=False).encode(), durable=False)
