"""Item 6 inside the audit: the newest annual report the crawl read, checked the way
`xxgk report-check` checks one, and what that check means for the item.

Pure: evaluation hands over the report it found (its text, date and address) and the
dated entries the crawl saw; nothing here reads a page or the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xxgk.annual.check import ReportCheck, SourceKind, check_report
from xxgk.annual.parts import ANNEX_NAME
from xxgk.annual.periods import DEFAULT_DEADLINE, Deadline, ExpectedPeriod, expected_period
from xxgk.models import ElementResult, Frozen, Reason, ReasonKind, Status
from xxgk.rules import Rules

ANNUAL_REPORT_ITEM = 6  # the checklist item of the annual report (its deadline's key)
# 信息公开工作年度报告, 信息公开年度报告, 2025-2026学年信息公开报告 — not 质量年度报告
_REPORT_TITLE = re.compile(r"信息公开.{0,6}报告")
# A claimed count and the crawl's may differ this much before it is worth a person's look.
_CLAIM_SLACK = 0.2
_CLAIM_MIN_GAP = 5


def rules_deadline(rules: Rules | None) -> Deadline:
    """Item 6's deadline: the province's (`deadlines: {6: …}`), else the Ministry's 10-31."""
    if rules is not None and ANNUAL_REPORT_ITEM in rules.deadlines:
        return Deadline(month_day=rules.deadlines[ANNUAL_REPORT_ITEM], origin="rules")
    return Deadline(month_day=DEFAULT_DEADLINE)


def rules_period(rules: Rules | None) -> ExpectedPeriod:
    """The statistics period a report should cover: the province's, else the academic year."""
    if rules is not None and rules.annual_report.period is not None:
        return expected_period(rules.annual_report.period, "rules")
    return expected_period(None, "default")


def is_report_title(title: str) -> bool:
    return _REPORT_TITLE.search(title.replace(" ", "")) is not None


@dataclass(frozen=True)
class ReportRead:
    """The report evaluation found for item 6: where, and what it says."""

    url: str  # the article or document the column links
    title: str
    text: str
    published: dt.date | None
    kind: SourceKind
    document: str | None = None  # the attached PDF or DOCX read instead of the page


def check_in_audit(read: ReportRead, rules: Rules) -> ReportCheck:
    return check_report(
        read.text,
        published=read.published,
        expected_period=rules_period(rules),
        deadline=rules_deadline(rules),
        annex_required=rules.annual_report.annex,
        source=read.url,
        kind=read.kind,
        title=read.title,
        document=read.document,
    )


class ClaimCheck(Frozen):
    """A figure the report claims, beside what the crawl counted (report.json's
    `report_check.claims`)."""

    claim: str  # what is counted, as the report says it
    claimed: int
    crawled: int  # dated entries the crawl saw in the period, each URL once
    period_start: dt.date
    period_end: dt.date
    complete: bool  # every column the crawl read reached back past the period's start
    flagged: bool
    text: str  # Chinese, for people


def column_claim(
    check: ReportCheck, entries: Iterable[tuple[dt.date, str]], complete: bool
) -> ClaimCheck | None:
    """The report's claimed number of items in its disclosure column, beside the dated
    entries the crawl saw in the report's statistics period.

    The crawl reads only the first `pages` list pages of each column, so its count is a
    lower bound unless every column reached back past the period's start (`complete`):
    a claim below the crawl's count is always flagged, one above it only when complete.
    """
    claim = check.column_claim
    start = check.period.stated_start or check.period.expected_start
    end = check.period.stated_end or check.period.expected_end
    if claim is None or start is None or end is None:
        return None
    crawled = len({url for date, url in entries if start <= date <= end})
    claimed = int(claim.value)
    gap = abs(claimed - crawled)
    large = gap > max(_CLAIM_MIN_GAP, claimed * _CLAIM_SLACK)
    flagged = large and (crawled > claimed or complete)
    bound = "" if complete else "（只读了各栏目的前几页，这是下限）"
    verdict = "，相差较大，请核实" if flagged else ""
    text = (
        f"年度报告称信息公开专栏发布信息 {claimed} 条；本次核查的栏目在统计期间 {start} 至 "
        f"{end} 内共有 {crawled} 条有日期的条目{bound}{verdict}"
    )
    return ClaimCheck(
        claim=claim.label or claim.text,
        claimed=claimed,
        crawled=crawled,
        period_start=start,
        period_end=end,
        complete=complete,
        flagged=flagged,
        text=text,
    )


@dataclass(frozen=True)
class ItemEffect:
    """What the report check adds to item 6: an element per required part (and the annex
    where required), reasons, and the least status it allows."""

    elements: tuple[ElementResult, ...]
    reasons: tuple[Reason, ...]
    at_best: Status | None  # PARTIAL for a missing part, LATE for a late report


_FINDING_REASONS: dict[str, ReasonKind] = {
    "missing_part": ReasonKind.MISSING_ELEMENT,
    "missing_annex": ReasonKind.MISSING_ELEMENT,
    "part_order": ReasonKind.REPORT_CHECK,
    "period_missing": ReasonKind.REPORT_CHECK,
    "period_mismatch": ReasonKind.REPORT_CHECK,
    "late": ReasonKind.LATE,
    "undated": ReasonKind.UNDATED,
}


def item_effect(check: ReportCheck, claim: ClaimCheck | None) -> ItemEffect:
    where = check.document or check.source
    elements = [
        ElementResult(
            name=f"年度报告·{part.name}",
            found=part.found,
            where=where if part.found else None,
            snippet=part.heading,
        )
        for part in check.parts
    ]
    if check.annex.required:
        elements.append(
            ElementResult(
                name=f"年度报告·{ANNEX_NAME}",
                found=check.annex.found,
                where=where if check.annex.found else None,
                snippet=check.annex.heading,
            )
        )
    reasons = [
        Reason(kind=_FINDING_REASONS[finding.kind], text=f"年度报告核查：{finding.text}", url=where)
        for finding in check.findings
    ]
    if claim is not None and claim.flagged:
        reasons.append(Reason(kind=ReasonKind.REPORT_CHECK, text=claim.text, url=where))
    at_best: Status | None = None
    if any(not e.found for e in elements):
        at_best = Status.PARTIAL
    elif check.on_time is False:
        at_best = Status.LATE
    return ItemEffect(tuple(elements), tuple(reasons), at_best)


class CategoryClaim(Frozen):
    """A paragraph of 主动公开情况 saying a checklist category was published (1.基本信息：…),
    beside that category's audited items (report.json's `report_check.category_claims`)."""

    category: str
    line: int  # 1-based line of the report
    sentence: str
    failing: tuple[int, ...]  # the category's items the audit found missing or stale
    flagged: bool
    text: str  # Chinese, for people


# 1.基本信息：… / （一）招生考试信息。… / 3、财务、资产及收费信息：…
_CLAIM_LINE = re.compile(
    r"^\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十]{1,2}[)）])\s*(?P<rest>.+)"
)
_FAILING = (Status.MISSING, Status.STALE)


def _squeezed(text: str) -> str:
    return re.sub(r"[\s、，,]", "", text)


def _proactive_lines(check: ReportCheck, lines: list[str]) -> range:
    starts = sorted(part.line for part in check.parts if part.line is not None)
    proactive = next((p for p in check.parts if p.key == "proactive" and p.line), None)
    if proactive is None or proactive.line is None:
        return range(0)
    after = [line for line in starts if line > proactive.line]
    return range(proactive.line, (after[0] - 1) if after else len(lines))


def category_claims(
    text: str, check: ReportCheck, categories: Sequence[tuple[str, Sequence[tuple[int, Status]]]]
) -> list[CategoryClaim]:
    """Each category the report's 主动公开情况 says it published, with the category's items
    the audit found missing or stale: such a claim is flagged for a person to look at."""
    lines = text.splitlines()
    found: list[CategoryClaim] = []
    for index in _proactive_lines(check, lines):
        match = _CLAIM_LINE.match(lines[index])
        if match is None:
            continue
        head = _squeezed(match["rest"][:24])
        for name, items in categories:
            if not head.startswith(_squeezed(name)):
                continue
            failing = tuple(item for item, status in items if status in _FAILING)
            listed = "、".join(f"第{item}项" for item in failing)
            text_ = (
                f"年度报告称「{name}」已公开，本次核查中该类{listed}缺失或未及时更新"
                if failing
                else f"年度报告称「{name}」已公开，与本次核查相符"
            )
            found.append(
                CategoryClaim(
                    category=name,
                    line=index + 1,
                    sentence=lines[index].strip()[:120],
                    failing=failing,
                    flagged=bool(failing),
                    text=text_,
                )
            )
            break
    return found
