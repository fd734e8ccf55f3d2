"""The drafting crawl: from a school's address to a map of its disclosure column and platforms.

All requests go through `xxgk.fetch.crawl` (robots.txt, per-host rate, host scope, the page
budget). What is followed, from each page:

- where the page sends the browser (`<meta refresh>`, a script setting `location`);
- every link of a 信息公开目录 table;
- links whose text names a checklist item or category, or the disclosure column itself
  (信息公开, 校务公开, 公开目录 …);
- menu links of the disclosure column's pages of the first two levels (its menus lead to its
  sub-columns; a main site's menus lead everywhere else too).

List rows (articles) and documents are never followed: drafting needs where the columns
are, not what they hold. Hosts under the school's own domain (zs.x.edu.cn, jy.x.edu.cn …)
are crawled in a next round, with the scope widened to them; other domains are noted only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from xxgk.draft.matching import Matcher
from xxgk.draft.reading import PageMap, map_page
from xxgk.extract import is_attachment
from xxgk.fetch import CrawlSettings, crawl
from xxgk.models import CrawlRequest, Page, PageFacts
from xxgk.rules import normalize_url
from xxgk.urls import host_key

DEFAULT_BUDGET = 300  # requests a draft may make, over all hosts
MAX_DEPTH = 4  # links from the start page (a redirect does not count)
MENU_DEPTH = 2  # menu links are followed only this close to the start
MAX_ROUNDS = 4  # crawls with a widened host scope
DISCLOSURE_WORDS = ("信息公开", "校务公开", "公开目录", "公开事项", "信息公开网", "党务公开")
_SECOND_LEVEL = ("edu.cn", "com.cn", "gov.cn", "org.cn", "net.cn", "ac.cn")


@dataclass
class SiteMap:
    """What the drafting crawl saw."""

    start: str
    pages: dict[str, PageMap] = field(default_factory=dict)  # by normalized URL
    hosts: list[str] = field(default_factory=list)  # crawled hosts, in the order met
    offsite: dict[str, str] = field(default_factory=dict)  # other domains' links: url -> text
    requests: int = 0
    seconds: float = 0.0
    budget_left: int = 0

    def page(self, url: str) -> PageMap | None:
        return self.pages.get(normalize_url(url))


def school_domain(host: str) -> str:
    """The school's registrable domain: demo.edu.cn for xxgk.demo.edu.cn (an IP: itself)."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    labels = host.split(".")
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def explore(
    start: str,
    settings: CrawlSettings,
    matcher: Matcher,
    as_of: dt.date,
    budget: int = DEFAULT_BUDGET,
) -> SiteMap:
    """Crawl from `start` within `budget` requests; `settings` give everything but the hosts
    and the page limit (rate, timeouts, resolve, User-Agent)."""
    started = time.monotonic()
    walk = _Walk(SiteMap(start=normalize_url(start), budget_left=budget), matcher, as_of)
    site = walk.site
    walk.domains.add(school_domain((urlsplit(site.start).hostname or "").lower()))
    walk.depth[site.start] = 0
    walk.allowed.add(host_key(site.start))  # with its port: the crawl's scope is port-aware
    seeds = [site.start]
    for _ in range(MAX_ROUNDS):
        if not seeds or site.budget_left <= 0:
            break
        site.hosts += [h for h in sorted(walk.allowed) if h not in site.hosts]
        scoped = dataclasses.replace(
            settings, allowed_hosts=frozenset(walk.allowed), max_pages=site.budget_left
        )
        result = crawl([CrawlRequest(url=u, role="list") for u in seeds], scoped, walk.digest)
        result.close()
        site.requests += result.stats.pages
        site.budget_left = budget - site.requests
        seeds = walk.next_seeds()
    site.seconds = round(time.monotonic() - started, 2)
    return site


@dataclass
class _Walk:
    """The drafting crawl's state between its rounds, and its reading of each page."""

    site: SiteMap
    matcher: Matcher
    as_of: dt.date
    domains: set[str] = field(default_factory=set)  # the school's registrable domains
    allowed: set[str] = field(default_factory=set)  # hosts in scope this round
    depth: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, int] = field(default_factory=dict)  # school links not yet in scope

    def digest(
        self, page: Page, request: CrawlRequest, known: PageFacts | None
    ) -> tuple[PageFacts, list[CrawlRequest]]:
        mapped = map_page(page, self.as_of)
        self.site.pages[request.url] = mapped
        here = self.depth.get(request.url, MAX_DEPTH)
        if mapped.is_ok and here == 0 and mapped.redirect is None:
            # the disclosure column may live under another domain the school owns
            for link in mapped.links:
                if _names_disclosure(link.text):
                    self.domains.add(school_domain((urlsplit(link.url).hostname or "").lower()))
        follow: list[CrawlRequest] = []
        for url, next_depth in _links_to_follow(mapped, here, self.matcher):
            target = normalize_url(url)
            if school_domain((urlsplit(target).hostname or "").lower()) not in self.domains:
                if not is_attachment(target):
                    self.site.offsite.setdefault(target, _text_of(mapped, url))
                continue
            if target in self.depth and self.depth[target] <= next_depth:
                continue
            self.depth[target] = next_depth
            if host_key(target) in self.allowed:
                follow.append(CrawlRequest(url=target, role="list"))
            else:
                self.waiting[target] = next_depth
        return PageFacts(url=page.final_url or page.url), follow

    def next_seeds(self) -> list[str]:
        """The school's links met outside the scope, nearest first; the scope widened to them."""
        fetched = set(self.site.pages)
        seeds = sorted((u for u in self.waiting if u not in fetched), key=self.waiting.__getitem__)
        self.allowed |= {host_key(u) for u in seeds}
        self.waiting = {}
        return seeds


def _links_to_follow(page: PageMap, here: int, matcher: Matcher) -> list[tuple[str, int]]:
    if not page.is_ok:
        return []
    found: list[tuple[str, int]] = []
    if page.redirect:
        found.append((page.redirect, here))
    found += [(row.url, here + 1) for row in page.catalogue if row.url]
    if here >= MAX_DEPTH:
        return found
    for link in page.links:
        if is_attachment(link.url, link.text) or len(link.text) > 60:
            continue
        relevant = (
            _names_disclosure(link.text)
            or matcher.is_category(link.text)
            or bool(matcher.matches(link.text))
            or (link.in_menu and here < MENU_DEPTH and _in_column(page))
        )
        if relevant:
            found.append((link.url, here + 1))
    return found


def _in_column(page: PageMap) -> bool:
    """A page of the disclosure column (its title, breadcrumb or keywords say 信息公开): its
    menus are the column's. A school's main site has menus of everything else too."""
    signs = (page.title, *page.crumbs, *page.keywords)
    return any(word in sign for sign in signs for word in DISCLOSURE_WORDS)


def _names_disclosure(text: str) -> bool:
    return any(word in text for word in DISCLOSURE_WORDS) and len(text) <= 12


def _text_of(page: PageMap, url: str) -> str:
    for link in page.links:
        if link.url == url:
            return link.text
    for row in page.catalogue:
        if row.url == url:
            return row.text
    return ""
