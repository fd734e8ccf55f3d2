"""A page's signposts: its links with their text (marked when they sit in a menu or the
breadcrumb), the breadcrumb's trail, the ``keywords`` meta. What a site says about where
things are, as opposed to what a page holds; ``xxgk init`` matches them to the checklist."""

from __future__ import annotations

import re
from typing import NamedTuple

from xxgk.extract.chrome import is_crumb
from xxgk.extract.html import (
    Element,
    absolute_url,
    attr_of,
    id_and_class,
    joined_text,
    links_below,
    norm,
)

# Class or id words of the blocks that hold a site's menus (VSB nLi/topmenu/submenu,
# WebPlus wp_nav, left-hand 栏目 lists, old table sites' daohang).
_MENU_WORDS = ("nav", "menu", "daohang", "dh", "lm", "left", "column", "sidebar", "subnav")


class NavLink(NamedTuple):
    text: str  # the link's text, else its title attribute
    url: str  # absolute
    in_menu: bool  # inside <nav> or a block whose class/id names a menu
    in_crumb: bool  # inside the breadcrumb (当前位置 …)


def nav_links(doc: Element, base: str) -> list[NavLink]:
    """Every http(s) link of the page with its text, in document order."""
    found: list[NavLink] = []
    for anchor in links_below(doc):
        url = absolute_url(attr_of(anchor, "href"), base)
        if url is None:
            continue
        text = norm(joined_text(anchor)) or norm(attr_of(anchor, "title"))
        ancestors = list(anchor.iterancestors())
        in_crumb = any(_is_crumb_line(tag) for tag in ancestors)
        in_menu = any(tag.tag == "nav" or _is_menu(tag) for tag in ancestors)
        found.append(NavLink(text, url, in_menu, in_crumb))
    return found


def _is_crumb_line(tag: Element) -> bool:
    """A breadcrumb that is only a breadcrumb: an old table layout's cell that starts with
    您现在的位置 and then holds the whole list is not one."""
    return is_crumb(tag) and next(tag.iterdescendants(*_BLOCKS), None) is None


_BLOCKS = ("table", "div", "ul", "ol", "p", "li", "dl")


def _is_menu(tag: Element) -> bool:
    names = id_and_class(tag).replace("-", " ").replace("_", " ").split()
    return any(word.startswith(_MENU_WORDS) for word in names)


def crumb_trail(doc: Element) -> list[str]:
    """The breadcrumb's steps (首页 › 信息公开事项 › 财务、资产及收费 › …), 正文 left out."""
    tags = doc.iter("div", "p", "span", "td", "ul", "table")
    crumb = next((tag for tag in tags if _is_crumb_line(tag)), None)
    if crumb is None:
        return []
    steps = [norm(joined_text(a)) for a in links_below(crumb)]
    tail = re.sub(r"^[^：:]*[：:]", "", norm(joined_text(crumb)).split(">")[-1]).strip()
    if tail and tail not in steps and tail not in ("正文", "详细内容", "内容"):
        steps.append(tail)
    return [s for s in steps if s]


def meta_keywords(doc: Element) -> list[str]:
    """The ``keywords`` meta's comma-separated words (VSB puts the column's name there)."""
    for meta in doc.iter("meta"):
        if attr_of(meta, "name").lower() == "keywords":
            words = attr_of(meta, "content").replace("，", ",").split(",")
            return [w for word in words if (w := norm(word))]
    return []
