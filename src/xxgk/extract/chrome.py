"""Site chrome: menus, headers, footers, breadcrumbs and copyright lines, which are never
evidence of an element or a date."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from lxml import etree

from xxgk.extract.html import (
    Element,
    classes_of,
    drop,
    elements_below,
    id_and_class,
    joined_text,
    norm,
    text_nodes,
)

# (scripts, styles and templates are gone before chrome is looked for: drop_code)
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
# What readers wrote and what else the site links to: never the article's, even inside it
# (comment-list, reply, 评论 pinglun, 留言 liuyan, related, 相关文章 xgwz / xgxw).
_ASIDE_RE = re.compile(r"comment|reply|pinglun|liuyan|related|xgwz|xgxw|xgxx|xgyd")


_CRUMB_RE = re.compile("|".join(_CRUMB_TOKENS))


_CRUMB_WORDS = ("当前位置", "您的位置", "您现在的位置", "现在位置", "所在位置", "当前页面")


# Short blocks holding these are the site's: a copyright or ICP line, the reader's clock.
_COPYRIGHT_RE = re.compile(
    r"版权所有|copyright|©|ICP备|ICP证|网站标识码|今天是|今日是|当前日期", re.IGNORECASE
)


_COPYRIGHT_BLOCKS = frozenset({"p", "div", "li", "td", "table", "center", "footer"})


TITLE_SELECTORS = (".ch-title-2", ".arti_title", ".arti-title", ".item_title", "h1")


def _is_chrome_tag(tag: Element) -> bool:
    if tag.tag in _CHROME_TAGS:
        # <header>/<footer> of an <article> hold its title and date, not site chrome
        in_article = next(tag.iterancestors("article", "main"), None) is not None
        return not (tag.tag in ("header", "footer") and in_article)
    return False


def _is_chrome(tag: Element, article: frozenset[Element]) -> bool:
    """Chrome by its tag; or by a class or id word (footer, nav, menu …) outside the
    article, where "foot" in a byline's class says nothing about what it holds."""
    if tag.tag in _CHROME_TAGS:
        return _is_chrome_tag(tag)
    names = id_and_class(tag)
    if _ASIDE_RE.search(names):
        return True
    return tag not in article and _CHROME_RE.search(names) is not None


def is_crumb(tag: Element) -> bool:
    if _CRUMB_RE.search(id_and_class(tag)):
        return True
    if tag.tag not in ("div", "p", "td", "li", "span", "ul", "section"):
        return False
    first = next((s.strip() for s in tag.itertext() if s.strip()), "")
    if not first.startswith(_CRUMB_WORDS[0][:2]) and not first.startswith(("您", "现在", "所在")):
        return False  # cheap test first: most blocks do not start like a breadcrumb
    text = norm(joined_text(tag))
    return len(text) < 200 and text.startswith(_CRUMB_WORDS)


_TITLE_CLASSES = frozenset(sel.lstrip(".") for sel in TITLE_SELECTORS[:-1])


_TITLE_CANDIDATES = etree.XPath(
    "//*[" + " or ".join(f"contains(@class, '{name}')" for name in sorted(_TITLE_CLASSES)) + "]"
)


def protected_elements(doc: Element, keep: Sequence[Element]) -> set[Element]:
    """Elements never removed as chrome: the page, kept sections and whatever holds a title.

    Computed once per page (an element is protected when it is, or contains, one of them),
    so that deciding about each of a page's thousands of elements is a set lookup. Removing
    chrome never removes a protected element, so the set holds for every pass.
    """
    titled = (tag for tag in _TITLE_CANDIDATES(doc) if _TITLE_CLASSES & classes_of(tag))
    anchors = [*keep, *titled]
    found: set[Element] = set()
    for anchor in anchors:
        found.add(anchor)
        found.update(anchor.iterancestors())
    return found


def _remove(doc: Element, is_unwanted: Callable[[Element], bool], protected: set[Element]) -> None:
    doomed = [
        tag
        for tag in elements_below(doc)
        if tag.tag not in ("html", "body") and tag not in protected and is_unwanted(tag)
    ]
    for tag in doomed:
        drop(tag)


def _copyright_blocks(doc: Element) -> list[Element]:
    """Short blocks carrying a copyright or ICP line: never a publication date."""
    blocks: list[Element] = []
    for piece, owner in text_nodes(doc):
        if not _COPYRIGHT_RE.search(piece):
            continue
        block = next(
            (tag for tag in (owner, *owner.iterancestors()) if tag.tag in _COPYRIGHT_BLOCKS), None
        )
        if block is not None and len(norm(joined_text(block))) < 300:
            blocks.append(block)
    return blocks


def strip_chrome(doc: Element, protected: set[Element], article: Element | None = None) -> None:
    """Remove menus, headers, footers and copyright blocks, never a protected element;
    inside ``article`` (the title and main block's common block) only chrome tags go."""
    inside = frozenset(article.iter()) if article is not None else frozenset()
    _remove(doc, lambda tag: _is_chrome(tag, inside), protected)
    blocks = [block for block in _copyright_blocks(doc) if block not in protected]
    chosen = set(blocks)
    for block in blocks:
        if not any(parent in chosen for parent in block.iterancestors()):
            drop(block)


def strip_crumbs(doc: Element, protected: set[Element]) -> None:
    _remove(doc, is_crumb, protected)
