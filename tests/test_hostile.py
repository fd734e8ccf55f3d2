"""Hostile sites: real servers on 127.0.0.1 that try to leave the scope, leak credentials,
inject markup, stall or exhaust the audit. Each audit finishes in a few seconds; the
memory bound of each resource test is stated with it.

A second loopback server (`outside`) counts every request it receives: it must see zero.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile import RouteServer, page, redirect, rules_file, send, serving

from xxgk.cli import main
from xxgk.fetch import CrawlSettings, Fetcher
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
