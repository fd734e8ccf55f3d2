"""How often an item must be updated: each cadence kind is a model, a pure judge and one
line in CADENCES (with its YAML form). A new kind goes here and nowhere else.

```yaml
cadence: on_change            # published within 20 working days of a change
cadence: {annual: "10-31"}    # a new edition each year by 31 October
cadence: {max_age: 365d}      # the newest dated evidence at most 365 days old
cadence: {max_age: 0d}        # fails: 取值无效（应为 on_change、{annual: "MM-DD"} 或 …）
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, field_validator

from xxgk.models import Frozen, Reason, ReasonKind, Status

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
UNDATED_TEXT = "未注明发布时间，视为未更新"
ON_CHANGE_TEXT = "变动即更事项：无法从外部判断是否及时（可在规则中设置 max_age）"


def check_month_day(value: str) -> str:
    """`"MM-DD"` naming a day that exists in some year (02-29 included)."""
    parts = value.split("-")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise ValueError(f"截止日期无效（应为 \"MM-DD\"，实际为 '{value}'）")
    month, day = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month - 1]:
        raise ValueError(f"截止日期无效（应为 \"MM-DD\"，实际为 '{value}'）")
    return value


class AnnualCadence(Frozen):
    """A new edition every year by this month-day (`"10-31"`); `"02-29"` means end of February."""

    annual: str = Field(pattern=r"^\d{2}-\d{2}$", examples=["10-31"])

    @field_validator("annual")
    @classmethod
    def _real_day(cls, value: str) -> str:
        return check_month_day(value)

    @property
    def month_day(self) -> tuple[int, int]:
        month, day = (int(part) for part in self.annual.split("-"))
        return month, day


class MaxAgeCadence(Frozen):
    """The newest dated evidence is at most this old (`"180d"`)."""

    max_age: str = Field(pattern=r"^[1-9]\d{0,4}d$", examples=["365d"])

    @property
    def days(self) -> int:
        return int(self.max_age[:-1])


OnChange = Literal["on_change"]
CADENCE_FORMS = ("on_change", '{annual: "MM-DD"}', '{max_age: "NNNd"}')
Cadence = Annotated[
    OnChange | AnnualCadence | MaxAgeCadence,
    Field(description=" | ".join(CADENCE_FORMS)),
]
# The models of the union (for messages that must not name a branch of it).
CADENCE_MODELS: tuple[type[Frozen], ...] = tuple(
    m for m in get_args(get_args(Cadence)[0]) if isinstance(m, type) and issubclass(m, Frozen)
)

# (timely, due, the status if not timely, why): what a judge says about dated evidence.
Timing = tuple[bool | None, dt.date | None, Status, list[Reason]]
Judge = Callable[[Any, list[dt.date], dt.date], Timing]


# ------------------------------------------------------------------ judges


def judge_on_change(cadence: OnChange, dates: list[dt.date], as_of: dt.date) -> Timing:
    """Not judgeable from outside: `timely` is None (a rule may give a max_age instead)."""
    return None, None, Status.STALE, [Reason(kind=ReasonKind.NOT_JUDGEABLE, text=ON_CHANGE_TEXT)]


def judge_annual(cadence: AnnualCadence, dates: list[dt.date], as_of: dt.date) -> Timing:
    """Timely when some evidence falls in the year ending at the due date; evidence only
    after the due date is `late`, only before the year is `stale`."""
    latest = max(dates) if dates else None
    due = annual_due(cadence, as_of)
    if latest is None:
        return False, due, Status.STALE, [Reason(kind=ReasonKind.UNDATED, text=UNDATED_TEXT)]
    if any(year_before(due) < d <= due for d in dates):
        return True, due, Status.PASS, []
    if latest > due:
        text = f"最新一期发布于 {latest}，晚于截止日期 {due}"
        return False, due, Status.LATE, [Reason(kind=ReasonKind.LATE, text=text)]
    text = f"最新材料日期 {latest} 早于本周期（{year_before(due)} 之后）"
    return False, due, Status.STALE, [Reason(kind=ReasonKind.STALE, text=text)]


def judge_max_age(cadence: MaxAgeCadence, dates: list[dt.date], as_of: dt.date) -> Timing:
    """Timely when the newest evidence is at most that old."""
    latest = max(dates) if dates else None
    if latest is None:
        return False, None, Status.STALE, [Reason(kind=ReasonKind.UNDATED, text=UNDATED_TEXT)]
    due = latest + dt.timedelta(days=cadence.days)
    if as_of <= due:
        return True, due, Status.PASS, []
    text = f"最新材料日期 {latest}，已超过 {cadence.days} 天未更新"
    return False, due, Status.STALE, [Reason(kind=ReasonKind.STALE, text=text)]


@dataclass(frozen=True)
class CadenceKind:
    model: type[Frozen] | None  # None: a bare word in YAML (on_change)
    judge: Judge
    form: str  # how it is written in a rules file


# The registry: one line per kind, by the key it is written with.
CADENCES: Mapping[str, CadenceKind] = {
    "annual": CadenceKind(AnnualCadence, judge_annual, CADENCE_FORMS[1]),
    "max_age": CadenceKind(MaxAgeCadence, judge_max_age, CADENCE_FORMS[2]),
    "on_change": CadenceKind(None, judge_on_change, CADENCE_FORMS[0]),
}


def kind_of(cadence: Cadence) -> str:
    """The registry key of a cadence: the bare word, or its model's one field."""
    if isinstance(cadence, str):
        return cadence
    return next(iter(type(cadence).model_fields))


def judge(cadence: Cadence, dates: list[dt.date], as_of: dt.date) -> Timing:
    return CADENCES[kind_of(cadence)].judge(cadence, dates, as_of)


# ------------------------------------------------------------------ annual due dates


def annual_due(cadence: AnnualCadence, as_of: dt.date) -> dt.date:
    """The latest MM-DD on or before as_of (02-29 is the end of February in any year)."""
    month, day = cadence.month_day
    due = _month_day(as_of.year, month, day)
    return due if due <= as_of else _month_day(as_of.year - 1, month, day)


def _month_day(year: int, month: int, day: int) -> dt.date:
    if month == 2 and day == 29 and not _is_leap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def year_before(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)
