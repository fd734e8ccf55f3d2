"""Text of a response body: declared charset, <meta charset>, then detection.

GBK and GB2312 are read as GB18030 (as browsers do); undecodable bytes become U+FFFD with
a note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import charset_normalizer

TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json")
# Labels that browsers treat as GB18030's subsets: decode them as the superset.
GB_ALIASES = frozenset({"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb231280", "euc-cn", "cp936"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)


def decode_body(body: bytes, headers: Mapping[str, str]) -> tuple[str, str | None, list[str]]:
    """Text of a body: HTTP header charset, then <meta charset>, then detection.

    A declared charset that does not fit the bytes is passed over (servers and templates
    lie); GBK and GB2312 are read as GB18030. Undecodable bytes become U+FFFD with a note.
    """
    content_type = headers.get("content-type", "").lower()
    if body and not content_type.startswith(TEXT_TYPES) and content_type:
        return "", None, []
    if _looks_binary(body):
        return "", None, []
    declared = [c for c in (_charset_of(content_type), _meta_charset(body)) if c]
    if body.startswith(b"\xef\xbb\xbf"):
        body, declared = body[3:], ["utf-8"]
    for charset in dict.fromkeys([*declared, "utf-8"]):
        try:
            return body.decode(charset), charset, _mismatch_note(declared, charset)
        except (UnicodeDecodeError, LookupError):
            continue
    guess = charset_normalizer.from_bytes(body).best()
    candidates = dict.fromkeys(
        [*declared, "utf-8", "gb18030", _canonical(guess.encoding) if guess else "gb18030"]
    )
    # A UTF-8 page with a few bad bytes stays UTF-8; otherwise the least damaging reading.
    utf8_damage = _damage(body, "utf-8")
    if utf8_damage * 100 <= len(body):
        charset = "utf-8"
    else:
        charset = min(candidates, key=lambda c: _damage(body, c))
    text = body.decode(charset, errors="replace")
    notes = [*_mismatch_note(declared, charset), f"页面含无法解码的字节，已用替换字符（{charset}）"]
    return text, charset, notes


def _damage(body: bytes, charset: str) -> int:
    """How many characters come out broken (replacement or private-use) in this charset."""
    try:
        text = body.decode(charset, errors="replace")
    except LookupError:
        return len(body)
    return sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")


def _mismatch_note(declared: list[str], used: str) -> list[str]:
    if declared and declared[0] != used:
        return [f"声明的编码 {declared[0]} 与内容不符，按 {used} 解码"]
    return []


def _looks_binary(body: bytes) -> bool:
    return body[:5] == b"%PDF-" or body[:4] == b"PK\x03\x04" or b"\x00" in body[:1024]


def _charset_of(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([-\w.:]+)", content_type)
    return _canonical(match.group(1)) if match else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _canonical(match.group(1).decode("ascii", errors="ignore")) if match else None


def _canonical(charset: str) -> str:
    charset = charset.strip().lower()
    return "gb18030" if charset in GB_ALIASES else charset
