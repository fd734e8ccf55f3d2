"""From the site's signposts to one entry per checklist item: URLs, section, department.

Evidence, strongest first: a row of the site's 信息公开目录 table (its link and 责任部门); a
link whose text names the item (menus, the column's list of sub-columns); a page whose own
title, breadcrumb or keywords meta names it. Each (item, URL) keeps its best evidence, a
little more for each other kind that agrees, and a little more when the page's list rows
carry the item's element keywords. A URL the crawl found dead (404) is dropped, with a note.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from xxgk.checklist import Checklist, Item
from xxgk.draft.explore import SiteMap
from xxgk.draft.matching import MIN_SCORE, Matcher
from xxgk.draft.reading import PageMap
from xxgk.models import SchoolKind
from xxgk.rules import KIND_NAMES, normalize_url
from xxgk.urls import host_key

# How much each kind of evidence is worth, as a factor of the label's score.
SOURCE_WEIGHTS = {
    "catalogue": 1.0,
    "menu": 0.95,
    "link": 0.95,
    "title": 0.95,
    "crumb": 0.9,
    "keywords": 0.85,
}
_SOURCE_WORDS = {
    "catalogue": "目录表",
    "menu": "菜单",
    "link": "栏目链接",
    "title": "页面标题",
    "crumb": "面包屑",
    "keywords": "页面关键词",
}
AGREEMENT_BONUS = 0.03  # per other kind of evidence pointing at the same URL
EXTRA_URL_SCORE = 0.8  # a second URL must be this good, and name this item best
MAX_URLS = 3
CLEARLY_BETTER = 0.05  # another item's score above this one's takes the column
RUNNERS_UP = 2
MAX_SECTION_PAGES = 3


@dataclass(frozen=True)
class Candidate:
    url: str
    score: float
    evidence: str  # for people: 目录表「（2）学校章程及制定的各项规章制度」
    sources: frozenset[str]
    department: str | None = None


@dataclass(frozen=True)
class ItemDraft:
    item_id: int
    urls: tuple[str, ...] = ()
    section: str | None = None
    pages: int | None = None
    department: str | None = None
    department_from_site: bool = False
    confidence: float = 0.0
    evidence: str = ""
    runners_up: tuple[Candidate, ...] = ()
    not_applicable: str | None = None
    by_kind: bool = False  # not applicable to the school's kind (from the checklist)
    notes: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.urls)


@dataclass
class _Evidence:
    score: float = 0.0
    evidence: str = ""
    sources: set[str] = field(default_factory=set)
    department: str | None = None


def map_items(
    site: SiteMap, checklist: Checklist, matcher: Matcher, kind: SchoolKind
) -> dict[int, ItemDraft]:
    """One ItemDraft per checklist item, by id."""
    evidence, not_applicable, departments = _gather(site, matcher)
    notes: dict[int, list[str]] = {}
    by_url_best: dict[str, float] = {}
    candidates: dict[int, list[Candidate]] = {}
    for (item_id, url), found in evidence.items():
        page = site.page(url)
        item = checklist.item(item_id)
        assert item is not None
        score = min(1.0, found.score + AGREEMENT_BONUS * (len(found.sources) - 1))
        if page is not None and page.is_ok:
            content = _content_share(page, item)
            score = max(score, 0.5 * score + 0.5 * content) if content else score
        kept, note = _check_url(site, page, url, found.evidence)
        if note:
            notes.setdefault(item_id, []).append(note)
        if not kept:
            continue
        if page is None:
            score *= 0.9  # linked, never fetched: not checked
        candidate = Candidate(
            url, round(score, 2), found.evidence, frozenset(found.sources), found.department
        )
        candidates.setdefault(item_id, []).append(candidate)
        by_url_best[url] = max(by_url_best.get(url, 0.0), candidate.score)
    sections = _site_sections(site)
    drafts: dict[int, ItemDraft] = {}
    for item in checklist.items:
        if kind not in item.kinds and kind not in item.substitutes:
            reason = f"本事项不适用于{KIND_NAMES[kind]}"
            drafts[item.id] = ItemDraft(item.id, not_applicable=reason, by_kind=True)
            continue
        ranked = sorted(candidates.get(item.id, []), key=_rank)
        ranked = [c for c in ranked if c.score >= MIN_SCORE]
        # a column another item's name fits clearly better is that item's (学术委员会 is
        # item 4's, though item 40 lists the word), unless the catalogue says otherwise
        while ranked and _belongs_elsewhere(ranked[0], by_url_best):
            ranked = [*ranked[1:], ranked[0]] if len(ranked) > 1 else []
        item_notes = tuple(dict.fromkeys(notes.get(item.id, [])))
        if item.id in not_applicable and not any("catalogue" in c.sources for c in ranked):
            department, reason = not_applicable[item.id]
            drafts[item.id] = ItemDraft(
                item.id, not_applicable=reason, department=department, notes=item_notes
            )
            continue
        if not ranked:
            drafts[item.id] = ItemDraft(item.id, notes=item_notes)
            continue
        drafted = _draft_of(item, ranked, by_url_best, site, sections, item_notes)
        if drafted.department is None and item.id in departments:
            drafted = replace(drafted, department=departments[item.id])
        drafts[item.id] = drafted
    return drafts


def _draft_of(
    item: Item,
    ranked: list[Candidate],
    by_url_best: dict[str, float],
    site: SiteMap,
    sections: dict[str, str],
    notes: tuple[str, ...],
) -> ItemDraft:
    best = ranked[0]
    urls = [best.url]
    for other in ranked[1:]:
        if len(urls) >= MAX_URLS:
            break
        # a second column must be the site's own signpost (a menu or the catalogue), not a
        # link met in passing (an article's title naming the item)
        # on the first one's host: the main site's 学校概况 is no second column of the
        # disclosure column's item 1
        signposted = bool(other.sources & {"catalogue", "menu"}) and _host(other.url) == _host(
            best.url
        )
        if signposted and other.score >= EXTRA_URL_SCORE and other.score >= by_url_best[other.url]:
            urls.append(other.url)
    department = next((c.department for c in ranked if c.department), None)
    pages = [site.page(u) for u in urls]
    selectors = [_section_of(p, sections) for p in pages]
    section = None
    if all(selectors):
        section = ", ".join(dict.fromkeys(s for s in selectors if s))
    has_more = any(p is not None and p.has_more_pages for p in pages)
    known = all(p is not None and p.is_ok for p in pages)
    return ItemDraft(
        item.id,
        urls=tuple(urls),
        section=section,
        pages=MAX_SECTION_PAGES if has_more else (1 if known else None),
        department=department,
        department_from_site=department is not None,
        confidence=best.score,
        evidence=best.evidence,
        runners_up=tuple(c for c in ranked if c.url not in urls)[:RUNNERS_UP],
        notes=notes,
    )


def _host(url: str) -> str:
    return host_key(url)


def _belongs_elsewhere(candidate: Candidate, by_url_best: dict[str, float]) -> bool:
    if "catalogue" in candidate.sources:
        return False
    return candidate.score < by_url_best[candidate.url] - CLEARLY_BETTER


def _rank(candidate: Candidate) -> tuple[float, bool, str]:
    """Best first; on a tie the catalogue's link, then the URL (deterministic)."""
    return (-candidate.score, "catalogue" not in candidate.sources, candidate.url)


def _gather(
    site: SiteMap, matcher: Matcher
) -> tuple[dict[tuple[int, str], _Evidence], dict[int, tuple[str | None, str]], dict[int, str]]:
    """Evidence by (item, URL); the catalogue's not-applicable rows (department, reason) and
    departments, by item."""
    evidence: dict[tuple[int, str], _Evidence] = {}
    not_applicable: dict[int, tuple[str | None, str]] = {}
    departments: dict[int, str] = {}

    def add(
        item_id: int, url: str, score: float, source: str, label: str, dept: str | None
    ) -> None:
        key = (item_id, normalize_url(url))
        found = evidence.setdefault(key, _Evidence())
        weighted = round(score * SOURCE_WEIGHTS[source], 3)
        found.sources.add(source)
        if weighted > found.score:
            found.score = weighted
            found.evidence = f"{_SOURCE_WORDS[source]}「{label}」"
        found.department = found.department or dept

    for page in site.pages.values():
        if not page.is_ok:
            continue
        for row in page.catalogue:
            matches = matcher.matches(row.text)
            if not matches:
                continue
            top = [m for m in matches if m.score >= matches[0].score - 0.05]
            for match in top:
                if row.department:
                    departments.setdefault(match.item_id, row.department)
                if row.not_applicable and not row.url:
                    not_applicable.setdefault(match.item_id, (row.department, row.not_applicable))
                elif row.url:
                    add(match.item_id, row.url, match.score, "catalogue", row.text, row.department)
        for link in page.links:
            kind = "menu" if link.in_menu else "link"
            for match in matcher.matches(link.text):
                add(match.item_id, link.url, match.score, kind, link.text, None)
        own = [("title", page.heading), ("crumb", page.crumbs[-1] if page.crumbs else "")]
        own += [("keywords", word) for word in page.keywords if len(word) >= 4]
        for source, label in own:
            for match in matcher.matches(label):
                add(match.item_id, page.url, match.score, source, label, None)
    return evidence, not_applicable, departments


def _content_share(page: PageMap, item: Item) -> float:
    """The share of the item's elements whose keywords the page's list rows carry."""
    text = " ".join(page.entry_titles)
    if not text:
        return 0.0
    hits = sum(1 for e in item.elements if any(k in text for k in e.keywords))
    return hits / len(item.elements)


def _check_url(
    site: SiteMap, page: PageMap | None, url: str, evidence: str
) -> tuple[bool, str | None]:
    """Whether a candidate URL can go into the draft, and a note for the comment."""
    host = host_key(url)
    if page is None:
        if host not in site.hosts:
            return (
                False,
                f"{evidence}指向其他域名的 {url}，未抓取、未写入（如确属本校平台，请手工加入 hosts 和 urls）",
            )
        return True, None
    if page.status in (404, 410):
        return False, f"{evidence}的链接失效（HTTP {page.status}）：{url}"
    if page.error_kind == "robots":
        return True, f"{url} 被 robots.txt 禁止抓取，核查时将报告为无法访问"
    if not page.is_ok:
        return True, f"{url} 抓取失败（{page.error or f'HTTP {page.status}'}），请人工核实"
    return True, None


def _site_sections(site: SiteMap) -> dict[str, str]:
    """Per host, the list block most of its column pages use (div.list on a VSB site)."""
    counts: dict[str, Counter[str]] = {}
    for page in site.pages.values():
        if page.is_ok and page.section:
            host = host_key(page.final_url)
            counts.setdefault(host, Counter())[page.section] += 1
    return {host: c.most_common(1)[0][0] for host, c in counts.items()}


def _section_of(page: PageMap | None, sections: dict[str, str]) -> str | None:
    if page is None or not page.is_ok:
        return None
    if page.section:
        return page.section
    host = host_key(page.final_url)
    common = sections.get(host)
    return common if common in page.blocks else None
