"""The following pages of a list: the pager's own words (下一页, Next) first, page-number
templates only as a fallback."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from xxgk.extract.html import (
    Element,
    absolute_url,
    attr_of,
    classes_of,
    contains,
    elements_below,
    id_and_class,
    joined_text,
    links_below,
    norm,
    spaced_text,
    unique,
)
from xxgk.limits import MAX_LINKS_PER_PAGE, MAX_PAGER_ROOTS

NEXT_WORDS = frozenset({"下一页", "下页", "后页", "下一頁", "后一页", ">", "›", "next", "nextpage"})


PREV_WORDS = frozenset({"上一页", "上页", "前页", "上一頁", "前一页", "<", "‹", "prev", "previous"})


FIRST_WORDS = frozenset({"首页", "第一页", "first"})


LAST_WORDS = frozenset({"尾页", "末页", "最后一页", "最末页", "last", "lastpage"})


MORE_WORDS = frozenset({"更多", "more", "更多>>", "more>>", "详细", "详情", "查看详情", "阅读全文"})


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
    return norm(joined_text(tag, " ")).lower() or norm(attr_of(tag, "title")).lower()


def _bare_label(label: str) -> str:
    stripped = label.strip("<>«»‹›[]【】 ")
    return stripped or label


def has_word(tag: Element, words: frozenset[str]) -> bool:
    label = _label(tag)
    return label in words or _bare_label(label) in words or norm(attr_of(tag, "title")) in words


def is_pager(tag: Element) -> bool:
    named = _PAGER_RE.search(id_and_class(tag)) is not None
    # a page-wide wrapper such as <div id="page"> is not a pager
    return named and _is_short(tag, _MAX_PAGER_TEXT)


def _is_short(tag: Element, limit: int) -> bool:
    """Whether the tag's text is at most `limit` characters (spaces collapsed), reading
    no further than needed: asked for every link's ancestors, it must not cost a whole
    pager's text each time (20,000 pager links were quadratic)."""
    pieces: list[str] = []
    size = 0
    for piece in tag.itertext():
        pieces.append(piece)
        size += len(piece)
        if size > limit and len(norm("".join(pieces))) > limit:
            return False
    return len(norm("".join(pieces))) <= limit


def _pager_roots(doc: Element) -> list[Element]:
    pagers = (tag for tag in doc.iter(etree.Element) if is_pager(tag))
    roots = list(islice(pagers, MAX_PAGER_ROOTS))
    return [
        root
        for root in roots
        if not any(contains(other, root) and other is not root for other in roots)
    ]


def _has_class(tag: Element, classes: frozenset[str]) -> bool:
    if len(_label(tag)) > _MAX_PAGER_LABEL:
        return False  # <li class="last"> around a news title is CSS, not a pager
    names = attr_of(tag, "class").lower().split()
    parent = tag.getparent()
    if parent is not None:
        parent_names = attr_of(parent, "class").lower().split()
        names += [name for name in parent_names if name in _VSB_PARENT_CLASSES]
    return any(name in classes for name in names)


def _first_link(
    anchors: Sequence[Element], classes: frozenset[str], words: frozenset[str], base: str
) -> tuple[Element, str] | None:
    """The first usable link the pager's own words mark (下一页, 下页, Next, >), else one
    marked by class (WebPlus a.next, VSB span.p_next). Words come first: many VSB pagers
    style 首页, 上页, 下页 and 尾页 alike as ``a.Next``. A link whose words say it goes
    back (首页, 上页) is never taken for a class."""
    by_word = [a for a in anchors if has_word(a, words)]
    backwards = PREV_WORDS | FIRST_WORDS
    by_class = [a for a in anchors if _has_class(a, classes) and not has_word(a, backwards)]
    for anchor in (*by_word, *by_class):
        url = absolute_url(attr_of(anchor, "href"), base)
        if url is not None:
            return anchor, url
    return None


def _with_link_parent(roots: list[Element], link: tuple[Element, str] | None) -> list[Element]:
    """A bare pager (``<p>1 2 3 下一页</p>``) is the element around its next link."""
    parent = link[0].getparent() if link else None
    if parent is None or any(contains(root, parent) for root in roots):
        return roots
    if len(norm(joined_text(parent))) > _MAX_PAGER_TEXT:
        return roots
    return [*roots, parent]


def page_number(tag: Element) -> int | None:
    text = norm(joined_text(tag)).strip("[]【】 ")
    return int(text) if text.isdigit() and 0 < int(text) < 100000 else None


def _numbered_links(roots: Sequence[Element], base: str) -> list[tuple[int, str]]:
    numbered: dict[int, str] = {}
    for root in roots:
        for anchor in islice(links_below(root), MAX_LINKS_PER_PAGE):
            number = page_number(anchor)
            url = absolute_url(attr_of(anchor, "href"), base)
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
        for marker in elements_below(root):
            classes = classes_of(marker)
            if current is None and marker.tag != "a" and classes & _CURRENT_CLASSES:
                current = page_number(marker)
            if classes & _TOTAL_CLASSES:
                total = total or page_number(marker)
    pager_text = " ".join(spaced_text(root) for root in roots)
    whole_text = spaced_text(doc)
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


def _names_a_column(template: _PageTemplate, page_url: str) -> bool:
    """Whether the template's digits belong to a column's own name: ``sx18`` of ``sx18.htm``
    when this page is ``sx18/13.htm`` (a VSB column's folder), never a page number."""
    stem = urlsplit(template.render(template.value)).path.rsplit(".", 1)[0]
    return urlsplit(page_url).path.startswith(stem + "/")


def _chain_from(
    page_url: str, next_url: str, last_url: str | None, position: _Position
) -> list[str]:
    template = _page_template(next_url)
    if template is None or _names_a_column(template, page_url):
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


def next_pages_of(doc: Element, base: str, page_url: str) -> list[str]:
    anchors = list(links_below(doc))
    next_link = _first_link(anchors, _NEXT_CLASSES, NEXT_WORDS, base)
    last_link = _first_link(anchors, _LAST_CLASSES, LAST_WORDS, base)
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
    return unique(url for url in chain if url != page_url)
