"""What one page of a school site says about where things are: a `SiteMap` entry.

Pure: a fetched `Page` in, a `PageMap` out. The page's signposts come from the page
reader (`xxgk.extract`): links with their text, breadcrumb, keywords meta, list rows and
pagination; this module adds what only drafting needs: catalogue tables (信息公开目录:
item → link → 责任部门), a redirect the page asks for (`<meta refresh>`, `location.href=`),
and the CSS selector of the block that holds the list rows (the rules' `section`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from xxgk.extract import crumb_trail, meta_keywords, nav_links, parse_html, read_page
from xxgk.extract.html import (
    Element,
    absolute_url,
    attr_of,
    base_url,
    css_selector,
    joined_text,
    norm,
)
from xxgk.models import Page, PageFacts


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    in_menu: bool


@dataclass(frozen=True)
class CatalogueRow:
    """One row of a 信息公开目录 table."""

    text: str  # the 公开事项 cell, as written
    url: str | None  # the row's link, absolute
    department: str | None  # the 责任部门 cell
    not_applicable: str | None  # the reason, when the row says 不适用


@dataclass(frozen=True)
class PageMap:
    url: str  # as requested
    final_url: str
    status: int
    error: str | None = None
    error_kind: str | None = None
    title: str = ""  # <title>
    heading: str = ""  # the page's own title (column name on a list page)
    crumbs: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()  # not counting the list's rows
    entry_titles: tuple[str, ...] = ()  # the list's rows
    entry_urls: frozenset[str] = frozenset()
    has_more_pages: bool = False
    catalogue: tuple[CatalogueRow, ...] = ()
    redirect: str | None = None
    section: str | None = None  # the block holding the list rows
    blocks: frozenset[str] = field(default_factory=frozenset)  # unique `tag.class` selectors
    footer: str = ""  # the copyright line's text (版权所有 …), for the school's name

    @property
    def is_ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300


def map_page(page: Page, as_of: dt.date) -> PageMap:
    """Read one fetched page for drafting (a failed page keeps only its error)."""
    final = page.final_url or page.url
    if not page.is_ok or not (page.text or page.content):
        return PageMap(page.url, final, page.status, page.error, page.error_kind)
    doc, _ = parse_html(page)
    if doc is None:
        return PageMap(page.url, final, page.status)
    base = base_url(doc, final)
    facts = read_page(page, as_of=as_of)
    if not facts.entries:
        facts = _rows_in_named_block(page, doc, as_of) or facts
    entry_urls = frozenset(e.url for e in facts.entries)
    links = tuple(
        Link(link.text, link.url, link.in_menu or link.in_crumb)
        for link in nav_links(doc, base)
        if link.text and (link.in_menu or link.in_crumb or link.url not in entry_urls)
    )
    title_tag = next(doc.iter("title"), None)
    return PageMap(
        url=page.url,
        final_url=final,
        status=page.status,
        title=norm(joined_text(title_tag)) if title_tag is not None else "",
        heading=facts.title,
        crumbs=tuple(crumb_trail(doc)),
        keywords=tuple(meta_keywords(doc)),
        links=links,
        entry_titles=tuple(e.title for e in facts.entries),
        entry_urls=entry_urls,
        has_more_pages=bool(facts.next_pages),
        catalogue=tuple(catalogue_rows(doc, base)),
        redirect=redirect_of(page.text, doc, base),
        section=list_section(doc, base, entry_urls),
        blocks=frozenset(unique_blocks(doc)),
        footer=_footer(doc),
    )


# Class or id words of the blocks that hold a list (an old table site's newslist).
_LIST_WORDS_RE = re.compile(r"list|news|lb|article|wz|xw")


def _rows_in_named_block(page: Page, doc: Element, as_of: dt.date) -> PageFacts | None:
    """The rows of a list the page reader missed when reading the whole page (an old table
    layout whose breadcrumb cell holds the list): read within a block named like a list."""
    named = sorted(s for s in unique_blocks(doc) if _LIST_WORDS_RE.search(s.split(".")[-1]))
    for selector in named[:3]:
        facts = read_page(page, as_of=as_of, section=selector)
        if facts.entries:
            return facts
    return None


# ------------------------------------------------------------------ redirects

_REFRESH_RE = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
_JS_REDIRECT_RE = re.compile(
    r"(?:window\.|document\.|self\.|top\.)?location(?:\.href)?\s*=\s*['\"]([^'\"]+)['\"]"
    r"|location\.(?:replace|assign)\(\s*['\"]([^'\"]+)['\"]\s*\)"
)


def redirect_of(text: str, doc: Element, base: str) -> str | None:
    """Where a page sends the browser at once: `<meta http-equiv=refresh>` or a script that
    sets `location`. Only on pages with next to nothing else (a real page with a script
    that redirects on a click is not a redirect)."""
    for meta in doc.iter("meta"):
        if attr_of(meta, "http-equiv").lower() == "refresh":
            found = _REFRESH_RE.search(attr_of(meta, "content"))
            if found:
                return absolute_url(found.group(1), base)
    body = next(doc.iter("body"), None)
    visible = norm(joined_text(body)) if body is not None else ""
    if len(visible) > 200:
        return None
    found = _JS_REDIRECT_RE.search(text)
    if found:
        return absolute_url(found.group(1) or found.group(2), base)
    return None


# ------------------------------------------------------------------ catalogue tables

_ITEM_HEADERS = ("公开事项", "事项", "信息名称", "公开内容", "内容", "名称")
_DEPARTMENT_HEADERS = ("责任部门", "责任单位", "负责部门", "公开部门", "责任处室", "部门")
_NOT_APPLICABLE_RE = re.compile(r"不适用[：:，,]?\s*(.*)")


def catalogue_rows(doc: Element, base: str) -> list[CatalogueRow]:
    """The rows of every table whose header names a 事项 column (信息公开目录)."""
    rows: list[CatalogueRow] = []
    for table in doc.iter("table"):
        grid = _grid(table)
        if len(grid) < 3:
            continue
        header = next((r for r in grid if any(c.tag == "th" for c in r)), grid[0])
        names = [norm(joined_text(c)) for c in header]
        item_col = _column(names, _ITEM_HEADERS)
        if item_col is None:
            continue
        dept_col = _column(names, _DEPARTMENT_HEADERS)
        for cells in grid:
            if cells is header or len(cells) <= item_col:
                continue
            rows.append(_row(cells, item_col, dept_col, base))
    return rows


def _column(names: list[str], wanted: tuple[str, ...]) -> int | None:
    for word in wanted:
        for index, name in enumerate(names):
            if word in name:
                return index
    return None


def _row(cells: list[Element], item_col: int, dept_col: int | None, base: str) -> CatalogueRow:
    text = norm(joined_text(cells[item_col]))
    url = None
    reason = None
    for cell in cells:
        for anchor in cell.iter("a"):
            url = url or absolute_url(attr_of(anchor, "href"), base)
        found = _NOT_APPLICABLE_RE.match(norm(joined_text(cell)))
        if found and cell is not cells[item_col]:
            reason = found.group(1).strip() or "学校目录注明不适用"
    department = None
    if dept_col is not None and dept_col < len(cells) and cells[dept_col] is not cells[item_col]:
        value = norm(joined_text(cells[dept_col]))
        department = value if value and value not in ("—", "-", "/", "无") else None
    return CatalogueRow(text, url, department, reason)


def _grid(table: Element) -> list[list[Element]]:
    """The table's rows with rowspan and colspan cells repeated where they span."""
    grid: list[list[Element]] = []
    spanning: dict[int, tuple[Element, int]] = {}  # column -> (cell, rows still to fill)
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table")) is not table:
            continue  # a nested table's row
        cells = iter([c for c in tr if c.tag in ("td", "th")])
        row: list[Element] = []
        while True:
            column = len(row)
            if column in spanning:
                cell, left = spanning.pop(column)
                if left > 1:
                    spanning[column] = (cell, left - 1)
                row.append(cell)
                continue
            next_cell = next(cells, None)
            if next_cell is None:
                if not any(k > column for k in spanning):
                    break
                row.append(row[-1] if row else tr)  # a gap: the row is short of cells
                continue
            rows = _int(attr_of(next_cell, "rowspan"))
            for offset in range(_int(attr_of(next_cell, "colspan"))):
                if rows > 1:
                    spanning[column + offset] = (next_cell, rows - 1)
                row.append(next_cell)
        if row:
            grid.append(row)
    return grid


def _int(text: str) -> int:
    return int(text) if text.strip().isdigit() and int(text) > 0 else 1


# ------------------------------------------------------------------ the list's block

_ROW_TAGS = frozenset({"a", "li", "span", "td", "tr", "dd", "dt", "em", "samp", "font", "tbody"})
_BLOCK_TAGS = ("div", "ul", "ol", "table", "section", "dl")


def list_section(doc: Element, base: str, entry_urls: frozenset[str]) -> str | None:
    """A CSS selector for the smallest named block holding every list row, unique on the
    page; None when the page has no rows or no such block."""
    anchors = [
        a
        for a in doc.iter("a")
        if (url := absolute_url(attr_of(a, "href"), base)) is not None and url in entry_urls
    ]
    if not anchors:
        return None
    common = list(anchors[0].iterancestors())
    for anchor in anchors[1:]:
        ancestors = set(anchor.iterancestors())
        common = [tag for tag in common if tag in ancestors]
    blocks = unique_blocks(doc)
    for tag in common:
        if tag.tag in _ROW_TAGS or tag.tag in ("body", "html"):
            continue
        selector = block_selector(tag)
        if selector is not None and selector in blocks and len(css_selector(selector)(doc)) == 1:
            return selector
    return None


def block_selector(tag: Element) -> str | None:
    if tag.tag not in _BLOCK_TAGS:
        return None
    ident = attr_of(tag, "id").strip()
    if ident and re.fullmatch(r"[A-Za-z][\w-]*", ident):
        return f"{tag.tag}#{ident}"
    classes = attr_of(tag, "class").split()
    if classes and re.fullmatch(r"[A-Za-z][\w-]*", classes[0]):
        return f"{tag.tag}.{classes[0]}"
    return None


def unique_blocks(doc: Element) -> set[str]:
    """The block selectors that select exactly one element of the page."""
    seen: dict[str, int] = {}
    for tag in doc.iter(*_BLOCK_TAGS):
        selector = block_selector(tag)
        if selector is not None:
            seen[selector] = seen.get(selector, 0) + 1
    return {s for s, n in seen.items() if n == 1}


def _footer(doc: Element) -> str:
    for tag in doc.iter("div", "p", "td", "footer"):
        text = norm(joined_text(tag))
        if "版权所有" in text and len(text) < 300:
            return text
    return ""
