"""List rows: the entries of a column page (title, link, date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

from xxgk.extract.dates import DateContext, full_dates, make_date, scan
from xxgk.extract.html import (
    SKIP_SCHEMES,
    Element,
    absolute_url,
    attr_of,
    contains,
    elements_below,
    joined_text,
    links_below,
    norm,
    text_nodes,
)
from xxgk.extract.layouts import ROW_TAGS
from xxgk.extract.pagination import (
    FIRST_WORDS,
    LAST_WORDS,
    MORE_WORDS,
    NEXT_WORDS,
    PREV_WORDS,
    has_word,
    is_pager,
    page_number,
)
from xxgk.limits import MAX_LINKS_PER_PAGE
from xxgk.models import Entry

_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True, slots=True)
class _Row:
    title: str
    url: str
    outside: str  # row text outside the link
    inside: str  # link text that is not its title (split dates inside card links)


def _is_pager_link(anchor: Element, root: Element) -> bool:
    for parent in anchor.iterancestors():
        if is_pager(parent):
            return True
        if parent is root:
            break
    if page_number(anchor) is not None:
        return True
    words = NEXT_WORDS | PREV_WORDS | FIRST_WORDS | LAST_WORDS | MORE_WORDS
    return has_word(anchor, words)


def _link_title(anchor: Element) -> str:
    attr = norm(attr_of(anchor, "title"))
    heading = next((tag for tag in elements_below(anchor) if _is_heading(tag)), None)
    text = norm(joined_text(heading if heading is not None else anchor, " "))
    if not text:
        image = next((img for img in anchor.iterdescendants("img") if img.get("alt")), None)
        text = norm(attr_of(image, "alt")) if image is not None else ""
    truncated = text.rstrip(".…")
    if attr and (len(attr) > len(text) or attr in text or attr.startswith(truncated)):
        return attr
    return text


def _is_heading(tag: Element) -> bool:
    """h1–h6 or [class*=title]: where a card link keeps its title."""
    return tag.tag in _HEADING_TAGS or "title" in attr_of(tag, "class")


def _link_count(tag: Element, cache: dict[Element, int]) -> int:
    if tag not in cache:
        hrefs = {attr_of(a, "href").strip() for a in links_below(tag)}
        cache[tag] = len({h for h in hrefs if h and not h.lower().startswith(SKIP_SCHEMES)})
    return cache[tag]


def _row_of(anchor: Element, root: Element, cache: dict[Element, int]) -> Element:
    """The smallest list row around a link (``LIST_LAYOUTS``), else the largest block
    holding no other link (a card)."""
    best = anchor
    for parent in anchor.iterancestors():
        if parent.tag in ROW_TAGS:
            return parent
        if parent is root or _link_count(parent, cache) > 1:
            break
        best = parent
    return best


def _row(anchor: Element, url: str, title: str, root: Element, cache: dict[Element, int]) -> _Row:
    row = _row_of(anchor, root, cache)
    outside: list[str] = []
    inside: list[str] = []
    for text, owner in text_nodes(row):
        if not contains(anchor, owner):
            outside.append(text)
        elif (piece := norm(text)) and piece.rstrip(".…") not in title:
            inside.append(piece)
    return _Row(title, url, norm(" ".join(outside)), norm(" ".join(inside)))


def raw_rows(scope: Sequence[Element], base: str, page_url: str) -> list[_Row]:
    rows: list[_Row] = []
    cache: dict[Element, int] = {}
    for root in scope:
        for anchor in islice(links_below(root), MAX_LINKS_PER_PAGE):
            url = absolute_url(attr_of(anchor, "href"), base)
            if url is None or url == page_url or _is_pager_link(anchor, root):
                continue
            title = _link_title(anchor)
            if title:
                rows.append(_row(anchor, url, title, root, cache))
    return rows


def _pick_date(
    texts: Sequence[str], ctx: DateContext, future: list[dt.date]
) -> tuple[dt.date, bool] | None:
    """The row's first date on or before as_of (full dates before year-less ones in each
    text), and whether it was year-less."""
    for text in texts:
        hits = [hit for hit in scan(text, ctx) if hit.date is not None]
        for hit in sorted(hits, key=lambda h: h.yearless):
            assert hit.date is not None
            if hit.date <= ctx.as_of:
                return hit.date, hit.yearless
            future.append(hit.date)
    return None


def _url_date(url: str, as_of: dt.date) -> dt.date | None:
    """A date in a link's path (WebPlus /2023/1030/…, TRS t20231030_…)."""
    dates = full_dates(urlsplit(url).path, DateContext(as_of))
    return next((date for date in dates if date <= as_of), None)


@dataclass(slots=True)
class _YearByOrder:
    """Years for the year-less dates of a newest-first list: the year of the row above,
    one less where the month and day go up (the list crossed a new year going back)."""

    as_of: dt.date
    year: int | None = None
    previous: tuple[int, int] | None = None

    def place(self, month: int, day: int) -> dt.date | None:
        if self.year is None:
            self.year = (
                self.as_of.year
                if (month, day) <= (self.as_of.month, self.as_of.day)
                else self.as_of.year - 1
            )
        elif self.previous is not None and (month, day) > self.previous:
            self.year -= 1
        self.previous = (month, day)
        return make_date(self.year, month, day)

    def seen(self, date: dt.date) -> None:
        self.year, self.previous = date.year, (date.month, date.day)


def _row_date(
    row: _Row, ctx: DateContext, order: _YearByOrder, future: list[dt.date], notes: list[str]
) -> tuple[dt.date | None, str | None]:
    picked = _pick_date((row.outside, row.inside), ctx, future)
    url_date = _url_date(row.url, ctx.as_of)
    if picked is None:
        return (url_date, "url") if url_date else (None, None)
    date, yearless = picked
    if not yearless:
        order.seen(date)
        return date, "list row"
    if url_date is not None:
        if (url_date.month, url_date.day) == (date.month, date.day):
            order.seen(url_date)
            return url_date, "list row, year from the URL"
        notes.append(
            f"列表日期 {date.month:02d}-{date.day:02d} 与链接中的日期 {url_date} 不一致：{row.url}"
        )
    placed = order.place(date.month, date.day)
    return placed, "list row, year from the list's order" if placed else None


def entries_of(
    rows: Sequence[_Row], as_of: dt.date
) -> tuple[list[Entry], list[dt.date], list[str]]:
    """The list's entries newest first, the dates after as_of passed over, and notes.

    A year-less date (``[11-20]``) takes its year from the entry's URL when that gives the
    same month and day, else from the list's newest-first order; ``date_source`` says which,
    so that evaluation can still take the year from the article itself.
    """
    ctx = DateContext(as_of)
    order = _YearByOrder(as_of)
    future: list[dt.date] = []
    notes: list[str] = []
    by_url: dict[str, Entry] = {}
    for row in rows:
        date, source = _row_date(row, ctx, order, future, notes)
        seen = by_url.get(row.url)
        if seen is None:
            by_url[row.url] = Entry(title=row.title, url=row.url, date=date, date_source=source)
        else:
            title = row.title if len(row.title) > len(seen.title) else seen.title
            if seen.date is None:
                by_url[row.url] = Entry(title=title, url=row.url, date=date, date_source=source)
            else:
                by_url[row.url] = seen.model_copy(update={"title": title})
    return sorted(by_url.values(), key=_newest_first), future, notes


def _newest_first(entry: Entry) -> tuple[bool, int]:
    return entry.date is None, -(entry.date or dt.date.min).toordinal()
