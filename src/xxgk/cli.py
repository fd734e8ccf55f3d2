"""Command line: the parser, the dispatch to `commands/` and the exit-code mapping.

The only module that reads the clock or the environment; the commands get plain values.
Exit codes: 0 ran (gate passed) · 1 gate failed · 2 usage or rules error · 3 could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from xxgk import __version__
from xxgk.audit import CRAWL_OPTIONS
from xxgk.batch.roster import ALL, parse_shard
from xxgk.batch.schedule import BatchOptions
from xxgk.commands import (
    audit,
    batch,
    batch_merge,
    check_rules,
    demo,
    diff,
    gaps,
    gate,
    init,
    report_check,
    schema,
)
from xxgk.commands.gate import GATE_OPTIONS
from xxgk.commands.options import (
    RunParams,
    add_resolve,
    parse_formats,
    parse_list,
    parse_resolve,
)
from xxgk.draft import DEFAULT_BUDGET
from xxgk.errors import InputError, Interrupted, RunError, XxgkError
from xxgk.models import SCHOOL_KINDS
from xxgk.report import FORMATS

CHINA_TZ = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_RUN = 0, 1, 2, 3
DEFAULT_HISTORY = Path("reports") / "history.sqlite"
# reports and history are written with signals held (commands/outputs.py): an interrupt
# that ends the run before then has changed neither
INTERRUPTED_BEFORE_WRITING = "已中断：未写入新的报告，上一次的报告和历史记录保持不变。"
LATEST_AS_OF = dt.date(2100, 12, 31)  # the working-day calendar counts on from as_of


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _sigterm_as_interrupt():
            code: int = args.handler(args)
        return code
    except InputError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return EXIT_INPUT
    except RunError as exc:
        print(f"无法完成核查：{exc}", file=sys.stderr)
        return EXIT_RUN
    except XxgkError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_RUN
    except KeyboardInterrupt as exc:
        done = exc.message if isinstance(exc, Interrupted) else INTERRUPTED_BEFORE_WRITING
        print(f"\n{done}", file=sys.stderr)
        if argv is None:
            _exit_now(130)
        return 130


def _exit_now(code: int) -> None:
    """End the process at once: as a command, an interrupted run must not wait at exit for
    crawl threads still blocked in a read (each bounded only by the request's total time)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk", description="Audit a university's information-disclosure website."
    )
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    audit = commands.add_parser("audit", help="crawl a school's site and score every item")
    audit.add_argument("--rules", type=Path, help="the school's rules YAML")
    audit.add_argument(
        "--base-url",
        help="without --rules: draft the rules from this site (home page or disclosure column)",
    )
    audit.add_argument(
        "--kind", choices=SCHOOL_KINDS, help="with --base-url: kind of school (default: read)"
    )
    audit.add_argument("--name", help="with --base-url: the school's name (default: read)")
    audit.add_argument("--save-rules", type=Path, help="with --base-url: keep the drafted rules")
    _add_draft_options(audit, run_options=True)
    _add_run_options(audit, default_out=None)
    _add_history_options(audit, "reports/history.sqlite")
    audit.set_defaults(handler=cmd_audit)

    demo_ = commands.add_parser("demo", help="audit the bundled sample school site")
    _add_run_options(demo_, default_out=demo.DEMO_OUT, as_of=demo.DEMO_AS_OF)
    _add_history_options(demo_, "<out>/history.sqlite")
    demo_.set_defaults(handler=cmd_demo)

    gaps_ = commands.add_parser("gaps", help="write gap lists per responsible department")
    gaps_.add_argument("--report", required=True, type=Path, help="a report.json written by audit")
    gaps_.add_argument("--by", choices=["department"], default="department", help="group gaps by")
    gaps_.add_argument("--split", action="store_true", help="one XLSX workbook per department")
    gaps_.add_argument("--out", type=Path, help="output folder (default: the report's folder)")
    gaps_.set_defaults(handler=cmd_gaps)

    diff_ = commands.add_parser("diff", help="compare two recorded runs of a school")
    diff_.add_argument("run_a", nargs="?", type=int, metavar="RUN_A", help="the earlier run id")
    diff_.add_argument("run_b", nargs="?", type=int, metavar="RUN_B", help="the later run id")
    diff_.add_argument(
        "--history", type=Path, default=DEFAULT_HISTORY, help=f"default: {DEFAULT_HISTORY}"
    )
    diff_.add_argument("--school", help="school name (default: that of the newest run)")
    diff_.add_argument("--list", action="store_true", help="list the recorded runs and exit")
    diff_.set_defaults(handler=cmd_diff)

    gate_ = commands.add_parser(
        "gate", help="audit a site (or a staged build) and pass or fail it against the rules' gate"
    )
    gate_.add_argument("--rules", required=True, type=Path, help="the school's rules YAML")
    _add_run_options(gate_, default_out=None)
    _add_gate_options(gate_)
    gate_.set_defaults(handler=cmd_gate)

    check = commands.add_parser("check-rules", help="validate a rules file")
    check.add_argument("rules", type=Path, nargs="+", help="rules YAML file(s)")
    check.set_defaults(handler=cmd_check_rules)

    schema_ = commands.add_parser("schema", help="print the JSON Schema of rules files")
    schema_.set_defaults(handler=cmd_schema)

    init_ = commands.add_parser(
        "init", help="draft a school's rules file from its site (or a blank one with --offline)"
    )
    init_.add_argument("rules", type=Path, help="the rules YAML to create")
    init_.add_argument(
        "--base-url", required=True, help="the school's home page or its disclosure column"
    )
    init_.add_argument("--name", help="the school's name (default: read from the site)")
    init_.add_argument(
        "--kind", choices=SCHOOL_KINDS, help="kind of school (default: read from the site)"
    )
    init_.add_argument("--checklist", default="moe-2014", help="checklist id (default: moe-2014)")
    init_.add_argument("--force", action="store_true", help="overwrite an existing rules file")
    init_.add_argument(
        "--update",
        action="store_true",
        help="fill in only the items of an existing rules file that are still empty",
    )
    init_.add_argument(
        "--offline", action="store_true", help="no crawl: a blank template (needs --name, --kind)"
    )
    _add_draft_options(init_)
    init_.set_defaults(handler=cmd_init)

    annual = commands.add_parser("report-check", help="check a school's annual disclosure report")
    report_check.add_arguments(annual)
    annual.set_defaults(handler=cmd_report_check)

    batch_ = commands.add_parser(
        "batch", help="audit many schools in parallel, resumably; one table across them"
    )
    batch.add_arguments(batch_, _date_arg)
    _add_history_options(batch_, "reports/history.sqlite")
    batch_.set_defaults(handler=cmd_batch)

    merge = commands.add_parser("batch-merge", help="merge the outputs of batch --shard runs")
    merge.add_argument("dirs", type=Path, nargs="+", metavar="DIR", help="the shards' --out")
    merge.add_argument("--out", type=Path, required=True, help="the merged output folder")
    merge.add_argument("--quiet", action="store_true", help="no summary lines")
    merge.set_defaults(handler=cmd_batch_merge)
    return parser


def _add_run_options(
    parser: argparse.ArgumentParser, default_out: Path | None, as_of: dt.date | None = None
) -> None:
    parser.add_argument(
        "--as-of",
        type=_date_arg,
        default=as_of,
        help="audit date YYYY-MM-DD (default: today in Asia/Shanghai"
        + (f"; demo: {as_of}" if as_of else "")
        + ")",
    )
    parser.add_argument(
        "--out", type=Path, default=default_out, help="output folder (default: reports/<school>)"
    )
    parser.add_argument(
        "--format",
        dest="formats",
        default=",".join(FORMATS),
        help=f"comma list of report formats: {', '.join(FORMATS)} (default: all)",
    )
    parser.add_argument("--site-dir", type=Path, help="audit this folder as the base URL's site")
    _add_crawl_bounds(parser)
    parser.add_argument("--max-pages", help="stop after this many fetched URLs")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path("reports/.cache"),
        help="conditional-GET cache folder (default: reports/.cache)",
    )
    parser.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache")
    parser.add_argument(
        "--revalidate-all",
        action="store_true",
        help="ask the server about every cached page (default: articles and attachments "
        "still fresh by RFC 9111's heuristic, at most 7 days, are not asked again)",
    )
    parser.add_argument("--quiet", action="store_true", help="no summary table")


def _add_draft_options(parser: argparse.ArgumentParser, *, run_options: bool = False) -> None:
    """The drafting crawl's options (init; audit without --rules has its own crawl options)."""
    parser.add_argument(
        "--draft-pages",
        type=int,
        default=DEFAULT_BUDGET,
        help=f"requests the drafting crawl may make (default: {DEFAULT_BUDGET})",
    )
    if not run_options:
        _add_crawl_bounds(parser)


def _add_crawl_bounds(parser: argparse.ArgumentParser) -> None:
    add_resolve(parser)
    # crawl bounds stay text here: the rules' Site model checks them, in the rules' words
    parser.add_argument("--rate", help="requests per second per host")
    parser.add_argument("--concurrency", help="connections per host")
    parser.add_argument("--timeout", help="connect and read timeout in seconds")


def _add_gate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        help="audit this copy of the site (staging server) instead of the rules' base_url",
    )
    parser.add_argument("--min-coverage", help="fraction 0-1 (overrides gate:)")
    parser.add_argument("--min-timeliness", help="fraction 0-1 (overrides gate:)")
    parser.add_argument(
        "--fail-on",
        help="comma list of statuses that fail an item, or 'none' "
        "(default: the rules' gate:, else missing,unreachable)",
    )
    parser.add_argument(
        "--must-pass", help="comma list of item ids that must pass, or 'none' (overrides gate:)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a report.json or history SQLite file: fail only on items worse than it",
    )
    parser.add_argument("--junit", type=Path, help="also write the gate's result as JUnit XML")


def _date_arg(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got '{text}'") from None
    if not dt.date(2000, 1, 1) <= day <= LATEST_AS_OF:
        raise argparse.ArgumentTypeError(
            f"expected a date in 2000-01-01..{LATEST_AS_OF}, got '{text}'"
        )
    return day


def today_in_china() -> dt.date:
    return dt.datetime.now(CHINA_TZ).date()


# ------------------------------------------------------------------ dispatch: plain arguments


def _run_params(args: argparse.Namespace, default_as_of: dt.date | None = None) -> RunParams:
    crawl = {name: text for name in CRAWL_OPTIONS if (text := getattr(args, name)) is not None}
    return RunParams(
        as_of=args.as_of or default_as_of or today_in_china(),
        out=args.out,
        formats=parse_formats(args.formats),
        site_dir=args.site_dir,
        resolve=parse_resolve(args.resolve),
        crawl=crawl,
        cache_dir=None if args.no_cache else args.cache_dir,
        revalidate_all=args.revalidate_all,
        quiet=args.quiet,
    )


def cmd_audit(args: argparse.Namespace) -> int:
    db = None if args.no_history else args.history or DEFAULT_HISTORY
    drafted = None
    if args.rules is not None and args.base_url is not None:
        raise InputError(["--rules 与 --base-url 只能二选一（--base-url：没有规则文件时自动起草）"])
    if args.rules is None:
        if args.base_url is None:
            raise InputError(["audit: 需要 --rules 规则文件，或 --base-url 网址（自动起草规则）"])
        if args.site_dir is not None:
            raise InputError(["--site-dir 只能与 --rules 一起使用（自动起草需要抓取真实站点）"])
        drafted = audit.DraftRequest(
            base_url=args.base_url,
            kind=args.kind,
            name=args.name,
            save_rules=args.save_rules,
            budget=args.draft_pages,
        )
    elif args.save_rules or args.kind or args.name:
        raise InputError(["--kind、--name、--save-rules 只能与 --base-url 一起使用"])
    audit.run(args.rules, _run_params(args), db, now=_now(), drafted=drafted)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    out = args.out or demo.DEMO_OUT
    db = None if args.no_history else args.history or out / "history.sqlite"
    demo.run(_run_params(args, demo.DEMO_AS_OF), db, now=_now())
    return EXIT_OK


def cmd_gate(args: argparse.Namespace) -> int:
    """Exit 0 when the site meets the gate, 1 when it does not (2 bad input, 3 no site)."""
    overrides: dict[str, object] = {
        name: parse_list(text) if name in ("fail_on", "must_pass") else text
        for name in GATE_OPTIONS
        if (text := getattr(args, name)) is not None
    }
    passed = gate.run(
        args.rules,
        _run_params(args),
        gate=overrides,
        base_url=args.base_url,
        baseline=args.baseline,
        junit=args.junit,
        annotate=os.environ.get("GITHUB_ACTIONS") == "true",
    )
    return EXIT_OK if passed else EXIT_GATE


def cmd_gaps(args: argparse.Namespace) -> int:
    gaps.run(args.report, split=args.split, out=args.out)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    diff.run(args.history, args.run_a, args.run_b, school=args.school, list_runs=args.list)
    return EXIT_OK


def cmd_check_rules(args: argparse.Namespace) -> int:
    check_rules.run(args.rules)
    return EXIT_OK


def _draft_params(args: argparse.Namespace) -> init.DraftParams:
    names = ("rate", "concurrency", "timeout")
    crawl = {name: text for name in names if (text := getattr(args, name, None)) is not None}
    return init.DraftParams(
        crawl=crawl, resolve=parse_resolve(args.resolve), budget=args.draft_pages
    )


def cmd_init(args: argparse.Namespace) -> int:
    if args.force and args.update:
        raise InputError(["--force 与 --update 不能同时使用"])
    init.run(
        args.rules,
        name=args.name,
        kind=args.kind,
        base_url=args.base_url,
        checklist_id=args.checklist,
        params=_draft_params(args),
        as_of=today_in_china(),
        force=args.force,
        update=args.update,
        offline=args.offline,
    )
    return EXIT_OK


def cmd_report_check(args: argparse.Namespace) -> int:
    return report_check.run(
        args.source, args.rules, args.deadline, args.period, args.out, today=today_in_china()
    )


def cmd_batch(args: argparse.Namespace) -> int:
    options = BatchOptions(
        as_of=args.as_of or today_in_china(),
        out=args.out,
        jobs=os.cpu_count() or 1 if args.jobs is None else args.jobs,
        school_timeout=args.school_timeout,
        formats=batch.report_formats(parse_formats(args.formats)),
        crawl={name: text for name in CRAWL_OPTIONS if (text := getattr(args, name)) is not None},
        resolve=parse_resolve(args.resolve),
        cache_dir=None if args.no_cache else args.cache_dir,
        history=None if args.no_history else args.history or DEFAULT_HISTORY,
        retry_failed=args.retry_failed,
        quiet=args.quiet,
    )
    shard = parse_shard(args.shard) if args.shard else ALL
    batch.run(args.schools, options, shard, _now(), tty=sys.stderr.isatty())
    return EXIT_OK


def cmd_batch_merge(args: argparse.Namespace) -> int:
    batch_merge.run(args.dirs, args.out, quiet=args.quiet)
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    schema.run()
    return EXIT_OK


def _now() -> dt.datetime:
    return dt.datetime.now(CHINA_TZ)


def _add_history_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--history", type=Path, help=f"SQLite file every run is recorded in (default: {default})"
    )
    parser.add_argument("--no-history", action="store_true", help="do not record this run")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM takes Ctrl-C's path: no half-written report, the history left as it was."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
