"""The audit as a function: rules, checklist and typed options in, one AuditResult out.

No argparse here and no clock: the caller (a CLI command, a batch run, a test) passes
`as_of` and every option, and gets the same result from the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from xxgk import __version__
from xxgk.checklist import Checklist, load_checklist
from xxgk.errors import InputError, RunError
from xxgk.evaluate import evaluate
from xxgk.extract import READER_VERSION
from xxgk.fetch import CrawlResult, CrawlSettings, crawl, settings_from_rules
from xxgk.models import AuditResult, AutoMapping, CrawlRequest
from xxgk.rules import Rules, load_rules, override
from xxgk.walk import read_and_follow, seeds

# The crawl bounds a run may override, by the Site field they replace: the name a person
# gave each one, for messages (`--rate: 超出范围（应 > 0，实际为 '0'）`).
CRAWL_OPTIONS: Mapping[str, str] = {
    "concurrency": "--concurrency",
    "max_pages": "--max-pages",
    "rate": "--rate",
    "timeout": "--timeout",
}


@dataclass(frozen=True)
class AuditOptions:
    """How to run one audit (everything but the rules and the checklist)."""

    as_of: dt.date
    # Site fields to override (CRAWL_OPTIONS' keys), validated by the Site model like the
    # rules file's own values; text as typed is fine (`{"rate": "0.5"}`).
    crawl: Mapping[str, object] = field(default_factory=dict)
    site_dir: Path | None = None  # audit this folder as the base URL's site
    resolve: Mapping[str, str] = field(default_factory=dict)  # host -> "addr:port"
    cache_dir: Path | None = None  # conditional-GET and facts cache; None: no cache
    revalidate_all: bool = False  # ask the server about every cached page
    progress: bool = False  # a progress bar on a terminal


def load_school(path: Path) -> tuple[Rules, Checklist]:
    """Rules validated against the checklist they name; every problem at once."""
    rules = load_rules(path)
    checklist = load_checklist(rules.checklist)
    return load_rules(path, checklist.item_ids), checklist


def option_problems(rules: Rules, options: AuditOptions) -> list[str]:
    """Every problem with the options, before any request (exit 2)."""
    problems = site_dir_problems(options.site_dir)
    try:
        override(rules.site, options.crawl, CRAWL_OPTIONS)
    except InputError as exc:
        problems += exc.problems
    return problems


def site_dir_problems(site_dir: Path | None) -> list[str]:
    if site_dir is not None and not site_dir.is_dir():
        return [f"--site-dir: 目录不存在（实际为 '{site_dir}'）"]
    return []


def crawl_settings(rules: Rules, options: AuditOptions) -> CrawlSettings:
    """The crawl's one settings object: the rules' site with the options' overrides."""
    problems = option_problems(rules, options)
    if problems:
        raise InputError(problems)
    site = override(rules.site, options.crawl, CRAWL_OPTIONS)
    return settings_from_rules(
        rules.model_copy(update={"site": site}),
        resolve=dict(options.resolve),
        site_dir=options.site_dir,
        cache_dir=options.cache_dir,
        revalidate_all=options.revalidate_all,
    )


def run_audit(rules: Rules, checklist: Checklist, options: AuditOptions) -> AuditResult:
    """Crawl the school's site as its rules say and judge every checklist item."""
    settings = crawl_settings(rules, options)
    with crawl_school(rules, checklist, settings, options.as_of, progress=options.progress) as done:
        return evaluate(
            checklist, rules, done.pages, options.as_of, done.stats, done.facts, done.store
        )


def with_mapping(result: AuditResult, mappings: Mapping[int, AutoMapping]) -> AuditResult:
    """The result of an audit whose rules were drafted from the site: each item says how
    its location was found (report.json's `mapping`)."""
    items = tuple(
        item.model_copy(update={"mapping": mappings.get(item.id)}) for item in result.items
    )
    return result.model_copy(update={"items": items})


def crawl_school(
    rules: Rules, checklist: Checklist, settings: CrawlSettings, as_of: dt.date, *, progress: bool
) -> CrawlResult:
    """The crawl of an audit: the rules' seeds, each page read once for `as_of`.
    Close the result (or use it in a `with`) once evaluated."""
    starts = seeds(rules, checklist)
    crawled = crawl(
        starts,
        settings,
        partial(read_and_follow, as_of=as_of),
        digest_key=f"{__version__}|{READER_VERSION}|{as_of}",
        progress=progress,
    )
    try:
        check_reached(crawled, starts)
    except RunError:
        crawled.close()
        raise
    return crawled


def check_reached(crawled: CrawlResult, starts: list[CrawlRequest]) -> None:
    """Nothing answered at all: the audit could not run (exit 3), not a site of 50 gaps."""
    answered = [p for p in crawled.pages.values() if p.status > 0]
    if starts and not answered:
        first = crawled.pages.get(starts[0].url)
        reason = first.error if first is not None else "没有抓取到任何页面"
        raise RunError(f"站点没有任何响应（{reason}）")
