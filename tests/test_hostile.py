"""Hostile sites: real servers on 127.0.0.1 that try to leave the scope, leak credentials,
inject markup, stall or exhaust the audit. Each audit finishes in a few seconds; the
memory bound of each resource test is stated with it.

A second loopback server (`outside`) counts every request it receives: it must see zero.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import signal
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from hostile import Route, RouteServer, page, redirect, rules_file, send, serving

from xxgk.cli import main
from xxgk.extract.documents import document_facts
from xxgk.fetch import CrawlSettings, Fetcher
from xxgk.limits import MAX_PDF_PAGES
from xxgk.models import Page
from xxgk.urls import clean_url, url_problem

SECRET = "s3cretPassw0rd"


@pytest.fixture
def outside() -> Iterator[RouteServer]:
    """A host (another port of 127.0.0.1) that is not in any rules' hosts."""
    with serving() as server:
        yield server


def audit(rules: Path, out: Path, *extra: str) -> tuple[int, dict[int, dict[str, Any]]]:
    args = ["audit", "--rules", str(rules), "--as-of", "2026-11-30", "--out", str(out)]
    code = main([*args, "--no-cache", "--quiet", "--no-history", *extra])
    report = out / "report.json"
    items = json.loads(report.read_text("utf-8"))["items"] if report.exists() else []
    return code, {item["id"]: item for item in items}


# ------------------------------------------------------------------ scope and credentials


def test_the_normaliser_refuses_what_parsers_read_differently() -> None:
    allowed = frozenset({"xxgk.example.edu.cn", "127.0.0.1:8080"})
    ok = [
        "https://xxgk.example.edu.cn/a",
        "http://XXGK.example.edu.cn:80/",
        "http://127.0.0.1:8080/",
    ]
    assert [url_problem(u, allowed) for u in ok] == [None, None, None]
    assert url_problem("http://xxgk.example.edu.cn\\@127.0.0.1:8080/", allowed) == (
        "网址含反斜杠、空白或控制字符，未抓取（实际为 'http://xxgk.example.edu.cn\\\\@127.0.0.1:8080/'）"
    )
    assert url_problem("http://xxgk.example.edu.cn:8443/", allowed) == (
        "网址不在允许的主机范围内（允许：127.0.0.1:8080、xxgk.example.edu.cn；"
        "实际为 'http://xxgk.example.edu.cn:8443/'）"
    )
    assert url_problem("http://127.0.0.1/", allowed) is not None  # the bare host: port 80
    assert url_problem("http://u:p@xxgk.example.edu.cn/", allowed) == (
        "网址含用户名或密码，未抓取（实际为 'http://xxgk.example.edu.cn/'）"
    )
    assert url_problem("http://xxgk.example.edu.cn:99999/", allowed) == (
        "网址的端口无效（实际为 'http://xxgk.example.edu.cn:99999/'）"
    )
    cleaned = clean_url(f"HTTP://user:{SECRET}@XXGK.example.edu.cn:80/a?b#c")
    assert cleaned.url == "http://xxgk.example.edu.cn/a?b" and cleaned.had_credentials
    spaced = clean_url("http://xxgk.example.edu.cn/2024年 报告\n.pdf").url
    assert spaced == "http://xxgk.example.edu.cn/2024年%20报告.pdf"
    assert url_problem(spaced, allowed) is None


def test_redirects_out_of_scope_never_reach_another_host_or_port(
    tmp_path: Path, outside: RouteServer
) -> None:
    other = f"127.0.0.1:{outside.port}"
    with serving() as site:
        site.routes.update(
            {
                "/backslash": redirect(f"http://127.0.0.1:{site.port}\\@{other}/steal"),
                "/port": redirect(f"http://{other}/steal"),
                "/tab": redirect(f"http://127.0.0.1:{site.port}\t@{other}/steal"),
                "/list": lambda h: page(h, f'<a href="http://{other}/x">学校章程</a> 2026-05-06'),
            }
        )
        rules = rules_file(
            tmp_path, site.base, {1: "/backslash", 2: "/port", 3: "/tab", 4: "/list"}
        )
        code, items = audit(rules, tmp_path / "out")
    assert code == 0
    assert outside.requests == []  # not one request, not even robots.txt
    for item_id in (1, 2, 3):
        assert items[item_id]["status"] == "unreachable"
        assert any("重定向被拒绝" in note for note in items[item_id]["notes"])


def test_credentials_are_dropped_noted_never_sent_nor_printed(tmp_path: Path) -> None:
    with serving() as site:
        target = f"http://admin:{SECRET}@127.0.0.1:{site.port}/inner"
        site.routes["/login"] = redirect(target)
        site.routes["/inner"] = lambda h: page(h, "<h1>学校章程</h1><p>发布时间：2026-05-06</p>")
        link = f'<a href="http://admin:{SECRET}@127.0.0.1:{site.port}/inner">章程</a>'
        site.routes["/list"] = lambda h: page(h, f"<div>{link} 2026-05-06</div>")
        rules = rules_file(tmp_path, site.base, {1: "/login", 2: "/list"})
        code, items = audit(rules, tmp_path / "out")
        fetcher = Fetcher(CrawlSettings(allowed_hosts=frozenset({f"127.0.0.1:{site.port}"})))
        direct = fetcher.fetch(target)
        fetcher.close()
    assert code == 0
    assert "网址中的用户名和密码已略去，未发送" in items[1]["notes"]
    assert (
        direct.url == f"{site.base}/inner" and "网址中的用户名和密码已略去，未发送" in direct.notes
    )
    assert all("authorization" not in {k.lower() for k in h} for _, h in site.requests)
    for path in (tmp_path / "out").iterdir():
        assert SECRET.encode() not in path.read_bytes(), path.name


def test_rules_with_credentials_or_unmatchable_hosts_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "school: {name: 测试学院, kind: undergraduate}\n"
        "site:\n"
        "  base_url: 'http://u:p@xxgk.test.edu.cn/'\n"
        "  hosts: ['*', 'http://h/', 'zs.test.edu.cn:99999', 'jy.test.edu.cn:-1']\n"
        "items:\n"
        "  1: {urls: ['http://a:b@xxgk.test.edu.cn/x']}\n",
        "utf-8",
    )
    assert main(["check-rules", str(rules)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{rules}:3: site.base_url: 网址不能含用户名、密码或反斜杠（凭据不会被发送，请删去）",
        f"{rules}:4: site.hosts[0]: 主机名无效（应为主机名或 主机名:端口，实际为 '*'）",
        f"{rules}:4: site.hosts[1]: 主机名无效（应为主机名或 主机名:端口，实际为 'http://h/'）",
        f"{rules}:4: site.hosts[2]: 端口无效（应为 1–65535，实际为 '99999'）",
        f"{rules}:4: site.hosts[3]: 端口无效（应为 1–65535，实际为 '-1'）",
        f"{rules}:6: item 1: urls[0]: 网址含用户名或密码，未抓取（实际为 'http://xxgk.test.edu.cn/x'）",
    ]


def test_report_md_escapes_markup_and_table_pipes(tmp_path: Path) -> None:
    with serving() as site:
        site.routes["/x"] = lambda h: send(h, 404)
        rules = rules_file(tmp_path, site.base, {1: "/x<svg/onload=alert(1)>|.htm"})
        text = (
            rules.read_text("utf-8")
            .replace("党政办公室", "<img src=x onerror=alert(1)>|办公室")
            .replace("测试学院", "<script>alert(1)</script>学院")
        )
        rules.write_text(text, "utf-8")
        code, _items = audit(rules, tmp_path / "out", "--format", "json,md")
    assert code == 0
    md = (tmp_path / "out" / "report.md").read_text("utf-8")
    assert "<img" not in md and "<svg" not in md and "<script" not in md
    assert "&lt;img src=x onerror=alert(1)&gt;\\|办公室" in md
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert row.count(" | ") == 7  # eight cells: the department's pipe is not a column


# ------------------------------------------------------------------ resource limits


def drip(handler: BaseHTTPRequestHandler) -> None:
    """One byte a second, for up to 30 s: each read is quick, the whole never ends."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    for _ in range(30):
        try:
            handler.wfile.write(b"x")
            handler.wfile.flush()
        except OSError:
            return
        time.sleep(1)


def endless_gzip(handler: BaseHTTPRequestHandler) -> None:
    """A chunked, gzipped body that never ends: 1 KB on the wire is 1 MB decoded."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"<p>" + b"x" * 1_000_000 + b"</p>"
    try:
        for _ in range(100_000):
            data = packer.compress(block) + packer.flush(zlib.Z_SYNC_FLUSH)
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
    except OSError:
        return


def run_cli(
    args: list[str], *, interrupt_after: float | None = None
) -> tuple[int, float, float, str]:
    """xxgk as a command in its own process: exit code, seconds, peak RSS (MB), stderr.

    The peak is the process's own VmHWM, sampled every 10 ms (ru_maxrss would count the
    test process's memory, inherited through fork)."""
    command = [str(Path(sys.executable).with_name("xxgk")), *args]
    started = time.monotonic()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    status = Path(f"/proc/{process.pid}/status")
    peak_kb = 0
    interrupted = interrupt_after is None
    while process.poll() is None:
        try:
            hwm = re.search(r"VmHWM:\s+(\d+)", status.read_text())
        except OSError:
            hwm = None
        peak_kb = max(peak_kb, int(hwm.group(1)) if hwm else 0)
        if not interrupted and time.monotonic() - started > (interrupt_after or 0):
            process.send_signal(signal.SIGINT)
            interrupted = True
        time.sleep(0.01)
    assert process.stderr is not None
    stderr = process.stderr.read().decode("utf-8", "replace")
    return process.returncode, time.monotonic() - started, peak_kb / 1024, stderr


def audit_process(rules: Path, out: Path) -> tuple[int, float, float, str]:
    """`xxgk audit` in its own process, report.json only: see run_cli."""
    args = ["audit", "--rules", str(rules), "--out", str(out), "--no-cache", "--quiet"]
    return run_cli([*args, "--no-history", "--format", "json", "--as-of", "2026-11-30"])


def loopback(server: RouteServer, **values: object) -> CrawlSettings:
    base: dict[str, Any] = {"allowed_hosts": frozenset({f"127.0.0.1:{server.port}"})}
    return CrawlSettings(**{**base, "retries": 0, "timeout": 2.0, **values})


def fetch_one(server: RouteServer, path: str, **values: object) -> Page:
    fetcher = Fetcher(loopback(server, **values))
    try:
        return fetcher.fetch(server.base + path)
    finally:
        fetcher.close()


def test_a_dripping_server_is_cut_at_the_total_time_per_request() -> None:
    with serving({"/drip": drip}) as site:
        started = time.monotonic()
        result = fetch_one(site, "/drip", max_request_seconds=2.0)
    assert time.monotonic() - started < 4.5  # the cap, plus at most one read's wait
    assert result.is_unreachable and result.error == "超时（单次请求总时限 2 秒内未读完）"


def test_ctrl_c_acts_within_two_seconds_while_a_read_drips(tmp_path: Path) -> None:
    with serving({"/drip": drip}) as site:
        rules = rules_file(tmp_path, site.base, {1: "/drip"})
        out = tmp_path / "out"
        audit_args = ["audit", "--rules", str(rules), "--out", str(out), "--no-cache", "--quiet"]
        code, seconds, _, stderr = run_cli(audit_args, interrupt_after=2.0)
    assert code == 130 and seconds < 4.0, (seconds, stderr)
    assert stderr.strip() == "已中断：未写入新的报告，上一次的报告和历史记录保持不变。"
    assert [p.name for p in out.iterdir()] == [".xxgk.lock"]  # no report, not half of one


def test_an_endless_compressed_body_stops_at_the_size_cap_within_memory(tmp_path: Path) -> None:
    """Memory bound: 150 MB peak RSS for the whole audit process (the cap is 5 MB)."""
    with serving({"/bomb": endless_gzip}) as site:
        rules = rules_file(tmp_path, site.base, {1: "/bomb"}, ", max_bytes: 5000000")
        out = tmp_path / "out"
        code, seconds, peak_mb, stderr = audit_process(rules, out)
    assert code == 0, stderr
    assert seconds < 10 and peak_mb < 150, (seconds, peak_mb)
    item = json.loads((out / "report.json").read_text("utf-8"))["items"][0]
    assert "响应超过 5000000 字节，只读取了前 5000000 字节" in item["notes"]


def test_retry_after_beyond_the_cap_makes_the_url_unreachable_at_once() -> None:
    busy = {"Retry-After": "59"}
    with serving({"/busy": lambda h: send(h, 503, b"busy", headers=busy)}) as site:
        started = time.monotonic()
        result = fetch_one(site, "/busy", retries=2)
        hits = sum(1 for path, _ in site.requests if path == "/busy")
    assert time.monotonic() - started < 2 and hits == 1
    assert result.is_unreachable
    assert result.error == "HTTP 503：服务器要求 59 后重试，超过等待上限 10 秒，未再请求"


def test_crawl_delay_beyond_the_cap_makes_the_host_unreachable(tmp_path: Path) -> None:
    robots = b"User-agent: *\nCrawl-delay: 100000\n"
    with serving({"/robots.txt": lambda h: send(h, 200, robots, "text/plain")}) as site:
        site.routes["/a.htm"] = lambda h: page(h, "<h1>学校章程</h1>")
        rules = rules_file(tmp_path, site.base, {1: "/a.htm", 2: "/b.htm"})
        started = time.monotonic()
        code = main(["audit", "--rules", str(rules), "--out", str(tmp_path / "out"), "--quiet"])
        seconds = time.monotonic() - started
    assert code == 3 and seconds < 5  # nothing but robots.txt answered: could not run


def zip_bomb(members: int = 1, member_size: int = 0) -> bytes:
    """An XLSX by its names: a workbook part and sheets of zeros, deflated."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        zeros = b"\0" * member_size
        for number in range(members):
            archive.writestr(f"xl/worksheets/sheet{number}.xml", zeros)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("bomb", "reason"),
    [
        (zip_bomb(member_size=300_000_000), "解压后 300000019 字节，超过上限 100000000 字节"),
        (zip_bomb(members=6_000), "压缩包内有 6002 个文件，超过上限 5000"),
    ],
    ids=["size", "members"],
)
def test_a_zip_bomb_attachment_is_refused_before_it_is_opened(
    tmp_path: Path, bomb: bytes, reason: str
) -> None:
    """Memory bound: 200 MB peak RSS for the whole audit process."""
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    routes: dict[str, Route] = {"/gk.xlsx": lambda h: send(h, 200, bomb, xlsx)}
    with serving(routes) as site:
        rules = rules_file(tmp_path, site.base, {1: "/gk.xlsx"})
        out = tmp_path / "out"
        code, seconds, peak_mb, stderr = audit_process(rules, out)
    assert code == 0, stderr
    assert seconds < 10 and peak_mb < 200, (seconds, peak_mb)
    item = json.loads((out / "report.json").read_text("utf-8"))["items"][0]
    assert f"附件未解析：{site.base}/gk.xlsx（{reason}）" in item["notes"], item


def test_a_long_pdf_is_read_up_to_its_page_cap() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(MAX_PDF_PAGES + 200):
        writer.add_blank_page(10, 10)
    buffer = io.BytesIO()
    writer.write(buffer)
    url = "http://xxgk.example.edu.cn/long.pdf"
    pdf = Page(url=url, final_url=url, status=200, headers={}, content=buffer.getvalue())
    started = time.monotonic()
    facts = document_facts(pdf, as_of=dt.date(2026, 11, 30))
    assert time.monotonic() - started < 10
    assert len(facts.chunks) == MAX_PDF_PAGES
    assert facts.notes[0] == f"附件超过 {MAX_PDF_PAGES} 页，只读取了前 {MAX_PDF_PAGES} 页：{url}"


PAGER_20K = (
    '<div class="pb_sys">'
    + "".join(f'<a href="/list/{i}.htm">{i}</a>' for i in range(20_000))
    + '<a href="/list/2.htm">下页</a></div>'
)
DATES_30K = "<ul>" + "".join(f"<li>学校章程 2026-05-{i % 28 + 1:02d}</li>" for i in range(30_000))
ROWS_40K = (
    "<ul>"
    + "".join(
        f'<li><a href="/a/{i}.htm">学校章程{i}</a> 2026-05-{i % 28 + 1:02d}</li>'
        for i in range(40_000)
    )
    + "</ul>"
)


@pytest.mark.parametrize(
    ("html", "seconds"),
    [(PAGER_20K, 8), (DATES_30K + "</ul>", 5), (ROWS_40K, 8)],
    ids=["20000-pager-links", "30000-dates", "40000-rows"],
)
def test_work_per_page_stays_linear_in_its_size(tmp_path: Path, html: str, seconds: float) -> None:
    """Memory bound: 400 MB peak RSS for the whole audit process (pages of 1–6 MB)."""
    with serving({"/list.htm": lambda h: page(h, html)}) as site:
        rules = rules_file(tmp_path, site.base, {1: "/list.htm"})
        out = tmp_path / "out"
        code, took, peak_mb, stderr = audit_process(rules, out)
    assert code == 0, stderr
    assert took < seconds and peak_mb < 400, (took, peak_mb)
