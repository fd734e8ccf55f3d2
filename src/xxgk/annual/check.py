"""One annual report checked: its parts, its dates and the figures it claims.

`check_report` is pure (text and dates in, a `ReportCheck` out): the same check runs on a
report read by `xxgk report-check` and on item 6's newest report inside an audit.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from xxgk.annual.figures import Figure, figures_of, find_figures, with_parts
from xxgk.annual.parts import ANNEX_NAME, AnnexFound, PartFound, PartKey, find_structure
from xxgk.annual.periods import (
    AcademicYear,
    Deadline,
    ExpectedPeriod,
    Origin,
    StatedPeriod,
    expected_dates,
    find_academic_year,
    find_date_line,
    find_stated_period,
    month_day_on_or_after,
)
from xxgk.models import Frozen

SourceKind = Literal["html", "pdf", "docx", "text"]
PublishedFrom = Literal["page", "date_line"]
FindingKind = Literal[
    "missing_part",
    "part_order",
    "missing_annex",
    "period_missing",
    "period_mismatch",
    "late",
    "undated",
]


class Finding(Frozen):
    """Why the report does not meet a check: a kind to select by, a sentence for people."""

    kind: FindingKind
    text: str
    part: PartKey | None = None


class PeriodCheck(Frozen):
    stated_start: dt.date | None = None
    stated_end: dt.date | None = None
    sentence: str | None = None  # where the report states its statistics period
    expected: str  # MM-DD:MM-DD
    expected_origin: Origin
    expected_start: dt.date | None = None  # the expected period for the report's year
    expected_end: dt.date | None = None
    matches: bool | None = None  # None when the report states no period


class ReportCheck(Frozen):
    """The result of checking one annual report (report.json's `report_check` block)."""

    source: str
    kind: SourceKind
    document: str | None  # the PDF or DOCX linked from the source page, when read instead
    title: str
    academic_year: str | None  # 2022-2023
    parts: tuple[PartFound, ...]  # the seven required parts, in the Ministry's order
    parts_in_order: bool
    annex: AnnexFound
    period: PeriodCheck
    published: dt.date | None
    published_from: PublishedFrom | None  # the page's date, else the date line at the end
    deadline: dt.date | None
    deadline_origin: Origin
    on_time: bool | None
    figures: tuple[Figure, ...]
    findings: tuple[Finding, ...]
    passed: bool  # every check met: no findings

    @property
    def missing_parts(self) -> tuple[PartFound, ...]:
        return tuple(part for part in self.parts if not part.found)

    @property
    def column_claim(self) -> Figure | None:
        """The number of items the report says its disclosure column published: the largest
        信息公开专栏 figure in 主动公开情况 (the total, not a category's share), else anywhere."""
        column = figures_of(self.figures, "column_items")
        proactive = [figure for figure in column if figure.part == "proactive"]
        return max(proactive or column, key=lambda figure: figure.value, default=None)


def _report_year(
    academic: AcademicYear | None, stated: StatedPeriod | None, published: dt.date | None
) -> int | None:
    """The year the report's academic year ends in: named, else from its dates."""
    if academic is not None:
        return academic.end
    if stated is not None:
        return stated.end.year
    return None if published is None else published.year - (published.month < 9)


def _period_check(
    expected: ExpectedPeriod, stated: StatedPeriod | None, year: int | None
) -> PeriodCheck:
    start, end = expected_dates(expected, year) if year is not None else (None, None)
    return PeriodCheck(
        stated_start=stated.start if stated else None,
        stated_end=stated.end if stated else None,
        sentence=stated.sentence if stated else None,
        expected=expected.label,
        expected_origin=expected.origin,
        expected_start=start,
        expected_end=end,
        matches=None
        if stated is None or start is None
        else (stated.start, stated.end) == (start, end),
    )


ORIGIN_WORDS: dict[Origin, str] = {"default": "默认", "rules": "规则文件", "option": "命令行"}


def _findings(
    parts: tuple[PartFound, ...],
    out_of_order: tuple[PartKey, ...],
    annex: AnnexFound,
    period: PeriodCheck,
    published: dt.date | None,
    deadline: dt.date | None,
) -> list[Finding]:
    findings = [
        Finding(kind="missing_part", text=f"缺少必备部分「{part.name}」", part=part.key)
        for part in parts
        if not part.found
    ]
    by_key = {part.key: part for part in parts}
    findings += [
        Finding(
            kind="part_order",
            text=f"「{by_key[key].heading}」（第 {by_key[key].line} 行）的位置不符合规定顺序",
            part=key,
        )
        for key in out_of_order
    ]
    if annex.required and not annex.found:
        findings.append(Finding(kind="missing_annex", text=f"缺少附表「{ANNEX_NAME}」"))
    expected = f"{period.expected_start} 至 {period.expected_end}"
    origin = ORIGIN_WORDS[period.expected_origin]
    if period.stated_start is None:
        findings.append(Finding(kind="period_missing", text="报告未写明统计数据的起止时间"))
    elif period.matches is False:
        findings.append(
            Finding(
                kind="period_mismatch",
                text=f"统计期间为 {period.stated_start} 至 {period.stated_end}，"
                f"与应有的 {expected}（{origin}统计期间 {period.expected}）不符",
            )
        )
    if published is None:
        findings.append(Finding(kind="undated", text="无法确定报告的发布日期"))
    elif deadline is not None and published > deadline:
        days = (published - deadline).days
        findings.append(
            Finding(
                kind="late",
                text=f"发布日期 {published} 晚于截止日期 {deadline}（逾期 {days} 天）",
            )
        )
    return findings


def _title(lines: list[str]) -> str:
    """The report's title: its first line, with the next when only that one says 报告
    (湖南某某学院 / 2022-2023学年信息公开报告)."""
    head = [line.strip() for line in lines if line.strip()][:2]
    if len(head) == 2 and "报告" not in head[0] and "报告" in head[1]:
        return f"{head[0]}{head[1]}"
    return head[0] if head else ""


def check_report(
    text: str,
    *,
    published: dt.date | None,
    expected_period: ExpectedPeriod,
    deadline: Deadline,
    annex_required: bool = False,
    source: str = "",
    kind: SourceKind = "text",
    title: str = "",
    document: str | None = None,
) -> ReportCheck:
    """Check one report's text. `published`: the page's (or document's) own date, if known;
    else the date line at the report's end is taken."""
    lines = text.splitlines()
    structure = find_structure(text, annex_required=annex_required)
    academic = find_academic_year(lines)
    stated = find_stated_period(text)
    published_from: PublishedFrom | None = "page" if published is not None else None
    if published is None:
        date_line = find_date_line(lines)
        if date_line is not None:
            published, published_from = date_line.date, "date_line"
    year = _report_year(academic, stated, published)
    period = _period_check(expected_period, stated, year)
    anchor = period.expected_end or (stated.end if stated else None)
    due = month_day_on_or_after(deadline.month_day, anchor) if anchor is not None else None
    findings = _findings(
        structure.parts, structure.out_of_order, structure.annex, period, published, due
    )
    return ReportCheck(
        source=source,
        kind=kind,
        document=document,
        title=title or _title(lines),
        academic_year=academic.label if academic else None,
        parts=structure.parts,
        parts_in_order=structure.in_order,
        annex=structure.annex,
        period=period,
        published=published,
        published_from=published_from,
        deadline=due,
        deadline_origin=deadline.origin,
        on_time=None if published is None or due is None else published <= due,
        figures=with_parts(find_figures(text), structure.parts),
        findings=tuple(findings),
        passed=not findings,
    )
