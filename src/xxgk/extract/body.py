"""The article's main block, found by structure rather than by class names.

Each run of text that is not a link's is a paragraph. A paragraph scores for the block that
holds it and half as much for the block above (the way Readability scores): longer runs and
more clause punctuation score higher, so the block holding the body's paragraphs wins
whether the CMS writes ``<div class="v_news_content">``, ``<td>`` cells of an old layout
table or WordPress's ``<div class="entry-content">``. The winner's score is scaled by its
share of text that is not link text, so a menu or a list of related links never wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

from xxgk.extract.html import (
    BLOCK_TAGS,
    CELL_TAGS,
    MAIN_END_MARK,
    MAIN_START_MARK,
    SCRIPT_CLOSE,
    SCRIPT_OPEN,
    TITLE_MARK,
    Element,
    xml_safe,
)

# Blocks that can hold an article's body (a paragraph scores for these, not for a <p>).
_HOLDERS = frozenset(
    {"div", "td", "article", "section", "main", "body", "center", "blockquote", "font", "form"}
)
_CLAUSE_RE = re.compile(r"[，。；：！？、,;]")
_MIN_PARAGRAPH = 20  # characters: shorter runs are labels, menu items, dates
_MIN_SCORE = 8.0  # below it nothing on the page reads like an article body
_CANDIDATES_CHECKED = 8


def _paragraphs(body: Element) -> Iterator[tuple[Element, int, int]]:
    """(block, characters, clause marks) for each block's text outside links: one walk,
    keeping the block each string sits in and whether it is inside a link."""
    length: dict[Element, int] = {}
    marks: dict[Element, int] = {}
    blocks: list[Element] = [body]  # the innermost open block
    links = 0  # open <a> elements

    def add(text: str | None, block: Element) -> None:
        stripped = text.strip() if text else ""
        if stripped and not links:
            length[block] = length.get(block, 0) + len(stripped)
            marks[block] = marks.get(block, 0) + len(_CLAUSE_RE.findall(stripped))

    for event, node in etree.iterwalk(body, events=("start", "end")):
        is_block = node.tag in BLOCK_TAGS or node.tag in CELL_TAGS
        if event == "start":
            if node.tag == "a":
                links += 1
            if is_block and node is not body:
                blocks.append(node)
            add(node.text, blocks[-1])
        else:
            if is_block and node is not body:
                blocks.pop()
            if node.tag == "a":
                links -= 1
            if node is not body:
                add(node.tail, blocks[-1])
    for block, count in length.items():
        yield block, count, marks[block]


def _holder(block: Element) -> Element | None:
    """The block a paragraph scores for: itself when it can hold a body, else its parent."""
    if block.tag in _HOLDERS:
        return block
    parent = block.getparent()
    while parent is not None and parent.tag not in _HOLDERS:
        parent = parent.getparent()
    return parent


_SPACE_RE = re.compile(r"\s+")


def _text_size(tag: Element) -> int:
    """Characters of text below tag, spaces not counted (one pass in libxml2)."""
    text = etree.tostring(tag, method="text", encoding="unicode", with_tail=False)
    return len(_SPACE_RE.sub("", text))


_LINK_TEXT = etree.XPath(".//a//text()")


def _link_density(block: Element) -> float:
    total = _text_size(block)
    linked = len(_SPACE_RE.sub("", "".join(_LINK_TEXT(block))))
    return min(linked / total, 1.0) if total else 1.0


def main_block(doc: Element) -> Element | None:
    """The element holding the article's body, or None when nothing reads like one."""
    body = next(doc.iter("body"), doc)
    scores: dict[Element, float] = {}
    for block, count, marks in _paragraphs(body):
        if count < _MIN_PARAGRAPH:
            continue
        score = 1 + marks + min(count / 100, 3)
        holder = _holder(block)
        if holder is None:
            continue
        scores[holder] = scores.get(holder, 0.0) + score
        parent = holder.getparent()
        while parent is not None and parent.tag not in _HOLDERS:
            parent = parent.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score / 2
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:_CANDIDATES_CHECKED]
    finals = [(score * (1 - _link_density(block)), block) for block, score in ranked]
    if not finals:
        return None
    best_score, best = max(finals, key=lambda item: item[0])
    if best_score < _MIN_SCORE:
        return None
    return _first_of_its_kind(best, scores)


def _first_of_its_kind(best: Element, scores: dict[Element, float]) -> Element:
    """Of blocks built alike (a blog's or forum's posts, ``td.post-body`` after
    ``td.post-body``), the page is about the first: the newest post."""
    kind = (best.tag, best.get("class"))
    if kind[1] is None:
        return best
    alike = [
        block
        for block, score in scores.items()
        if (block.tag, block.get("class")) == kind
        and score >= _MIN_SCORE / 4
        and not any(
            parent.tag == best.tag and parent.get("class") == kind[1]
            for parent in block.iterancestors()
        )
    ]
    if len(alike) < 2:
        return best
    order = {block: index for index, block in enumerate(best.getroottree().iter())}
    return min(alike, key=lambda block: order[block])


# How much more text than the main block the common block of title and body may hold and
# still be the article (a byline, an attachment list), not a layout table with menus.
_ARTICLE_SLACK = 600


def article_block(heading: Element | None, main: Element | None) -> Element | None:
    """The smallest block holding both the title and the main block, when it holds little
    else; the main block alone otherwise."""
    if main is None:
        return None
    if heading is None:
        return main
    heading_line = {id(tag) for tag in (heading, *heading.iterancestors())}
    common = next((tag for tag in (main, *main.iterancestors()) if id(tag) in heading_line), None)
    if common is None or common.tag in ("html", "body"):
        return main
    if _text_size(common) > 2 * _text_size(main) + _ARTICLE_SLACK:
        return main
    return common


@contextmanager
def marked(heading: Element | None, main: Element | None) -> Iterator[None]:
    """Put the reader's marks where the title starts and the main block starts and ends,
    for as long as the text carrying them is read; the tree is as before afterwards."""
    saved: list[tuple[Element, str, str | None]] = []

    def put(tag: Element, field: str, mark: str, *, at_end: bool) -> None:
        value: str | None = getattr(tag, field)
        saved.append((tag, field, value))
        clean = xml_safe(value or "")  # lxml parses control characters it will not set
        setattr(tag, field, clean + mark if at_end else mark + clean)

    if heading is not None:
        put(heading, "text", TITLE_MARK, at_end=False)
    if main is not None:
        put(main, "text", MAIN_START_MARK, at_end=False)
        last = main[-1] if len(main) else None
        if last is not None:
            put(last, "tail", MAIN_END_MARK, at_end=True)
        else:
            put(main, "text", MAIN_END_MARK, at_end=True)
    try:
        yield
    finally:
        for tag, field, value in reversed(saved):
            setattr(tag, field, xml_safe(value) if value is not None else None)


# document.write("2020-04-17 …"), showDate('2020/04/17'): a call with a date literal.
_SCRIPT_CALL_RE = re.compile(r"""[\w.$]+\s*\(\s*(['"])([^'"\n]{6,40})\1""")
_MAX_SCRIPT_DATES = 2  # more date literals than this is data, not a date being shown


def mark_script_dates(doc: Element) -> None:
    """Put in place of an inline script the date it writes, between the script marks, so
    the reader sees it where a browser would show it (the script is read, never run)."""
    body = next(doc.iter("body"), None)
    if body is None:
        return
    for script in list(body.iter("script")):
        if "json" in (script.get("type") or "").lower():
            continue  # data (JSON-LD is read as such), never shown
        literals = [
            m.group(2)
            for m in _SCRIPT_CALL_RE.finditer(script.text or "")
            if _DATE_RE.search(m.group(2))
        ]
        if not 0 < len(literals) <= _MAX_SCRIPT_DATES:
            continue
        span = etree.Element("span")
        span.text = f"{SCRIPT_OPEN}{xml_safe(literals[0])}{SCRIPT_CLOSE}"
        span.tail = xml_safe(script.tail) if script.tail else None
        parent = script.getparent()
        if parent is not None:
            parent.replace(script, span)


_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
