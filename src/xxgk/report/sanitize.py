"""Text from crawled pages and rules files made safe for each output format.

A hostile page may put markup, table pipes or control characters in a title, a URL or
a note: none of them may stop a report from being written or inject markup into it.
"""

from __future__ import annotations

import re

# XML 1.0 (and so XLSX) forbids these outright: C0 controls but tab, newline and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"[&<>|\[\]`\\]")
_MD_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|"}


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 and XLSX cannot hold."""
    return _XML_FORBIDDEN.sub("", text)


def line_text(text: str) -> str:
    """One line without any control character: sheet names, file names, header text."""
    return " ".join(_CONTROLS.sub("", text).split())


def excel_header_text(text: str) -> str:
    """Text for a sheet's printed header or footer, where `&` starts a code (&P, &D)."""
    return line_text(text).replace("&", "&&")


def md_text(text: str) -> str:
    """Inline Markdown text: one line, no raw HTML (`&`, `<`, `>` as entities), no table
    pipes, links or code spans (`|`, `[`, `]`, backquote and backslash escaped)."""
    text = " ".join(xml_text(text).split())
    return _MD_SPECIAL.sub(lambda m: _MD_ESCAPES.get(m.group(), "\\" + m.group()), text)
