"""Dates in every form Chinese sites write them: one ``(pattern, parser)`` entry per form in
``DATE_PATTERNS``, most specific first, and the scanner that reads them out of text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import MappingProxyType

from xxgk.extract.html import unique
from xxgk.limits import MAX_DATES_PER_TEXT


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a date parser needs besides the match: the evaluation day and a year hint."""

    as_of: dt.date
    context_year: int | None = None


DateParser = Callable[[re.Match[str], DateContext], "dt.date | None"]


_CN_DIGITS = "〇一二三四五六七八九"


_CN_ZEROS = "零○Ｏ"


# Full-width digits and separators scanned as ASCII (one character each: positions hold).
FULLWIDTH = MappingProxyType(str.maketrans("０１２３４５６７８９／－．", "0123456789/-."))


# How far back a year-less date may be placed when no year hint exists (02-29 needs 8).
_YEAR_SEARCH = 8


def make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_year(month: int, day: int, ctx: DateContext) -> dt.date | None:
    """Place a year-less month-day: in ``context_year`` (or the year before it when that
    would fall after ``as_of``: a list crossing a new year), else in the latest year that
    does not put it after ``as_of``."""
    if ctx.context_year is not None:
        first = make_date(ctx.context_year, month, day)
        if first is not None and first > ctx.as_of:
            return make_date(ctx.context_year - 1, month, day) or first
        return first
    for year in range(ctx.as_of.year, ctx.as_of.year - _YEAR_SEARCH, -1):
        candidate = make_date(year, month, day)
        if candidate is not None and candidate <= ctx.as_of:
            return candidate
    return None


def _parse_ymd(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    return make_date(int(match["y"]), int(match["m"]), int(match["d"]))


def _parse_either_order(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if first > 12 >= second:
        return make_date(year, second, first)
    if second > 12 >= first or first == second:
        return make_date(year, first, second)
    return None


def _parse_month_day(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    return _resolve_year(int(match["m"]), int(match["d"]), ctx)


def _parse_month_only(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    return None  # a year and month without a day is not a date


def _cn_digit(char: str) -> int:
    return 0 if char in _CN_ZEROS else _CN_DIGITS.index(char)


def _cn_number(text: str) -> int:
    """十 → 10, 十一 → 11, 二十 → 20, 三十一 → 31, 五 → 5."""
    if "十" not in text:
        return _cn_digit(text)
    tens, _, ones = text.partition("十")
    return (_cn_digit(tens) if tens else 1) * 10 + (_cn_digit(ones) if ones else 0)


def _parse_chinese(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    year = int("".join(str(_cn_digit(char)) for char in match["y"]))
    return make_date(year, _cn_number(match["m"]), _cn_number(match["d"]))


_Y = r"(?P<y>(?:19|20)\d{2})"


_TIME = r"(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2})?)?"


_CN_DIGIT_CLASS = "〇零○Ｏ一二三四五六七八九"


DATE_PATTERNS: tuple[tuple[re.Pattern[str], DateParser], ...] = (
    # WebPlus article URL: /2023/1030/c2361a123/page.htm
    (re.compile(r"/" + _Y + r"/(?P<m>\d{2})(?P<d>\d{2})/"), _parse_ymd),
    # TRS-style file name: /202310/t20231030_123.html
    (re.compile(r"(?<![A-Za-z0-9])t" + _Y + r"(?P<m>\d{2})(?P<d>\d{2})_\d+"), _parse_ymd),
    # compact date as a path segment or a timestamp file name: /20231030/, /20231030162656.pdf
    (
        re.compile(r"/" + _Y + r"(?P<m>\d{2})(?P<d>\d{2})(?:/|\d{4,}\.[A-Za-z0-9]+)"),
        _parse_ymd,
    ),
    # Xinhua-style folders: /2020-02/19/c_1125594.htm
    (re.compile(r"/" + _Y + r"-(?P<m>\d{2})/(?P<d>\d{2})/"), _parse_ymd),
    # year-month folders without a day: /2023-10/, /202310/ (claimed so nothing reads them)
    (re.compile(r"/" + _Y + r"-?(?P<m>\d{2})/"), _parse_month_only),
    # 2023-10-31, 2023/10/31, 2023.10.31, with an optional time 10:23(:45)
    (
        re.compile(
            r"(?<!\d)" + _Y + r"[ \t]*(?P<sep>[-/.])[ \t]*(?P<m>\d{1,2})[ \t]*(?P=sep)"
            r"[ \t]*(?P<d>\d{1,2})(?!\d)" + _TIME
        ),
        _parse_ymd,
    ),
    # US order with a 12-hour clock, as ASP.NET writes it: 9/17/2004 5:54:13 AM
    (
        re.compile(
            r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/"
            + _Y
            + r"\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp][Mm])\b"
        ),
        _parse_ymd,
    ),
    # a year last with no clock to say the order: read only when a part over 12 says which
    # is the day (17/9/2004, 9/17/2004); 5/6/2004 could be either and is no date
    (
        re.compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/" + _Y + r"(?![\d/])"),
        _parse_either_order,
    ),
    # 2023年10月31日, 2024年3月5日
    (
        re.compile(
            r"(?<!\d)" + _Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]" + _TIME
        ),
        _parse_ymd,
    ),
    # 二〇二三年十月三十一日
    (
        re.compile(
            rf"(?P<y>[{_CN_DIGIT_CLASS}]{{4}})\s*年\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月"
            r"\s*(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
        ),
        _parse_chinese,
    ),
    # day and year/month in separate elements: <span>07</span>2026/07
    (
        re.compile(
            r"(?<![\d/.\-])(?P<d>\d{1,2})\s+" + _Y + r"\s*[/.\-]\s*(?P<m>\d{1,2})(?![\d/.\-])"
        ),
        _parse_ymd,
    ),
    # year/month then day: <div class="d-m">2026/08</div><div class="d-d">17</div>
    (
        re.compile(
            r"(?<![\d/.\-])" + _Y + r"\s*[/.\-]\s*(?P<m>\d{1,2})\s+(?P<d>\d{1,2})(?![\d/.\-:])"
        ),
        _parse_ymd,
    ),
    # year-less, bracketed: [10-31] (10-31) 【10-31】
    (
        re.compile(r"[\[(（【]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})\s*[\])）】]"),
        _parse_month_day,
    ),
    # year-less: 10月31日
    (re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"), _parse_month_day),
    # year-less, bare: 10-31 (two digits each, so 2-3 or 023-6886 are not dates)
    (
        re.compile(r"(?<![\d\-/.:])(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d\-/:])"),
        _parse_month_day,
    ),
)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    date: dt.date | None
    yearless: bool


def scan(text: str, ctx: DateContext) -> list[_Hit]:
    """Every date-shaped span, earlier patterns claiming text first, in reading order;
    at most MAX_DATES_PER_TEXT of them (each new span is checked against those taken)."""
    text = text.translate(FULLWIDTH)
    taken: list[tuple[int, int]] = []
    hits: list[_Hit] = []
    for pattern, parser in DATE_PATTERNS:
        yearless = "y" not in pattern.groupindex
        for match in pattern.finditer(text):
            if len(hits) >= MAX_DATES_PER_TEXT:
                break
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            hits.append(_Hit(start, end, parser(match, ctx), yearless))
    return sorted(hits, key=lambda hit: hit.start)


def find_dates(
    text: str,
    *,
    as_of: dt.date,
    context_year: int | None = None,
    include_future: bool = False,
) -> list[dt.date]:
    """All dates in ``text`` in reading order; those after ``as_of`` only if asked for."""
    ctx = DateContext(as_of, context_year)
    return [
        hit.date
        for hit in scan(text, ctx)
        if hit.date is not None and (include_future or hit.date <= as_of)
    ]


def parse_date(
    text: str,
    *,
    as_of: dt.date,
    context_year: int | None = None,
    include_future: bool = False,
) -> dt.date | None:
    """The first date in ``text`` (see :func:`find_dates`), or None."""
    dates = find_dates(text, as_of=as_of, context_year=context_year, include_future=include_future)
    return dates[0] if dates else None


def _future_note(date: dt.date) -> str:
    return f"忽略了晚于评估日的日期 {date.isoformat()}"


def full_dates(text: str, ctx: DateContext) -> list[dt.date]:
    return [hit.date for hit in scan(text, ctx) if hit.date and not hit.yearless]


def notes_for(future: Iterable[dt.date]) -> list[str]:
    return unique(_future_note(date) for date in sorted(set(future)))
