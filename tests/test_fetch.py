"""The crawler against a fault-injecting server on 127.0.0.1: every fault ends as an outcome."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from functools import partial
from pathlib import Path

import pytest
from conftest import FaultServer

from xxgk import sitehost
from xxgk.errors import RunError
from xxgk.evaluate import FactsCache
from xxgk.fetch import (
    CacheEntry,
    CrawlResult,
    CrawlSettings,
    Fetcher,
    crawl,
    decode_body,
    is_fresh,
    parse_retry_after,
)
from xxgk.models import ARTICLE, CrawlRequest, Page, PageFacts, Reading, lean_copy
from xxgk.walk import read_and_follow


def no_links(
    page: Page, request: CrawlRequest, known: PageFacts | None = None
) -> tuple[PageFacts, list[CrawlRequest]]:
    return PageFacts(url=page.url), []


def settings(server: FaultServer | int, **overrides: object) -> CrawlSettings:
    """The crawl's settings for one loopback server: its port is the one allowed."""
    port = server if isinstance(server, int) else server.port
    values: dict[str, object] = {
        "allowed_hosts": frozenset({f"127.0.0.1:{port}"}),
        "rate": 50.0,
        "concurrency": 4,
        "timeout": 0.5,
        "retries": 2,
        "backoff": 0.05,
        "max_bytes": 1_000_000,
    }
    values.update(overrides)
    return CrawlSettings(**values)  # type: ignore[arg-type]


def fetch(server: FaultServer, path: str, **overrides: object) -> Page:
    fetcher = Fetcher(settings(server, **overrides))
    try:
        return fetcher.fetch(server.base + path)
    finally:
        fetcher.close()


def test_ok_page(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/ok.htm")
    assert page.is_ok and page.status == 200
    assert "学校概况" in page.text and page.encoding == "utf-8"


def test_slow_response_times_out_after_retries(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/slow", retries=1)
    assert page.error_kind == "timeout" and page.is_unreachable
    assert page.error == "超时（0.5 秒内无响应）"
    assert "已重试 1 次" in page.notes
    assert fault_server.hits["/slow"] == 2


def test_500_then_200_is_retried(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/flaky")
    assert page.status == 200 and page.is_ok
    assert fault_server.hits["/flaky"] == 2


def test_persistent_503_is_unreachable(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/down", retries=1)
    assert page.status == 503 and page.is_unreachable and page.error == "HTTP 503"
    assert fault_server.hits["/down"] == 2


def test_429_honours_retry_after(fault_server: FaultServer) -> None:
    started = time.monotonic()
    page = fetch(fault_server, "/busy")
    assert page.status == 200
    assert time.monotonic() - started >= 0.95  # waited the Retry-After second
    assert fault_server.hits["/busy"] == 2


def test_redirect_loop_detected(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/loop/a")
    assert page.error_kind == "redirect" and page.is_unreachable
    assert page.error is not None and page.error.startswith("重定向循环：")


def test_redirect_to_another_host_refused(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/offsite")
    assert page.error_kind == "scope"
    assert "169.254.169.254" in (page.error or "")


def test_redirect_within_scope_followed(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/moved")
    assert page.is_ok and page.final_url.endswith("/ok.htm") and page.url.endswith("/moved")


def test_huge_page_cut_at_cap(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/huge", timeout=5.0)
    assert page.status == 200 and len(page.content) == 1_000_000
    assert page.notes[0] == "响应超过 1000000 字节，只读取了前 1000000 字节"


def test_wrong_charset_header_falls_back_to_meta(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/wrong-charset")
    assert "「学生申诉办法」·修订" in page.text
    assert page.encoding == "gb18030"


def test_gbk_meta_read_as_gb18030(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/gbk.htm")
    assert page.encoding == "gb18030" and "「学生申诉办法」·修订" in page.text


def test_undecodable_bytes_keep_text_with_note() -> None:
    paragraph = "<p>学生申诉办法经校长办公会审议通过，现予公布。</p>\n".encode()
    body = paragraph * 20 + b"\xff\xfe\xfa" + paragraph * 20
    text, _, notes = decode_body(body, {"content-type": "text/html"})
    assert "学生申诉" in text and "\ufffd" in text
    assert any("无法解码" in n for n in notes)


def test_robots_disallow_reported(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/private/budget.htm")
    assert page.error_kind == "robots" and page.error == "robots.txt 禁止抓取此网址"
    assert fault_server.hits["/private/budget.htm"] == 0


def test_connection_reset_recorded(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/reset", retries=0)
    assert page.error_kind == "connection" and page.is_unreachable


def test_host_outside_scope_never_requested(fault_server: FaultServer) -> None:
    page = fetch(fault_server, "/ok.htm", allowed_hosts=frozenset({"xxgk.example.edu.cn"}))
    assert page.error_kind == "scope"
    assert fault_server.hits["/ok.htm"] == 0


def test_refused_connection(fault_server: FaultServer) -> None:
    port = fault_server.port
    fault_server.close()
    fetcher = Fetcher(settings(fault_server, retries=0))
    page = fetcher.fetch(f"http://127.0.0.1:{port}/ok.htm")
    assert page.error_kind == "connection" and page.error is not None


def test_cache_turns_second_fetch_into_304(fault_server: FaultServer, tmp_path: Path) -> None:
    first = fetch(fault_server, "/ok.htm", cache_dir=tmp_path)
    second = fetch(fault_server, "/ok.htm", cache_dir=tmp_path)
    assert not first.from_cache and second.from_cache
    assert second.text == first.text and second.status == 200


def test_crawl_follows_expansion_and_dedupes(fault_server: FaultServer) -> None:
    def expand(
        page: Page, request: CrawlRequest, known: PageFacts | None = None
    ) -> tuple[PageFacts, list[CrawlRequest]]:
        if request.role == "seed":
            links = ["/ok.htm", "/flaky", "/ok.htm#top", "/private/x"]
            follow = [CrawlRequest(url=fault_server.base + u, role="article") for u in links]
            return PageFacts(url=page.url, title=page.text[:20]), follow
        return no_links(page, request)

    seeds = [
        CrawlRequest(url=fault_server.base + "/ok.htm"),
        CrawlRequest(url=fault_server.base + "/gbk.htm"),
    ]
    result = crawl(seeds, settings(fault_server), expand)
    assert sorted(u.removeprefix(fault_server.base) for u in result.pages) == [
        "/flaky",
        "/gbk.htm",
        "/ok.htm",
        "/private/x",
    ]
    assert fault_server.hits["/ok.htm"] == 1
    assert result.stats.pages == 4 and result.stats.robots_blocked == 1
    # each page was read once (as a list page and as an article), then keeps only what
    # was read from it
    ok = fault_server.base + "/ok.htm"
    assert result.facts[(ok, Reading(None, listing=True))].title == "<html><body><h1>学校概况"
    assert (ok, ARTICLE) in result.facts
    for page in result.pages.values():
        assert page.content == b"" and page.text == ""
        assert set(page.headers) <= {"content-type", "last-modified"}
    assert result.pages[ok].headers == {"content-type": "text/html; charset=utf-8"}
    assert result.pages[fault_server.base + "/flaky"].is_ok


def test_retry_after_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


def test_broken_certificate_refused_by_default(tls_server: FaultServer) -> None:
    page = fetch(tls_server, "/ok.htm", retries=0)
    assert page.error_kind == "connection" and page.is_unreachable
    assert (page.error or "").startswith("TLS 证书校验失败：")


def test_verify_tls_opt_out_per_host_is_reported(tls_server: FaultServer) -> None:
    seeds = [CrawlRequest(url=tls_server.base + "/ok.htm")]
    result = crawl(seeds, settings(tls_server, verify_tls=frozenset({"127.0.0.1"})), reading)
    assert result.pages[seeds[0].url].is_ok
    assert "学校概况" in result.facts[(seeds[0].url, LISTING)].text
    assert result.stats.tls_unverified == ("127.0.0.1",)


def _spacing(server: FaultServer, paths: list[str], **overrides: object) -> list[float]:
    seeds = [CrawlRequest(url=server.base + p) for p in paths]
    crawl(seeds, settings(server, **overrides), no_links)
    starts = sorted(server.times[1:])  # the first request is robots.txt
    return [b - a for a, b in itertools.pairwise(starts)]


def test_rate_limit_spaces_requests_per_host(fault_server: FaultServer) -> None:
    gaps = _spacing(fault_server, [f"/ok.htm?{i}" for i in range(5)], rate=5.0, concurrency=4)
    # 1/5 s apart, whatever the concurrency: the server sees each arrival a scheduler's
    # tick late or early on a busy machine, so one gap may be short by that much, the
    # four together never
    assert len(gaps) == 4 and min(gaps) >= 0.15 and sum(gaps) >= 0.78


def test_robots_crawl_delay_slows_the_host() -> None:
    server = FaultServer(robots=b"User-agent: *\nCrawl-delay: 0.5\nDisallow: /private/\n")
    try:
        gaps = _spacing(server, ["/ok.htm?a", "/ok.htm?b", "/ok.htm?c"], rate=50.0)
    finally:
        server.close()
    assert len(gaps) == 2 and min(gaps) >= 0.45


def test_audit_over_every_fault_finishes_with_reasons(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    import json

    from xxgk.cli import main

    routes = {
        1: "/slow",
        2: "/loop/a",
        3: "/offsite",
        4: "/huge",
        5: "/private/x",
        6: "/reset",
        7: "/down",
    }
    items = "\n".join(
        f"  {i}: {{department: 党政办公室, urls: ['{r}']}}" for i, r in routes.items()
    )
    rules = tmp_path / "faults.yaml"
    rules.write_text(
        "school: {name: 故障学院, kind: undergraduate}\n"
        f"site: {{base_url: '{fault_server.base}/', timeout: 0.5, retries: 1, rate: 50,"
        " max_bytes: 1000000}\n"
        f"items:\n{items}\n",
        "utf-8",
    )
    out = tmp_path / "out"
    args = ["audit", "--rules", str(rules), "--as-of", "2026-11-30", "--out", str(out)]
    assert main([*args, "--no-cache", "--quiet", "--format", "json"]) == 0
    report = {i["id"]: i for i in json.loads((out / "report.json").read_text("utf-8"))["items"]}
    reasons = {
        1: "超时（0.5 秒内无响应）",
        2: "重定向循环",
        3: "重定向被拒绝",
        5: "robots.txt 禁止抓取此网址",
        6: "连接失败",
        7: "HTTP 503",
    }
    for item_id, reason in reasons.items():
        assert report[item_id]["status"] == "unreachable", item_id
        assert any(reason in note for note in report[item_id]["notes"]), report[item_id]["notes"]
    # the 20 MB page was cut at the cap and read: it simply holds none of item 4's elements
    assert report[4]["status"] == "missing"
    assert "响应超过 1000000 字节，只读取了前 1000000 字节" in report[4]["notes"]


def test_fresh_article_reused_without_a_request(fault_server: FaultServer, tmp_path: Path) -> None:
    url = fault_server.base + "/old-article.htm"
    for _ in range(2):
        fetcher = Fetcher(settings(fault_server, cache_dir=tmp_path))
        article = fetcher.fetch(url, revalidate=False)
        listing = fetcher.fetch(url, revalidate=True)
        fetcher.close()
    # first round: one 200, then a 304; second round: the article is fresh (modified two
    # years ago: fresh for a week), only the revalidating fetch asks again
    assert fault_server.hits["/old-article.htm"] == 3
    assert article.from_cache and listing.from_cache and "学生申诉办法" in article.text


def test_heuristic_freshness() -> None:
    date = "Sun, 01 Nov 2026 00:00:00 GMT"
    day = 86400.0

    def fresh(headers: dict[str, str], age: float) -> bool:
        entry = CacheEntry(
            url="", final_url="", headers={"date": date, **headers}, stored_at=0.0, content=b""
        )
        return is_fresh(entry, age)

    assert fresh({"last-modified": "Thu, 22 Oct 2026 00:00:00 GMT"}, 0.9 * day)  # 10 days old
    assert not fresh({"last-modified": "Thu, 22 Oct 2026 00:00:00 GMT"}, 1.1 * day)
    assert fresh({"last-modified": "Tue, 01 Oct 2024 00:00:00 GMT"}, 6.9 * day)  # capped
    assert not fresh({"last-modified": "Tue, 01 Oct 2024 00:00:00 GMT"}, 7.1 * day)
    assert fresh({"cache-control": "max-age=60"}, 59) and not fresh(
        {"cache-control": "max-age=60"}, 61
    )
    assert not fresh({"cache-control": "no-cache", "last-modified": date}, 0)
    assert not fresh({}, 0)  # nothing to go on: ask again


def test_unchanged_page_is_not_read_again(fault_server: FaultServer, tmp_path: Path) -> None:
    reads: list[str] = []

    def counting(
        page: Page, request: CrawlRequest, known: PageFacts | None = None
    ) -> tuple[PageFacts, list[CrawlRequest]]:
        if known is None:
            reads.append(page.url)
        return known or PageFacts(url=page.url, title="读过"), []

    seeds = [CrawlRequest(url=fault_server.base + "/ok.htm")]
    for _ in range(2):
        result = crawl(seeds, settings(fault_server, cache_dir=tmp_path), counting, digest_key="k")
    assert reads == [fault_server.base + "/ok.htm"]  # the 304 reused the stored reading
    assert (
        result.facts[(fault_server.base + "/ok.htm", Reading(None, listing=True))].title == "读过"
    )
    assert result.stats.cached == 1


def test_page_read_as_article_is_read_again_as_a_list(tmp_path: Path) -> None:
    """An article is read without looking for pagination; the same page as a rule's list
    page (no section) needs it, from a fresh reading and not the article's cached one."""
    site = tmp_path / "site" / "127.0.0.1"
    site.mkdir(parents=True)
    (site / "list.htm").write_text(
        '<div class="list"><a href="/gz.htm">管理规定</a> 2026-05-06</div>', "utf-8"
    )
    pager = '<div class="pb_sys"><a href="/gz/1.htm">下页</a></div>'
    (site / "gz.htm").write_text(f"<h1>管理规定</h1><p>第一部分</p>{pager}", "utf-8")
    (site / "gz").mkdir()
    (site / "gz" / "1.htm").write_text("<h1>管理规定</h1><p>第二部分</p>", "utf-8")
    read = partial(read_and_follow, as_of=dt.date(2026, 11, 30))
    with sitehost.serve(tmp_path / "site") as port:
        base = f"http://127.0.0.1:{port}"
        cached = settings(port, cache_dir=tmp_path / "cache")
        seed = CrawlRequest(url=base + "/list.htm", articles=5, section="div.list")
        first = crawl([seed], cached, read, digest_key="k")
        assert (base + "/gz.htm", ARTICLE) in first.facts
        assert base + "/gz/1.htm" not in first.pages  # an article's pager is not followed
        again = crawl(
            [CrawlRequest(url=base + "/gz.htm", pages_left=1)], cached, read, digest_key="k"
        )
    assert again.pages[base + "/gz.htm"].from_cache  # unchanged: a 304
    assert again.facts[(base + "/gz.htm", Reading(None, listing=True))].next_pages == (
        base + "/gz/1.htm",
    )
    assert again.pages[base + "/gz/1.htm"].is_ok


LISTING = Reading(None, listing=True)


def reading(
    page: Page, request: CrawlRequest, known: PageFacts | None = None
) -> tuple[PageFacts, list[CrawlRequest]]:
    """A seed leads to two articles; every page's facts carry its text."""
    follow = []
    if request.role == "seed":
        follow = [
            CrawlRequest(url=page.url.replace("/ok.htm", p), role="article")
            for p in ("/old-article.htm", "/gbk.htm")
        ]
    return known or PageFacts(url=page.url, title=page.text[:12], text=page.text), follow


def full_text(result: CrawlResult, url: str) -> str:
    """What evaluate reads of an article: its facts, loaded from the store if a stub."""
    cache = FactsCache(result.pages, dt.date(2026, 6, 1), result.facts, result.store)
    page = result.pages[url]
    return cache.facts(page, ARTICLE).text


def test_article_facts_are_stubs_spooled_until_closed(fault_server: FaultServer) -> None:
    seed = CrawlRequest(url=fault_server.base + "/ok.htm")
    article = fault_server.base + "/old-article.htm"
    with crawl([seed], settings(fault_server), reading) as result:
        spool = result.store.folder
        assert result.store.is_spool and spool.is_dir()
        stub = result.facts[(article, ARTICLE)]
        assert stub.text == "" and stub.title == "<html><body>"  # the stub keeps the rest
        assert "学生申诉办法" in full_text(result, article)
        assert "申诉办法" in full_text(result, fault_server.base + "/gbk.htm")
        # a seed keeps its full facts (and its body) in memory
        assert "学校概况" in result.facts[(seed.url, LISTING)].text
        assert (seed.url, LISTING) not in result.store
    assert not spool.exists()


def test_article_facts_are_read_from_the_facts_cache(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    seed = CrawlRequest(url=fault_server.base + "/ok.htm")
    article = fault_server.base + "/old-article.htm"
    for _ in range(2):  # cold, then warm: the article is fresh and not asked again
        with crawl(
            [seed], settings(fault_server, cache_dir=tmp_path), reading, digest_key="k"
        ) as result:
            assert not result.store.is_spool and result.store.folder == tmp_path
            assert result.facts[(article, ARTICLE)].text == ""
            assert "学生申诉办法" in full_text(result, article)
    assert fault_server.hits["/old-article.htm"] == 1
    assert tmp_path.is_dir()  # closing never removes the cache


def test_stored_facts_that_changed_are_an_error(fault_server: FaultServer) -> None:
    seed = CrawlRequest(url=fault_server.base + "/ok.htm")
    article = fault_server.base + "/old-article.htm"
    with crawl([seed], settings(fault_server), reading) as result:
        path = result.store.path((article, ARTICLE))
        path.write_bytes(PageFacts(url=article, title="别的页面").model_dump_json().encode())
        with pytest.raises(RunError, match="页面读取结果已被改动"):
            full_text(result, article)
        path.unlink()
        with pytest.raises(RunError, match="页面读取结果丢失"):
            full_text(result, article)


def test_lean_copies_share_one_fields_set() -> None:
    pages = [
        Page(
            url=f"http://x.edu.cn/{n}.htm",
            final_url=f"http://x.edu.cn/{n}.htm",
            status=200,
            headers={"content-type": "text/html"},
            text="正文",
        )
        for n in range(2)
    ]
    lean = [lean_copy(page, text="") for page in pages]
    assert lean[0] == pages[0].model_copy(update={"text": ""})
    assert lean[0].model_fields_set is lean[1].model_fields_set
    changed = lean[0].model_copy(update={"status": 404})  # pydantic copies the set first
    assert changed.status == 404 and lean[1].model_fields_set == set(Page.model_fields)


def test_revalidate_all_asks_about_fresh_articles(
    fault_server: FaultServer, tmp_path: Path
) -> None:
    seed = CrawlRequest(url=fault_server.base + "/ok.htm")
    for revalidate_all in (False, False, True):
        chosen = settings(fault_server, cache_dir=tmp_path, revalidate_all=revalidate_all)
        with crawl([seed], chosen, reading, digest_key="k") as result:
            assert "学生申诉办法" in full_text(result, fault_server.base + "/old-article.htm")
    # cold: a 200; warm: fresh by the heuristic, not asked; --revalidate-all: asked (a 304)
    assert fault_server.hits["/old-article.htm"] == 2
    assert result.pages[fault_server.base + "/old-article.htm"].from_cache


def test_a_reading_the_crawl_never_made_is_an_error(fault_server: FaultServer) -> None:
    """Evaluation cannot read a page whose body the crawl let go: it says so, never
    judging an empty page."""
    seed = CrawlRequest(url=fault_server.base + "/ok.htm")
    with crawl([seed], settings(fault_server), reading) as result:
        cache = FactsCache(result.pages, dt.date(2026, 6, 1), result.facts, result.store)
        page = result.pages[seed.url]
        assert "学校概况" in cache.facts(page, LISTING).text
        with pytest.raises(RunError, match="页面未按所需方式读取"):
            cache.facts(page, Reading("div.list", listing=True))
