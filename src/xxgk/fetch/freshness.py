"""HTTP cache policy (RFC 9111): may a stored response be used without asking, and how to
ask the server whether it changed."""

from __future__ import annotations

import email.utils
import re

from xxgk.fetch.cache import CacheEntry
from xxgk.fetch.settings import HEURISTIC_FRESHNESS_CAP


def is_fresh(entry: CacheEntry, now: float) -> bool:
    """Whether a cached response may be used without asking the server (RFC 9111 §4.2).

    Explicit max-age or Expires first; otherwise the usual heuristic: a tenth of the time
    since Last-Modified, capped at a week. The crawl asks only for articles and attachments.
    """
    headers = entry.headers
    control = headers.get("cache-control", "").lower()
    if "no-cache" in control or "no-store" in control:
        return False
    age = now - entry.stored_at
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


def conditional_headers(entry: CacheEntry) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the stored validators."""
    headers: dict[str, str] = {}
    if "etag" in entry.headers:
        headers["If-None-Match"] = entry.headers["etag"]
    if "last-modified" in entry.headers:
        headers["If-Modified-Since"] = entry.headers["last-modified"]
    return headers
