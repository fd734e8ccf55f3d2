"""Parsing a page into an lxml tree, and the small tree helpers the readers share: text as
a reader sees it, links made absolute, the part a rule's ``section`` selects."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TypeAlias
from urllib.parse import urldefrag, urljoin, urlsplit

from cssselect import SelectorError
from lxml import etree
from lxml.cssselect import CSSSelector

from xxgk.limits import MAX_HTML_CHARS
from xxgk.models import Page
from xxgk.urls import strip_credentials

# A node of lxml's tree. Plain etree elements, not lxml.html's: those are looked up per
# node in Python, which cost more than the whole parse.
Element: TypeAlias = etree._Element


BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "center"),
        *("dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol"),
        *("p", "pre", "section", "table", "tbody", "thead", "tr", "ul"),
    }
)


CELL_TAGS = frozenset({"td", "th"})


_CODE_TAGS = frozenset({"script", "style", "template"})  # their text is code, never read


_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0\u3000\u200b\ufeff]+")


DOC_SPACES_RE = re.compile(r"[ \r\f\v\u00a0\u3000\u200b\ufeff]+")


# Private-use characters the reader puts into a page's text to mark places in it (see
# extract.published); never in real pages, and never in the text handed on.
TITLE_MARK = "\ue000"
MAIN_END_MARK = "\ue001"
SCRIPT_OPEN = "\ue002"
SCRIPT_CLOSE = "\ue003"
MAIN_START_MARK = "\ue004"
MARKS = (TITLE_MARK, MAIN_END_MARK, SCRIPT_OPEN, SCRIPT_CLOSE, MAIN_START_MARK)
STRIP_MARKS = str.maketrans("", "", "".join(MARKS))


def strip_marks(text: str) -> str:
    """Text without the reader's marks, each line trimmed, empty lines dropped."""
    if not any(mark in text for mark in MARKS):
        return text
    for mark in MARKS:  # str.replace runs in C; translate looks up every character
        text = text.replace(mark, "")
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def attr_of(tag: Element, name: str) -> str:
    return tag.get(name) or ""


def norm(text: str) -> str:
    if SCRIPT_OPEN in text:  # a date a script writes, inside a link or a row
        text = text.replace(SCRIPT_OPEN, "").replace(SCRIPT_CLOSE, "")
    return _SPACES_RE.sub(" ", text.replace("\n", " ")).strip()


def text_nodes(root: Element) -> Iterator[tuple[str, Element]]:
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


def joined_text(root: Element, separator: str = "") -> str:
    return separator.join(root.itertext())


def spaced_text(root: Element) -> str:
    """The element's strings joined by spaces: dates split over tags stay apart."""
    return norm(joined_text(root, " "))


def visible_text(root: Element, *, keep_marks: bool = False) -> str:
    """Text as a reader sees it: inline markup joined, blocks on their own lines (the
    reader's private-use marks removed unless asked for)."""
    out: list[str] = []

    def add(piece: str) -> None:
        if out and out[-1][-1:].isdigit() and piece[:1].isdigit():
            out.append(" ")  # <span>07</span>2026/07 is two numbers, not 072026
        out.append(piece)

    for event, node in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if node.tag in BLOCK_TAGS:
                out.append("\n")
            elif node.tag in CELL_TAGS:
                out.append(" ")
            if node.text:
                add(node.text)
        else:
            if node.tag in BLOCK_TAGS:
                out.append("\n")
            if node.tail and node is not root:
                add(node.tail)
    joined = "".join(out)
    if not keep_marks:
        for mark in MARKS:
            joined = joined.replace(mark, "")
    lines = (_SPACES_RE.sub(" ", line).strip() for line in joined.split("\n"))
    return "\n".join(line for line in lines if line)


# What lxml refuses to set as text, though it parses it: C0 controls but tab, LF and CR.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text lxml accepts as an element's text (a hostile page's control characters out)."""
    return _XML_UNSAFE.sub("", text)


def drop(tag: Element) -> None:
    """Remove an element and all it holds; the text after it (its tail) stays."""
    parent = tag.getparent()
    if parent is None:
        return
    if tag.tail:
        previous = tag.getprevious()
        if previous is None:
            parent.text = xml_safe((parent.text or "") + tag.tail)
        else:
            previous.tail = xml_safe((previous.tail or "") + tag.tail)
    parent.remove(tag)


def drop_code(doc: Element) -> None:
    """Scripts, styles and templates hold code, never text a reader sees."""
    for tag in list(doc.iter(*_CODE_TAGS)):
        drop(tag)


def id_and_class(tag: Element) -> str:
    return f"{tag.get('id') or ''} {tag.get('class') or ''}".lower()


def contains(ancestor: Element, node: Element) -> bool:
    return ancestor is node or any(parent is ancestor for parent in node.iterancestors())


@functools.lru_cache(maxsize=64)
def css_selector(selector: str) -> CSSSelector:
    """A compiled CSS selector; ValueError for one that is not valid CSS."""
    try:
        return CSSSelector(selector, translator="html")
    except SelectorError as exc:
        raise ValueError(f"invalid CSS selector (got {selector!r})") from exc


def body_of(doc: Element) -> Element:
    return next(doc.iter("body"), doc)


def select_section(doc: Element, selector: str | None) -> list[Element]:
    """The elements a rule's ``section`` selects (all of the body when None).

    Raises ValueError for a selector that is not valid CSS.
    """
    if selector is None:
        return [body_of(doc)]
    return list(css_selector(selector)(doc))


def elements_below(root: Element) -> Iterator[Element]:
    """Every element below root, in document order (comments left out)."""
    return root.iterdescendants(etree.Element)


def classes_of(tag: Element) -> set[str]:
    return set(attr_of(tag, "class").split())


SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:")


def absolute_url(href: str, base: str) -> str | None:
    """An absolute http(s) URL for a link, or None for scripts, anchors and mail."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(SKIP_SCHEMES):
        return None
    url = strip_credentials(urldefrag(urljoin(base, href))[0])  # a password is never shown
    return url if urlsplit(url).scheme in ("http", "https") else None


def base_url(doc: Element, page_url: str) -> str:
    base = next((tag for tag in doc.iter("base") if tag.get("href") is not None), None)
    if base is not None:
        return urljoin(page_url, attr_of(base, "href").strip())
    return page_url


def is_http(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def links_below(root: Element) -> Iterator[Element]:
    """The ``<a href>`` elements below root."""
    return (a for a in root.iterdescendants("a") if a.get("href") is not None)


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def parse_html(page: Page) -> tuple[Element | None, list[str]]:
    """The page's element tree (its ``<html>``, None for a page with no markup at all) and
    notes on what could not be read.

    The decoded text is handed to lxml as UTF-8: fetch has already settled the encoding,
    and an ``<?xml encoding=…?>`` line or a ``<meta charset>`` must not undo that. A parser
    per page (they cost a microsecond): lxml parsers are not shared between threads.
    """
    text = page.text or page.content.decode("utf-8", "replace")
    notes: list[str] = []
    if len(text) > MAX_HTML_CHARS:  # a tree costs ten times its text: read the start only
        text = text[:MAX_HTML_CHARS]
        notes.append(_TOO_LONG_NOTE.format(page.final_url or page.url))
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    root: Element | None = etree.fromstring(text.encode("utf-8", "replace"), parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        notes.append(_TOO_DEEP_NOTE)
    return root, notes


_TOO_LONG_NOTE = "网页过长（超过 " + f"{MAX_HTML_CHARS:,}" + " 个字符），只读取了前面部分：{}"
_TOO_DEEP_NOTE = "页面标签嵌套超过 2048 层（多为未闭合的标签），更深处的内容没有读到"
