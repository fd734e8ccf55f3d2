"""One Scrapy crawl of the benchmark site, in its own process (run by crawl_bench.py).

A minimal spider following the same links as xxgk's audit crawl: each column's list
pages through VSB's 下页 link (``span.p_next a`` or, in the older pager, ``a.Next``), every row's article, every article's ``download.jsp``
attachment. Same concurrency as xxgk, robots.txt obeyed, no throttling, no cache.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse


class DisclosureSpider(scrapy.Spider):
    name = "disclosure"

    def __init__(self, seeds: list[str], section: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.seeds = seeds
        self.section = section
        self.urls: set[str] = set()
        self.bytes = 0
        self.errors = 0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> DisclosureSpider:
        spider: DisclosureSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.count, signal=signals.response_received)
        return spider

    def count(self, response: Response, request: scrapy.Request, spider: scrapy.Spider) -> None:
        if response.url.endswith("/robots.txt"):
            return
        self.urls.add(response.url)
        self.bytes += len(response.body)
        if response.status >= 400:
            self.errors += 1

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.seeds:
            yield scrapy.Request(url, callback=self.parse_list)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        assert isinstance(response, TextResponse)
        for href in response.css(f"{self.section} li a::attr(href)").getall():
            yield response.follow(href, callback=self.parse_article)
        # VSB's pb_sys pager (span.p_next), or its older table pager: the a.Next labelled 下页
        # (on some sites 首页 and 上页 are a.Next too); by position where a page in GBK sent
        # as UTF-8 garbles the label: the third a.Next of four, the first of two
        nexts = response.xpath('//a[contains(concat(" ", normalize-space(@class), " "), " Next ")]')
        labelled = [a for a in nexts if a.xpath("normalize-space(.)").get() == "下页"]
        by_position = nexts[2] if len(nexts) == 4 else nexts[0] if len(nexts) == 2 else None
        chosen = labelled[0] if labelled else by_position
        following = response.css("span.p_next a::attr(href)").get() or (
            chosen.attrib.get("href") if chosen is not None else None
        )
        if following:
            yield response.follow(following, callback=self.parse_list)

    def parse_article(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        for href in response.css('a[href*="download.jsp"]::attr(href)').getall():
            yield response.follow(href, callback=self.parse_attachment)

    def parse_attachment(self, response: Response) -> None:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--manifest", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    seeds = [args.base + column["path"] for column in manifest["columns"]]
    process = CrawlerProcess(
        settings={
            "CONCURRENT_REQUESTS": args.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "HTTPCACHE_ENABLED": False,
            "ROBOTSTXT_OBEY": True,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "RETRY_TIMES": 2,
            "DOWNLOAD_TIMEOUT": 60,
            "USER_AGENT": "scrapy-bench (information-disclosure audit)",
        }
    )
    crawler = process.create_crawler(DisclosureSpider)
    started = time.perf_counter()
    process.crawl(crawler, seeds=seeds, section=manifest["section"])
    process.start()
    seconds = time.perf_counter() - started
    spider = crawler.spider
    assert isinstance(spider, DisclosureSpider)
    report = {
        "crawler": "scrapy",
        "pages": len(spider.urls),
        "ok": len(spider.urls) - spider.errors,
        "errors": spider.errors,
        "cached": 0,
        "bytes": spider.bytes,
        "seconds": seconds,
        "urls": sorted(spider.urls),
    }
    args.out.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
