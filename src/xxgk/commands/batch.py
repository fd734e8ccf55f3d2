"""`xxgk batch SCHOOLS`: audit many schools in parallel, resumably; one table across them.

SCHOOLS is a folder of rules files or a CSV/XLSX roster (see batch/roster.py). Each school
is audited in a worker process of its own (batch/schedule.py) into OUT/schools/<key>/;
then summary.{csv,html,json,xlsx} are written to OUT from every finished school.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from xxgk.audit import CRAWL_OPTIONS
from xxgk.batch.roster import Shard, read_roster, select
from xxgk.batch.schedule import BatchOptions, run_batch
from xxgk.batch.state import OUTCOME_LABELS, BatchInfo, Outcome
from xxgk.batch.summary import BatchSummary, build_summary
from xxgk.batch.tables import write_tables
from xxgk.commands.options import add_resolve
from xxgk.errors import InputError
from xxgk.report import FORMATS
from xxgk.rules import Site, override

DEFAULT_OUT = Path("reports") / "batch"
DEFAULT_SCHOOL_TIMEOUT = 3600.0  # seconds: a 2,000-page site at 2 requests/s takes ~17 min


def add_arguments(parser: argparse.ArgumentParser, date: Callable[[str], dt.date]) -> None:
    """The batch's own options, and those it shares with `audit` (formats, crawl bounds,
    cache); `date` parses --as-of."""
    parser.add_argument(
        "schools", type=Path, metavar="SCHOOLS", help="a folder of rules YAML files, or a "
        "CSV/XLSX roster (学校名称, 类型, 网址, optional 规则文件)",
    )  # fmt: skip
    parser.add_argument(
        "--as-of", type=date, help="audit date YYYY-MM-DD (default: today in Asia/Shanghai)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    parser.add_argument("--jobs", type=int, help="schools audited at once (default: CPU cores)")
    parser.add_argument(
        "--shard", metavar="I/N", help="audit only the I-th of N deterministic shares"
    )
    parser.add_argument(
        "--school-timeout",
        type=float,
        default=DEFAULT_SCHOOL_TIMEOUT,
        metavar="SECONDS",
        help=f"time limit per school (default: {DEFAULT_SCHOOL_TIMEOUT:.0f})",
    )
    parser.add_argument(
        "--retry-failed", action="store_true", help="audit again the schools that did not end ok"
    )
    parser.add_argument(
        "--format",
        dest="formats",
        default=",".join(FORMATS),
        help="comma list of each school's report formats (json is always written; default: all)",
    )
    add_resolve(parser)
    for name, flag in CRAWL_OPTIONS.items():
        parser.add_argument(flag, dest=name, help=f"override every school's site.{name}")
    parser.add_argument(
        "--cache-dir", type=Path, default=Path("reports/.cache"), help="default: reports/.cache"
    )
    parser.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache")
    parser.add_argument("--quiet", action="store_true", help="no progress and no summary lines")


def report_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """Each school's formats: report.json always (the tables are built from it)."""
    return formats if "json" in formats else ("json", *formats)


def check_options(jobs: int, school_timeout: float, crawl: Mapping[str, str]) -> None:
    """Every bad option at once, before any school is started (exit 2)."""
    problems = []
    if jobs < 1:
        problems.append(f"--jobs: 应为正整数（实际为 '{jobs}'）")
    if school_timeout <= 0:
        problems.append(f"--school-timeout: 应大于 0（实际为 '{school_timeout:g}'）")
    try:
        # the rules file's own checks, on a placeholder site: each school's rules apply them again
        override(Site(base_url="http://placeholder.invalid/"), crawl, CRAWL_OPTIONS)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)


def run(
    schools: Path, options: BatchOptions, shard: Shard, now: dt.datetime, *, tty: bool
) -> BatchSummary:
    check_options(options.jobs, options.school_timeout, options.crawl)
    entries = select(read_roster(schools), shard)
    info = run_batch(entries, options, now, stream=sys.stderr, tty=tty)
    return write_summary(options.out, info, {e.key for e in entries}, quiet=options.quiet)


def write_summary(
    out: Path, info: BatchInfo, keys: set[str] | None, *, quiet: bool
) -> BatchSummary:
    """The tables of `out` (of the schools `keys`, or all), and a line per outcome."""
    summary = build_summary(out, info, keys)
    paths = write_tables(summary, out)
    if not quiet:
        counts = "，".join(
            f"{OUTCOME_LABELS[o]} {n}" for o in Outcome if (n := summary.outcomes[o.value])
        )
        print(f"\n{len(summary.schools)} 所学校（{counts}），核查日期 {summary.as_of}")
        print("汇总表已写入：")
        for path in paths:
            print(f"  {path}")
    return summary
