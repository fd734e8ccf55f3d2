"""The page's title."""

from __future__ import annotations

import re

from lxml import etree

from xxgk.extract.chrome import TITLE_SELECTORS
from xxgk.extract.html import Element, attr_of, css_selector, joined_text, norm

_TITLE_SUFFIX_RE = re.compile(r"(?<!\d)\s*[-_|–—]\s*(?!\d)|\s+[-_|–—]\s+")


def _strip_site_suffix(title: str) -> str:
    separators = list(_TITLE_SUFFIX_RE.finditer(title))
    if separators and separators[-1].start() > 0:
        return title[: separators[-1].start()].strip()
    return title


def page_title(doc: Element) -> str:
    for selector in TITLE_SELECTORS:
        for tag in css_selector(selector)(doc):
            if text := norm(joined_text(tag, " ")):
                return text
    for meta in doc.iter("meta"):
        if attr_of(meta, "name").lower() == "articletitle" and norm(attr_of(meta, "content")):
            return norm(attr_of(meta, "content"))
    title = next(doc.iter("title"), None)
    return _strip_site_suffix(norm(joined_text(title))) if title is not None else ""


# Where an article's heading sits when no known title class marks it.
_HEADING_TAGS = ("h1", "h2", "h3")
_TITLE_TOKEN_RE = re.compile(r"title|(?<![a-z])tit(?![a-z])|biaoti|(?<![a-z])bt(?![a-z])|headline")
_MIN_TITLE = 4
_MAX_TITLE = 120


def _document_title(doc: Element) -> str:
    title = next(doc.iter("title"), None)
    return norm(joined_text(title)) if title is not None else ""


def _is_title_like(tag: Element) -> bool:
    if tag.tag in _HEADING_TAGS:
        return True
    tokens = f"{attr_of(tag, 'id')} {attr_of(tag, 'class')}".lower()
    return _TITLE_TOKEN_RE.search(tokens) is not None


def title_element(doc: Element) -> Element | None:
    """The element holding the article's heading, or None.

    A known title class first; else the heading (h1–h3, or a class or id saying title)
    whose text the document's ``<title>`` repeats, the longest such; else the only h1.
    """
    for selector in TITLE_SELECTORS[:-1]:
        for tag in css_selector(selector)(doc):
            if norm(joined_text(tag)):
                return tag
    head = _document_title(doc).replace(" ", "")
    best: tuple[int, Element] | None = None
    h1s: list[Element] = []
    body = next(doc.iter("body"), doc)
    for tag in body.iter(etree.Element):
        if not _is_title_like(tag):
            continue
        text = norm(joined_text(tag)).replace(" ", "")
        if not _MIN_TITLE <= len(text) <= _MAX_TITLE:
            continue
        if tag.tag == "h1":
            h1s.append(tag)
        if text.rstrip(".…") in head and (best is None or len(text) > best[0]):
            best = (len(text), tag)
    if best is not None:
        return best[1]
    return h1s[0] if len(h1s) == 1 else None


_TITLE_GAP = 300  # characters of text between a heading and the body it heads, at most


def heading_before(doc: Element, block: Element) -> Element | None:
    """The title-like element just above a main block (no more than a byline between):
    the heading of a page whose ``<title>`` names only the site."""
    found: Element | None = None
    gap = 0
    for node in doc.iter(etree.Element):
        if node is block:
            return found if found is not None and gap <= _TITLE_GAP else None
        if _is_title_like(node) and _reads_like_a_title(norm(joined_text(node))):
            found, gap = node, 0
        elif found is not None and not _contains(found, node):
            gap += len((node.text or "").strip())
    return None


def _reads_like_a_title(text: str) -> bool:
    """Four to 120 characters, not just a date or a number."""
    words = re.sub(r"[\d\s\-/.:：年月日]", "", text)
    return _MIN_TITLE <= len(text) <= _MAX_TITLE and len(words) >= 2


def _contains(ancestor: Element, node: Element) -> bool:
    return any(parent is ancestor for parent in node.iterancestors())
