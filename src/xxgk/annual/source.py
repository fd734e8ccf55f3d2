"""The text of a report from a fetched page or a read file: HTML, PDF, DOCX or plain text."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from xxgk.annual.check import SourceKind
from xxgk.annual.parts import find_structure
from xxgk.extract import attachment_chunks, read_page
from xxgk.models import Attachment, Frozen, Page

_DOCUMENT_MAGIC: tuple[tuple[bytes, SourceKind], ...] = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "docx"))
_DOCUMENT_TYPES: dict[str, SourceKind] = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
_DOCUMENT_SUFFIXES = (".pdf", ".docx")


class ReportText(Frozen):
    kind: SourceKind
    text: str
    title: str = ""
    published: dt.date | None = None  # the page's own date (发布时间, meta tag)
    documents: tuple[str, ...] = ()  # PDF and DOCX files an HTML page links, report first


def report_documents(attachments: tuple[Attachment, ...]) -> tuple[str, ...]:
    """The page's PDF and DOCX attachments, those named as a report (报告) first."""
    files = [
        a
        for a in attachments
        if a.name.lower().endswith(_DOCUMENT_SUFFIXES)
        or urlsplit(a.url).path.lower().endswith(_DOCUMENT_SUFFIXES)
    ]
    files.sort(key=lambda a: "报告" not in a.name)
    return tuple(a.url for a in files)


def source_kind(page: Page) -> SourceKind:
    """What a page holds: a PDF or DOCX by its bytes or type, HTML by type, else text."""
    head = page.content[:1024]
    for magic, kind in _DOCUMENT_MAGIC:
        if head.startswith(magic):
            return kind
    if page.content_type in _DOCUMENT_TYPES:
        return _DOCUMENT_TYPES[page.content_type]
    if "html" in page.content_type or page.text.lstrip()[:1] == "<":
        return "html"
    return "text"


def report_text(page: Page, *, as_of: dt.date) -> ReportText:
    """The report's text, by kind: a document's text (PDF page by page, DOCX body), an HTML
    page's visible text with its publication date, or a text file as it is. Empty text
    means that nothing could be read."""
    kind = source_kind(page)
    if kind in ("pdf", "docx"):
        chunks = attachment_chunks(page)
        return ReportText(kind=kind, text="\n".join(chunk.text for chunk in chunks if chunk.text))
    if kind == "html":
        facts = read_page(page, as_of=as_of, pagination=False)
        return ReportText(
            kind=kind,
            text=facts.text,
            title=facts.title,
            published=facts.published,
            documents=report_documents(facts.attachments),
        )
    return ReportText(kind=kind, text=page.text.lstrip("\ufeff"))


def linked_document(read: ReportText) -> str | None:
    """The document to read instead of a web page that only links the report (an article
    with the PDF attached, as most schools publish it): its first PDF or DOCX, when the
    page's own text has none of the report's parts."""
    if not read.documents or any(part.found for part in find_structure(read.text).parts):
        return None
    return read.documents[0]
