"""List rows: the entries of a column page (title, link, date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from xxgk.extract.dates import DateContext, full_dates, scan
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
from xxgk.models import Entry

_ROW_TAGS = frozenset({"li", "tr", "dd", "p"})


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
    """The smallest list row around a link: li/tr/dd/p, else the largest block holding
    no other link."""
    best = anchor
    for parent in anchor.iterancestors():
        if parent.tag in _ROW_TAGS:
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
        for anchor in links_below(root):
            url = absolute_url(attr_of(anchor, "href"), base)
            if url is None or url == page_url or _is_pager_link(anchor, root):
                continue
            title = _link_title(anchor)
            if title:
                rows.append(_row(anchor, url, title, root, cache))
    return rows


def _context_year(rows: Sequence[_Row], as_of: dt.date) -> int | None:
    ctx = DateContext(as_of)
    dates = [
        date
        for row in rows
        for date in full_dates(f"{row.outside} {row.inside}", ctx)
        if date <= as_of
    ]
    return max(dates).year if dates else None


def _pick_date(texts: Sequence[str], ctx: DateContext, future: list[dt.date]) -> dt.date | None:
    """The first date on or before as_of, full dates before year-less ones in each text."""
    for text in texts:
        hits = [hit for hit in scan(text, ctx) if hit.date is not None]
        for hit in sorted(hits, key=lambda h: h.yearless):
            assert hit.date is not None
            if hit.date <= ctx.as_of:
                return hit.date
            future.append(hit.date)
    return None


def _url_date(url: str, as_of: dt.date) -> dt.date | None:
    """A date in a link's path (WebPlus /2023/1030/…), the row's last resort."""
    dates = full_dates(urlsplit(url).path, DateContext(as_of))
    return next((date for date in dates if date <= as_of), None)


def entries_of(rows: Sequence[_Row], as_of: dt.date) -> tuple[list[Entry], list[dt.date]]:
    ctx = DateContext(as_of, _context_year(rows, as_of))
    future: list[dt.date] = []
    by_url: dict[str, Entry] = {}
    for row in rows:
        row_future: list[dt.date] = []
        date = _pick_date((row.outside, row.inside), ctx, row_future) or _url_date(row.url, as_of)
        future += row_future
        seen = by_url.get(row.url)
        if seen is None:
            by_url[row.url] = Entry(title=row.title, url=row.url, date=date)
        else:
            title = row.title if len(row.title) > len(seen.title) else seen.title
            by_url[row.url] = Entry(title=title, url=row.url, date=seen.date or date)
    return sorted(by_url.values(), key=_newest_first), future


def _newest_first(entry: Entry) -> tuple[bool, int]:
    return entry.date is None, -(entry.date or dt.date.min).toordinal()
