"""Tests of walk: the seeds, what a page leads to, and evaluation's replay of the crawl."""

from __future__ import annotations

from test_extract import (  # the real VSB list page and what extract reads from it
    AS_OF,
    VSB_ENTRIES,
    VSB_LIST_URL,
    VSB_NEXT,
    fixture_page,
    html_page,
)

from xxgk import sitehost
from xxgk.audit import AuditOptions, crawl_school, crawl_settings, load_school
from xxgk.commands.demo import DEMO_AS_OF, DEMO_RULES, DEMO_SITE
from xxgk.evaluate import FactsCache
from xxgk.extract import read_page
from xxgk.models import CrawlRequest, Page, PageFacts, Reading
from xxgk.walk import read_and_follow, replay, seeds


def test_page_that_is_not_ok_leads_nowhere() -> None:
    page = html_page("https://x.edu.cn/a.htm", "<a href='/b.pdf'>b.pdf</a>")
    page = page.model_copy(update={"status": 404, "error": "HTTP 404"})
    request = CrawlRequest(url=page.url, articles=5, pages_left=3)
    assert read_and_follow(page, request, as_of=AS_OF)[1] == []


def test_follow_links_on_vsb_list_page() -> None:
    page = fixture_page("vsb_list.html", VSB_LIST_URL)
    request = CrawlRequest(
        url=VSB_LIST_URL, role="seed", pages_left=2, articles=3, section="div.list"
    )
    assert read_and_follow(page, request, as_of=AS_OF)[1] == [
        CrawlRequest(url=VSB_NEXT[0], role="list", pages_left=1, articles=3, section="div.list"),
        CrawlRequest(url=VSB_ENTRIES[0].url, role="article"),
        CrawlRequest(url=VSB_ENTRIES[1].url, role="article"),
        CrawlRequest(url=VSB_ENTRIES[2].url, role="attachment"),  # type only in the link text
        CrawlRequest(url=VSB_ENTRIES[6].url, role="attachment"),  # linked directly in the section
    ]
    last = request.model_copy(update={"role": "list", "pages_left": 0, "articles": 1})
    assert read_and_follow(page, last, as_of=AS_OF)[1] == [
        CrawlRequest(url=VSB_ENTRIES[0].url, role="article"),
        CrawlRequest(url=VSB_ENTRIES[2].url, role="attachment"),
        CrawlRequest(url=VSB_ENTRIES[6].url, role="attachment"),
    ]


def test_follow_links_on_articles_and_attachments() -> None:
    url = "https://www.example.edu.cn/2025/1031/c2361a215000/page.htm"
    page = fixture_page("webplus_article.html", url)
    assert [
        r.url for r in read_and_follow(page, CrawlRequest(url=url, role="article"), as_of=AS_OF)[1]
    ] == [a.url for a in read_page(page, as_of=AS_OF).attachments]
    assert all(
        r.role == "attachment"
        for r in read_and_follow(page, CrawlRequest(url=url, role="article"), as_of=AS_OF)[1]
    )
    assert read_and_follow(page, CrawlRequest(url=url, role="attachment"), as_of=AS_OF)[1] == []


def test_follow_links_never_returns_other_schemes() -> None:
    html = """<html><body><ul>
      <li><a href="ftp://files.x.edu.cn/a.pdf">a.pdf</a><span>2025-12-01</span></li>
      <li><a href="mailto:xxgk@x.edu.cn">联系我们</a></li>
      <li><a href="/info/1/3.htm">通知</a><span>2025-11-01</span></li>
    </ul></body></html>"""
    page = html_page("https://x.edu.cn/list.htm", html)
    request = CrawlRequest(url=page.url, articles=5)
    assert read_and_follow(page, request, as_of=AS_OF)[1] == [
        CrawlRequest(url="https://x.edu.cn/info/1/3.htm", role="article")
    ]


# --------------------------------------------------------------------------- replay


def test_evaluation_replays_exactly_the_readings_the_crawl_made() -> None:
    """On the demo school (132 URLs on four hosts): every page evaluation reads, it reads
    as the crawl did, and it reads every page the crawl fetched for an item's seeds."""
    rules, checklist = load_school(DEMO_RULES)
    with sitehost.serve(DEMO_SITE) as port:
        resolve = {host: f"127.0.0.1:{port}" for host in sitehost.host_folders(DEMO_SITE)}
        options = AuditOptions(as_of=DEMO_AS_OF, resolve=resolve)
        settings = crawl_settings(rules, options)
        with crawl_school(rules, checklist, settings, DEMO_AS_OF, progress=False) as crawled:
            cache = FactsCache(crawled.pages, DEMO_AS_OF, crawled.facts, crawled.store)
            read: set[tuple[str, Reading]] = set()
            for seed in seeds(rules, checklist):
                for step in replay(seed, lambda r: cache.page(r.url), cache.facts):
                    if step.page.is_ok:
                        read.add((step.page.url, Reading.of(step.request)))
            made = {key for key in crawled.facts if crawled.pages[key[0]].is_ok}
    assert len(read) > 100
    assert read == made


def test_a_row_linking_back_to_its_own_list_is_not_read_again() -> None:
    """A list whose row links to the list itself: the crawl never reads the list as an
    article, so neither may evaluation (before, it asked for that reading and failed)."""
    html = """<html><body><div class="list"><ul>
      <li><a href="/list.htm">本栏目</a><span>2025-12-01</span></li>
      <li><a href="/info/1.htm">通知</a><span>2025-11-01</span></li>
    </ul></div></body></html>"""
    page = html_page("https://x.edu.cn/list.htm", html)
    article = html_page("https://x.edu.cn/info/1.htm", "<h1>通知</h1><p>正文</p>")
    pages = {p.url: p for p in (page, article)}
    seed = CrawlRequest(url=page.url, articles=5, section="div.list")

    def facts_of(p: Page, reading: Reading) -> PageFacts:
        return read_page(p, as_of=AS_OF, section=reading.section, pagination=reading.listing)

    steps = list(replay(seed, lambda r: pages.get(r.url), facts_of))
    assert [(s.page.url, s.via) for s in steps] == [
        ("https://x.edu.cn/list.htm", "list"),
        ("https://x.edu.cn/info/1.htm", "entry"),
    ]
