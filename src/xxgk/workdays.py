"""Mainland China working days: public holidays and make-up workdays (调休) counted."""

from __future__ import annotations

import datetime as dt

import chinese_calendar


def is_known_year(year: int) -> bool:
    """Whether the holiday calendar has this year's official arrangement."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, by the official calendar); beyond it, Monday to Friday."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_working_days(start: dt.date, days: int) -> tuple[dt.date, bool]:
    """The date `days` working days after `start`, and whether every day counted was known.

    The start day itself is not counted, as with the 20-working-day rule: information
    ready on a Friday and due in 1 working day is due the following Monday.
    """
    day = start
    exact = True
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        working, known = is_workday(day)
        exact = exact and known
        if working:
            remaining -= 1
    return day, exact
