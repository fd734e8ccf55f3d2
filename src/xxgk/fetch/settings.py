"""The crawl's one settings object and its defaults: the rules' site with a run's options.

No literal bound lives anywhere else in fetch (Scrapy's one file of defaults).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from xxgk import __version__
from xxgk.rules import Rules

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
ROBOTS_MAX_BYTES = 512_000  # a robots.txt longer than this is read only this far
POOL_CONNECTIONS = 32  # urllib3 pools kept (one per host)
HEURISTIC_FRESHNESS_CAP = 7 * 86400.0  # seconds: RFC 9111's heuristic, at most a week
FACTS_QUEUE = 8  # facts writes queued in memory (a write is 5x faster than a read)
READ_CHUNK = 65536  # bytes read (decoded) at a time: decompression never runs ahead of it


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
    max_retry_after: float = 10.0  # longest Retry-After we wait for; beyond it: unreachable
    max_request_seconds: float = 60.0  # one request in all: connect, headers, every read
    max_crawl_delay: float = 30.0  # longest robots.txt Crawl-delay; beyond it: unreachable
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
