"""What the audit follows, written once: the seeds of a school, and the children of a page.

The crawl calls `read_and_follow` on every page it fetches; evaluation calls `replay`
over the crawl's stored pages and facts. Both go through `follow`, so evaluation can only
read a page the way the crawl read it: "a reading the crawl never made" cannot happen.

The policy (Scrapy's one list of `Rule`s, in three lines):
- a seed is each URL of an applicable item's rule, with the rule's section and budgets;
- a list page (a seed, or a page reached through pagination) leads to its next list page
  while `pages_left`, its newest `articles` entries and the attachments in its section;
- an article leads to its attachments; an attachment (or a page that failed) to nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from xxgk.checklist import Checklist
from xxgk.extract import is_attachment, read_page
from xxgk.models import CrawlRequest, Page, PageFacts, Reading
from xxgk.rules import ItemRule, Rules, not_applicable_reason, resolve_url


class Children(NamedTuple):
    """The requests a fetched page leads to, by why they are followed."""

    next_page: CrawlRequest | None  # pagination: the following list page
    entries: tuple[CrawlRequest, ...]  # the newest linked rows (articles or documents)
    attachments: tuple[CrawlRequest, ...]  # documents linked from the page itself

    def all(self) -> list[CrawlRequest]:
        first = [self.next_page] if self.next_page is not None else []
        return [*first, *self.entries, *self.attachments]


NO_CHILDREN = Children(None, (), ())


def item_seeds(rules: Rules, rule: ItemRule) -> list[CrawlRequest]:
    """Where the crawl starts for one item: each of its URLs, read as a list page."""
    return [
        CrawlRequest(
            url=resolve_url(rules, url),
            role="seed",
            pages_left=rule.pages - 1,
            articles=rule.articles,
            section=rule.section,
        )
        for url in rule.urls
    ]


def seeds(rules: Rules, checklist: Checklist) -> list[CrawlRequest]:
    """Every applicable item's seeds, in checklist order."""
    found: list[CrawlRequest] = []
    for item in checklist.items:
        rule = rules.items.get(item.id)
        if rule is None or not_applicable_reason(item, rule, rules.school.kind) is not None:
            continue
        found += item_seeds(rules, rule)
    return found


def follow(page: Page, facts: PageFacts, request: CrawlRequest) -> Children:
    """What a fetched page leads to; links seen once per page, the page itself never."""
    if not page.is_ok or request.role == "attachment":
        return NO_CHILDREN
    seen = {page.url, page.final_url}

    def fresh(found: list[CrawlRequest]) -> tuple[CrawlRequest, ...]:
        kept = []
        for req in found:
            if urlsplit(req.url).scheme in ("http", "https") and req.url not in seen:
                seen.add(req.url)
                kept.append(req)
        return tuple(kept)

    attachments = [CrawlRequest(url=a.url, role="attachment") for a in facts.attachments]
    if request.role == "article":
        return Children(None, (), fresh(attachments))
    next_page = None
    if request.pages_left > 0 and facts.next_pages:
        next_page = CrawlRequest(
            url=facts.next_pages[0],
            role="list",
            pages_left=request.pages_left - 1,
            articles=request.articles,
            section=request.section,
        )
    pagination = fresh([next_page] if next_page is not None else [])
    entries = [
        CrawlRequest(url=e.url, role=_entry_role(e.url, e.title))
        for e in facts.entries[: max(request.articles, 0)]
    ]
    return Children(pagination[0] if pagination else None, fresh(entries), fresh(attachments))


def _entry_role(url: str, title: str) -> Literal["article", "attachment"]:
    return "attachment" if is_attachment(url, title) else "article"


def read_and_follow(
    page: Page, request: CrawlRequest, known: PageFacts | None = None, *, as_of: dt.date
) -> tuple[PageFacts, list[CrawlRequest]]:
    """The crawl's reading of a fetched page: its facts, and the requests it leads to.

    List pages are read within the request's section, with their pagination; articles and
    documents whole, without. `known` are facts already read from this very page in the
    same way (an unchanged cached copy).
    """
    if known is None:
        reading = Reading.of(request)
        known = read_page(page, as_of=as_of, section=reading.section, pagination=reading.listing)
    return known, follow(page, known, request).all()


# ------------------------------------------------------------------ replay for evaluation

Via = Literal["list", "entry", "attachment"]


class Step(NamedTuple):
    """One page the crawl read for an item, with what it read, and why it was followed."""

    request: CrawlRequest
    page: Page
    facts: PageFacts
    via: Via


# The page the crawl fetched for a request (None: never fetched), and the facts it read.
PageOf = Callable[[CrawlRequest], Page | None]
FactsOf = Callable[[Page, Reading], PageFacts]


def replay(seed: CrawlRequest, page_of: PageOf, facts_of: FactsOf) -> Iterator[Step]:
    """The crawl's walk from one fetched, answering seed, in reading order: a list page,
    then its entries (each with its attachments), then its own attachments, then the next
    list page. Pages never fetched are passed over; so are list pages that failed."""
    yield from _replay(seed, "list", page_of, facts_of)


def _replay(request: CrawlRequest, via: Via, page_of: PageOf, facts_of: FactsOf) -> Iterator[Step]:
    page = page_of(request)
    if page is None or (via == "list" and not page.is_ok):
        return
    reading = Reading.of(request)
    facts = facts_of(page, reading) if page.is_ok else PageFacts(url=page.final_url)
    yield Step(request, page, facts, via)
    children = follow(page, facts, request)
    for entry in children.entries:
        yield from _replay(entry, "entry", page_of, facts_of)
    for attachment in children.attachments:
        yield from _replay(attachment, "attachment", page_of, facts_of)
    if children.next_page is not None:
        yield from _replay(children.next_page, "list", page_of, facts_of)
