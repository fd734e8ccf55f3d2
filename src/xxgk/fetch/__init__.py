"""The only network I/O: a polite, bounded, fault-tolerant crawler, one concern a module.

- settings.py   CrawlSettings (rules' site + a run's options) and every default
- crawl.py      the crawl loop: queue, workers, reading each page once, letting bodies go
- client.py     one URL to one Page: scope, robots, cache, redirects, decoding, in order
- politeness.py per-host slots and spacing; robots.txt with Crawl-delay
- retry.py      one GET with retries, backoff and Retry-After; the body read up to a cap
- cache.py      HTTP cache storage (typed entries); freshness.py: its RFC 9111 policy
- decode.py     charset of a body (GB2312/GBK read as GB18030)
- spool.py      articles' facts on disk (the facts cache), stubs in memory
- folder.py     a local folder served as the site (--site-dir)
"""

from xxgk.fetch.cache import CacheEntry, HttpCache
from xxgk.fetch.client import Fetcher
from xxgk.fetch.crawl import CrawlResult, Digest, crawl
from xxgk.fetch.decode import decode_body
from xxgk.fetch.folder import FolderAdapter
from xxgk.fetch.freshness import is_fresh
from xxgk.fetch.retry import parse_retry_after
from xxgk.fetch.settings import CrawlSettings, settings_from_rules
from xxgk.fetch.spool import FactsStore

__all__ = [
    "CacheEntry",
    "CrawlResult",
    "CrawlSettings",
    "Digest",
    "FactsStore",
    "Fetcher",
    "FolderAdapter",
    "HttpCache",
    "crawl",
    "decode_body",
    "is_fresh",
    "parse_retry_after",
    "settings_from_rules",
]
