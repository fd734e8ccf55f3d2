"""The page's own publication date: candidates gathered and ranked, each with its source.

A person looks under the title: a labelled line (发布时间：…), or a bare date in the byline.
Machines look at metas (``PubDate``, ``article:published_time``, JSON-LD) and the URL. Every
candidate keeps where it came from, so a report can show it as evidence. Site chrome never
gives a candidate: a header's "今天是", a footer's "最后更新", a copyright year.

The reader marks the page's text before handing it here (``extract.html``'s marks): where the title
starts, where the main block starts and ends, and the dates inline scripts write. Labels and
bylines count fully only in the article's region, from the title to just after the main block;
a reader's comment or a related-articles list further down ranks below every byline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from xxgk.extract.dates import FULLWIDTH, DateContext, full_dates, scan
from xxgk.extract.html import (
    MAIN_END_MARK,
    MAIN_START_MARK,
    SCRIPT_CLOSE,
    SCRIPT_OPEN,
    STRIP_MARKS,
    TITLE_MARK,
    Element,
    attr_of,
)

_UPDATED_RANK = 5
# The site's own "last updated" (最后更新, 网站更新时间 …): never a page's date.
_SITE_UPDATE = r"(?:最后|最近|网站|本站|页面|本页)(?:更新|修改)"


@dataclass(frozen=True, slots=True)
class LabelKind:
    pattern: str
    rank: int  # in the article's region; lower is stronger


# Labels before the date they name, strongest first. 成文日期 is when a document was signed,
# 更新时间 when it was last touched: both rank below a publication label.
_LABELS: tuple[LabelKind, ...] = (
    LabelKind(r"发布时间|发布日期|发表时间|发表日期|发文日期|公开日期|上传时间|发布于|发表于", 0),
    LabelKind(r"发布|发表|公开时间", 0),
    LabelKind(r"录入时间|创建时间|创建日期|添加时间|日期|时间|成文日期|产生日期", 2),
    LabelKind(r"更新时间|更新日期|修改时间", _UPDATED_RANK),
)
_LABEL_RE = re.compile(
    # the lookahead lets the engine skip, in C, every position no label can start at
    "(?=[发公上录创添日时成产更修最近网本页])(?:"
    + "|".join(f"(?P<k{i}>{kind.pattern})" for i, kind in enumerate(_LABELS))
    + rf"|(?P<chrome>{_SITE_UPDATE}(?:时间|日期|于)?)"
    + ")"
)
# After a label: the separator, then the date at once (发布时间：2024-03-05).
_LABEL_GAP_RE = re.compile(r"[ \t:：\]】)）]*\n?[ \t]*")
# What a date after a label starts with: a digit (full-width too) or a Chinese numeral year.
_DATE_STARTS = frozenset("0123456789０１２３４５６７８９〇零○Ｏ一二")
_WEAK_LABEL_ONLY_WITH_COLON = frozenset({"日期", "时间", "发布", "发表"})
# Words that make a date the reader's clock, not the page's: 今天是 2026年12月7日.
_TODAY_RE = re.compile(
    r"(今天是|今日是|今天|今日|当前日期|当前时间|现在是|现在时间|系统时间)\s*[:：]?\s*$"
)
_CHROME_BEFORE_RE = re.compile(rf"(?:{_SITE_UPDATE}|版权|©|copyright)[^\n]{{0,12}}$", re.IGNORECASE)
_BYLINE_AFTER = 160  # characters after the title start where a byline may sit
_BYLINE_BEFORE = 60  # characters before it (a date shown above the title)
# Ranks, strongest first: a publication label in the article (0), metas (1), a plain label
# such as 日期： or 成文日期 (2), the bare date under the title (3), a date above the title
# or, with no title found, at the main block's start, and <time> (4), 更新时间 in the
# byline (5), a publication label outside the article (6), the URL (8).
_REGION_TAIL = 100  # characters after the main block that still belong to the article
_OUTSIDE_RANK = 6  # a publication label outside the article's region
_META_RANK = 1
_BYLINE_RANK = 3
_WEAK_BYLINE_RANK = 4
_TIME_TAG_RANK = 4
_URL_RANK = 8

_META_NAMES = frozenset(
    [
        "pubdate",
        "publishdate",
        "publish_date",
        "publishtime",
        "publish-date",
        "firstpublishedtime",
        "article:published_time",
        "og:release_date",
        "og:published_time",
        "datepublished",
        "dc.date",
        "dc.date.issued",
        "dcterms.issued",
        "date",
        "sailthru.date",
    ]
)
_JSON_LD_KEYS = ("datePublished", "dateCreated")
_ITEMPROP_TAGS = ("span", "div", "time", "p", "em", "abbr", "font")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible publication date and where it was read."""

    date: dt.date
    source: str  # label:发布时间 | byline | meta:PubDate | json-ld | time | script | url
    rank: int
    position: int


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int
    title: int | None
    main_start: int

    def holds(self, position: int) -> bool:
        return self.start <= position <= self.end

    def byline_end(self) -> int:
        """Where the byline under the title ends: the main block's start, when it follows."""
        assert self.title is not None
        end = self.title + _BYLINE_AFTER
        return min(end, self.main_start) if self.main_start > self.title else end

    def in_byline(self, position: int) -> bool:
        return self.title is not None and self.title <= position <= self.byline_end()


def _region(text: str) -> _Region:
    """From the title to just after the main block; the whole page when no title was found
    (an 更新时间 then never counts: it needs a byline, see ``_label_candidates``)."""
    title = text.find(TITLE_MARK)
    main_start = text.find(MAIN_START_MARK)
    main_end = text.find(MAIN_END_MARK)
    if title < 0:
        return _Region(0, len(text), None, main_start)
    end = main_end + _REGION_TAIL if main_end > title else len(text)
    return _Region(title, end, title, main_start)


def _is_chrome_date(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start]
    return bool(_TODAY_RE.search(before) or _CHROME_BEFORE_RE.search(before))


_LABEL_BEFORE_RE = re.compile(f"(?:{_LABEL_RE.pattern})" + r"[ \t:：\]】)）]*$")


def _after_label(text: str, start: int) -> bool:
    """A date right after a label is the label's to rank (or to refuse)."""
    return _LABEL_BEFORE_RE.search(text[max(0, start - 16) : start]) is not None


def _source_at(text: str, start: int, default: str) -> str:
    """A date between script marks was written by an inline script."""
    opened = text.rfind(SCRIPT_OPEN, 0, start + 1)
    closed = text.rfind(SCRIPT_CLOSE, 0, start + 1)
    return "script" if opened > closed else default


def _label_candidates(text: str, ctx: DateContext, region: _Region) -> Iterator[Candidate]:
    for match in _LABEL_RE.finditer(text):
        group = match.lastgroup or "chrome"
        if group == "chrome":
            continue  # the site's "last updated": never the page's date
        word = match.group(group)
        gap = _LABEL_GAP_RE.match(text, match.end())
        after = gap.end() if gap else match.end()
        if word in _WEAK_LABEL_ONLY_WITH_COLON and not re.search(
            r"[:：]", text[match.end() : after]
        ):
            continue  # 日期 or 发布 in running text is a word, not a label
        if text[after : after + 1] not in _DATE_STARTS:
            continue  # cheap test first: a date starts with a digit
        window = text[after : after + 40].translate(FULLWIDTH)
        hits = [h for h in scan(window.translate(STRIP_MARKS), ctx) if h.date and not h.yearless]
        if not hits or hits[0].start != 0:
            continue
        assert hits[0].date is not None
        rank = _LABELS[int(group[1:])].rank
        if rank >= _UPDATED_RANK and not region.in_byline(match.start()):
            continue  # an 更新时间 away from the title is the site's (a footer's)
        if not region.holds(match.start()):
            if rank > 0:
                continue  # a plain 时间 or an 更新时间 outside the article is the site's
            rank = _OUTSIDE_RANK
        yield Candidate(hits[0].date, f"label:{word}", rank, match.start())


def _dates_in(text: str, start: int, end: int, ctx: DateContext) -> Iterator[tuple[int, dt.date]]:
    window = text[start:end]
    for hit in scan(window, ctx):
        if hit.date is not None and not hit.yearless:
            yield start + hit.start, hit.date


def _byline_candidates(text: str, ctx: DateContext, region: _Region) -> Iterator[Candidate]:
    """The first bare date under the title (or, with no title found, at the main block's
    start), else one just above it."""
    anchor = region.title if region.title is not None else region.main_start
    if anchor < 0:
        return
    end = region.byline_end() if region.title is not None else anchor + _BYLINE_AFTER
    after = [
        (position, date)
        for position, date in _dates_in(text, anchor, end, ctx)
        if not _is_chrome_date(text, position) and not _after_label(text, position)
    ]
    if after:
        position, date = after[0]
        rank = _BYLINE_RANK if region.title is not None else _WEAK_BYLINE_RANK
        yield Candidate(date, _source_at(text, position, "byline"), rank, position)
    before = [
        (position, date)
        for position, date in _dates_in(text, max(0, anchor - _BYLINE_BEFORE), anchor, ctx)
        if not _is_chrome_date(text, position)
    ]
    if before:
        position, date = before[-1]
        yield Candidate(date, _source_at(text, position, "byline"), _WEAK_BYLINE_RANK, position)


def _meta_candidates(doc: Element, ctx: DateContext) -> Iterator[Candidate]:
    for meta in doc.iter("meta"):
        name = attr_of(meta, "name") or attr_of(meta, "property") or attr_of(meta, "itemprop")
        if name.lower() in _META_NAMES:
            for date in full_dates(attr_of(meta, "content"), ctx)[:1]:
                yield Candidate(date, f"meta:{name}", _META_RANK, -1)
    for tag in doc.iter(*_ITEMPROP_TAGS):
        if attr_of(tag, "itemprop") == "datePublished" and tag.tag != "meta":
            value = attr_of(tag, "datetime") or attr_of(tag, "content") or (tag.text or "")
            for date in full_dates(value, ctx)[:1]:
                yield Candidate(date, "meta:datePublished", _META_RANK, -1)
    for script in doc.iter("script"):
        if "ld+json" in attr_of(script, "type").lower():
            for value in _json_ld_dates(script.text or ""):
                for date in full_dates(value, ctx)[:1]:
                    yield Candidate(date, "json-ld", _META_RANK, -1)


def _json_ld_dates(source: str) -> Iterator[str]:
    try:
        data = json.loads(source)
    except ValueError:
        return
    stack = [data]
    seen = 0
    while stack and seen < 200:  # a bound on hostile nesting
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            for key in _JSON_LD_KEYS:
                if isinstance(node.get(key), str):
                    yield node[key]
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, dict | list))


# Where a <time> dates something else: a sidebar's, a comment's, a related post's.
_ASIDE_TAGS = frozenset({"aside", "nav", "footer"})
_ASIDE_NAMES = re.compile(r"sidebar|widget|related|recent|comment|reply|footer")


def _is_aside(tag: Element) -> bool:
    for parent in tag.iterancestors():
        if parent.tag in _ASIDE_TAGS:
            return True
        if _ASIDE_NAMES.search(f"{attr_of(parent, 'id')} {attr_of(parent, 'class')}".lower()):
            return True
    return False


def _time_candidates(doc: Element, ctx: DateContext) -> Iterator[Candidate]:
    """The first ``<time datetime>`` that is not in a sidebar, a comment or a footer."""
    for tag in doc.iter("time"):
        if _is_aside(tag):
            continue
        for date in full_dates(attr_of(tag, "datetime"), ctx)[:1]:
            yield Candidate(date, "time", _TIME_TAG_RANK, -1)
            return


def structured_candidates(doc: Element, ctx: DateContext) -> list[Candidate]:
    """Dates in metas, JSON-LD, ``itemprop`` and ``<time>``: read before scripts go."""
    return [*_meta_candidates(doc, ctx), *_time_candidates(doc, ctx)]


def candidates(
    structured: list[Candidate],
    text: str,
    url: str,
    ctx: DateContext,
    *,
    bylines: bool = True,
) -> list[Candidate]:
    """Every publication-date candidate of a page, strongest first.

    ``text`` is the page's visible text (chrome removed) carrying the reader's marks. On a
    list page the date under the column's title is its first row's, not the page's: there
    ``bylines`` is False.
    """
    region = _region(text)
    found = [
        *_label_candidates(text, ctx, region),
        *(_byline_candidates(text, ctx, region) if bylines else ()),
        *structured,
        *(c for c in [url_date(url, ctx)] if c is not None),
    ]
    return sorted(found, key=lambda c: (c.rank, c.position))


def published_date(
    found: list[Candidate], as_of: dt.date
) -> tuple[Candidate | None, list[dt.date]]:
    """The strongest candidate on or before ``as_of``, and the later dates passed over."""
    future: list[dt.date] = []
    for candidate in found:
        if candidate.date <= as_of:
            return candidate, future
        future.append(candidate.date)
    return None, future


def url_date(url: str, ctx: DateContext) -> Candidate | None:
    """A document's only date: the one in its URL."""
    dates = full_dates(urlsplit(url).path, ctx)
    return Candidate(dates[0], "url", _URL_RANK, 0) if dates else None
