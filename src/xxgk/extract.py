"""Read what a fetched page says: list entries, pagination, dates, attachments and text.

Pure functions: no I/O, no clock (``as_of`` is passed in). The shapes handled are those
of real Chinese university CMSs (VSB 博达, WebPlus 苏迪, JEECMS, old table lists), see
``/work/shared/reference/cms-patterns.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, TypeAlias
from urllib.parse import parse_qsl, unquote, urldefrag, urljoin, urlsplit

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from xxgk.models import Attachment, Entry, Page, PageFacts, TextChunk

# A node of lxml's tree. Plain etree elements, not lxml.html's: those are looked up per
# node in Python, which cost more than the whole parse.
Element: TypeAlias = etree._Element

# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a date parser needs besides the match: the evaluation day and a year hint."""

    as_of: dt.date
    context_year: int | None = None


DateParser = Callable[[re.Match[str], DateContext], "dt.date | None"]

_CN_DIGITS = "〇一二三四五六七八九"
_CN_ZEROS = "零○Ｏ"
# Full-width digits and separators scanned as ASCII (one character each: positions hold).
_FULLWIDTH = MappingProxyType(str.maketrans("０１２３４５６７８９／－．", "0123456789/-."))
# How far back a year-less date may be placed when no year hint exists (02-29 needs 8).
_YEAR_SEARCH = 8


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_year(month: int, day: int, ctx: DateContext) -> dt.date | None:
    """Place a year-less month-day: in ``context_year`` (or the year before it when that
    would fall after ``as_of``: a list crossing a new year), else in the latest year that
    does not put it after ``as_of``."""
    if ctx.context_year is not None:
        first = _make_date(ctx.context_year, month, day)
        if first is not None and first > ctx.as_of:
            return _make_date(ctx.context_year - 1, month, day) or first
        return first
    for year in range(ctx.as_of.year, ctx.as_of.year - _YEAR_SEARCH, -1):
        candidate = _make_date(year, month, day)
        if candidate is not None and candidate <= ctx.as_of:
            return candidate
    return None


def _parse_ymd(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))


def _parse_month_day(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    return _resolve_year(int(match["m"]), int(match["d"]), ctx)


def _parse_month_only(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    return None  # a year and month without a day is not a date


def _cn_digit(char: str) -> int:
    return 0 if char in _CN_ZEROS else _CN_DIGITS.index(char)


def _cn_number(text: str) -> int:
    """十 → 10, 十一 → 11, 二十 → 20, 三十一 → 31, 五 → 5."""
    if "十" not in text:
        return _cn_digit(text)
    tens, _, ones = text.partition("十")
    return (_cn_digit(tens) if tens else 1) * 10 + (_cn_digit(ones) if ones else 0)


def _parse_chinese(match: re.Match[str], ctx: DateContext) -> dt.date | None:
    year = int("".join(str(_cn_digit(char)) for char in match["y"]))
    return _make_date(year, _cn_number(match["m"]), _cn_number(match["d"]))


_Y = r"(?P<y>(?:19|20)\d{2})"
_TIME = r"(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2})?)?"
_CN_DIGIT_CLASS = "〇零○Ｏ一二三四五六七八九"

DATE_PATTERNS: tuple[tuple[re.Pattern[str], DateParser], ...] = (
    # WebPlus article URL: /2023/1030/c2361a123/page.htm
    (re.compile(r"/" + _Y + r"/(?P<m>\d{2})(?P<d>\d{2})/"), _parse_ymd),
    # TRS-style file name: /202310/t20231030_123.html
    (re.compile(r"(?<![A-Za-z0-9])t" + _Y + r"(?P<m>\d{2})(?P<d>\d{2})_\d+"), _parse_ymd),
    # compact date as a path segment or a timestamp file name: /20231030/, /20231030162656.pdf
    (
        re.compile(r"/" + _Y + r"(?P<m>\d{2})(?P<d>\d{2})(?:/|\d{4,}\.[A-Za-z0-9]+)"),
        _parse_ymd,
    ),
    # year-month folders without a day: /2023-10/, /202310/ (claimed so nothing reads them)
    (re.compile(r"/" + _Y + r"-?(?P<m>\d{2})/"), _parse_month_only),
    # 2023-10-31, 2023/10/31, 2023.10.31, with an optional time 10:23(:45)
    (
        re.compile(
            r"(?<!\d)" + _Y + r"[ \t]*(?P<sep>[-/.])[ \t]*(?P<m>\d{1,2})[ \t]*(?P=sep)"
            r"[ \t]*(?P<d>\d{1,2})(?!\d)" + _TIME
        ),
        _parse_ymd,
    ),
    # 2023年10月31日, 2024年3月5日
    (
        re.compile(
            r"(?<!\d)" + _Y + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]" + _TIME
        ),
        _parse_ymd,
    ),
    # 二〇二三年十月三十一日
    (
        re.compile(
            rf"(?P<y>[{_CN_DIGIT_CLASS}]{{4}})\s*年\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月"
            r"\s*(?P<d>[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
        ),
        _parse_chinese,
    ),
    # day and year/month in separate elements: <span>07</span>2026/07
    (
        re.compile(
            r"(?<![\d/.\-])(?P<d>\d{1,2})\s+" + _Y + r"\s*[/.\-]\s*(?P<m>\d{1,2})(?![\d/.\-])"
        ),
        _parse_ymd,
    ),
    # year/month then day: <div class="d-m">2026/08</div><div class="d-d">17</div>
    (
        re.compile(
            r"(?<![\d/.\-])" + _Y + r"\s*[/.\-]\s*(?P<m>\d{1,2})\s+(?P<d>\d{1,2})(?![\d/.\-:])"
        ),
        _parse_ymd,
    ),
    # year-less, bracketed: [10-31] (10-31) 【10-31】
    (
        re.compile(r"[\[(（【]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})\s*[\])）】]"),
        _parse_month_day,
    ),
    # year-less: 10月31日
    (re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"), _parse_month_day),
    # year-less, bare: 10-31 (two digits each, so 2-3 or 023-6886 are not dates)
    (
        re.compile(r"(?<![\d\-/.:])(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d\-/:])"),
        _parse_month_day,
    ),
)


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    date: dt.date | None
    yearless: bool


def _scan(text: str, ctx: DateContext) -> list[_Hit]:
    """Every date-shaped span, earlier patterns claiming text first, in reading order."""
    text = text.translate(_FULLWIDTH)
    taken: list[tuple[int, int]] = []
    hits: list[_Hit] = []
    for pattern, parser in DATE_PATTERNS:
        yearless = "y" not in pattern.groupindex
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            hits.append(_Hit(start, end, parser(match, ctx), yearless))
    return sorted(hits, key=lambda hit: hit.start)


def find_dates(
    text: str,
    *,
    as_of: dt.date,
    context_year: int | None = None,
    include_future: bool = False,
) -> list[dt.date]:
    """All dates in ``text`` in reading order; those after ``as_of`` only if asked for."""
    ctx = DateContext(as_of, context_year)
    return [
        hit.date
        for hit in _scan(text, ctx)
        if hit.date is not None and (include_future or hit.date <= as_of)
    ]


def parse_date(
    text: str,
    *,
    as_of: dt.date,
    context_year: int | None = None,
    include_future: bool = False,
) -> dt.date | None:
    """The first date in ``text`` (see :func:`find_dates`), or None."""
    dates = find_dates(text, as_of=as_of, context_year=context_year, include_future=include_future)
    return dates[0] if dates else None


def _future_note(date: dt.date) -> str:
    return f"忽略了晚于评估日的日期 {date.isoformat()}"


# --------------------------------------------------------------------------- HTML helpers

_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "center"),
        *("dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol"),
        *("p", "pre", "section", "table", "tbody", "thead", "tr", "ul"),
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_CODE_TAGS = frozenset({"script", "style", "template"})  # their text is code, never read
# (scripts, styles and templates are gone before chrome is looked for: _drop_code)
_CHROME_TAGS = (
    "noscript",
    "select",
    "textarea",
    "button",
    "nav",
    "header",
    "footer",
)
_CHROME_TOKENS = (
    "header",
    "footer",
    "foot",
    "copyright",
    "nav",
    "menu",
    "banner",
    "bottom",
    "sidebar",
)
_CRUMB_TOKENS = (
    "currentpath",
    "current_path",
    "breadcrumb",
    "crumb",
    "dqwz",
    "weizhi",
    "mianbao",
    "location",
    "position",
)
_CHROME_RE = re.compile("|".join(_CHROME_TOKENS))
_CRUMB_RE = re.compile("|".join(_CRUMB_TOKENS))
_CRUMB_WORDS = ("当前位置", "您的位置", "您现在的位置", "现在位置", "所在位置", "当前页面")
_COPYRIGHT_RE = re.compile(r"版权所有|copyright|©|ICP备|ICP证|网站标识码", re.IGNORECASE)
_COPYRIGHT_BLOCKS = frozenset({"p", "div", "li", "td", "table", "center", "footer"})
_TITLE_SELECTORS = (".ch-title-2", ".arti_title", ".arti-title", ".item_title", "h1")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u200b\ufeff]+")
_DOC_SPACES_RE = re.compile(r"[ \r\f\v\u00a0\u3000\u200b\ufeff]+")


def _attr(tag: Element, name: str) -> str:
    return tag.get(name) or ""


def _norm(text: str) -> str:
    return _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()


def _texts(root: Element) -> Iterator[tuple[str, Element]]:
    """The strings below root in document order, each with the element it sits in
    (root's own tail is not inside it)."""
    for event, node in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if node.text:
                yield node.text, node
        elif node.tail and node is not root:
            parent = node.getparent()
            if parent is not None:
                yield node.tail, parent


def _text(root: Element, separator: str = "") -> str:
    return separator.join(root.itertext())


def _spaced_text(root: Element) -> str:
    """The element's strings joined by spaces: dates split over tags stay apart."""
    return _norm(_text(root, " "))


def _visible_text(root: Element) -> str:
    """Text as a reader sees it: inline markup joined, blocks on their own lines."""
    out: list[str] = []

    def add(piece: str) -> None:
        if out and out[-1][-1:].isdigit() and piece[:1].isdigit():
            out.append(" ")  # <span>07</span>2026/07 is two numbers, not 072026
        out.append(piece)

    for event, node in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if node.tag in _BLOCK_TAGS:
                out.append("\n")
            elif node.tag in _CELL_TAGS:
                out.append(" ")
            if node.text:
                add(node.text)
        else:
            if node.tag in _BLOCK_TAGS:
                out.append("\n")
            if node.tail and node is not root:
                add(node.tail)
    lines = (_SPACES_RE.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _drop(tag: Element) -> None:
    """Remove an element and all it holds; the text after it (its tail) stays."""
    parent = tag.getparent()
    if parent is None:
        return
    if tag.tail:
        previous = tag.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + tag.tail
        else:
            previous.tail = (previous.tail or "") + tag.tail
    parent.remove(tag)


def _drop_code(doc: Element) -> None:
    """Scripts, styles and templates hold code, never text a reader sees."""
    for tag in list(doc.iter(*_CODE_TAGS)):
        _drop(tag)


def _tokens(tag: Element) -> str:
    return f"{tag.get('id') or ''} {tag.get('class') or ''}".lower()


def _contains(ancestor: Element, node: Element) -> bool:
    return ancestor is node or any(parent is ancestor for parent in node.iterancestors())


@functools.lru_cache(maxsize=64)
def css_selector(selector: str) -> CSSSelector:
    """A compiled CSS selector; ValueError for one that is not valid CSS."""
    try:
        return CSSSelector(selector, translator="html")
    except SelectorError as exc:
        raise ValueError(f"invalid CSS selector (got {selector!r})") from exc


def _body(doc: Element) -> Element:
    return next(doc.iter("body"), doc)


def select_section(doc: Element, selector: str | None) -> list[Element]:
    """The elements a rule's ``section`` selects (all of the body when None).

    Raises ValueError for a selector that is not valid CSS.
    """
    if selector is None:
        return [_body(doc)]
    return list(css_selector(selector)(doc))


def _is_chrome(tag: Element) -> bool:
    if tag.tag in _CHROME_TAGS:
        # <header>/<footer> of an <article> hold its title and date, not site chrome
        in_article = next(tag.iterancestors("article", "main"), None) is not None
        return not (tag.tag in ("header", "footer") and in_article)
    return _CHROME_RE.search(_tokens(tag)) is not None


def _is_crumb(tag: Element) -> bool:
    if _CRUMB_RE.search(_tokens(tag)):
        return True
    if tag.tag not in ("div", "p", "td", "li", "span", "ul", "section"):
        return False
    first = next((s.strip() for s in tag.itertext() if s.strip()), "")
    if not first.startswith(_CRUMB_WORDS[0][:2]) and not first.startswith(("您", "现在", "所在")):
        return False  # cheap test first: most blocks do not start like a breadcrumb
    text = _norm(_text(tag))
    return len(text) < 200 and text.startswith(_CRUMB_WORDS)


_TITLE_CLASSES = frozenset(sel.lstrip(".") for sel in _TITLE_SELECTORS[:-1])
_TITLE_CANDIDATES = etree.XPath(
    "//*[" + " or ".join(f"contains(@class, '{name}')" for name in sorted(_TITLE_CLASSES)) + "]"
)


def _tags(root: Element) -> Iterator[Element]:
    """Every element below root, in document order (comments left out)."""
    return root.iterdescendants(etree.Element)


def _classes(tag: Element) -> set[str]:
    return set(_attr(tag, "class").split())


def _protected(doc: Element, keep: Sequence[Element]) -> set[Element]:
    """Elements never removed as chrome: the page, kept sections and whatever holds a title.

    Computed once per page (an element is protected when it is, or contains, one of them),
    so that deciding about each of a page's thousands of elements is a set lookup. Removing
    chrome never removes a protected element, so the set holds for every pass.
    """
    titled = (tag for tag in _TITLE_CANDIDATES(doc) if _TITLE_CLASSES & _classes(tag))
    anchors = [*keep, *titled]
    found: set[Element] = set()
    for anchor in anchors:
        found.add(anchor)
        found.update(anchor.iterancestors())
    return found


def _remove(doc: Element, is_unwanted: Callable[[Element], bool], protected: set[Element]) -> None:
    doomed = [
        tag
        for tag in _tags(doc)
        if tag.tag not in ("html", "body") and tag not in protected and is_unwanted(tag)
    ]
    for tag in doomed:
        _drop(tag)


def _copyright_blocks(doc: Element) -> list[Element]:
    """Short blocks carrying a copyright or ICP line: never a publication date."""
    blocks: list[Element] = []
    for piece, owner in _texts(doc):
        if not _COPYRIGHT_RE.search(piece):
            continue
        block = next(
            (tag for tag in (owner, *owner.iterancestors()) if tag.tag in _COPYRIGHT_BLOCKS), None
        )
        if block is not None and len(_norm(_text(block))) < 300:
            blocks.append(block)
    return blocks


def _strip_chrome(doc: Element, protected: set[Element]) -> None:
    _remove(doc, _is_chrome, protected)
    blocks = [block for block in _copyright_blocks(doc) if block not in protected]
    chosen = set(blocks)
    for block in blocks:
        if not any(parent in chosen for parent in block.iterancestors()):
            _drop(block)


def _strip_crumbs(doc: Element, protected: set[Element]) -> None:
    _remove(doc, _is_crumb, protected)


# --------------------------------------------------------------------------- links

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")


def _absolute(href: str, base: str) -> str | None:
    """An absolute http(s) URL for a link, or None for scripts, anchors and mail."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
        return None
    url = urldefrag(urljoin(base, href))[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def _base_url(doc: Element, page_url: str) -> str:
    base = next((tag for tag in doc.iter("base") if tag.get("href") is not None), None)
    if base is not None:
        return urljoin(page_url, _attr(base, "href").strip())
    return page_url


def _is_http(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


# --------------------------------------------------------------------------- attachments

_ATTACHMENT_EXTS = (
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "ppt",
    "pptx",
    "ofd",
    "zip",
    "rar",
    "7z",
)
_EXT_RE = re.compile(
    r"\.(" + "|".join(_ATTACHMENT_EXTS) + r")\s*(?:[(（\[【][^)）\]】]*[)）\]】])?\s*$",
    re.IGNORECASE,
)
_SUDY_TITLE_RE = re.compile(r"""['"]title['"]\s*:\s*['"]([^'"]+)['"]""")
_VSB_PDF_RE = re.compile(r"""showVsbpdfIframe\(\s*['"]([^'"]+)['"]""")


def is_attachment(url: str, link_text: str = "") -> bool:
    """Whether a link points at a document (by URL, query, VSB download bridge or link text)."""
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    if _EXT_RE.search(unquote(parts.path)):
        return True
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(_EXT_RE.search(value) for _, value in query):  # ?e=.pdf, filename=x.docx
        return True
    if "wbfileid=" in parts.query or "DownloadAttachUrl" in parts.query:
        return True  # VSB download.jsp: the type is only in the link text
    return bool(_EXT_RE.search(_norm(link_text)))


def _sudy_title(tag: Element) -> str:
    match = _SUDY_TITLE_RE.search(_attr(tag, "sudyfile-attr"))
    return match.group(1).strip() if match else ""


def _file_name(url: str) -> str:
    return unquote(posixpath.basename(urlsplit(url).path))


def _embedded_pdf(src: str) -> str:
    """The document behind a PDF viewer URL (``viewer.html?file=/x.pdf``), else src."""
    for key, value in parse_qsl(urlsplit(src).query):
        if key.lower() == "file" and value:
            return value
    return src


def _attachment_of(tag: Element, base: str) -> Attachment | None:
    if tag.tag == "a":
        url = _absolute(_attr(tag, "href"), base)
        name = _sudy_title(tag) or _norm(_text(tag, " ")) or _norm(_attr(tag, "title"))
    elif "pdfsrc" in tag.attrib:
        url = _absolute(_attr(tag, "pdfsrc"), base)
        name = _sudy_title(tag)
    else:
        src = _attr(tag, "data") if tag.tag == "object" else _attr(tag, "src")
        url = _absolute(_embedded_pdf(src), base)
        name = ""
    if url is None or not is_attachment(url, name):
        return None
    return Attachment(name=name or _file_name(url), url=url)


def _script_pdfs(scope: Sequence[Element], base: str) -> list[Attachment]:
    found: list[Attachment] = []
    for root in scope:
        for script in root.iterdescendants("script"):
            for src in _VSB_PDF_RE.findall(script.text or ""):
                url = _absolute(src, base)
                if url is not None:
                    found.append(Attachment(name=_file_name(url), url=url))
    return found


def _may_link_a_file(tag: Element) -> bool:
    """a[href], [pdfsrc], iframe[src], embed[src], object[data]."""
    attrib = tag.attrib
    return (
        (tag.tag == "a" and "href" in attrib)
        or "pdfsrc" in attrib
        or (tag.tag in ("iframe", "embed") and "src" in attrib)
        or (tag.tag == "object" and "data" in attrib)
    )


def _attachments(
    scope: Sequence[Element], base: str, extra: Iterable[Attachment]
) -> list[Attachment]:
    found: list[Attachment] = []
    for root in scope:
        for tag in filter(_may_link_a_file, _tags(root)):
            attachment = _attachment_of(tag, base)
            if attachment is not None:
                found.append(attachment)
    found.extend(extra)
    by_url: dict[str, Attachment] = {}
    for attachment in found:
        by_url.setdefault(attachment.url, attachment)
    return list(by_url.values())


# --------------------------------------------------------------------------- pagination

_NEXT_WORDS = frozenset(
    {"下一页", "下页", "后页", "下一頁", "后一页", ">", "›", "next", "nextpage"}
)
_PREV_WORDS = frozenset(
    {"上一页", "上页", "前页", "上一頁", "前一页", "<", "‹", "prev", "previous"}
)
_FIRST_WORDS = frozenset({"首页", "第一页", "first"})
_LAST_WORDS = frozenset({"尾页", "末页", "最后一页", "最末页", "last", "lastpage"})
_MORE_WORDS = frozenset(
    {"更多", "more", "更多>>", "more>>", "详细", "详情", "查看详情", "阅读全文"}
)
# Pager roles named by class: the link's own (WebPlus a.next) or its VSB span's (p_next).
_NEXT_CLASSES = frozenset({"next", "p_next", "next-page", "nextpage"})
_LAST_CLASSES = frozenset({"last", "p_last", "last-page", "lastpage"})
_VSB_PARENT_CLASSES = frozenset({"p_next", "p_last"})
# A pager link's label is a word or two (下一页, 尾页, >>); a longer one is a title.
_MAX_PAGER_LABEL = 8
_PAGER_TOKENS = (
    "pb_sys",
    "p_pages",
    "paging",
    "pager",
    "pagination",
    "pagenav",
    "page_nav",
    "pagebar",
    "fenye",
    "turnpage",
)
# an id or class that is "page"/"pages", or contains one of the pager tokens
_PAGER_RE = re.compile(r"(?<!\S)pages?(?!\S)|" + "|".join(_PAGER_TOKENS))
_PAGE_PARAMS = frozenset(
    {"curpage", "pagenum", "page", "pageno", "pageindex", "pagenumber", "currentpage", "pn", "p"}
)
_CURRENT_CLASSES = frozenset(
    {"curr_page", "p_no_d", "current", "curr", "cur", "active", "on", "selected"}
)
_TOTAL_CLASSES = frozenset({"all_pages", "total_pages"})
_PAGE_OF_RE = re.compile(r"(?:此页|页码|当前页?|第)?\s*(\d{1,5})\s*/\s*(\d{1,5})\s*页?")
_ON_PAGE_RE = re.compile(r"(?:此页|当前第?|页码)\s*(\d{1,5})\s*/\s*(\d{1,5})")
_TOTAL_PAGES_RE = re.compile(r"共\s*(\d{1,5})\s*页")
_NTH_PAGE_RE = re.compile(r"第\s*(\d{1,5})\s*页")
_COUNT_RE = re.compile(r"共\s*\d+\s*条")
# Never generate more following pages than this from one page.
_MAX_CHAIN = 1000
# A pager block holds little text (numbers, 共N条, 下一页); more means a page wrapper.
_MAX_PAGER_TEXT = 600


def _label(tag: Element) -> str:
    return _norm(_text(tag, " ")).lower() or _norm(_attr(tag, "title")).lower()


def _bare_label(label: str) -> str:
    stripped = label.strip("<>«»‹›[]【】 ")
    return stripped or label


def _has_word(tag: Element, words: frozenset[str]) -> bool:
    label = _label(tag)
    return label in words or _bare_label(label) in words or _norm(_attr(tag, "title")) in words


def _is_pager(tag: Element) -> bool:
    named = _PAGER_RE.search(_tokens(tag)) is not None
    # a page-wide wrapper such as <div id="page"> is not a pager
    return named and len(_norm(_text(tag))) <= _MAX_PAGER_TEXT


def _pager_roots(doc: Element) -> list[Element]:
    roots = [tag for tag in doc.iter(etree.Element) if _is_pager(tag)]
    return [
        root
        for root in roots
        if not any(_contains(other, root) and other is not root for other in roots)
    ]


def _has_class(tag: Element, classes: frozenset[str]) -> bool:
    if len(_label(tag)) > _MAX_PAGER_LABEL:
        return False  # <li class="last"> around a news title is CSS, not a pager
    names = _attr(tag, "class").lower().split()
    parent = tag.getparent()
    if parent is not None:
        parent_names = _attr(parent, "class").lower().split()
        names += [name for name in parent_names if name in _VSB_PARENT_CLASSES]
    return any(name in classes for name in names)


def _first_link(
    anchors: Sequence[Element], classes: frozenset[str], words: frozenset[str], base: str
) -> tuple[Element, str] | None:
    """The first usable link marked by class (WebPlus a.next, VSB span.p_next), else by
    its text or title (下一页, 下页, >)."""
    by_class = [a for a in anchors if _has_class(a, classes)]
    by_word = [a for a in anchors if _has_word(a, words)]
    for anchor in (*by_class, *by_word):
        url = _absolute(_attr(anchor, "href"), base)
        if url is not None:
            return anchor, url
    return None


def _with_link_parent(roots: list[Element], link: tuple[Element, str] | None) -> list[Element]:
    """A bare pager (``<p>1 2 3 下一页</p>``) is the element around its next link."""
    parent = link[0].getparent() if link else None
    if parent is None or any(_contains(root, parent) for root in roots):
        return roots
    if len(_norm(_text(parent))) > _MAX_PAGER_TEXT:
        return roots
    return [*roots, parent]


def _page_number(tag: Element) -> int | None:
    text = _norm(_text(tag)).strip("[]【】 ")
    return int(text) if text.isdigit() and 0 < int(text) < 100000 else None


def _links(root: Element) -> Iterator[Element]:
    """The ``<a href>`` elements below root."""
    return (a for a in root.iterdescendants("a") if a.get("href") is not None)


def _numbered_links(roots: Sequence[Element], base: str) -> list[tuple[int, str]]:
    numbered: dict[int, str] = {}
    for root in roots:
        for anchor in _links(root):
            number = _page_number(anchor)
            url = _absolute(_attr(anchor, "href"), base)
            if number is not None and url is not None:
                numbered.setdefault(number, url)
    return sorted(numbered.items())


@dataclass(frozen=True, slots=True)
class _Position:
    current: int
    total: int | None


def _query_page(url: str) -> int | None:
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return int(value)
    return None


def _total_from_urls(urls: Iterable[str | None]) -> int | None:
    for url in urls:
        for key, value in parse_qsl(urlsplit(url or "").query):
            if key.lower() == "totalpage" and value.isdigit():
                return int(value)
    return None


def _page_position(
    doc: Element, roots: Sequence[Element], page_url: str, links: Iterable[str | None]
) -> _Position:
    current: int | None = None
    total: int | None = None
    for root in roots:
        for marker in _tags(root):
            classes = _classes(marker)
            if current is None and marker.tag != "a" and classes & _CURRENT_CLASSES:
                current = _page_number(marker)
            if classes & _TOTAL_CLASSES:
                total = total or _page_number(marker)
    pager_text = " ".join(_spaced_text(root) for root in roots)
    whole_text = _spaced_text(doc)
    of_match = _ON_PAGE_RE.search(whole_text) or _PAGE_OF_RE.search(pager_text)
    if of_match:
        current = current or int(of_match.group(1))
        total = total or int(of_match.group(2))
    total_match = _TOTAL_PAGES_RE.search(pager_text)
    if total_match is None and (_COUNT_RE.search(whole_text) or "此页" in whole_text):
        total_match = _TOTAL_PAGES_RE.search(whole_text)
    if total_match:
        total = total or int(total_match.group(1))
    nth_match = _NTH_PAGE_RE.search(pager_text)
    if nth_match:
        current = current or int(nth_match.group(1))
    total = total or _total_from_urls(links)
    return _Position(current or _query_page(page_url) or 1, total)


@dataclass(frozen=True, slots=True)
class _PageTemplate:
    """A URL with its page-number token cut out."""

    prefix: str
    value: int
    suffix: str

    def render(self, number: int) -> str:
        return f"{self.prefix}{number}{self.suffix}"

    def value_of(self, url: str) -> int | None:
        middle = url[len(self.prefix) : len(url) - len(self.suffix)]
        if url.startswith(self.prefix) and url.endswith(self.suffix) and middle.isdigit():
            return int(middle)
        return None


def _page_template(url: str, *, query_only: bool = False) -> _PageTemplate | None:
    for match in re.finditer(r"[?&]([^=&#]+)=(\d+)", url):
        if match.group(1).lower() in _PAGE_PARAMS:
            start, end = match.span(2)
            return _PageTemplate(url[:start], int(match.group(2)), url[end:])
    if query_only:
        return None
    path_end = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    segment_start = url.rfind("/", 0, path_end) + 1
    digits = list(re.finditer(r"\d+", url[segment_start:path_end]))
    if not digits:
        return None
    start, end = (segment_start + i for i in digits[-1].span())
    return _PageTemplate(url[:start], int(url[start:end]), url[end:])


def _is_vsb_descending(page_url: str, next_url: str) -> bool:
    """VSB static lists: page 1 ``col.htm``, page 2 ``col/N-1.htm`` … oldest ``col/1.htm``."""
    page_path, next_path = urlsplit(page_url).path, urlsplit(next_url).path
    match = re.fullmatch(r"(.*)/(\d+)\.html?", next_path)
    if match is None:
        return False
    stem, number = match.group(1), int(match.group(2))
    if re.fullmatch(re.escape(stem) + r"\.html?", page_path):
        return True
    current = re.fullmatch(re.escape(stem) + r"/(\d+)\.html?", page_path)
    return current is not None and int(current.group(1)) == number + 1


def _guess_next(page_url: str, position: _Position) -> str | None:
    """The next page of a text-only pager (``共7页``) on a known URL scheme."""
    if position.total is None or position.total <= position.current:
        return None
    following = position.current + 1
    template = _page_template(page_url, query_only=True)
    if template is not None:
        return template.render(following)
    parts = urlsplit(page_url)
    name = posixpath.basename(parts.path)
    folder = parts.path[: len(parts.path) - len(name)]
    webplus = re.fullmatch(r"list\d*\.(htm|html|psp)", name)
    if webplus and not parts.query:
        return parts._replace(path=f"{folder}list{following}.{webplus.group(1)}").geturl()
    if re.fullmatch(r"(index|list)[^/]*\.chtml", name):
        query = f"{parts.query}&curPage={following}" if parts.query else f"curPage={following}"
        return parts._replace(query=query).geturl()
    if name.endswith(".jsp") and "wbtreeid=" in parts.query:
        query = f"totalpage={position.total}&PAGENUM={following}&{parts.query}"
        return parts._replace(query=query).geturl()
    return None


def _chain_from(
    page_url: str, next_url: str, last_url: str | None, position: _Position
) -> list[str]:
    template = _page_template(next_url)
    if template is None:
        return [next_url]
    start = template.value
    end = template.value_of(last_url) if last_url else None
    if end is None and _is_vsb_descending(page_url, next_url):
        end = 1
    if end is None and position.total is not None and position.total > position.current:
        end = start + position.total - position.current - 1
    if end is None:
        return [next_url]
    step = 1 if end >= start else -1
    count = min(abs(end - start) + 1, _MAX_CHAIN)
    return [template.render(start + i * step) for i in range(count)]


def _next_pages(doc: Element, base: str, page_url: str) -> list[str]:
    anchors = list(_links(doc))
    next_link = _first_link(anchors, _NEXT_CLASSES, _NEXT_WORDS, base)
    last_link = _first_link(anchors, _LAST_CLASSES, _LAST_WORDS, base)
    roots = _with_link_parent(_pager_roots(doc), next_link)
    next_url = next_link[1] if next_link else None
    last_url = last_link[1] if last_link else None
    position = _page_position(doc, roots, page_url, (next_url, last_url))
    next_url = next_url or _guess_next(page_url, position)
    chain: list[str] = []
    if next_url is not None:
        chain += _chain_from(page_url, next_url, last_url, position)
    chain += [url for number, url in _numbered_links(roots, base) if number > position.current]
    if last_url is not None:
        chain.append(last_url)
    return _unique(url for url in chain if url != page_url)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --------------------------------------------------------------------------- entries

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
        if _is_pager(parent):
            return True
        if parent is root:
            break
    if _page_number(anchor) is not None:
        return True
    words = _NEXT_WORDS | _PREV_WORDS | _FIRST_WORDS | _LAST_WORDS | _MORE_WORDS
    return _has_word(anchor, words)


def _link_title(anchor: Element) -> str:
    attr = _norm(_attr(anchor, "title"))
    heading = next((tag for tag in _tags(anchor) if _is_heading(tag)), None)
    text = _norm(_text(heading if heading is not None else anchor, " "))
    if not text:
        image = next((img for img in anchor.iterdescendants("img") if img.get("alt")), None)
        text = _norm(_attr(image, "alt")) if image is not None else ""
    truncated = text.rstrip(".…")
    if attr and (len(attr) > len(text) or attr in text or attr.startswith(truncated)):
        return attr
    return text


def _is_heading(tag: Element) -> bool:
    """h1–h6 or [class*=title]: where a card link keeps its title."""
    return tag.tag in _HEADING_TAGS or "title" in _attr(tag, "class")


def _link_count(tag: Element, cache: dict[Element, int]) -> int:
    if tag not in cache:
        hrefs = {_attr(a, "href").strip() for a in _links(tag)}
        cache[tag] = len({h for h in hrefs if h and not h.lower().startswith(_SKIP_SCHEMES)})
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
    for text, owner in _texts(row):
        if not _contains(anchor, owner):
            outside.append(text)
        elif (piece := _norm(text)) and piece.rstrip(".…") not in title:
            inside.append(piece)
    return _Row(title, url, _norm(" ".join(outside)), _norm(" ".join(inside)))


def _raw_rows(scope: Sequence[Element], base: str, page_url: str) -> list[_Row]:
    rows: list[_Row] = []
    cache: dict[Element, int] = {}
    for root in scope:
        for anchor in _links(root):
            url = _absolute(_attr(anchor, "href"), base)
            if url is None or url == page_url or _is_pager_link(anchor, root):
                continue
            title = _link_title(anchor)
            if title:
                rows.append(_row(anchor, url, title, root, cache))
    return rows


def _full_dates(text: str, ctx: DateContext) -> list[dt.date]:
    return [hit.date for hit in _scan(text, ctx) if hit.date and not hit.yearless]


def _context_year(rows: Sequence[_Row], as_of: dt.date) -> int | None:
    ctx = DateContext(as_of)
    dates = [
        date
        for row in rows
        for date in _full_dates(f"{row.outside} {row.inside}", ctx)
        if date <= as_of
    ]
    return max(dates).year if dates else None


def _pick_date(texts: Sequence[str], ctx: DateContext, future: list[dt.date]) -> dt.date | None:
    """The first date on or before as_of, full dates before year-less ones in each text."""
    for text in texts:
        hits = [hit for hit in _scan(text, ctx) if hit.date is not None]
        for hit in sorted(hits, key=lambda h: h.yearless):
            assert hit.date is not None
            if hit.date <= ctx.as_of:
                return hit.date
            future.append(hit.date)
    return None


def _url_date(url: str, as_of: dt.date) -> dt.date | None:
    """A date in a link's path (WebPlus /2023/1030/…), the row's last resort."""
    dates = _full_dates(urlsplit(url).path, DateContext(as_of))
    return next((date for date in dates if date <= as_of), None)


def _entries(rows: Sequence[_Row], as_of: dt.date) -> tuple[list[Entry], list[dt.date]]:
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


# --------------------------------------------------------------------------- page facts

_LABEL_RE = re.compile(
    r"(?P<strong>发布时间|发布日期|发表时间|发表日期|发文日期|成文日期|上传时间|发布于)\s*[:：]?"
    r"|(?P<created>创建时间|创建日期)\s*[:：]?"
    r"|(?P<updated>更新时间|更新日期)\s*[:：]?"
    r"|(?P<plain>日期|时间)\s*[:：]"
)
_LABEL_RANK = MappingProxyType({"strong": 0, "created": 1, "plain": 1, "updated": 2})
_META_DATE_NAMES = frozenset(
    {"pubdate", "publishdate", "publish_date", "publishtime", "article:published_time", "dc.date"}
)
_TITLE_SUFFIX_RE = re.compile(r"(?<!\d)\s*[-_|–—]\s*(?!\d)|\s+[-_|–—]\s+")


def _labeled_dates(text: str, ctx: DateContext) -> list[dt.date]:
    """Dates right after 发布时间/发布日期/…/时间 labels, strongest label first."""
    found: list[tuple[int, int, dt.date]] = []
    for match in _LABEL_RE.finditer(text):
        window = text[match.end() : match.end() + 40].translate(_FULLWIDTH)
        offset = len(window) - len(window.lstrip(" \t\n:："))
        hits = [h for h in _scan(window, ctx) if h.date is not None and not h.yearless]
        if hits and hits[0].start == offset:
            assert hits[0].date is not None
            found.append((_LABEL_RANK[match.lastgroup or "plain"], match.start(), hits[0].date))
    return [date for _, _, date in sorted(found)]


def _meta_dates(doc: Element, ctx: DateContext) -> list[dt.date]:
    dates: list[dt.date] = []
    for meta in doc.iter("meta"):
        name = (_attr(meta, "name") or _attr(meta, "property")).lower()
        if name in _META_DATE_NAMES:
            dates += _full_dates(_attr(meta, "content"), ctx)
    return dates


def _published(
    candidates: Iterable[dt.date], url: str, ctx: DateContext
) -> tuple[dt.date | None, list[dt.date]]:
    """The page's own date: labeled dates, then meta PubDate (the candidates), then the URL."""
    future: list[dt.date] = []
    for date in [*candidates, *_full_dates(urlsplit(url).path, ctx)]:
        if date <= ctx.as_of:
            return date, future
        future.append(date)
    return None, future


def _strip_site_suffix(title: str) -> str:
    separators = list(_TITLE_SUFFIX_RE.finditer(title))
    if separators and separators[-1].start() > 0:
        return title[: separators[-1].start()].strip()
    return title


def _title(doc: Element) -> str:
    for selector in _TITLE_SELECTORS:
        for tag in css_selector(selector)(doc):
            if text := _norm(_text(tag, " ")):
                return text
    for meta in doc.iter("meta"):
        if _attr(meta, "name").lower() == "articletitle" and _norm(_attr(meta, "content")):
            return _norm(_attr(meta, "content"))
    title = next(doc.iter("title"), None)
    return _strip_site_suffix(_norm(_text(title))) if title is not None else ""


def _notes_for(future: Iterable[dt.date]) -> list[str]:
    return _unique(_future_note(date) for date in sorted(set(future)))


def parse_html(page: Page) -> tuple[Element | None, list[str]]:
    """The page's element tree (its ``<html>``, None for a page with no markup at all) and
    notes on what could not be read.

    The decoded text is handed to lxml as UTF-8: fetch has already settled the encoding,
    and an ``<?xml encoding=…?>`` line or a ``<meta charset>`` must not undo that. A parser
    per page (they cost a microsecond): lxml parsers are not shared between threads.
    """
    text = page.text or page.content.decode("utf-8", "replace")
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    root: Element | None = etree.fromstring(text.encode("utf-8", "replace"), parser)
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return root, [_TOO_DEEP_NOTE] if too_deep else []


_TOO_DEEP_NOTE = "页面标签嵌套超过 2048 层（多为未闭合的标签），更深处的内容没有读到"


def _html_facts(
    page: Page, *, as_of: dt.date, section: str | None, pagination: bool = True
) -> PageFacts:
    page_url = page.final_url or page.url
    doc, notes = parse_html(page)
    if doc is None:
        return PageFacts(url=page_url, notes=tuple(notes))
    base = _base_url(doc, page_url)
    try:
        scope = select_section(doc, section)
    except ValueError as exc:
        scope = []
        notes.append(f"section: {exc}")
    else:
        if section is not None and not scope:
            notes.append(f"section: 选择器没有匹配到页面内容（{section}）")
    script_pdfs = _script_pdfs(scope, base)  # the last look at scripts
    _drop_code(doc)
    next_pages = _next_pages(doc, base, page_url) if pagination else []
    protected = _protected(doc, scope)
    _strip_chrome(doc, protected)
    title = _title(doc)
    # The breadcrumb names the column in the checklist's own words (收支预算总表、收入预算表…):
    # that says where a page sits, not what it holds, so it is no evidence of an element.
    _strip_crumbs(doc, protected)
    scope = [root for root in scope if _contains(doc, root)]  # not removed as chrome
    text = "\n".join(_visible_text(root) for root in scope)
    entries, row_future = _entries(_raw_rows(scope, base, page_url), as_of)
    if section is None:
        content = text  # the section is the body: read it once
    else:
        content = "\n".join(_visible_text(root) for root in select_section(doc, None))
    ctx = DateContext(as_of)
    published, page_future = _published(
        [*_labeled_dates(content, ctx), *_meta_dates(doc, ctx)], page_url, ctx
    )
    return PageFacts(
        url=page_url,
        title=title,
        text=text,
        entries=tuple(entries),
        next_pages=tuple(next_pages),
        attachments=tuple(_attachments(scope, base, script_pdfs)),
        published=published,
        notes=tuple(_unique([*notes, *_notes_for([*page_future, *row_future])])),
    )


# --------------------------------------------------------------------------- documents

DocumentKind = Literal["pdf", "docx", "xlsx", "xls", "doc", "pptx", "zip", "ole", "other"]
_TYPE_KINDS: tuple[tuple[str, DocumentKind], ...] = (
    ("application/pdf", "pdf"),
    ("application/x-pdf", "pdf"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("application/vnd.ms-excel", "xls"),
    ("application/msword", "doc"),
    ("application/vnd.ms-powerpoint", "other"),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("application/zip", "zip"),
    ("application/x-zip-compressed", "zip"),
    ("application/x-rar-compressed", "other"),
    ("application/vnd.rar", "other"),
    ("application/ofd", "other"),
)
_EXT_KINDS: tuple[tuple[str, DocumentKind], ...] = (
    ("pdf", "pdf"),
    ("docx", "docx"),
    ("xlsx", "xlsx"),
    ("xls", "xls"),
    ("et", "xls"),
    ("doc", "doc"),
    ("wps", "doc"),
    ("pptx", "pptx"),
    ("ppt", "other"),
    ("zip", "zip"),
    ("rar", "other"),
    ("7z", "other"),
    ("ofd", "other"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DISPOSITION_RE = re.compile(
    r"""filename\*\s*=\s*[^']*'[^']*'([^;]+)|filename\s*=\s*"?([^";]+)"?"""
)


def _disposition_name(page: Page) -> str:
    match = _DISPOSITION_RE.search(page.headers.get("content-disposition", ""))
    if match is None:
        return ""
    return unquote((match.group(1) or match.group(2) or "").strip())


def _declared_kind(page: Page) -> DocumentKind | None:
    for content_type, kind in _TYPE_KINDS:
        if page.content_type == content_type:
            return kind
    if page.content_type.startswith("text/") or "html" in page.content_type:
        return None
    for name in (_disposition_name(page), _file_name(page.final_url or page.url)):
        for ext, kind in _EXT_KINDS:
            if name.lower().endswith("." + ext):
                return kind
    return None


def _zip_kind(content: bytes) -> DocumentKind:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "pptx" if "ppt/presentation.xml" in names else "zip"


def _document_kind(page: Page) -> DocumentKind | None:
    """What document a page holds, by its bytes first, then by type or name."""
    content = page.content
    if b"%PDF-" in content[:1024] and content.lstrip()[:1] != b"<":
        return "pdf"
    declared = _declared_kind(page)
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content)
    if content.startswith(_OLE_MAGIC):
        return declared if declared in ("xls", "doc") else "ole"
    return declared


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return _norm(str(value))


def _tidy(text: str) -> str:
    """Document text: runs of spaces collapsed, tabs (table cells) and lines kept."""
    lines = (_DOC_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _pdf_chunks(content: bytes) -> tuple[TextChunk, ...]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content), strict=False)
    chunks = tuple(
        TextChunk(text=_tidy(pdf_page.extract_text() or ""), page=number)
        for number, pdf_page in enumerate(reader.pages, start=1)
    )
    if not chunks:
        raise ValueError("PDF 没有页面")
    return chunks


def _docx_chunks(content: bytes) -> tuple[TextChunk, ...]:
    from docx import Document
    from docx.table import Table

    lines: list[str] = []
    for block in Document(io.BytesIO(content)).iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = _unique(_norm(cell.text) for cell in row.cells)
                lines.append("\t".join(cell for cell in cells if cell))
        else:
            lines.append(block.text)
    return (TextChunk(text=_tidy("\n".join(lines))),)


def _xlsx_chunks(content: bytes) -> tuple[TextChunk, ...]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        return tuple(
            TextChunk(text=_sheet_text(sheet.iter_rows(values_only=True)), label=sheet.title)
            for sheet in workbook.worksheets
        )
    finally:
        workbook.close()


def _xls_chunks(content: bytes) -> tuple[TextChunk, ...]:
    import xlrd

    book = xlrd.open_workbook(file_contents=content)
    return tuple(
        TextChunk(
            text=_sheet_text(sheet.row_values(r) for r in range(sheet.nrows)), label=sheet.name
        )
        for sheet in book.sheets()
    )


def _sheet_text(rows: Iterable[Sequence[object]]) -> str:
    lines = (
        "\t".join(text for value in row if value is not None and (text := _cell_text(value)))
        for row in rows
    )
    return "\n".join(line for line in lines if line)


_CHUNKERS: tuple[tuple[DocumentKind, Callable[[bytes], tuple[TextChunk, ...]]], ...] = (
    ("pdf", _pdf_chunks),
    ("docx", _docx_chunks),
    ("xlsx", _xlsx_chunks),
    ("xls", _xls_chunks),
    ("ole", _xls_chunks),  # an OLE file of unknown type: only .xls is readable
)


def _document_chunks(page: Page) -> tuple[tuple[TextChunk, ...], tuple[str, ...]]:
    kind = _document_kind(page)
    where = page.final_url or page.url
    chunker = next((fn for k, fn in _CHUNKERS if k == kind), None)
    if chunker is None:
        return (), (f"附件无法解析：{where}（不支持的格式 {kind}）",)
    if not page.content:
        return (), (f"附件无法解析：{where}（内容为空）",)
    try:
        chunks = chunker(page.content)
    except Exception as exc:  # a broken or hostile file must become a note, never a crash
        return (), (f"附件无法解析：{where}（{type(exc).__name__}: {_norm(str(exc))[:120]}）",)
    if kind == "pdf" and not any(chunk.text for chunk in chunks):
        return chunks, (f"附件中没有可提取的文字（可能是扫描件）：{where}",)
    return chunks, ()


def attachment_chunks(page: Page) -> tuple[TextChunk, ...]:
    """Text of a document page: one chunk per PDF page (page=1..n), one for a DOCX body,
    one per sheet of an XLSX/XLS (label = sheet name). Nothing for what cannot be read."""
    return _document_chunks(page)[0]


def _document_facts(page: Page, *, as_of: dt.date) -> PageFacts:
    url = page.final_url or page.url
    chunks, notes = _document_chunks(page)
    published, future = _published((), url, DateContext(as_of))
    name = _disposition_name(page) or _file_name(url)
    return PageFacts(
        url=url,
        title=name if is_attachment(name, name) else "",
        text="\n".join(chunk.text for chunk in chunks if chunk.text),
        published=published,
        chunks=chunks,
        notes=tuple(_unique([*notes, *_notes_for(future)])),
    )


# --------------------------------------------------------------------------- public entry points


def read_page(
    page: Page, *, as_of: dt.date, section: str | None = None, pagination: bool = True
) -> PageFacts:
    """Everything extract reads from one fetched page; ``section`` limits entries, text and
    attachments to the CSS-selected part (pagination is looked for in the whole page, and
    not at all with ``pagination=False``)."""
    if not page.is_ok:
        return PageFacts(url=page.final_url or page.url)
    if _document_kind(page) is not None:
        return _document_facts(page, as_of=as_of)
    return _html_facts(page, as_of=as_of, section=section, pagination=pagination)
