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
from typing import Any, Protocol

from xxgk import __version__
from xxgk.annual.audit import (
    ANNUAL_REPORT_ITEM,
    ItemEffect,
    ReportRead,
    category_claims,
    check_in_audit,
    column_claim,
    is_report_title,
    item_effect,
)
from xxgk.annual.check import ReportCheck, SourceKind
from xxgk.annual.source import ReportText, linked_document, report_documents
from xxgk.cadence import AnnualCadence, Cadence, year_before
from xxgk.cadence import judge as judge_cadence
from xxgk.checklist import Checklist, Element, Item
from xxgk.errors import RunError
from xxgk.extract import read_page
from xxgk.models import (
    ARTICLE,
    STATUS_ORDER,
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
    opened: list[Opened] = field(default_factory=list)  # articles and documents read
    entry_titles: dict[str, str] = field(default_factory=dict)  # by URL, as the list says
    columns: list[ColumnReach] = field(default_factory=list)  # how far back each seed's list went


@dataclass(frozen=True)
class Opened:
    """An article or document the walk read, as the crawl read it."""

    url: str
    title: str
    published: dt.date | None
    reading: Reading


@dataclass(frozen=True)
class ColumnReach:
    """How far back one seed's list pages went: its oldest dated row, and whether its
    pagination ended (every row seen) or the page budget did."""

    oldest: dt.date | None
    ended: bool

    def covers(self, start: dt.date) -> bool:
        return self.ended or (self.oldest is not None and self.oldest < start)


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
    judged: dict[int, ItemResult] = {}
    seen = SeenRows()  # what the annual report's claims are set beside: small, kept
    annual: tuple[Item, Located] | None = None
    for item in checklist.items:
        rule = rules.items.get(item.id)
        applies = rule is not None and not_applicable_reason(item, rule, rules.school.kind) is None
        located = locate(item_seeds(rules, rule), cache) if applies and rule else None
        if located is not None:
            seen.add(located)
        if item.id == ANNUAL_REPORT_ITEM and located is not None:
            annual = (item, located)  # judged last: its report's claims need every column
            continue
        # judged at once, so that one item's article texts are let go before the next's
        judged[item.id] = judge_item(item, checklist, rules, cache, located)
    report = annual_report(rules, cache, annual[1], seen) if annual is not None else None
    if annual is not None:
        effect = report.effect if report is not None else None
        judged[annual[0].id] = judge_item(annual[0], checklist, rules, cache, annual[1], effect)
    items = tuple(judged[item.id] for item in checklist.items)
    block: dict[str, Any] | None = None
    if report is not None:
        items, block = with_category_claims(checklist, items, report)
    return AuditResult(
        tool={"name": "xxgk", "version": __version__},
        checklist={"id": checklist.id, "items": len(checklist.items)},
        school={"name": rules.school.name, "kind": rules.school.kind},
        as_of=as_of,
        summary=summarize(items),
        items=items,
        fetch=fetch_stats or FetchStats(),
        report_check=block,
    )


def with_category_claims(
    checklist: Checklist, items: tuple[ItemResult, ...], report: AnnualReport
) -> tuple[tuple[ItemResult, ...], dict[str, Any]]:
    """The report's 主动公开清单所列事项 paragraphs beside the audited items of each
    category they name; a claim whose items were found missing or stale is a reason on
    item 6 and is flagged in report.json's block."""
    statuses = {item.id: item.status for item in items}
    categories = [
        (
            category.name,
            [(i.id, statuses[i.id]) for i in checklist.items if i.category_id == category.id],
        )
        for category in checklist.categories
    ]
    claims = category_claims(report.read.text, report.check, categories)
    block = {**report.block, "category_claims": [c.model_dump(mode="json") for c in claims]}
    flagged = [
        Reason(kind=ReasonKind.REPORT_CHECK, text=c.text, url=report.read.url)
        for c in claims
        if c.flagged
    ]
    if not flagged:
        return items, block
    updated = []
    for item in items:
        if item.id == ANNUAL_REPORT_ITEM:
            reasons = tuple(dict.fromkeys([*item.reasons, *flagged]))
            item = item.model_copy(update={"reasons": reasons, "notes": notes_of(reasons)})
        updated.append(item)
    return tuple(updated), block


def judge_item(
    item: Item,
    checklist: Checklist,
    rules: Rules,
    cache: FactsCache,
    located: Located | None = None,
    report: ItemEffect | None = None,
) -> ItemResult:
    """One item's result; `located` is what the walk found for it (found here when not
    given), `report` what its annual report's check adds (item 6)."""
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
    located = located if located is not None else locate(starts, cache)
    found = tuple(find_element(e, located.sources) for e in elements)
    if report is not None:
        found += report.elements
    dates, date_reasons = dated_evidence(located)
    cadence = effective_cadence(item, rule, rules)
    timely, due, if_late, timing_reasons = judge_item_timeliness(
        cadence, [d.date for d in dates], located.titles, cache.as_of
    )
    latest = max(dates, key=lambda d: d.date) if dates else None
    status = decide_status(located, found, timely, if_late)
    if report is not None and report.at_best is not None:
        status = min(status, report.at_best, key=STATUS_ORDER.index)  # the worse of the two
        if status is Status.LATE:
            timely = False
    judged = status not in (Status.UNREACHABLE, Status.MISSING)
    reasons += located.reasons
    reasons += list(report.reasons) if report is not None else []
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
        seen = len(located.list_dates)
        last_list: PageFacts | None = None
        for step in replay(seed, lambda request: cache.page(request.url), cache.facts):
            READERS[step.via](step, cache, located)
            if step.via == "list":
                last_list = step.facts
        rows = [d.date for d in located.list_dates[seen:] if d.source.startswith("list row")]
        ended = last_list is not None and not last_list.next_pages
        located.columns.append(ColumnReach(min(rows, default=None), ended))
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
        reading = Reading.of(step.request)
        located.opened.append(Opened(step.request.url, facts.title, facts.published, reading))
    else:
        located.sources.append(Source(facts.text, where))
    located.sources += [Source(e.title, e.url) for e in facts.entries]
    located.list_dates += [
        Dated(e.date, e.date_source or "list row", e.url) for e in facts.entries if e.date
    ]
    located.titles += [(e.title, e.date) for e in facts.entries]
    located.entry_titles.update((e.url, e.title) for e in facts.entries)
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
    url = step.request.url
    title = located.entry_titles.get(url) or facts.title
    located.opened.append(Opened(url, title, facts.published, Reading.of(step.request)))
    if facts.chunks or _is_document(page):  # a document, read or refused
        located.sources += [chunk_source(c, page.final_url) for c in facts.chunks]
        located.reasons += _page_notes(facts.notes, page.final_url)  # 扫描件, 压缩炸弹 …
        return
    located.sources.append(Source(f"{facts.title}\n{facts.text}", page.final_url))
    if facts.published:
        located.article_dates.append(
            Dated(facts.published, facts.published_source or "", page.final_url)
        )
        place_row_year(located, step.request.url, facts.published)
    located.titles.append((facts.title, facts.published))


_PAGE_TYPES = frozenset({"application/xhtml+xml", "application/xml"})


def _is_document(page: Page) -> bool:
    """Served as a document (PDF, XLSX …), not as a page, whether it could be read or not."""
    return page.content_type.startswith("application/") and page.content_type not in _PAGE_TYPES


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


# ------------------------------------------------------------------ item 6's annual report


@dataclass(frozen=True)
class AnnualReport:
    """Item 6's newest report, checked: what it adds to the item, and report.json's block."""

    read: ReportRead
    check: ReportCheck
    effect: ItemEffect
    block: dict[str, Any]


@dataclass
class SeenRows:
    """Every item's dated list rows and how far back each column went: what a report's
    claimed count is set beside (kept while the items' texts are let go)."""

    rows: list[tuple[dt.date, str]] = field(default_factory=list)
    columns: list[ColumnReach] = field(default_factory=list)

    def add(self, located: Located) -> None:
        self.rows += [
            (d.date, d.url) for d in located.list_dates if d.source.startswith("list row")
        ]
        self.columns += located.columns


def annual_report(
    rules: Rules, cache: FactsCache, found: Located, seen: SeenRows
) -> AnnualReport | None:
    """Check the newest annual report item 6's walk read, as `xxgk report-check` would, and
    set the figure it claims for the disclosure column beside the dated rows the crawl saw."""
    read = newest_report(found, cache)
    if read is None:
        return None
    check = check_in_audit(read, rules)
    start = check.period.stated_start or check.period.expected_start
    complete = start is not None and all(column.covers(start) for column in seen.columns)
    claim = column_claim(check, seen.rows, complete)
    block = check.model_dump(mode="json")
    block["claims"] = [claim.model_dump(mode="json")] if claim is not None else []
    return AnnualReport(read, check, item_effect(check, claim), block)


def newest_report(located: Located, cache: FactsCache) -> ReportRead | None:
    """The newest article or document item 6's walk opened whose title names an annual
    disclosure report; a page that only links the report is read through its document."""
    reports = [o for o in located.opened if is_report_title(o.title)]
    if not reports:
        return None
    newest = max(reports, key=lambda o: o.published or edition_end(o.title) or dt.date.min)
    page = cache.page(newest.url)
    if page is None or not page.is_ok:
        return None
    facts = cache.facts(page, newest.reading)
    if facts.chunks:
        # a document has no date of its own but its URL's: the list row gives its date
        listed = [d.date for d in located.list_dates if d.url == newest.url]
        return ReportRead(
            url=newest.url,
            title=newest.title,
            text=_chunks_text(facts),
            published=newest.published or max(listed, default=None),
            kind=_document_kind(newest.url),
        )
    read = ReportText(kind="html", text=facts.text, documents=report_documents(facts.attachments))
    document = linked_document(read)
    attached = cache.page(document) if document is not None else None
    if document is not None and attached is not None and attached.is_ok:
        return ReportRead(
            url=newest.url,
            title=newest.title,
            text=_chunks_text(cache.facts(attached, ARTICLE)),
            published=facts.published,
            kind=_document_kind(document),
            document=document,
        )
    return ReportRead(newest.url, newest.title, facts.text, facts.published, "html")


def _chunks_text(facts: PageFacts) -> str:
    return "\n".join(chunk.text for chunk in facts.chunks if chunk.text)


def _document_kind(url: str) -> SourceKind:
    return "docx" if url.lower().split("?")[0].endswith(".docx") else "pdf"


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
