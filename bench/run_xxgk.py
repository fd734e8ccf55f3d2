"""One xxgk audit of the benchmark site, in its own process (run by crawl_bench.py).

The audit as ``xxgk audit`` runs it: a rules file naming each column's first list page
for its checklist item (``section``, and ``pages``/``articles`` large enough to reach
every list page, article and attachment), ``xxgk.audit.crawl_school`` reading each page
once, ``evaluate`` over the crawl's facts, and every report format written. Only the
rate limit is lifted (``rate=1000``) so that it never throttles.

``seconds`` is the crawl's own time, the figure compared with Scrapy's crawl;
``audit_seconds`` adds evaluation and the reports. Peak RSS covers all of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import yaml

import xxgk
from xxgk.audit import crawl_school, load_school
from xxgk.checklist import Checklist
from xxgk.evaluate import evaluate
from xxgk.fetch import CrawlSettings, settings_from_rules
from xxgk.models import AuditResult
from xxgk.report import FORMATS, write_reports
from xxgk.rules import Rules


def rules_for(manifest: dict[str, Any], base: str) -> dict[str, Any]:
    """A school's rules for the benchmark site: one column per checklist item."""
    return {
        "school": {"name": "基准测试大学", "kind": "graduate"},  # all 50 items apply
        "site": {"base_url": base + "/"},
        "items": {
            column["item"]: {
                "department": "信息公开办公室",
                "urls": [column["path"]],
                "section": manifest["section"],
                "pages": 100,
                "articles": 100,
            }
            for column in manifest["columns"]
        },
    }


def audit(
    rules: Rules, checklist: Checklist, settings: CrawlSettings, as_of: dt.date, started: float
) -> tuple[AuditResult, list[str], float]:
    """``xxgk.audit.run_audit``'s crawl and evaluation; also the URLs and the crawl's time."""
    with crawl_school(rules, checklist, settings, as_of, progress=False) as crawled:
        seconds = time.perf_counter() - started
        result = evaluate(
            checklist, rules, crawled.pages, as_of, crawled.stats, crawled.facts, crawled.store
        )
        return result, sorted(crawled.pages), seconds


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
    reports = args.out.with_suffix(".reports")
    reports.mkdir(parents=True, exist_ok=True)
    rules_path = reports / "rules.yaml"
    rules_text = yaml.safe_dump(rules_for(manifest, args.base), allow_unicode=True)
    rules_path.write_text(rules_text, encoding="utf-8")
    rules, checklist = load_school(rules_path)
    settings = settings_from_rules(
        rules,
        rate=1000.0,  # never the limit
        concurrency=args.concurrency,
        max_pages=100_000,
        timeout=60.0,
        cache_dir=args.cache,
    )

    started = time.perf_counter()
    result, urls, seconds = audit(rules, checklist, settings, as_of, started)
    write_reports(result, reports, list(FORMATS))  # as the CLI: once the crawl is let go
    audit_seconds = time.perf_counter() - started
    report = {
        "crawler": "xxgk",
        "pages": result.fetch.pages,
        "ok": result.fetch.pages - result.fetch.errors,
        "errors": result.fetch.errors,
        "cached": result.fetch.cached,
        "bytes": result.fetch.bytes,
        "seconds": seconds,
        "audit_seconds": audit_seconds,
        "statuses": result.summary.counts,
        "urls": urls,
        "xxgk_file": xxgk.__file__,
    }
    args.out.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
