"""Pure judgement: (checklist, rules, pages, as_of) -> one ItemResult per checklist item.

No I/O and no clock: the same pages and as_of always give the same result (the crawl's
stored facts of articles are read only through the store it hands over).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from xxgk import __version__
from xxgk.cadence import AnnualCadence, Cadence, year_before
from xxgk.cadence import judge as judge_cadence
from xxgk.checklist import Checklist, Element, Item
from xxgk.errors import RunError
from xxgk.extract import read_page
from xxgk.models import (
    AuditResult,
    CrawlRequest,
    ElementResult,
    FactsKey,
    FetchStats,
    ItemResult,
    Page,
    PageFacts,
    Reading,
    Reason,
    ReasonKind,
    Status,
    TextChunk,
    notes_of,
)
from xxgk.rules import KIND_NAMES, ItemRule, Rules, normalize_url, not_applicable_reason
from xxgk.scores import summarize
from xxgk.walk import Step, Via, item_seeds, replay
from xxgk.workdays import add_working_days

FIX_WORKING_DAYS = 20
NO_LOCATION_TEXT = "规则文件中未声明此事项的位置（items 下没有此项或没有 urls）"
SNIPPET_CHARS = 24


@dataclass(frozen=True)
class Source:
    """A piece of text the audit looked at, and where a person can see it."""

    text: str
    where: str
    page: int | None = None


@dataclass(frozen=True)
class Dated:
    """A date of evidence, where it was read (``date_source`` in report.json) and on which
    page."""

    date: dt.date
    source: str
    url: str


@dataclass
class Located:
    """Everything found for one item by following its rule through the fetched pages."""

    sources: list[Source] = field(default_factory=list)
    list_dates: list[Dated] = field(default_factory=list)
    article_dates: list[Dated] = field(default_factory=list)
    weak_dates: list[Dated] = field(default_factory=list)
    titles: list[tuple[str, dt.date | None]] = field(default_factory=list)  # entries, articles
    unreachable: list[Reason] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)


class FullFacts(Protocol):
    """Where the full facts behind the crawl's stubs are (fetch.FactsStore)."""

    def __contains__(self, key: object) -> bool: ...

    def load(self, key: FactsKey, stub: PageFacts) -> PageFacts: ...


class FactsCache:
    """read_page results by (url, reading): each page is parsed once per audit.

    The crawl hands over articles' facts as stubs without their text; their full facts
    are loaded from `full` when needed and not kept (they are what made the crawl big).
    """

    def __init__(
        self,
        pages: Mapping[str, Page],
        as_of: dt.date,
        facts: Mapping[FactsKey, PageFacts] | None = None,
        full: FullFacts | None = None,
    ) -> None:
        self.pages = pages
        self.as_of = as_of
        self._facts: dict[FactsKey, PageFacts] = dict(facts or {})
        self._full = full

    def page(self, url: str) -> Page | None:
        return self.pages.get(normalize_url(url))

    def facts(self, page: Page, reading: Reading) -> PageFacts:
        key = (page.url, reading)
        let_go = page.is_ok and not (page.content or page.text)
        if key not in self._facts and self._full is not None and let_go:
            # the crawl let go of this body: reading it now would silently find nothing
            raise RunError(f"页面未按所需方式读取（{page.url}），核查结果不完整，请重新核查")
        if key not in self._facts:
            self._facts[key] = read_page(
                page, as_of=self.as_of, section=reading.section, pagination=reading.listing
            )
        if self._full is not None and key in self._full:
            return self._full.load(key, self._facts[key])
        return self._facts[key]


# ------------------------------------------------------------------ the audit


def evaluate(
    checklist: Checklist,
    rules: Rules,
    pages: Mapping[str, Page],
    as_of: dt.date,
    fetch_stats: FetchStats | None = None,
    facts: Mapping[FactsKey, PageFacts] | None = None,
    full: FullFacts | None = None,
) -> AuditResult:
    """Judge every item; `facts` are the crawl's readings of its pages, by (url, reading),
    and `full` holds the full facts of those that are stubs."""
    cache = FactsCache(pages, as_of, facts, full)
    items = tuple(judge_item(item, checklist, rules, cache) for item in checklist.items)
    return AuditResult(
        tool={"name": "xxgk", "version": __version__},
        checklist={"id": checklist.id, "items": len(checklist.items)},
        school={"name": rules.school.name, "kind": rules.school.kind},
        as_of=as_of,
        summary=summarize(items),
        items=items,
        fetch=fetch_stats or FetchStats(),
    )


def judge_item(item: Item, checklist: Checklist, rules: Rules, cache: FactsCache) -> ItemResult:
    rule = rules.items.get(item.id)
    kind = rules.school.kind
    base = {
        "id": item.id,
        "category": checklist.category_name(item.category_id),
        "title": item.title,
        "department": rule.department if rule else None,
    }
    excluded = not_applicable_reason(item, rule, kind)
    if excluded is not None:
        why: tuple[Reason, ...] = (Reason(kind=ReasonKind.NOT_APPLICABLE, text=excluded),)
        return ItemResult(
            **base,
            status=Status.NOT_APPLICABLE,
            coverage=0.0,
            elements=(),
            latest_date=None,
            due=None,
            timely=None,
            urls=(),
            notes=notes_of(why),
            fix_by=None,
            reasons=why,
        )
    elements, reasons = applicable_elements(item, kind)
    starts = item_seeds(rules, rule) if rule else []
    urls = tuple(seed.url for seed in starts)
    if not urls:
        reasons.append(Reason(kind=ReasonKind.NO_LOCATION, text=NO_LOCATION_TEXT))
    located = locate(starts, cache)
    found = tuple(find_element(e, located.sources) for e in elements)
    dates, date_reasons = dated_evidence(located)
    cadence = effective_cadence(item, rule, rules)
    timely, due, if_late, timing_reasons = judge_item_timeliness(
        cadence, [d.date for d in dates], located.titles, cache.as_of
    )
    latest = max(dates, key=lambda d: d.date) if dates else None
    status = decide_status(located, found, timely, if_late)
    judged = status not in (Status.UNREACHABLE, Status.MISSING)
    reasons += located.reasons
    reasons += date_reasons + timing_reasons if judged else []
    reasons += located.unreachable
    if status is Status.PARTIAL:
        reasons += [
            Reason(kind=ReasonKind.MISSING_ELEMENT, text=f"缺少要素：{f.name}")
            for f in found
            if not f.found
        ]
    fix_by, fix_reasons = fix_by_date(status, cache.as_of)
    why = tuple(dict.fromkeys([*reasons, *fix_reasons]))
    return ItemResult(
        **base,
        status=status,
        coverage=round(sum(1 for f in found if f.found) / len(found), 4),
        elements=found,
        latest_date=latest.date if latest else None,
        date_source=latest.source if latest else None,
        date_url=latest.url if latest else None,
        due=due,
        timely=timely if judged else None,
        urls=urls,
        notes=notes_of(why),
        fix_by=fix_by,
        reasons=why,
    )


def judge_item_timeliness(
    cadence: Cadence,
    dates: list[dt.date],
    titles: list[tuple[str, dt.date | None]],
    as_of: dt.date,
) -> tuple[bool | None, dt.date | None, Status, list[Reason]]:
    """Dates first; for an annual item without a dated current edition, its titles."""
    timely, due, if_late, reasons = judge_timeliness(cadence, dates, as_of)
    if isinstance(cadence, AnnualCadence) and timely is False and due is not None:
        edition = judge_edition(titles, due)
        if edition is not None:
            timely, if_late, reasons = edition
    return timely, due, if_late, reasons


def fix_by_date(status: Status, as_of: dt.date) -> tuple[dt.date | None, list[Reason]]:
    """A gap is due for repair 20 Chinese working days after the audit."""
    if status is Status.PASS:
        return None, []
    fix_by, exact = add_working_days(as_of, FIX_WORKING_DAYS)
    if exact:
        return fix_by, []
    text = "整改期限超出节假日日历已知年份，按周一至周五计算工作日"
    return fix_by, [Reason(kind=ReasonKind.FIX_BY_ESTIMATE, text=text)]


def applicable_elements(item: Item, kind: str) -> tuple[tuple[Element, ...], list[Reason]]:
    substitute = item.substitutes.get(kind)  # type: ignore[call-overload]
    if substitute is not None:
        text = f"按{KIND_NAMES[kind]}的替代材料《{substitute.title}》评估"
        return substitute.elements, [Reason(kind=ReasonKind.SUBSTITUTE, text=text)]
    return tuple(e for e in item.elements if kind in e.kinds), []


def effective_cadence(item: Item, rule: ItemRule | None, rules: Rules) -> Cadence:
    if rule is not None and rule.cadence is not None:
        return rule.cadence
    override = rules.deadline(item.id)
    if override is not None:
        return override
    return item.cadence


# ------------------------------------------------------------------ locating evidence


def locate(seeds: list[CrawlRequest], cache: FactsCache) -> Located:
    """Everything the crawl read for an item: its walk (walk.py) replayed over the crawl's
    pages, from each of the item's seeds."""
    located = Located()
    for seed in seeds:
        url = seed.url
        page = cache.page(url)
        if page is None:
            text = f"未抓取（超出页面上限）：{url}"
            located.reasons.append(Reason(kind=ReasonKind.NOT_FETCHED, text=text, url=url))
            continue
        why = _failure(page)
        if page.is_unreachable:
            text = f"不可访问：{url}（{why}）"
            located.unreachable.append(
                Reason(kind=ReasonKind.UNREACHABLE, text=text, url=url, detail=why)
            )
            continue
        if not page.is_ok:
            text = f"链接失效：{url}（{why}）"
            located.reasons.append(
                Reason(kind=ReasonKind.BROKEN_LINK, text=text, url=url, detail=why)
            )
            continue
        for step in replay(seed, lambda request: cache.page(request.url), cache.facts):
            READERS[step.via](step, cache, located)
    return located


def _failure(page: Page) -> str:
    return page.error or f"HTTP {page.status}"


def _page_notes(notes: tuple[str, ...], where: str) -> list[Reason]:
    return [Reason(kind=ReasonKind.PAGE_NOTE, text=n, url=where) for n in notes]


def read_list_page(step: Step, cache: FactsCache, located: Located) -> None:
    """A list page: its text (or its document's), its rows, their dates and titles."""
    page, facts = step.page, step.facts
    where = page.final_url
    located.reasons += _page_notes((*page.notes, *facts.notes), where)  # cut, bad bytes, …
    if facts.chunks:  # the rule points straight at an attachment
        located.sources += [chunk_source(c, where) for c in facts.chunks]
    else:
        located.sources.append(Source(facts.text, where))
    located.sources += [Source(e.title, e.url) for e in facts.entries]
    located.list_dates += [
        Dated(e.date, e.date_source or "list row", e.url) for e in facts.entries if e.date
    ]
    located.titles += [(e.title, e.date) for e in facts.entries]
    if facts.published:
        located.list_dates.append(Dated(facts.published, facts.published_source or "", where))
    located.weak_dates += [
        Dated(d, "last-modified", where) for d in _last_modified(page) if d <= cache.as_of
    ]


def read_article(step: Step, cache: FactsCache, located: Located) -> None:
    """A row opened from a list page: an article (its text and date) or a document."""
    page, facts = step.page, step.facts
    if not page.is_ok:
        return
    if facts.chunks:
        located.sources += [chunk_source(c, page.final_url) for c in facts.chunks]
        return
    located.sources.append(Source(f"{facts.title}\n{facts.text}", page.final_url))
    if facts.published:
        located.article_dates.append(
            Dated(facts.published, facts.published_source or "", page.final_url)
        )
        place_row_year(located, step.request.url, facts.published)
    located.titles.append((facts.title, facts.published))


def read_attachment(step: Step, cache: FactsCache, located: Located) -> None:
    """A document linked from a list page or an article: its text, page by page."""
    page, facts, url = step.page, step.facts, step.request.url
    if not page.is_ok:
        text = f"附件无法获取：{url}（{_failure(page)}）"
        located.reasons.append(
            Reason(
                kind=ReasonKind.ATTACHMENT_UNAVAILABLE, text=text, url=url, detail=_failure(page)
            )
        )
        return
    located.sources += [chunk_source(c, page.final_url) for c in facts.chunks]
    located.reasons += _page_notes(facts.notes, page.final_url)


# How evaluation reads each page of the walk, by why the crawl followed it.
READERS: Mapping[Via, Callable[[Step, FactsCache, Located], None]] = {
    "attachment": read_attachment,
    "entry": read_article,
    "list": read_list_page,
}


def chunk_source(chunk: TextChunk, where: str) -> Source:
    """A sheet's name is part of what it says (收入预算表 is often only the tab's name)."""
    text = f"{chunk.label}\n{chunk.text}" if chunk.label else chunk.text
    return Source(text, where, chunk.page)


def _last_modified(page: Page) -> list[dt.date]:
    value = page.headers.get("last-modified")
    if not value:
        return []
    try:
        return [email.utils.parsedate_to_datetime(value).date()]
    except (TypeError, ValueError):
        return []


# ------------------------------------------------------------------ elements


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_element(element: Element, sources: list[Source]) -> ElementResult:
    keywords = [_squash(k) for k in element.keywords]
    for source in sources:
        text = _squash(source.text)
        for keyword in keywords:
            at = text.find(keyword)
            if at >= 0:
                start = max(0, at - SNIPPET_CHARS)
                snippet = text[start : at + len(keyword) + SNIPPET_CHARS]
                return ElementResult(
                    name=element.name,
                    found=True,
                    where=source.where,
                    page=source.page,
                    snippet=snippet,
                )
    return ElementResult(name=element.name, found=False)


# ------------------------------------------------------------------ dates and timeliness


ORDER_YEAR = "list row, year from the list's order"
ARTICLE_YEAR = "list row, year from the article"


def place_row_year(located: Located, url: str, published: dt.date) -> None:
    """A list row whose year-less date got its year from the list's order takes the year
    its article gives; an article that names another day is a note, not a guess."""
    for index, row in enumerate(located.list_dates):
        if row.url != url or row.source != ORDER_YEAR:
            continue
        if (row.date.month, row.date.day) == (published.month, published.day):
            located.list_dates[index] = Dated(published, ARTICLE_YEAR, url)
        else:
            text = f"列表日期 {row.date:%m-%d} 与文章发布日期 {published} 不一致：{url}"
            located.reasons.append(Reason(kind=ReasonKind.DATE_CONFLICT, text=text, url=url))


def dated_evidence(located: Located) -> tuple[list[Dated], list[Reason]]:
    """The best tier of dates: list entries, else article dates, else Last-Modified."""
    if located.list_dates:
        return located.list_dates, []
    if located.article_dates:
        return located.article_dates, [_reason(ReasonKind.ARTICLE_DATE, "日期取自文章页的发布时间")]
    if located.weak_dates:
        text = "页面未注明发布时间，日期取自服务器 Last-Modified（弱证据）"
        return located.weak_dates, [_reason(ReasonKind.WEAK_DATE, text)]
    return [], []


def _reason(kind: ReasonKind, text: str) -> Reason:
    return Reason(kind=kind, text=text)


# 2025-2026学年 / 2025—2026学年度 / 2025至2026学年: the academic year ends on 31 August;
# 2025年度: the calendar year.
ACADEMIC_YEAR = re.compile(r"(20\d{2})\s*[-—–~至到]\s*(20\d{2})\s*学年")
CALENDAR_YEAR = re.compile(r"(20\d{2})\s*年度")


def edition_end(title: str) -> dt.date | None:
    """The last day of the period an edition covers, read from its title."""
    match = ACADEMIC_YEAR.search(title)
    if match and int(match.group(2)) == int(match.group(1)) + 1:
        return dt.date(int(match.group(2)), 8, 31)
    match = CALENDAR_YEAR.search(title)
    if match:
        return dt.date(int(match.group(1)), 12, 31)
    return None


def judge_edition(
    titles: list[tuple[str, dt.date | None]], due: dt.date
) -> tuple[bool, Status, list[Reason]] | None:
    """An annual item whose current edition is named by its title (2025-2026学年 …).

    The current edition covers a period ending within the year before the due date. Found
    with a date after the due date it is `late`; found with no date at all it counts as
    published (the title proves the edition), which dates alone could not show.
    """
    current = [
        (t, d) for t, d in titles if (end := edition_end(t)) and year_before(due) < end <= due
    ]
    if not current:
        return None
    title, published = max(current, key=lambda td: td[1] or dt.date.min)
    if published is not None and published > due:
        text = f"本期《{title}》发布于 {published}，晚于截止日期 {due}"
        return False, Status.LATE, [_reason(ReasonKind.LATE, text)]
    text = f"按标题中的年度认定本期已发布：《{title}》"
    return True, Status.PASS, [_reason(ReasonKind.EDITION_TITLE, text)]


def judge_timeliness(
    cadence: Cadence, dates: list[dt.date], as_of: dt.date
) -> tuple[bool | None, dt.date | None, Status, list[Reason]]:
    """(timely, due, the status if not timely, reasons) for the dated evidence of an item,
    by the judge of its cadence's kind (cadence.CADENCES)."""
    return judge_cadence(cadence, dates, as_of)


def decide_status(
    located: Located, found: tuple[ElementResult, ...], timely: bool | None, if_late: Status
) -> Status:
    """The worst status that applies, in DESIGN.md's order."""
    if located.unreachable:
        return Status.UNREACHABLE
    hits = sum(1 for f in found if f.found)
    if hits == 0:
        return Status.MISSING
    if hits < len(found):
        return Status.PARTIAL
    if timely is False:
        return if_late
    return Status.PASS
