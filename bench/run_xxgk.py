"""One xxgk crawl of the benchmark site, in its own process (run by crawl_bench.py).

The audit's real crawl path: ``xxgk.fetch.crawl`` reading each page once with
``xxgk.extract.digest`` (as ``xxgk.cli.run_audit`` does), seeded with the 50 column
list pages, ``pages_left`` and ``articles`` large enough to reach every list page,
article and attachment, and the column's ``section`` as a rules file would give it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from functools import partial
from pathlib import Path

import xxgk
from xxgk.extract import digest
from xxgk.fetch import CrawlSettings, crawl
from xxgk.models import CrawlRequest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--manifest", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    as_of = dt.date.fromisoformat(manifest["as_of"])
    seeds = [
        CrawlRequest(
            url=args.base + column["path"],
            role="seed",
            pages_left=10_000,
            articles=10_000,
            section=manifest["section"],
        )
        for column in manifest["columns"]
    ]
    settings = CrawlSettings(
        allowed_hosts=frozenset({"127.0.0.1"}),
        rate=1000.0,  # never the limit
        concurrency=args.concurrency,
        max_pages=100_000,
        timeout=60.0,
        cache_dir=args.cache,
        max_workers=max(16, 2 * args.concurrency),
    )
    started = time.perf_counter()
    result = crawl(seeds, settings, partial(digest, as_of=as_of), digest_key=f"bench|{as_of}")
    seconds = time.perf_counter() - started
    pages = result.pages.values()
    report = {
        "crawler": "xxgk",
        "pages": len(result.pages),
        "ok": sum(1 for p in pages if p.is_ok),
        "errors": result.stats.errors,
        "cached": result.stats.cached,
        "bytes": result.stats.bytes,
        "seconds": seconds,
        "urls": sorted(result.pages),
        "xxgk_file": xxgk.__file__,
    }
    args.out.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
