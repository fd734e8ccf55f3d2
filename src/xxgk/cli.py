"""Command line: parses arguments, wires the stages, sets the exit code.

The only module that reads the clock or the environment.
Exit codes: 0 ran (gate passed) · 1 gate failed · 2 usage or rules error · 3 could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from xxgk import __version__, history, sitehost
from xxgk.checklist import CHECKLIST_DIR, Checklist, load_checklist
from xxgk.commands import report_check
from xxgk.errors import InputError, RunError, XxgkError
from xxgk.evaluate import evaluate, not_applicable_reason
from xxgk.extract import digest
from xxgk.fetch import CrawlResult, CrawlSettings, crawl, settings_from_rules
from xxgk.gate import (
    FAILING_STATUSES,
    GateSettings,
    gate_junit,
    github_annotations,
    judge_gate,
    render_summary,
)
from xxgk.models import COUNT_ORDER, SCHOOL_KINDS, AuditResult, CrawlRequest, Status
from xxgk.report import FORMATS, gaps, write_reports
from xxgk.report.json import parse as parse_report
from xxgk.report.labels import STATUS_LABELS, percent
from xxgk.rules import (
    Rules,
    load_rules,
    resolve_url,
    rules_json_schema,
    rules_template,
    url_problem,
    with_base_url,
)
from xxgk.safe_write import write_atomic

REPO_DIR = CHECKLIST_DIR.parent
DEMO_RULES = REPO_DIR / "rules" / "demo.yaml"
DEMO_SITE = REPO_DIR / "examples" / "site"
DEMO_AS_OF = dt.date(2026, 11, 30)
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_RUN = 0, 1, 2, 3
DEFAULT_HISTORY = Path("reports") / "history.sqlite"


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
    except KeyboardInterrupt:
        print("\n已中断：未写入新的报告，上一次的报告保持不变。", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk", description="Audit a university's information-disclosure website."
    )
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    audit = commands.add_parser("audit", help="crawl a school's site and score every item")
    audit.add_argument("--rules", required=True, type=Path, help="the school's rules YAML")
    _add_run_options(audit, default_out=None)
    _add_history_options(audit, "reports/history.sqlite")
    audit.set_defaults(handler=cmd_audit)

    demo = commands.add_parser("demo", help="audit the bundled sample school site")
    _add_run_options(demo, default_out=Path("reports/demo"), as_of=DEMO_AS_OF)
    _add_history_options(demo, "<out>/history.sqlite")
    demo.set_defaults(handler=cmd_demo)

    gap = commands.add_parser("gaps", help="write gap lists per responsible department")
    gap.add_argument("--report", required=True, type=Path, help="a report.json written by audit")
    gap.add_argument("--by", choices=["department"], default="department", help="group gaps by")
    gap.add_argument("--split", action="store_true", help="one XLSX workbook per department")
    gap.add_argument("--out", type=Path, help="output folder (default: the report's folder)")
    gap.set_defaults(handler=cmd_gaps)

    diff = commands.add_parser("diff", help="compare two recorded runs of a school")
    diff.add_argument("run_a", nargs="?", type=int, metavar="RUN_A", help="the earlier run id")
    diff.add_argument("run_b", nargs="?", type=int, metavar="RUN_B", help="the later run id")
    diff.add_argument(
        "--history", type=Path, default=DEFAULT_HISTORY, help=f"default: {DEFAULT_HISTORY}"
    )
    diff.add_argument("--school", help="school name (default: that of the newest run)")
    diff.add_argument("--list", action="store_true", help="list the recorded runs and exit")
    diff.set_defaults(handler=cmd_diff)

    gate = commands.add_parser(
        "gate", help="audit a site (or a staged build) and pass or fail it against the rules' gate"
    )
    gate.add_argument("--rules", required=True, type=Path, help="the school's rules YAML")
    _add_run_options(gate, default_out=None)
    _add_gate_options(gate)
    gate.set_defaults(handler=cmd_gate)

    check = commands.add_parser("check-rules", help="validate a rules file")
    check.add_argument("rules", type=Path, nargs="+", help="rules YAML file(s)")
    check.set_defaults(handler=cmd_check_rules)

    schema = commands.add_parser("schema", help="print the JSON Schema of rules files")
    schema.set_defaults(handler=cmd_schema)

    init = commands.add_parser("init", help="write a starter rules file for a school")
    init.add_argument("rules", type=Path, help="the rules YAML to create")
    init.add_argument("--name", required=True, help="the school's name (学校名称)")
    init.add_argument("--kind", required=True, choices=SCHOOL_KINDS, help="kind of school")
    init.add_argument("--base-url", required=True, help="the disclosure column's URL")
    init.add_argument("--checklist", default="moe-2014", help="checklist id (default: moe-2014)")
    init.set_defaults(handler=cmd_init)

    annual = commands.add_parser("report-check", help="check a school's annual disclosure report")
    report_check.add_arguments(annual)
    annual.set_defaults(handler=cmd_report_check)
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
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=ADDR:PORT",
        help="send requests for HOST to ADDR:PORT over plain HTTP (like curl --resolve)",
    )
    parser.add_argument("--rate", type=float, help="requests per second per host")
    parser.add_argument("--concurrency", type=int, help="connections per host")
    parser.add_argument("--max-pages", type=int, help="stop after this many fetched URLs")
    parser.add_argument("--timeout", type=float, help="connect and read timeout in seconds")
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


def _add_gate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url",
        help="audit this copy of the site (staging server) instead of the rules' base_url",
    )
    parser.add_argument("--min-coverage", type=float, help="fraction 0-1 (overrides gate:)")
    parser.add_argument("--min-timeliness", type=float, help="fraction 0-1 (overrides gate:)")
    parser.add_argument(
        "--fail-on",
        help="comma list of statuses that fail an item, or 'none' "
        "(default: the rules' gate:, else missing,unreachable)",
    )
    parser.add_argument("--must-pass", help="comma list of item ids that must pass")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a report.json or history SQLite file: fail only on items worse than it",
    )
    parser.add_argument("--junit", type=Path, help="also write the gate's result as JUnit XML")


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got '{text}'") from None


def today_in_china() -> dt.date:
    return dt.datetime.now(CHINA_TZ).date()


# ------------------------------------------------------------------ commands


def cmd_check_rules(args: argparse.Namespace) -> int:
    problems: list[str] = []
    for path in args.rules:
        try:
            rules, checklist = load_school(path)
        except InputError as exc:
            problems += exc.problems
            continue
        declared = sum(1 for r in rules.items.values() if r.urls)
        print(
            f"{path}: 规则有效（{rules.school.name}，声明了 {declared}/{len(checklist.items)} 项的位置）"
        )
    if problems:
        raise InputError(problems)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    if args.rules.exists():
        raise InputError([f"{args.rules}: 文件已存在，未覆盖"])
    if url_problem(args.base_url, frozenset({urlsplit(args.base_url).hostname or ""})):
        raise InputError([f"--base-url: 应为 http(s) 网址（实际为 '{args.base_url}'）"])
    checklist = load_checklist(args.checklist)
    text = rules_template(checklist, args.name, args.kind, args.base_url)
    write_atomic(args.rules, text.encode("utf-8"))
    print(
        f"已写入 {args.rules}：请为每一项填写 urls 和 department，然后运行 xxgk check-rules {args.rules}"
    )
    return EXIT_OK


def cmd_report_check(args: argparse.Namespace) -> int:
    return report_check.run(
        args.source, args.rules, args.deadline, args.period, args.out, today=today_in_china()
    )


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(rules_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    rules, checklist = load_school(args.rules)
    out = args.out or Path("reports") / _slug(args.rules)
    db = None if args.no_history else args.history or DEFAULT_HISTORY
    trend = history.trend(db, rules.school.name) if db else []
    result = run_audit(rules, checklist, args, resolve=_resolve_map(args.resolve))
    paths = write_reports(result, out, _formats(args.formats), trend)
    _print_summary(result, paths, args.quiet)
    _record(db, result, args.quiet)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if not DEMO_SITE.is_dir():
        raise RunError("示例站点只随源代码仓库提供（examples/site），请在仓库目录中运行 make demo")
    rules, checklist = load_school(DEMO_RULES)
    db = None if args.no_history else args.history or args.out / "history.sqlite"
    trend = history.trend(db, rules.school.name) if db else []
    with sitehost.serve(DEMO_SITE) as port:
        resolve = {host: f"127.0.0.1:{port}" for host in sitehost.host_folders(DEMO_SITE)}
        if not args.quiet:
            print(f"示例站点已在 http://127.0.0.1:{port}/ 上运行（{len(resolve)} 个主机）")
        result = run_audit(rules, checklist, args, resolve=resolve)
    paths = write_reports(result, args.out, _formats(args.formats), trend)
    _print_summary(result, paths, args.quiet)
    _record(db, result, args.quiet)
    return EXIT_OK


def cmd_gaps(args: argparse.Namespace) -> int:
    """Gap lists from a report.json: CSV, Markdown and XLSX (one workbook, or one each)."""
    try:
        raw = args.report.read_bytes()
    except OSError:
        raise InputError([f"--report: 文件不存在或无法读取（实际为 '{args.report}'）"]) from None
    try:
        result = parse_report(raw)
    except ValueError:
        raise InputError(
            [f"--report: 不是 xxgk 的 report.json（实际为 '{args.report}'）"]
        ) from None
    out = args.out or args.report.parent
    files = {"gaps.csv": gaps.render_csv(result), "gaps.md": gaps.render_markdown(result)}
    files.update(gaps.split_xlsx(result) if args.split else {"gaps.xlsx": gaps.render_xlsx(result)})
    for name, data in files.items():
        write_atomic(out / name, data)
    groups = gaps.gaps_by_department(result)
    total = sum(len(items) for items in groups.values())
    print(
        f"{result.school['name']}（核查日期 {result.as_of}）：{total} 项问题，涉及 {len(groups)} 个部门"
    )
    for department, items in groups.items():
        print(f"  {department}：{len(items)} 项")
    print("问题清单已写入：")
    for name in files:
        print(f"  {out / name}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """Newly failing, fixed and still-open items between two recorded runs."""
    if args.list:
        print(history.render_runs(history.runs(args.history, args.school)))
        return EXIT_OK
    old, new = history.pick_runs(args.history, args.run_a, args.run_b, args.school)
    print(history.render_diff(history.diff(args.history, old.id, new.id)), end="")
    return EXIT_OK


def _add_history_options(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--history", type=Path, help=f"SQLite file every run is recorded in (default: {default})"
    )
    parser.add_argument("--no-history", action="store_true", help="do not record this run")


def _record(db: Path | None, result: AuditResult, quiet: bool) -> None:
    """Record the run after its reports are written, in one transaction."""
    if db is None:
        return
    run_id = history.record_run(db, result, recorded_at=dt.datetime.now(CHINA_TZ))
    if not quiet:
        print(f"  {db}（历史记录：运行 #{run_id}，xxgk diff --history {db} 可对比）")


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


def cmd_gate(args: argparse.Namespace) -> int:
    """Exit 0 when the site meets the gate, 1 when it does not (2 bad input, 3 no site)."""
    rules, checklist = load_school(args.rules)
    problems = _site_dir_problems(args.site_dir)
    if args.site_dir is not None and args.base_url is not None:
        problems.append("--site-dir 与 --base-url 只能二选一")
    if args.base_url is not None:
        try:
            rules = with_base_url(rules, args.base_url)
        except InputError as exc:
            problems += exc.problems
    settings: GateSettings | None = None
    try:
        settings = _gate_settings(args, rules, checklist)
    except InputError as exc:
        problems += exc.problems
    baseline: AuditResult | None = None
    if args.baseline is not None:
        try:
            baseline = _load_baseline(args.baseline, rules)
        except InputError as exc:
            problems += exc.problems
    if problems or settings is None:
        raise InputError(problems)
    out = args.out or Path("reports") / _slug(args.rules)
    result = run_audit(rules, checklist, args, resolve=_resolve_map(args.resolve))
    outcome = judge_gate(result, settings, rules.waivers, result.as_of, baseline)
    paths = write_reports(result, out, _formats(args.formats))
    if args.junit is not None:
        write_atomic(args.junit, gate_junit(outcome, result))
        paths.append(args.junit)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(outcome):
            print(line)
    print(render_summary(outcome), end="")
    if not args.quiet:
        print(f"报告已写入：{'、'.join(str(p) for p in paths)}")
    return EXIT_OK if outcome.passed else EXIT_GATE


def _gate_settings(args: argparse.Namespace, rules: Rules, checklist: Checklist) -> GateSettings:
    """The rules' gate with the command line's overrides; every bad option at once."""
    problems: list[str] = []
    for option, value in (
        ("--min-coverage", args.min_coverage),
        ("--min-timeliness", args.min_timeliness),
    ):
        if value is not None and not 0 <= value <= 1:
            problems.append(f"{option}: 超出范围（应为 0 到 1 之间的比例，实际为 '{value:g}'）")
    fail_on: tuple[Status, ...] | None = None
    if args.fail_on is not None:
        names = [n.strip() for n in args.fail_on.split(",") if n.strip()]
        allowed = [s.value for s in FAILING_STATUSES]
        wrong = [n for n in names if n not in allowed and n != "none"]
        if wrong or not names or ("none" in names and len(names) > 1):
            problems.append(
                f"--fail-on: 取值无效（应为 {'、'.join(allowed)} 的逗号列表或 none，实际为 '{args.fail_on}'）"
            )
        else:
            fail_on = tuple(Status(n) for n in names if n != "none")
    must_pass: tuple[int, ...] | None = None
    if args.must_pass is not None:
        parts = [p.strip() for p in args.must_pass.split(",") if p.strip()]
        ids = [int(p) for p in parts if p.isdigit()]
        unknown = [p for p in parts if not p.isdigit() or int(p) not in checklist.item_ids]
        if unknown:
            span = f"{min(checklist.item_ids)}–{max(checklist.item_ids)}"
            problems.append(
                f"--must-pass: 清单中没有这些事项：{'、'.join(unknown)}（应为 {span} 的逗号列表）"
            )
        must_pass = tuple(ids)
    if problems:
        raise InputError(problems)
    return GateSettings.from_rules(
        rules.gate,
        min_coverage=args.min_coverage,
        min_timeliness=args.min_timeliness,
        fail_on=fail_on,
        must_pass=must_pass,
    )


SQLITE_MAGIC = b"SQLite format 3\x00"


def _load_baseline(path: Path, rules: Rules) -> AuditResult:
    """The audit to compare with: a report.json, or the newest run in a history file."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise InputError([f"--baseline: 文件不存在或无法读取（实际为 '{path}'）"]) from None
    if raw.startswith(SQLITE_MAGIC):
        baseline = _baseline_from_history(path, rules)
    else:
        try:
            baseline = parse_report(raw)
        except ValueError:
            raise InputError(
                [f"--baseline: 不是 xxgk 的 report.json，也不是历史数据库（实际为 '{path}'）"]
            ) from None
    if baseline.school.get("name") != rules.school.name:
        raise InputError(
            [
                f"--baseline: 基线是另一所学校的核查结果"
                f"（应为 {rules.school.name}，实际为 '{baseline.school.get('name')}'）"
            ]
        )
    return baseline


def _baseline_from_history(path: Path, rules: Rules) -> AuditResult:
    """The school's newest recorded run in a history database."""
    result = history.latest_result(path, rules.school.name)
    if result is None:
        raise InputError(
            [f"--baseline: 历史记录中没有 {rules.school.name} 的核查（实际为 '{path}'）"]
        )
    return result


def _site_dir_problems(site_dir: Path | None) -> list[str]:
    if site_dir is not None and not site_dir.is_dir():
        return [f"--site-dir: 目录不存在（实际为 '{site_dir}'）"]
    return []


# ------------------------------------------------------------------ wiring


def load_school(path: Path) -> tuple[Rules, Checklist]:
    """Rules validated against the checklist they name; every problem at once."""
    rules = load_rules(path)
    checklist = load_checklist(rules.checklist)
    return load_rules(path, checklist.item_ids), checklist


def seeds_for(rules: Rules, checklist: Checklist) -> list[CrawlRequest]:
    seeds: list[CrawlRequest] = []
    for item in checklist.items:
        rule = rules.items.get(item.id)
        if rule is None or not_applicable_reason(item, rule, rules.school.kind) is not None:
            continue
        seeds += [
            CrawlRequest(
                url=resolve_url(rules, url),
                role="seed",
                pages_left=rule.pages - 1,
                articles=rule.articles,
                section=rule.section,
            )
            for url in rule.urls
        ]
    return seeds


def run_audit(
    rules: Rules, checklist: Checklist, args: argparse.Namespace, resolve: dict[str, str]
) -> AuditResult:
    problems = _site_dir_problems(args.site_dir)
    if problems:
        raise InputError(problems)
    as_of = args.as_of or today_in_china()
    settings = settings_from_rules(
        rules,
        rate=args.rate,
        concurrency=args.concurrency,
        max_pages=args.max_pages,
        timeout=args.timeout,
        resolve=resolve,
        site_dir=args.site_dir,
        cache_dir=None if args.no_cache else args.cache_dir,
        revalidate_all=args.revalidate_all,
    )
    with crawl_school(rules, checklist, settings, as_of, progress=not args.quiet) as crawled:
        return evaluate(
            checklist, rules, crawled.pages, as_of, crawled.stats, crawled.facts, crawled.store
        )


def crawl_school(
    rules: Rules, checklist: Checklist, settings: CrawlSettings, as_of: dt.date, *, progress: bool
) -> CrawlResult:
    """The crawl of an audit: the rules' seeds, each page read once for `as_of`.
    Close the result (or use it in a `with`) once evaluated."""
    seeds = seeds_for(rules, checklist)
    crawled = crawl(
        seeds,
        settings,
        partial(digest, as_of=as_of),
        digest_key=f"{__version__}|{as_of}",
        progress=progress,
    )
    try:
        _check_reached(crawled, seeds)
    except RunError:
        crawled.close()
        raise
    return crawled


def _check_reached(crawled: CrawlResult, seeds: list[CrawlRequest]) -> None:
    answered = [p for p in crawled.pages.values() if p.status > 0]
    if seeds and not answered:
        first = crawled.pages.get(seeds[0].url)
        reason = first.error if first is not None else "没有抓取到任何页面"
        raise RunError(f"站点没有任何响应（{reason}）")


def _resolve_map(pairs: list[str]) -> dict[str, str]:
    resolve: dict[str, str] = {}
    for pair in pairs:
        host, sep, address = pair.partition("=")
        if not sep or not host or ":" not in address:
            raise InputError([f"--resolve: 格式应为 HOST=ADDR:PORT（实际为 '{pair}'）"])
        resolve[host.lower()] = address
    return resolve


def _formats(text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError([f"--format: 未知格式 {', '.join(unknown)}（可选：{', '.join(FORMATS)}）"])
    return formats


def _slug(path: Path) -> str:
    return path.stem


def _print_summary(result: AuditResult, paths: list[Path], quiet: bool) -> None:
    if quiet:
        return
    s = result.summary
    print(f"\n{result.school['name']} 信息公开核查（核查日期 {result.as_of}）")
    print("-" * 40)
    for status in COUNT_ORDER:
        label = STATUS_LABELS[status]
        print(f"  {label}{'　' * (5 - len(label))} {status.value:<15}{s.counts[status.value]:>3}")
    print("-" * 40)
    print(
        f"  适用事项 {s.applicable}  要素覆盖率 {percent(s.coverage)}  "
        f"及时率 {percent(s.timeliness)}  合格率 {percent(s.pass_rate)}"
    )
    f = result.fetch
    print(f"  抓取 {f.pages} 个网址，出错 {f.errors} 个，用时 {f.seconds} 秒")
    print("\n报告已写入：")
    for path in paths:
        print(f"  {path}")
