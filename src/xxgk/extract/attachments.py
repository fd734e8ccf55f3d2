"""Links to documents (PDF, DOCX, XLSX …) in a page, however the CMS writes them."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl, unquote, urlsplit

from xxgk.extract.html import Element, absolute_url, attr_of, elements_below, joined_text, norm
from xxgk.models import Attachment

_ATTACHMENT_EXTS = (
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "ppt",
    "pptx",
    "ofd",
    "zip",
    "rar",
    "7z",
)


_EXT_RE = re.compile(
    r"\.(" + "|".join(_ATTACHMENT_EXTS) + r")\s*(?:[(（\[【][^)）\]】]*[)）\]】])?\s*$",
    re.IGNORECASE,
)


_SUDY_TITLE_RE = re.compile(r"""['"]title['"]\s*:\s*['"]([^'"]+)['"]""")


_VSB_PDF_RE = re.compile(r"""showVsbpdfIframe\(\s*['"]([^'"]+)['"]""")


def is_attachment(url: str, link_text: str = "") -> bool:
    """Whether a link points at a document (by URL, query, VSB download bridge or link text)."""
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    if _EXT_RE.search(unquote(parts.path)):
        return True
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(_EXT_RE.search(value) for _, value in query):  # ?e=.pdf, filename=x.docx
        return True
    if "wbfileid=" in parts.query or "DownloadAttachUrl" in parts.query:
        return True  # VSB download.jsp: the type is only in the link text
    return bool(_EXT_RE.search(norm(link_text)))


def _sudy_title(tag: Element) -> str:
    match = _SUDY_TITLE_RE.search(attr_of(tag, "sudyfile-attr"))
    return match.group(1).strip() if match else ""


def file_name(url: str) -> str:
    return unquote(posixpath.basename(urlsplit(url).path))


def _embedded_pdf(src: str) -> str:
    """The document behind a PDF viewer URL (``viewer.html?file=/x.pdf``), else src."""
    for key, value in parse_qsl(urlsplit(src).query):
        if key.lower() == "file" and value:
            return value
    return src


def _attachment_of(tag: Element, base: str) -> Attachment | None:
    if tag.tag == "a":
        url = absolute_url(attr_of(tag, "href"), base)
        name = _sudy_title(tag) or norm(joined_text(tag, " ")) or norm(attr_of(tag, "title"))
    elif "pdfsrc" in tag.attrib:
        url = absolute_url(attr_of(tag, "pdfsrc"), base)
        name = _sudy_title(tag)
    else:
        src = attr_of(tag, "data") if tag.tag == "object" else attr_of(tag, "src")
        url = absolute_url(_embedded_pdf(src), base)
        name = ""
    if url is None or not is_attachment(url, name):
        return None
    return Attachment(name=name or file_name(url), url=url)


def script_pdfs(scope: Sequence[Element], base: str) -> list[Attachment]:
    found: list[Attachment] = []
    for root in scope:
        for script in root.iterdescendants("script"):
            for src in _VSB_PDF_RE.findall(script.text or ""):
                url = absolute_url(src, base)
                if url is not None:
                    found.append(Attachment(name=file_name(url), url=url))
    return found


def _may_link_a_file(tag: Element) -> bool:
    """a[href], [pdfsrc], iframe[src], embed[src], object[data]."""
    attrib = tag.attrib
    return (
        (tag.tag == "a" and "href" in attrib)
        or "pdfsrc" in attrib
        or (tag.tag in ("iframe", "embed") and "src" in attrib)
        or (tag.tag == "object" and "data" in attrib)
    )


def attachments_in(
    scope: Sequence[Element], base: str, extra: Iterable[Attachment]
) -> list[Attachment]:
    found: list[Attachment] = []
    for root in scope:
        for tag in filter(_may_link_a_file, elements_below(root)):
            attachment = _attachment_of(tag, base)
            if attachment is not None:
                found.append(attachment)
    found.extend(extra)
    by_url: dict[str, Attachment] = {}
    for attachment in found:
        by_url.setdefault(attachment.url, attachment)
    return list(by_url.values())
