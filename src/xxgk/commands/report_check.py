"""`xxgk report-check SOURCE`: check one annual disclosure report (信息公开工作年度报告).

SOURCE is a URL (fetched once, politely, by `xxgk.fetch`), an HTML page, a text file, a
PDF or a DOCX. Exit 0 when the report meets every check, 1 when it does not; bad input
raises `InputError` (exit 2), an unreadable source `RunError` (exit 3).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from urllib.parse import urlsplit

from xxgk.annual.audit import rules_deadline, rules_period
from xxgk.annual.check import ReportCheck, check_report
from xxgk.annual.periods import DEFAULT_DEADLINE, Deadline, ExpectedPeriod, expected_period
from xxgk.annual.render import render_json, render_markdown, render_text
from xxgk.annual.source import ReportText, linked_document, report_text
from xxgk.checklist import check_month_day
from xxgk.errors import InputError, RunError
from xxgk.fetch import CrawlSettings, Fetcher, decode_body, settings_from_rules
from xxgk.models import Page
from xxgk.rules import Rules, load_rules
from xxgk.safe_write import write_atomic
from xxgk.urls import host_key

OUTPUTS = ("report-check.json", "report-check.md")
_SUFFIX_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".htm": "text/html",
    ".html": "text/html",
    ".shtml": "text/html",
    ".xhtml": "text/html",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="URL, HTML page, text file, PDF or DOCX")
    parser.add_argument(
        "--rules", type=Path, help="the school's rules YAML (deadlines: 6, annual_report:)"
    )
    parser.add_argument(
        "--deadline",
        metavar="MM-DD",
        help=f"publication deadline (default: the rules' deadlines: 6, else {DEFAULT_DEADLINE})",
    )
    parser.add_argument(
        "--period",
        metavar="MM-DD:MM-DD",
        help="expected statistics period (default: the rules' annual_report.period, "
        "else 09-01:08-31)",
    )
    parser.add_argument(
        "--out", type=Path, help=f"also write {' and '.join(OUTPUTS)} to this folder"
    )


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def _deadline(option: str | None, rules: Rules | None) -> Deadline:
    if option is not None:
        try:
            return Deadline(month_day=check_month_day(option), origin="option")
        except ValueError as exc:
            raise InputError([f"--deadline: {exc}"]) from None
    return rules_deadline(rules)


def _period(option: str | None, rules: Rules | None) -> ExpectedPeriod:
    if option is not None:
        try:
            return expected_period(option, "option")
        except ValueError as exc:
            raise InputError([f"--period: {exc}"]) from None
    return rules_period(rules)


def fetch_report(url: str, rules: Rules | None) -> Page:
    """One GET of the report (after robots.txt), with the crawler's manners: the rules' rate,
    timeout, size cap and contact when given."""
    hosts = frozenset({host_key(url)})
    settings = (
        settings_from_rules(rules, allowed_hosts=hosts, retries=1, concurrency=1)
        if rules is not None
        else CrawlSettings(allowed_hosts=hosts, retries=1, concurrency=1)
    )
    fetcher = Fetcher(settings)
    try:
        page = fetcher.fetch(url)
    finally:
        fetcher.close()
    if not page.is_ok:
        raise RunError(f"无法读取年度报告 {url}：{page.error or f'HTTP {page.status}'}")
    return page


def read_file(path: Path) -> Page:
    try:
        content = path.read_bytes()
    except OSError as exc:
        reason = "文件不存在" if isinstance(exc, FileNotFoundError) else "文件无法读取"
        raise InputError([f"SOURCE: {reason}（实际为 '{path}'）"]) from None
    content_type = _SUFFIX_TYPES.get(path.suffix.lower(), "text/plain")
    headers = {"content-type": content_type}
    text, encoding, notes = decode_body(content, headers)
    url = path.resolve().as_uri()
    return Page(
        url=url,
        final_url=url,
        status=200,
        headers=headers,
        content=content,
        text=text,
        encoding=encoding,
        notes=tuple(notes),
    )


def _read(location: str, rules: Rules | None, today: dt.date) -> ReportText:
    page = fetch_report(location, rules) if is_url(location) else read_file(Path(location))
    read = report_text(page, as_of=today)
    if not read.text.strip():
        reason = (
            "不是网页、文本、PDF 或 DOCX 文件"
            if read.kind == "text" and page.content
            else "没有可提取的文字（文件损坏或为扫描件）"
        )
        raise RunError(f"无法读取年度报告 {location}：{reason}")
    return read


def check_source(
    source: str,
    *,
    rules: Rules | None,
    deadline: Deadline,
    period: ExpectedPeriod,
    today: dt.date,
) -> ReportCheck:
    """Read SOURCE and check it; RunError when it holds no readable text.

    A web page that only links the report (an article with the PDF attached, as most
    schools publish it) is read through its first PDF or DOCX, with the page's date.
    """
    read = _read(source, rules, today)
    document = linked_document(read)  # a web page's links: http(s) URLs only
    if document is not None:
        attached = _read(document, rules, today)
        read = attached.model_copy(update={"published": read.published, "title": read.title})
    return check_report(
        read.text,
        published=read.published,
        expected_period=period,
        deadline=deadline,
        annex_required=rules.annual_report.annex if rules is not None else False,
        source=source,
        kind=read.kind,
        title=read.title,
        document=document,
    )


def run(
    source: str,
    rules_path: Path | None,
    deadline: str | None,
    period: str | None,
    out: Path | None,
    *,
    today: dt.date,
) -> int:
    """Check the report at SOURCE, print the summary, write JSON and Markdown to `out`.

    Returns 0 when the report meets every check, 1 when it does not.
    """
    problems: list[str] = []
    rules: Rules | None = None
    if rules_path is not None:
        try:
            rules = load_rules(rules_path)
        except InputError as exc:
            problems += exc.problems
    chosen: dict[str, Deadline | ExpectedPeriod] = {}
    for name, read, value in (("deadline", _deadline, deadline), ("period", _period, period)):
        try:
            chosen[name] = read(value, rules)
        except InputError as exc:
            problems += exc.problems
    if not is_url(source) and not Path(source).is_file():
        problems.append(f"SOURCE: 文件不存在（实际为 '{source}'）")
    if problems:
        raise InputError(problems)
    chosen_deadline, chosen_period = chosen["deadline"], chosen["period"]
    assert isinstance(chosen_deadline, Deadline) and isinstance(chosen_period, ExpectedPeriod)
    check = check_source(
        source, rules=rules, deadline=chosen_deadline, period=chosen_period, today=today
    )
    sys.stdout.write(render_text(check))
    if out is not None:
        for name, data in zip(OUTPUTS, (render_json(check), render_markdown(check)), strict=True):
            write_atomic(out / name, data)
        sys.stdout.write(f"结果已写入：{'、'.join(str(out / name) for name in OUTPUTS)}\n")
    return 0 if check.passed else 1
