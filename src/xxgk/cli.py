"""Command line: parses arguments, wires the stages, sets the exit code.

The only module that reads the clock or the environment.
Exit codes: 0 ran (gate passed) · 1 gate failed · 2 usage or rules error · 3 could not run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from xxgk import __version__, sitehost
from xxgk.checklist import CHECKLIST_DIR, Checklist, load_checklist
from xxgk.errors import InputError, RunError, XxgkError
from xxgk.evaluate import evaluate, not_applicable_reason
from xxgk.extract import follow_links
from xxgk.fetch import CrawlResult, crawl, settings_from_rules
from xxgk.models import COUNT_ORDER, AuditResult, CrawlRequest
from xxgk.report import FORMATS, write_reports
from xxgk.report.labels import STATUS_LABELS, percent
from xxgk.rules import Rules, load_rules, resolve_url, rules_json_schema

REPO_DIR = CHECKLIST_DIR.parent
DEMO_RULES = REPO_DIR / "rules" / "demo.yaml"
DEMO_SITE = REPO_DIR / "examples" / "site"
DEMO_AS_OF = dt.date(2026, 11, 30)
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_RUN = 0, 1, 2, 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
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
    audit.set_defaults(handler=cmd_audit)

    demo = commands.add_parser("demo", help="audit the bundled sample school site")
    _add_run_options(demo, default_out=Path("reports/demo"), as_of=DEMO_AS_OF)
    demo.set_defaults(handler=cmd_demo)

    check = commands.add_parser("check-rules", help="validate a rules file")
    check.add_argument("rules", type=Path, nargs="+", help="rules YAML file(s)")
    check.set_defaults(handler=cmd_check_rules)

    schema = commands.add_parser("schema", help="print the JSON Schema of rules files")
    schema.set_defaults(handler=cmd_schema)
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
    parser.add_argument("--rate", type=float, help="requests per second per host")
    parser.add_argument("--concurrency", type=int, help="connections per host")
    parser.add_argument("--max-pages", type=int, help="stop after this many fetched URLs")
    parser.add_argument("--timeout", type=float, help="connect and read timeout in seconds")
    parser.add_argument("--no-cache", action="store_true", help="do not use the HTTP cache")
    parser.add_argument("--quiet", action="store_true", help="no summary table")


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


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(rules_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    rules, checklist = load_school(args.rules)
    out = args.out or Path("reports") / _slug(args.rules)
    result = run_audit(rules, checklist, args, resolve={})
    paths = write_reports(result, out, _formats(args.formats))
    _print_summary(result, paths, args.quiet)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    rules, checklist = load_school(DEMO_RULES)
    with sitehost.serve(DEMO_SITE) as port:
        resolve = {host: f"127.0.0.1:{port}" for host in sitehost.host_folders(DEMO_SITE)}
        if not args.quiet:
            print(f"示例站点已在 http://127.0.0.1:{port}/ 上运行（{len(resolve)} 个主机）")
        result = run_audit(rules, checklist, args, resolve=resolve)
    paths = write_reports(result, args.out, _formats(args.formats))
    _print_summary(result, paths, args.quiet)
    return EXIT_OK


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
    as_of = args.as_of or today_in_china()
    settings = settings_from_rules(
        rules,
        rate=args.rate,
        concurrency=args.concurrency,
        max_pages=args.max_pages,
        timeout=args.timeout,
        resolve=resolve,
        site_dir=args.site_dir,
        cache_dir=None if args.no_cache else Path("reports") / ".cache",
    )
    seeds = seeds_for(rules, checklist)
    crawled = crawl(seeds, settings, partial(follow_links, as_of=as_of), progress=not args.quiet)
    _check_reached(crawled, seeds)
    return evaluate(checklist, rules, crawled.pages, as_of, crawled.stats)


def _check_reached(crawled: CrawlResult, seeds: list[CrawlRequest]) -> None:
    answered = [p for p in crawled.pages.values() if p.status > 0]
    if seeds and not answered:
        first = crawled.pages.get(seeds[0].url)
        reason = first.error if first is not None else "没有抓取到任何页面"
        raise RunError(f"站点没有任何响应（{reason}）")


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
