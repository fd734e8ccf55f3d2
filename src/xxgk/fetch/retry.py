"""One GET, retried: connection errors, timeouts, 429 and 5xx, with backoff and Retry-After.

An exchange's body is read here, up to a size cap, while the host's slot is held; a
request that never got an answer ends as a failed `Page` with the reason.
"""

from __future__ import annotations

import email.utils
import re
import time
from dataclasses import dataclass

import requests
import urllib3

from xxgk.fetch.politeness import HostGate
from xxgk.fetch.settings import READ_CHUNK, RETRY_STATUSES, CrawlSettings
from xxgk.models import ErrorKind, Page


@dataclass(frozen=True)
class Exchange:
    """A finished HTTP exchange: status and headers, and the body read (up to a limit).

    `cut`: why the body stops short ("size": the size cap, "time": the request's total
    time ran out), else None."""

    response: requests.Response
    body: bytes
    cut: str | None
    started: float


def send(
    session: requests.Session,
    settings: CrawlSettings,
    gate: HostGate,
    request: tuple[str, str, dict[str, str], bool],
    limit: int,
) -> Exchange | Page:
    """GET without redirects; `request` is (the URL the Page is for, the URL to connect
    to, headers, verify TLS). The host's slot is held until the body is read: a slow
    download counts against the host's concurrency as much as a slow answer does."""
    url, target, headers, verify = request
    attempts = settings.retries + 1
    last: Page | None = None
    for attempt in range(attempts):
        with gate.slots:
            gate.wait_turn()
            started = time.monotonic()
            try:
                response = session.get(
                    target,
                    headers=headers,
                    timeout=(settings.timeout, settings.timeout),
                    allow_redirects=False,
                    stream=True,
                    verify=verify,
                )
            except requests.exceptions.SSLError as exc:
                return failure(url, "connection", f"TLS 证书校验失败：{short(exc)}")
            except requests.exceptions.Timeout:
                last = failure(url, "timeout", f"超时（{settings.timeout:g} 秒内无响应）")
                delay = retry_delay(settings, attempt, None)
            except requests.exceptions.RequestException as exc:
                last = failure(url, "connection", f"连接失败：{short(exc)}")
                delay = retry_delay(settings, attempt, None)
            else:
                delay = None
                final = response.status_code not in RETRY_STATUSES or attempt == attempts - 1
                if final:
                    return read_body(url, settings, response, started, limit)
                asked = response.headers.get("retry-after")
                delay = retry_delay(settings, attempt, asked)
                release(response)
                if delay is None:  # the server asks for longer than we ever wait
                    status = response.status_code
                    message = (
                        f"HTTP {status}：服务器要求 {asked} 后重试，"
                        f"超过等待上限 {settings.max_retry_after:g} 秒，未再请求"
                    )
                    return failure(url, "http", message).model_copy(update={"status": status})
        if attempt < attempts - 1 and delay is not None:
            time.sleep(delay)
    assert last is not None
    if attempts > 1:
        last = last.model_copy(update={"notes": (*last.notes, f"已重试 {attempts - 1} 次")})
    return last


def retry_delay(settings: CrawlSettings, attempt: int, retry_after: str | None) -> float | None:
    """How long to wait before the next attempt; None when the server asks for longer
    than `max_retry_after`."""
    if retry_after:
        seconds = parse_retry_after(retry_after)
        if seconds is not None:
            return seconds if seconds <= settings.max_retry_after else None
    return float(settings.backoff * 2**attempt)


def parse_retry_after(value: str) -> float | None:
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def read_body(
    url: str, settings: CrawlSettings, response: requests.Response, started: float, limit: int
) -> Exchange | Page:
    """The exchange with its body read, or why the body could not be read."""
    try:
        return exchange(response, started, limit, started + settings.max_request_seconds)
    except urllib3.exceptions.ReadTimeoutError:
        return failure(url, "timeout", f"超时（{settings.timeout:g} 秒内没有收到更多数据）")
    except (urllib3.exceptions.HTTPError, requests.exceptions.RequestException, OSError) as exc:
        return failure(url, "connection", f"连接中断：{short(exc)}")


def exchange(response: requests.Response, started: float, limit: int, deadline: float) -> Exchange:
    body, cut = b"", None
    try:
        if response.status_code not in (204, 304) and not response.is_redirect:
            body, cut = _read_capped(response, limit, deadline)
    finally:
        if cut is None:
            release(response)
        else:
            response.close()  # the rest of a cut body is not worth draining
    return Exchange(response, body, cut, started)


def release(response: requests.Response) -> None:
    """Give the connection back to the pool (a 304 or a redirect has no body to read)."""
    try:
        if response.raw is not None and hasattr(response.raw, "drain_conn"):
            response.raw.drain_conn()
            response.raw.release_conn()
            return
    except Exception:
        pass
    response.close()


def _read_capped(
    response: requests.Response, limit: int, deadline: float
) -> tuple[bytes, str | None]:
    """The body, decoded, up to `limit` bytes and until `deadline` (monotonic): each read
    returns what has arrived (at most one read timeout's wait), so a server that drips a
    byte a second cannot keep the request alive, and decompression never runs more than
    READ_CHUNK bytes ahead of the cap."""
    raw = response.raw
    if raw is None:  # a local folder's file (folder.py), already in memory
        content = response.content
        return (content[:limit], "size") if len(content) > limit else (content, None)
    body = bytearray()
    while True:
        if time.monotonic() > deadline:
            return bytes(body), "time"
        chunk = raw.read1(READ_CHUNK, decode_content=True)
        if not chunk:
            return bytes(body), None
        body += chunk
        if len(body) > limit:
            del body[limit:]
            return bytes(body), "size"


def failure(url: str, kind: ErrorKind, message: str, final_url: str | None = None) -> Page:
    return Page(
        url=url, final_url=final_url or url, status=0, headers={}, error=message, error_kind=kind
    )


def short(exc: Exception) -> str:
    text = str(exc)
    reason = re.search(
        r"\[Errno -?\d+\] ([^'\")]+)|(Connection refused|reset by peer|timed out)", text
    )
    if reason:
        return (reason.group(1) or reason.group(2)).strip()
    return text[:160]
