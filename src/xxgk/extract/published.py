"""The page's own publication date: candidates gathered and ranked, each with its source."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from types import MappingProxyType
from urllib.parse import urlsplit

from xxgk.extract.dates import FULLWIDTH, DateContext, full_dates, scan
from xxgk.extract.html import Element, attr_of

_LABEL_RE = re.compile(
    r"(?P<strong>发布时间|发布日期|发表时间|发表日期|发文日期|成文日期|上传时间|发布于)\s*[:：]?"
    r"|(?P<created>创建时间|创建日期)\s*[:：]?"
    r"|(?P<updated>更新时间|更新日期)\s*[:：]?"
    r"|(?P<plain>日期|时间)\s*[:：]"
)


_LABEL_RANK = MappingProxyType({"strong": 0, "created": 1, "plain": 1, "updated": 2})


_META_DATE_NAMES = frozenset(
    {"pubdate", "publishdate", "publish_date", "publishtime", "article:published_time", "dc.date"}
)


def labeled_dates(text: str, ctx: DateContext) -> list[dt.date]:
    """Dates right after 发布时间/发布日期/…/时间 labels, strongest label first."""
    found: list[tuple[int, int, dt.date]] = []
    for match in _LABEL_RE.finditer(text):
        window = text[match.end() : match.end() + 40].translate(FULLWIDTH)
        offset = len(window) - len(window.lstrip(" \t\n:："))
        hits = [h for h in scan(window, ctx) if h.date is not None and not h.yearless]
        if hits and hits[0].start == offset:
            assert hits[0].date is not None
            found.append((_LABEL_RANK[match.lastgroup or "plain"], match.start(), hits[0].date))
    return [date for _, _, date in sorted(found)]


def meta_dates(doc: Element, ctx: DateContext) -> list[dt.date]:
    dates: list[dt.date] = []
    for meta in doc.iter("meta"):
        name = (attr_of(meta, "name") or attr_of(meta, "property")).lower()
        if name in _META_DATE_NAMES:
            dates += full_dates(attr_of(meta, "content"), ctx)
    return dates


def published_date(
    candidates: Iterable[dt.date], url: str, ctx: DateContext
) -> tuple[dt.date | None, list[dt.date]]:
    """The page's own date: labeled dates, then meta PubDate (the candidates), then the URL."""
    future: list[dt.date] = []
    for date in [*candidates, *full_dates(urlsplit(url).path, ctx)]:
        if date <= ctx.as_of:
            return date, future
        future.append(date)
    return None, future
