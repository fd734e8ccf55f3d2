"""Draft a school's rules from its site alone (`xxgk init --base-url`, `xxgk audit --base-url`).

- ``explore``: the drafting crawl (through ``xxgk.fetch``): the disclosure column, its menus,
  catalogue and columns, and the school's other platforms
- ``reading``: what one page says about where things are (catalogue rows, links, list block)
- ``matching``: how well a label names a checklist item (keywords and character bigrams)
- ``mapping``: per item the URLs, section, pages and department, with confidence and evidence
- ``school``: the school's name and kind from its site
- ``writer``: the rules file, with comments; ``update``: filling the empty items of an
  existing file, every other line kept
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from xxgk.checklist import Checklist
from xxgk.draft.explore import DEFAULT_BUDGET, DISCLOSURE_WORDS, SiteMap, explore
from xxgk.draft.mapping import ItemDraft, map_items
from xxgk.draft.matching import Matcher
from xxgk.draft.school import school_kind, school_name
from xxgk.draft.writer import render
from xxgk.errors import RunError
from xxgk.fetch import CrawlSettings
from xxgk.models import AutoMapping, SchoolKind
from xxgk.rules import normalize_url
from xxgk.urls import host_key

__all__ = ["DEFAULT_BUDGET", "Draft", "ItemDraft", "draft_rules"]


@dataclass(frozen=True)
class Draft:
    text: str  # the rules file
    name: str
    kind: SchoolKind
    base_url: str
    hosts: tuple[str, ...]
    items: dict[int, ItemDraft]
    site: SiteMap

    @property
    def found(self) -> list[int]:
        return [i for i, d in self.items.items() if d.found]

    def mappings(self) -> dict[int, AutoMapping]:
        """report.json's `mapping` per item: how sure the draft is of where it looked."""
        found: dict[int, AutoMapping] = {}
        for item_id, item in self.items.items():
            if item.found:
                found[item_id] = AutoMapping(confidence=item.confidence, evidence=item.evidence)
            elif item.not_applicable:
                evidence = (
                    "按学校类型由清单判定" if item.by_kind else "站点的信息公开目录注明不适用"
                )
                found[item_id] = AutoMapping(confidence=0.0, evidence=evidence)
            else:
                found[item_id] = AutoMapping(confidence=0.0, evidence="站点上未找到对应栏目")
        return found

    def summary(self) -> str:
        return summary_line(self.site, self.items, self.hosts)


def summary_line(site: SiteMap, items: dict[int, ItemDraft], hosts: tuple[str, ...]) -> str:
    """One line for people: how much was found, with what effort."""
    applicable = [d for d in items.values() if not d.by_kind]
    found = sum(1 for d in applicable if d.found)
    na = sum(1 for d in applicable if d.not_applicable)
    spent = (
        "（已用完抓取上限 --draft-pages，部分栏目可能没有抓到）" if site.budget_left <= 0 else ""
    )
    return (
        f"抓取 {site.requests} 个页面{spent}（{site.seconds:.1f} 秒，主机 {'、'.join(hosts)}）；"
        f"{found} 项找到栏目，{na} 项站点注明不适用，{len(applicable) - found - na} 项未找到"
    )


def draft_rules(
    start_url: str,
    checklist: Checklist,
    settings: CrawlSettings,
    as_of: dt.date,
    *,
    name: str | None = None,
    kind: SchoolKind | None = None,
    budget: int = DEFAULT_BUDGET,
) -> Draft:
    """Crawl the site from `start_url` and draft its rules. RunError when the site does
    not answer at all."""
    matcher = Matcher(checklist)
    site = explore(start_url, settings, matcher, as_of, budget)
    first = site.page(start_url)
    if first is None or not first.is_ok:
        reason = "没有响应"
        if first is not None:
            reason = first.error or f"HTTP {first.status}"
        raise RunError(f"站点无法访问：{start_url}（{reason}）")
    name = name or school_name(site) or (urlsplit(start_url).hostname or "")
    kind = kind or school_kind(name, site)
    base_url = disclosure_base(site)
    items = map_items(site, checklist, matcher, kind)
    used = {host_key(u) for d in items.values() for u in d.urls}
    hosts = tuple(h for h in site.hosts if h in used or h == host_key(base_url))
    summary = summary_line(site, items, hosts)
    text = render(
        checklist, items, name=name, kind=kind, base_url=base_url, hosts=hosts, summary=summary
    )
    return Draft(text, name, kind, base_url, hosts, items, site)


def disclosure_base(site: SiteMap) -> str:
    """The disclosure column's address: the start page, unless it is the school's home
    page linking to a column named 信息公开 (then that column, when it answered)."""
    start = site.page(site.start)
    if start is None or not start.is_ok:
        return site.start
    page = start
    if start.redirect:
        target = site.page(start.redirect)
        page = target if target is not None and target.is_ok else start
    if any(word in page.title for word in DISCLOSURE_WORDS):
        return _directory(page.final_url)
    for link in page.links:
        if any(word in link.text for word in DISCLOSURE_WORDS) and len(link.text) <= 8:
            linked = site.page(link.url)
            if linked is not None and linked.is_ok:
                return _directory(linked.final_url)
    return _directory(page.final_url)


def _directory(url: str) -> str:
    parts = urlsplit(normalize_url(url))
    path = parts.path[: parts.path.rfind("/") + 1] or "/"
    return f"{parts.scheme}://{parts.netloc}{path}"
