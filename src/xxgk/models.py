"""Shared frozen types that flow between pipeline stages."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal, NamedTuple, TypeVar, cast

from pydantic import BaseModel, ConfigDict

SchoolKind = Literal["undergraduate", "vocational", "graduate"]
SCHOOL_KINDS: tuple[SchoolKind, ...] = ("undergraduate", "vocational", "graduate")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


_M = TypeVar("_M", bound=Frozen)
_SHARED_FIELDS_SETS: dict[type[Frozen], set[str]] = {}


def lean_copy(model: _M, **update: Any) -> _M:
    """A copy with `update` applied (values of the fields' own types, not validated).

    pydantic gives every instance its own set of the names of the fields that were set,
    hundreds of bytes each; the crawl keeps thousands of slimmed pages and facts, so their
    copies share one such set per class (frozen models never change it).
    """
    shared = _SHARED_FIELDS_SETS.setdefault(type(model), set(type(model).model_fields))
    copied = model.model_construct(_fields_set=shared, **{**model.__dict__, **update})
    return cast(_M, copied)  # pydantic's mypy plugin types it as the bound, Frozen


class Status(StrEnum):
    """Item statuses, in DESIGN.md's order from worst to best."""

    UNREACHABLE = "unreachable"
    MISSING = "missing"
    PARTIAL = "partial"
    STALE = "stale"
    LATE = "late"
    PASS = "pass"
    NOT_APPLICABLE = "not_applicable"


# Worst first; an item takes the first status in this order that applies.
STATUS_ORDER: tuple[Status, ...] = tuple(Status)
# Order of the counts block in report.json (the contract's order).
COUNT_ORDER: tuple[Status, ...] = (
    Status.PASS,
    Status.LATE,
    Status.STALE,
    Status.PARTIAL,
    Status.MISSING,
    Status.UNREACHABLE,
    Status.NOT_APPLICABLE,
)

ErrorKind = Literal["timeout", "connection", "http", "robots", "scope", "redirect"]
# Error kinds that make an item unreachable (a 404/410 makes it missing instead).
UNREACHABLE_KINDS: frozenset[str] = frozenset(
    {"timeout", "connection", "robots", "scope", "redirect"}
)

RequestRole = Literal["seed", "list", "article", "attachment"]


class CrawlRequest(Frozen):
    """One URL to fetch, and how much of the site behind it to follow."""

    url: str
    role: RequestRole = "seed"
    pages_left: int = 0  # further list pages to follow through pagination
    articles: int = 0  # newest linked articles to open from this list page
    section: str | None = None  # CSS selector limiting which links count


class Reading(NamedTuple):
    """How a page is read: a list page within its section (None: the whole body) and with
    its pagination; an article or a document whole, without."""

    section: str | None
    listing: bool

    @classmethod
    def of(cls, request: CrawlRequest) -> Reading:
        if request.role in ("seed", "list"):
            return cls(request.section, listing=True)
        return ARTICLE


ARTICLE = Reading(None, listing=False)
FactsKey = tuple[str, Reading]  # (url, reading): what read_page found, by how it was read


class Page(Frozen):
    """The outcome of fetching one URL: a response or the reason there is none."""

    url: str
    final_url: str
    status: int  # HTTP status; 0 when no response arrived
    headers: dict[str, str]  # lower-case names
    content: bytes = b""
    text: str = ""  # decoded body for text types, "" for binary
    encoding: str | None = None
    error: str | None = None  # Chinese, for people: why there is no usable page
    error_kind: ErrorKind | None = None
    notes: tuple[str, ...] = ()
    from_cache: bool = False
    elapsed: float = 0.0

    @property
    def is_ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300

    @property
    def is_unreachable(self) -> bool:
        if self.error_kind in UNREACHABLE_KINDS:
            return True
        return self.status >= 500 or (
            self.error_kind == "http" and self.status in (401, 403, 412, 429)
        )

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Entry(Frozen):
    """One row of a list page: a linked title with its date if the row shows one."""

    title: str
    url: str
    date: dt.date | None = None
    # "list row"; "list row, year from the URL" or "… from the list's order" for a year-less
    # date; "url" when only the link's path has one
    date_source: str | None = None


class Attachment(Frozen):
    name: str
    url: str


class ElementResult(Frozen):
    name: str
    found: bool
    where: str | None = None  # URL of the evidence
    page: int | None = None  # page number inside a PDF attachment
    snippet: str | None = None  # the short text that matched


class ReasonKind(StrEnum):
    """Why an item has its status, as data: the gate, the gap lists and the reports select
    reasons by kind. Don't match on a reason's text: it is for people and may be reworded."""

    NOT_APPLICABLE = "not_applicable"  # the rules or the checklist exclude the item
    SUBSTITUTE = "substitute"  # judged by what a school of this kind publishes instead
    NO_LOCATION = "no_location"  # the rules declare no URL for the item
    NOT_FETCHED = "not_fetched"  # a declared URL was not fetched (the page limit)
    UNREACHABLE = "unreachable"  # network error, 5xx, timeout, robots.txt
    BROKEN_LINK = "broken_link"  # 404, 410 and the like
    ATTACHMENT_UNAVAILABLE = "attachment_unavailable"  # a linked document failed
    PAGE_NOTE = "page_note"  # what fetching or reading a page noticed (cut, bad bytes, …)
    MISSING_ELEMENT = "missing_element"  # an element the checklist names was not found
    STALE = "stale"  # the newest evidence is older than the cadence allows
    LATE = "late"  # the current edition came after its deadline
    UNDATED = "undated"  # no publication date at all
    WEAK_DATE = "weak_date"  # the date is only the server's Last-Modified
    ARTICLE_DATE = "article_date"  # the date is the article page's own
    DATE_CONFLICT = "date_conflict"  # a list row and its article disagree on the date
    REPORT_CHECK = "report_check"  # the annual report's own check (period, order, claims)
    EDITION_TITLE = "edition_title"  # the current edition is known by its title's year
    NOT_JUDGEABLE = "not_judgeable"  # timeliness cannot be judged from outside
    FIX_BY_ESTIMATE = "fix_by_estimate"  # the fix-by date is past the holiday calendar


class Reason(Frozen):
    """One cause behind an item's status: its kind, a sentence for people, and the page."""

    kind: ReasonKind
    text: str  # Chinese, complete: it is what `notes` shows
    url: str | None = None  # the page it is about, when there is one
    detail: str | None = None  # what that page answered (HTTP 404, 连接超时, …)


def notes_of(reasons: tuple[Reason, ...]) -> tuple[str, ...]:
    """`notes`: the reasons' sentences, each once, in order."""
    return tuple(dict.fromkeys(r.text for r in reasons))


class AutoMapping(Frozen):
    """How an item's location was found when the rules were drafted from the site
    (`xxgk init`, `xxgk audit --base-url` without rules): report.json's `mapping`."""

    auto: bool = True
    confidence: float  # 0-1; 0 when nothing on the site named the item
    evidence: str  # for people: 目录表「（2）学校章程及制定的各项规章制度」


class ItemResult(Frozen):
    id: int
    category: str
    title: str
    department: str | None
    status: Status
    coverage: float
    elements: tuple[ElementResult, ...]
    latest_date: dt.date | None
    # where latest_date was read: list row (…, year from the URL | the list's order | the
    # article) | label:发布时间 | byline | meta:PubDate | json-ld | time | script | url |
    # last-modified; absent in reports of older versions
    date_source: str | None = None
    date_url: str | None = None  # the page it was read on
    due: dt.date | None
    timely: bool | None
    urls: tuple[str, ...]
    notes: tuple[str, ...]  # the reasons' sentences (notes_of)
    fix_by: dt.date | None
    reasons: tuple[Reason, ...] = ()  # typed causes; absent in reports of older versions
    mapping: AutoMapping | None = None  # only when the rules were drafted from the site


class FetchStats(Frozen):
    pages: int = 0
    errors: int = 0
    robots_blocked: int = 0
    bytes: int = 0
    seconds: float = 0.0
    cached: int = 0
    tls_unverified: tuple[str, ...] = ()  # hosts fetched without checking their certificate


class Summary(Frozen):
    applicable: int
    coverage: float
    timeliness: float
    pass_rate: float
    counts: dict[str, int]


class AuditResult(Frozen):
    tool: dict[str, str]
    checklist: dict[str, str | int]
    school: dict[str, str]
    as_of: dt.date
    summary: Summary
    items: tuple[ItemResult, ...]
    fetch: FetchStats
    # item 6's newest annual report, checked (xxgk.annual.ReportCheck as JSON, with the
    # claims set beside the crawl); absent when the audit read no report
    report_check: dict[str, Any] | None = None


class TrendPoint(Frozen):
    """One recorded run's scores: a point of the HTML report's trend chart."""

    run_id: int
    as_of: dt.date
    coverage: float
    timeliness: float
    pass_rate: float


class TextChunk(Frozen):
    """Text from one place in a document: a PDF page, a sheet, a DOCX body."""

    text: str
    page: int | None = None  # 1-based PDF page number
    label: str | None = None  # sheet name or other locator


class PageFacts(Frozen):
    """What extract reads from one fetched page (optionally limited to a CSS section)."""

    url: str  # the page's final URL; links below are absolute
    title: str = ""  # the article/list title (<h1>, .title, or <title>)
    text: str = ""  # visible text of the section or main content, chrome removed
    entries: tuple[Entry, ...] = ()  # list rows, newest first
    next_pages: tuple[str, ...] = ()  # following list pages in reading order
    attachments: tuple[Attachment, ...] = ()
    published: dt.date | None = None  # the page's own publication date (发布时间 …)
    # where it was read: label:发布时间 | byline | meta:PubDate | json-ld | time | script | url
    published_source: str | None = None
    chunks: tuple[TextChunk, ...] = ()  # for attachments: text per PDF page / sheet
    notes: tuple[str, ...] = ()  # Chinese, for people (e.g. 忽略了晚于评估日的日期)
