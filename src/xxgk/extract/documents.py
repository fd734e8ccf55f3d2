"""Text of documents (PDF, DOCX, XLSX, XLS): what kind a download is, and its text by page or
sheet."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Literal
from urllib.parse import unquote

from xxgk.extract.attachments import file_name, is_attachment
from xxgk.extract.dates import DateContext, notes_for
from xxgk.extract.html import DOC_SPACES_RE, norm, unique
from xxgk.extract.published import published_date, url_date
from xxgk.limits import MAX_PDF_PAGES, MAX_ZIP_MEMBERS, MAX_ZIP_UNCOMPRESSED
from xxgk.models import Page, PageFacts, TextChunk

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
    for name in (_disposition_name(page), file_name(page.final_url or page.url)):
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


def zip_problem(content: bytes) -> str | None:
    """Why a zip-based document (XLSX, DOCX) is not opened: too many members, or more
    bytes uncompressed than MAX_ZIP_UNCOMPRESSED, as its directory declares (the reader
    never inflates a member beyond its declared size); None when it may be."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return None  # the reader says what is wrong with it
    if len(members) > MAX_ZIP_MEMBERS:
        return f"压缩包内有 {len(members)} 个文件，超过上限 {MAX_ZIP_MEMBERS}"
    size = sum(member.file_size for member in members)
    if size > MAX_ZIP_UNCOMPRESSED:
        return f"解压后 {size} 字节，超过上限 {MAX_ZIP_UNCOMPRESSED} 字节"
    return None


def document_kind(page: Page) -> DocumentKind | None:
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
    return norm(str(value))


def _tidy(text: str) -> str:
    """Document text: runs of spaces collapsed, tabs (table cells) and lines kept."""
    lines = (DOC_SPACES_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _pdf_chunks(content: bytes) -> tuple[TextChunk, ...]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content), strict=False)
    chunks = tuple(
        TextChunk(text=_tidy(pdf_page.extract_text() or ""), page=number)
        # one page past the cap, to know that there is more
        for number, pdf_page in zip(range(1, MAX_PDF_PAGES + 2), reader.pages, strict=False)
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
                cells = unique(norm(cell.text) for cell in row.cells)
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
    kind = document_kind(page)
    where = page.final_url or page.url
    chunker = next((fn for k, fn in _CHUNKERS if k == kind), None)
    if chunker is None:
        return (), (f"附件无法解析：{where}（不支持的格式 {kind}）",)
    if not page.content:
        return (), (f"附件无法解析：{where}（内容为空）",)
    too_big = zip_problem(page.content) if kind in ("docx", "xlsx") else None
    if too_big:
        return (), (f"附件未解析：{where}（{too_big}）",)
    try:
        chunks = chunker(page.content)
    except Exception as exc:  # a broken or hostile file must become a note, never a crash
        return (), (f"附件无法解析：{where}（{type(exc).__name__}: {norm(str(exc))[:120]}）",)
    notes: list[str] = []
    if kind == "pdf" and len(chunks) > MAX_PDF_PAGES:
        chunks = chunks[:MAX_PDF_PAGES]
        notes.append(f"附件超过 {MAX_PDF_PAGES} 页，只读取了前 {MAX_PDF_PAGES} 页：{where}")
    if kind == "pdf" and not any(chunk.text for chunk in chunks):
        notes.append(f"附件中没有可提取的文字（可能是扫描件）：{where}")
    return chunks, tuple(notes)


def attachment_chunks(page: Page) -> tuple[TextChunk, ...]:
    """Text of a document page: one chunk per PDF page (page=1..n), one for a DOCX body,
    one per sheet of an XLSX/XLS (label = sheet name). Nothing for what cannot be read."""
    return _document_chunks(page)[0]


def document_facts(page: Page, *, as_of: dt.date) -> PageFacts:
    url = page.final_url or page.url
    chunks, notes = _document_chunks(page)
    ctx = DateContext(as_of)
    in_url = url_date(url, ctx)
    found, future = published_date([in_url] if in_url is not None else [], as_of)
    name = _disposition_name(page) or file_name(url)
    return PageFacts(
        url=url,
        title=name if is_attachment(name, name) else "",
        text="\n".join(chunk.text for chunk in chunks if chunk.text),
        published=found.date if found else None,
        published_source=found.source if found else None,
        chunks=chunks,
        notes=tuple(unique([*notes, *notes_for(future)])),
    )
