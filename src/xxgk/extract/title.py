"""The page's title."""

from __future__ import annotations

import re

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
