"""Dates of an annual report: the academic year it covers, the statistics period it states,
the period expected, the date it was published and its deadline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal

from xxgk.annual.numerals import CN_DIGITS, FULLWIDTH, parse_chinese_number
from xxgk.checklist import check_month_day
from xxgk.extract import find_dates
from xxgk.models import Frozen

DEFAULT_PERIOD = "09-01:08-31"  # the academic year (most reports; 教育部 notices)
DEFAULT_DEADLINE = "10-31"  # 「每年10月底前」
Origin = Literal["default", "rules", "option"]

# find_dates places a year-less date (10月31日) in this year, so that it can be told apart
_YEARLESS = 1
_STAT_WORDS = re.compile(r"统计|起止|时间段|时段|期间|时限|期限|区间")
_SENTENCE = re.compile(r"[^。；;\n]+")
_CN_YEAR = f"[{''.join(CN_DIGITS)}]{{4}}"
_ACADEMIC_YEAR = re.compile(
    rf"(?P<a>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年?\s*[-—–－~～至到]+\s*"
    rf"(?P<b>(?:19|20)\d{{2}}|{_CN_YEAR})\s*学年"
)
_CN_MONTH = "十[一二]?|[一二三四五六七八九]"
# 「2022年9月至2023年8月」: months without days, from the first day to the last
_MONTH_RANGE = re.compile(
    rf"(?P<y1>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年\s*(?P<m1>\d{{1,2}}|{_CN_MONTH})\s*月份?\s*"
    rf"[-—–~～至到]+\s*(?P<y2>(?:19|20)\d{{2}}|{_CN_YEAR})\s*年\s*(?P<m2>\d{{1,2}}|{_CN_MONTH})"
    r"\s*月(?!\s*[\d一二三四五六七八九十])"
)
_TITLE_LINES = 6  # the title block where the academic year is named
# a line that is a date, after at most a name: no digits, tabs (table cells) or sentences
_DATE_LINE = re.compile(
    rf"^[^\d\t。，；：:]{{0,30}}?(?:(?:19|20)\d{{2}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号]"
    rf"|{_CN_YEAR}\s*年\s*(?:{_CN_MONTH})\s*月\s*[一二三]?十?[一二三四五六七八九十]?\s*[日号]"
    r"|(?:19|20)\d{2}(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2})\s*$"
)


class ExpectedPeriod(Frozen):
    """The statistics period a report should state, as `MM-DD:MM-DD`, and where it was set."""

    start: str  # MM-DD
    end: str  # MM-DD
    origin: Origin = "default"

    @property
    def label(self) -> str:
        return f"{self.start}:{self.end}"


class Deadline(Frozen):
    month_day: str  # MM-DD
    origin: Origin = "default"


def check_period(value: str) -> str:
    """`"MM-DD:MM-DD"`, both days real; the pydantic validator of rules and --period."""
    start, sep, end = value.partition(":")
    try:
        if not sep:
            raise ValueError
        check_month_day(start)
        check_month_day(end)
    except ValueError:
        raise ValueError(f"统计期间无效（应为 \"MM-DD:MM-DD\"，实际为 '{value}'）") from None
    return value


def expected_period(value: str | None, origin: Origin) -> ExpectedPeriod:
    """The period from `value` (checked), or the default academic year when it is None."""
    if value is None:
        value, origin = DEFAULT_PERIOD, "default"
    start, _, end = check_period(value).partition(":")
    return ExpectedPeriod(start=start, end=end, origin=origin)


def full_dates(text: str) -> list[dt.date]:
    """Dates with a year, in reading order (二〇二三年十月三十一日, 2023年10月31日, 2023-10-31)."""
    dates = find_dates(text, as_of=dt.date.max, context_year=_YEARLESS, include_future=True)
    return [date for date in dates if date.year != _YEARLESS]


class AcademicYear(Frozen):
    start: int
    end: int
    text: str  # as written: 2022-2023学年

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end}"


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_chinese_number(text)


def find_academic_year(lines: Sequence[str]) -> AcademicYear | None:
    """The academic year in the title (2022-2023学年), else the first one the text names."""
    for block in ("\n".join(lines[:_TITLE_LINES]), "\n".join(lines)):
        for match in _ACADEMIC_YEAR.finditer(block.translate(FULLWIDTH)):
            start, end = _number(match["a"]), _number(match["b"])
            if start is not None and end == start + 1:
                return AcademicYear(start=start, end=end, text=match.group(0))
    return None


class StatedPeriod(Frozen):
    start: dt.date
    end: dt.date
    sentence: str  # where the report states it


def find_stated_period(text: str) -> StatedPeriod | None:
    """「统计数据的起止时间为2022年11月1日到2023年10月31日」: the first sentence about the
    statistics period that names two dates in order."""
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if not _STAT_WORDS.search(sentence):
            continue
        dates = full_dates(sentence) or _month_range(sentence)
        if len(dates) >= 2 and dates[0] < dates[1]:
            return StatedPeriod(start=dates[0], end=dates[1], sentence=sentence)
    return None


def _month_range(sentence: str) -> list[dt.date]:
    match = _MONTH_RANGE.search(sentence.translate(FULLWIDTH))
    if match is None:
        return []
    y1, m1, y2, m2 = (_number(match[name]) or 0 for name in ("y1", "m1", "y2", "m2"))
    if not (y1 and y2 and 1 <= m1 <= 12 and 1 <= m2 <= 12):
        return []
    following = dt.date(y2 + m2 // 12, m2 % 12 + 1, 1)
    return [dt.date(y1, m1, 1), following - dt.timedelta(days=1)]


class DateLine(Frozen):
    date: dt.date
    line: int  # 1-based
    text: str


def find_date_line(lines: Sequence[str]) -> DateLine | None:
    """The report's date line (落款), the last line that is a date, perhaps after the
    school's name: 2023年11月29日, 二〇二三年十月三十日, 江城职业技术学院 2024年10月28日."""
    for index in range(len(lines), 0, -1):
        line = lines[index - 1].strip()
        if _DATE_LINE.match(line.translate(FULLWIDTH)):
            dates = full_dates(line)
            if dates:
                return DateLine(date=dates[-1], line=index, text=line)
    return None


def month_day_on_or_after(month_day: str, day: dt.date) -> dt.date:
    """The first date with this MM-DD on or after `day` (02-29: end of February)."""
    month, mday = (int(part) for part in month_day.split("-"))
    for year in (day.year, day.year + 1):
        candidate = _real_date(year, month, mday)
        if candidate >= day:
            return candidate
    raise AssertionError("unreachable: a month-day recurs within a year")


def month_day_on_or_before(month_day: str, day: dt.date) -> dt.date:
    month, mday = (int(part) for part in month_day.split("-"))
    candidate = _real_date(day.year, month, mday)
    return candidate if candidate <= day else _real_date(day.year - 1, month, mday)


def _real_date(year: int, month: int, day: int) -> dt.date:
    if month == 2 and day == 29:
        try:
            return dt.date(year, 2, 29)
        except ValueError:
            return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def expected_dates(period: ExpectedPeriod, end_year: int) -> tuple[dt.date, dt.date]:
    """The expected period ending in `end_year` (09-01:08-31, 2023: 2022-09-01 to 2023-08-31)."""
    month, mday = (int(part) for part in period.end.split("-"))
    end = _real_date(end_year, month, mday)
    start = month_day_on_or_before(period.start, end)
    return start, end
