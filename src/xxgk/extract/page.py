"""The entry points: one fetched page read once, and the requests it leads to."""

from __future__ import annotations

import datetime as dt
from itertools import islice

from xxgk.extract.attachments import attachments_in, script_pdfs
from xxgk.extract.body import article_block, main_block, mark_script_dates, marked
from xxgk.extract.chrome import protected_elements, strip_chrome, strip_crumbs
from xxgk.extract.dates import DateContext, notes_for
from xxgk.extract.documents import document_facts, document_kind
from xxgk.extract.html import (
    base_url,
    body_of,
    contains,
    drop_code,
    parse_html,
    select_section,
    strip_marks,
    unique,
    visible_text,
)
from xxgk.extract.pagination import next_pages_of
from xxgk.extract.published import candidates, published_date, structured_candidates
from xxgk.extract.rows import entries_of, raw_rows
from xxgk.extract.title import heading_before, page_title, title_element
from xxgk.limits import MAX_LINKS_PER_PAGE
from xxgk.models import Page, PageFacts


def html_facts(
    page: Page, *, as_of: dt.date, section: str | None, pagination: bool = True
) -> PageFacts:
    page_url = page.final_url or page.url
    doc, notes = parse_html(page)
    if doc is None:
        return PageFacts(url=page_url, notes=tuple(notes))
    base = base_url(doc, page_url)
    if next(islice(doc.iter("a"), MAX_LINKS_PER_PAGE, None), None) is not None:
        notes.append(
            f"页面链接超过 {MAX_LINKS_PER_PAGE} 个，只考虑了每个区块的前 {MAX_LINKS_PER_PAGE} 个"
        )
    try:
        scope = select_section(doc, section)
    except ValueError as exc:
        scope = []
        notes.append(f"section: {exc}")
    else:
        if section is not None and not scope:
            notes.append(f"section: 选择器没有匹配到页面内容（{section}）")
    pdfs_in_scripts = script_pdfs(scope, base)
    ctx = DateContext(as_of)
    structured = structured_candidates(doc, ctx)
    mark_script_dates(doc)  # the last look at scripts
    drop_code(doc)
    next_pages = next_pages_of(doc, base, page_url) if pagination else []
    heading = title_element(doc)
    main = main_block(doc)
    if heading is None and main is not None:
        heading = heading_before(doc, main)
    if main is None and not pagination:
        notes.append(_NO_MAIN_BLOCK_NOTE)
    article = article_block(heading, main)
    kept = [*scope, *(tag for tag in (heading, main) if tag is not None)]
    protected = protected_elements(doc, kept)
    strip_chrome(doc, protected, article)
    title = page_title(doc)
    # The breadcrumb names the column in the checklist's own words (收支预算总表、收入预算表…):
    # that says where a page sits, not what it holds, so it is no evidence of an element.
    strip_crumbs(doc, protected)
    scope = [root for root in scope if contains(doc, root)]  # not removed as chrome
    entries, row_future, row_notes = entries_of(raw_rows(scope, base, page_url), as_of)
    attachments = attachments_in(scope, base, pdfs_in_scripts)
    with marked(heading, main):
        body = body_of(doc)
        content = visible_text(body, keep_marks=True)
        if section is None and scope == [body]:
            text = strip_marks(content)  # the section is the body: read it once
        else:
            text = strip_marks("\n".join(visible_text(root) for root in scope))
    is_list = pagination and len(entries) >= _LIST_ROWS
    found, page_future = published_date(
        candidates(structured, content, page_url, ctx, bylines=not is_list), as_of
    )
    return PageFacts(
        url=page_url,
        title=title,
        text=text,
        entries=tuple(entries),
        next_pages=tuple(next_pages),
        attachments=tuple(attachments),
        published=found.date if found else None,
        published_source=found.source if found else None,
        notes=tuple(unique([*notes, *row_notes, *notes_for([*page_future, *row_future])])),
    )


# A page read as a list with this many rows is a list, whatever its rule says.
_LIST_ROWS = 3
_NO_MAIN_BLOCK_NOTE = "页面中没有找到正文区块，按整页文字阅读"


def read_page(
    page: Page, *, as_of: dt.date, section: str | None = None, pagination: bool = True
) -> PageFacts:
    """Everything extract reads from one fetched page; ``section`` limits entries, text and
    attachments to the CSS-selected part (pagination is looked for in the whole page, and
    not at all with ``pagination=False``)."""
    if not page.is_ok:
        return PageFacts(url=page.final_url or page.url)
    if document_kind(page) is not None:
        return document_facts(page, as_of=as_of)
    return html_facts(page, as_of=as_of, section=section, pagination=pagination)
