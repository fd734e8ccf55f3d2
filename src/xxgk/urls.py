"""The one URL normaliser: the URL the scope check decides on is the URL requested.

Parsers disagree on odd URLs (`http://a\\@b:1/` is host `a` to a browser, `b:1` to
urllib3), so nothing odd reaches either: backslashes, control characters and spaces
are refused, user-info (`user:password@`) is dropped, and a port is allowed only where
a host entry names it (a bare host: its scheme's default port).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
_BROWSER_DROPS = re.compile(r"[\t\n\r]")
_FORBIDDEN = re.compile(r"[\\\x00-\x20\x7f]")  # backslash, controls, space


@dataclass(frozen=True)
class CleanUrl:
    url: str  # normalised, without user-info and fragment
    had_credentials: bool


def clean_url(url: str) -> CleanUrl:
    """Drop the fragment and any user-info; lower-case scheme and host; drop the default
    port. Query strings are kept as given. Never raises: a URL that cannot be cleaned is
    returned as given, for `url_problem` to refuse."""
    url = browser_form(url)
    parts = urlsplit(url)
    netloc, had_credentials = _netloc(parts)
    if netloc is None:
        return CleanUrl(url, had_credentials=False)
    cleaned = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))
    return CleanUrl(cleaned, had_credentials)


def browser_form(url: str) -> str:
    """As a browser reads it: tabs and newlines removed, spaces percent-encoded (a space
    in a file name is common on school sites; requests used to encode it the same way)."""
    return _BROWSER_DROPS.sub("", url.strip()).replace(" ", "%20")


def normalize_url(url: str) -> str:
    return clean_url(url).url


def host_key(url: str) -> str:
    """`host`, or `host:port` when the port is not the scheme's default: how a URL's host
    is named in the allowed hosts."""
    return _netloc(urlsplit(url.strip()))[0] or ""


def strip_credentials(url: str) -> str:
    """The URL without `user:password@` (for URLs shown to people), otherwise as given."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _netloc(parts: SplitResult) -> tuple[str | None, bool]:
    had_credentials = "@" in parts.netloc
    try:
        port = parts.port
    except ValueError:
        return None, had_credentials
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    return host, had_credentials


def url_problem(url: str, allowed_hosts: frozenset[str]) -> str | None:
    """Why a URL may not be fetched under these rules (Chinese), or None when it may.

    `allowed_hosts` holds `host` (its scheme's default port only) or `host:port` entries.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return f"只能抓取 http/https 网址（实际为 '{url}'）"
    if _FORBIDDEN.search(url):
        return f"网址含反斜杠、空白或控制字符，未抓取（实际为 {url!r}）"
    if "@" in parts.netloc:
        return f"网址含用户名或密码，未抓取（实际为 '{strip_credentials(url)}'）"
    try:
        port = parts.port
    except ValueError:
        return f"网址的端口无效（实际为 '{url}'）"
    host = (parts.hostname or "").lower()
    if port is None or port == DEFAULT_PORTS[scheme]:
        allowed = host in allowed_hosts or f"{host}:{DEFAULT_PORTS[scheme]}" in allowed_hosts
    else:
        allowed = f"{host}:{port}" in allowed_hosts
    if not host or not allowed:
        hosts = "、".join(sorted(allowed_hosts))
        return f"网址不在允许的主机范围内（允许：{hosts}；实际为 '{url}'）"
    return None


def host_entry_problem(entry: str) -> str | None:
    """Why a `site.hosts` entry can never match a URL, or None (`host` or `host:port`)."""
    if not re.fullmatch(r"[A-Za-z0-9\-._\[\]:]+", entry) or entry.startswith((".", "-")):
        return f"主机名无效（应为主机名或 主机名:端口，实际为 '{entry}'）"
    host, sep, port = entry.rpartition(":") if not entry.endswith("]") else ("", "", "")
    if sep and not host.endswith("]") and ":" in host:
        return None  # a bare IPv6 address
    if sep and not (port.isdigit() and 1 <= int(port) <= 65535):
        return f"端口无效（应为 1–65535，实际为 '{port}'）"
    return None
