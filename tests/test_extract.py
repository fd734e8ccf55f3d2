"""Tests of extract: dates, list pages, pagination, articles, attachments."""

from __future__ import annotations

import datetime as dt
import io
import struct
from pathlib import Path
from typing import Any

import pytest
from documents import write_pdf

from xxgk.extract import (
    DATE_PATTERNS,
    attachment_chunks,
    find_dates,
    is_attachment,
    parse_date,
    parse_html,
    read_page,
    select_section,
)
from xxgk.models import Attachment, Entry, Page, TextChunk

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
AS_OF = dt.date(2026, 1, 5)
D = dt.date


def html_page(url: str, text: str) -> Page:
    return Page(
        url=url, final_url=url, status=200, headers={"content-type": "text/html"}, text=text
    )


def undated_sources(entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Entries without where their dates came from (tested on their own below)."""
    return tuple(entry.model_copy(update={"date_source": None}) for entry in entries)


def fixture_page(name: str, url: str) -> Page:
    return html_page(url, (FIXTURES / name).read_text(encoding="utf-8"))


def doc_page(url: str, content: bytes, content_type: str = "application/octet-stream") -> Page:
    return Page(
        url=url, final_url=url, status=200, headers={"content-type": content_type}, content=content
    )


# --------------------------------------------------------------------------- dates

DATE_CASES: list[tuple[str, dict[str, Any], dt.date | None]] = [
    # ISO, with and without time
    ("2023-10-31", {}, D(2023, 10, 31)),
    ("2023-10-31 10:23", {}, D(2023, 10, 31)),
    ("2023-10-31 10:23:45", {}, D(2023, 10, 31)),
    ("2023-1-5", {}, D(2023, 1, 5)),
    ("２０２３－１０－３１", {}, D(2023, 10, 31)),
    # slashes and dots
    ("2023/10/31", {}, D(2023, 10, 31)),
    ("2023/10/31 08:00", {}, D(2023, 10, 31)),
    ("2023.10.31", {}, D(2023, 10, 31)),
    ("国产仪器设备合同模板（2022.4）", {}, None),
    # Chinese
    ("2023年10月31日", {}, D(2023, 10, 31)),
    ("2023年1月5日", {}, D(2023, 1, 5)),
    ("2024年3月5日", {}, D(2024, 3, 5)),
    ("2023 年 10 月 31 日", {}, D(2023, 10, 31)),
    ("2026年01月16日", {"as_of": D(2026, 12, 1)}, D(2026, 1, 16)),
    ("2023年10月", {}, None),
    # Chinese numerals
    ("二〇二三年十月三十一日", {}, D(2023, 10, 31)),
    ("二零二四年一月五日", {}, D(2024, 1, 5)),
    ("二〇二三年十月十日", {}, D(2023, 10, 10)),
    ("二〇二三年十一月二十日", {}, D(2023, 11, 20)),
    ("二〇二五年十二月三十一日", {}, D(2025, 12, 31)),
    ("二〇二三年二月三十日", {}, None),
    # bracketed / parenthesised
    ("[2023-10-31]", {}, D(2023, 10, 31)),
    ("(2023-10-31)", {}, D(2023, 10, 31)),
    ("【2023-10-31】", {}, D(2023, 10, 31)),
    ("（2023-10-31）", {}, D(2023, 10, 31)),
    # year-less, with a context year or inferred from as_of
    ("[10-31]", {"context_year": 2023}, D(2023, 10, 31)),
    ("10月31日", {"context_year": 2024}, D(2024, 10, 31)),
    ("[12-28]", {}, D(2025, 12, 28)),  # as_of 2026-01-05: across the new year
    ("[01-03]", {}, D(2026, 1, 3)),
    ("10-31", {}, D(2025, 10, 31)),
    ("12月28日", {}, D(2025, 12, 28)),
    ("(02-29)", {}, D(2024, 2, 29)),
    ("[12-28]", {"context_year": 2026}, D(2025, 12, 28)),  # never after as_of
    ("[13-01]", {}, None),
    # split day / month
    ("07 2026/07", {"as_of": D(2026, 12, 1)}, D(2026, 7, 7)),
    ("2026/08 17", {"as_of": D(2026, 12, 1)}, D(2026, 8, 17)),
    # URLs
    ("https://www.example.edu.cn/2023/1030/c2361a123/page.htm", {}, D(2023, 10, 30)),
    ("http://www.moe.gov.cn/srcsite/A08/s7056/202310/t20231030_123456.html", {}, D(2023, 10, 30)),
    ("/202310/t20231030_123.html", {}, D(2023, 10, 30)),
    ("https://xxgk.pku.edu.cn/docs/20241031162656657219.pdf", {}, D(2024, 10, 31)),
    ("/Assets/userfiles/sys_1/files/20251106/20251106103243184.pdf", {}, D(2025, 11, 6)),
    ("https://xxgk.example.edu.cn/docs/2023-10/abc.pdf", {}, None),
    ("文号 20231030 号", {}, None),  # compact dates only inside URL shapes
    # labels
    ("发布时间：2023-10-31 10:23", {}, D(2023, 10, 31)),
    ("发布时间： 2023-04-21 14:51:24 作者： 来源：", {}, D(2023, 4, 21)),
    ("发布日期:2020-11-04 作者: 来源:", {}, D(2020, 11, 4)),
    ("【作者:xzb | 发布日期:2021-11-01 | 点击数:", {}, D(2021, 11, 1)),
    ("更新时间：2024-05-01", {}, D(2024, 5, 1)),
    ("创建时间：  2025/09/22", {}, D(2025, 9, 22)),
    ("日期：2021-11-01", {}, D(2021, 11, 1)),
    ("时间：2017-10-11 14:36", {}, D(2017, 10, 11)),
    # invalid and look-alikes
    ("2023-02-30", {}, None),
    ("2023-13-01", {}, None),
    ("2023年2月29日", {}, None),
    ("2024年2月29日", {}, D(2024, 2, 29)),
    ("2023-02-30 之后改为 2023-03-01", {}, D(2023, 3, 1)),
    ("版权所有 2019-2024", {}, None),
    ("©2023 示例大学", {}, None),
    ("传真：023-68864993", {}, None),
    ("2022-2023学年", {}, None),
    ("第2-3页", {}, None),
    ("2023-10", {}, None),
    # after as_of
    ("2027-01-05", {}, None),
    ("2027-01-05", {"include_future": True}, D(2027, 1, 5)),
]


@pytest.mark.parametrize(("text", "options", "expected"), DATE_CASES)
def test_parse_date(text: str, options: dict[str, Any], expected: dt.date | None) -> None:
    options = {"as_of": AS_OF, **options}
    assert parse_date(text, **options) == expected


def test_date_table_is_large_and_patterns_are_compiled() -> None:
    assert len(DATE_CASES) >= 45
    assert all(
        hasattr(pattern, "finditer") and callable(parser) for pattern, parser in DATE_PATTERNS
    )


def test_find_dates_returns_all_in_order() -> None:
    text = "发布时间：2023-10-31 10:23 更新于 [11-02]，原文二〇二二年五月四日，另见 2027-01-05"
    assert find_dates(text, as_of=AS_OF, context_year=2023) == [
        D(2023, 10, 31),
        D(2023, 11, 2),
        D(2022, 5, 4),
    ]
    assert find_dates(text, as_of=AS_OF, context_year=2023, include_future=True)[-1] == D(
        2027, 1, 5
    )


# --------------------------------------------------------------------------- list pages

VSB_LIST_URL = "https://xxgk.example.edu.cn/xxgk/jbxx.htm"
VSB_ENTRIES = (
    Entry(
        title="校级领导班子简介与分工",
        url="https://xxgk.example.edu.cn/info/1092/3650.htm",
        date=D(2025, 12, 31),
    ),
    Entry(
        title="示例大学章程（2025年修订）",
        url="https://xxgk.example.edu.cn/info/1092/3645.htm",
        date=D(2025, 12, 30),
    ),
    Entry(
        title="示例大学2025年信息公开指南.pdf",
        url="https://xxgk.example.edu.cn/system/_content/download.jsp"
        "?urltype=news.DownloadAttachUrl&owner=1747819574&wbfileid=12148152",
        date=D(2025, 11, 20),
    ),
    Entry(
        title="示例大学关于公布2025年度学校基本情况统计数据的通知",
        url="https://xxgk.example.edu.cn/info/1092/3640.htm",
        date=D(2025, 11, 4),
    ),
    Entry(
        title="示例大学机构设置一览",
        url="https://xxgk.example.edu.cn/info/1092/3631.htm",
        date=D(2025, 10, 7),
    ),
    Entry(
        title="示例大学学科情况",
        url="https://xxgk.example.edu.cn/xxgk/content.jsp"
        "?urltype=news.NewsContentUrl&wbtreeid=1092&wbnewsid=3500",
        date=D(2025, 9, 29),
    ),
    Entry(
        title="示例大学2024年基本情况统计表.xlsx",
        url="https://xxgk.example.edu.cn/__local/A/3B/C1/"
        "5A2D924903F76DA4D8D128493D4_9CF7E731_4F9D9.xlsx?e=.xlsx",
        date=D(2024, 3, 1),
    ),
    Entry(
        title="示例大学规章制度汇编",
        url="https://xxgk.example.edu.cn/info/1092/3390.htm",
        date=None,
    ),
    Entry(
        title="关于调整校区管理的通知",
        url="https://xxgk.example.edu.cn/info/1092/3700.htm",
        date=None,
    ),
)
VSB_NEXT = (
    "https://xxgk.example.edu.cn/xxgk/jbxx/3.htm",
    "https://xxgk.example.edu.cn/xxgk/jbxx/2.htm",
    "https://xxgk.example.edu.cn/xxgk/jbxx/1.htm",
)


@pytest.mark.parametrize("section", ["div.list", None])
def test_vsb_list_page(section: str | None) -> None:
    facts = read_page(fixture_page("vsb_list.html", VSB_LIST_URL), as_of=AS_OF, section=section)
    assert facts.url == VSB_LIST_URL
    assert facts.title == "基本信息"
    assert undated_sources(facts.entries) == VSB_ENTRIES
    assert facts.next_pages == VSB_NEXT  # pager outside the section, counting down to 1.htm
    assert facts.attachments == (
        Attachment(name="示例大学2025年信息公开指南.pdf", url=VSB_ENTRIES[2].url),
        Attachment(name="示例大学2024年基本情况统计表.xlsx", url=VSB_ENTRIES[6].url),
    )
    # the footer's 更新时间 and ©2023 are never the page's date
    assert facts.published is None
    assert facts.notes == ("忽略了晚于评估日的日期 2027-01-05",)
    assert "信息公开目录" not in facts.text  # the nav menu is chrome
    assert "版权所有" not in facts.text
    assert "信息公开事项" not in facts.text  # the breadcrumb says where, not what: no evidence
    assert "07 2025/10" in facts.text  # <span>07</span>2025/10: two numbers, not 072025


def test_vsb_list_page_two_counts_down() -> None:
    html = (FIXTURES / "vsb_list.html").read_text(encoding="utf-8")
    html = (
        html.replace(
            '<span class="p_no_d">1</span>', '<span class="p_no"><a href="../jbxx.htm">1</a></span>'
        )
        .replace(
            '<span class="p_no"><a href="jbxx/3.htm">2</a></span>', '<span class="p_no_d">2</span>'
        )
        .replace("jbxx/", "")
        .replace('<a href="3.htm">下页</a>', '<a href="2.htm">下页</a>')
    )
    url = "https://xxgk.example.edu.cn/xxgk/jbxx/3.htm"
    facts = read_page(html_page(url, html), as_of=AS_OF, section="div.list")
    assert facts.next_pages == (
        "https://xxgk.example.edu.cn/xxgk/jbxx/2.htm",
        "https://xxgk.example.edu.cn/xxgk/jbxx/1.htm",
    )


def test_webplus_list_page() -> None:
    url = "https://www.example.edu.cn/2361/list.htm"
    facts = read_page(fixture_page("webplus_list.html", url), as_of=AS_OF, section="#wp_news_w6")
    base = "https://www.example.edu.cn"
    pdf = (
        f"{base}/_upload/article/files/14/01/54cc170c4271b5c86a2c3067ed50/"
        "3ca04149-cc15-41e2-ab5d-78e627f397ba.pdf"
    )
    assert undated_sources(facts.entries) == (
        Entry(
            title="关于做好2026届毕业生就业质量年度报告编制工作的通知",
            url=f"{base}/2025/1208/c2361a216300/page.htm",
            date=D(2025, 12, 8),
        ),
        Entry(
            title="示例大学2024-2025学年本科教学质量报告",
            url=f"{base}/2025/1205/c2361a216251/page.htm",
            date=D(2025, 12, 5),
        ),
        Entry(
            title="示例大学2024-2025学年信息公开年度报告",
            url=f"{base}/2025/1031/c2361a215000/page.htm",
            date=D(2025, 10, 31),
        ),
        # no news_meta: the date comes from the WebPlus URL
        Entry(
            title="学生奖助学金管理办法",
            url=f"{base}/2025/0915/c2361a214000/page.htm",
            date=D(2025, 9, 15),
        ),
        Entry(title="2025年收费项目及标准", url=pdf, date=D(2025, 9, 1)),
    )
    assert facts.next_pages == tuple(f"{base}/2361/list{n}.htm" for n in range(2, 6))
    assert facts.attachments == (Attachment(name="2025年收费项目及标准.pdf", url=pdf),)
    assert facts.published is None
    assert facts.title == "信息公开年报"
    assert "示例市卫津路" not in facts.text


def test_table_list_with_year_less_dates() -> None:
    url = "http://www.example-college.cn/news/list.asp?classid=5"
    facts = read_page(fixture_page("table_list.html", url), as_of=AS_OF, section="table.tab_list")
    base = "http://www.example-college.cn"
    assert undated_sources(facts.entries) == (
        Entry(
            title="关于2026年元旦放假安排的通知",
            url=f"{base}/news/show.asp?id=1203",
            date=D(2026, 1, 3),
        ),
        Entry(
            title="学院2025年部门预算公开",
            url=f"{base}/news/show.asp?id=1188",
            date=D(2025, 12, 28),
        ),
        Entry(title="学院章程", url=f"{base}/news/show.asp?id=1150", date=D(2025, 11, 5)),
        Entry(
            title="2025届毕业生就业质量年度报告.pdf",
            url=f"{base}/upload/2025/jyzl.pdf",
            date=D(2025, 10, 31),
        ),
    )
    assert facts.next_pages == (
        f"{base}/news/list.asp?classid=5&page=2",
        f"{base}/news/list.asp?classid=5&page=3",
    )
    assert facts.attachments == (
        Attachment(name="2025届毕业生就业质量年度报告.pdf", url=f"{base}/upload/2025/jyzl.pdf"),
    )
    assert facts.title == "通知公告"


def test_nkzbb_dd_list_with_text_only_pager() -> None:
    url = "https://zbb.example.edu.cn/cghw/index.chtml"
    facts = read_page(fixture_page("nkzbb_list.html", url), as_of=D(2026, 12, 1), section="#datab")
    base = "https://zbb.example.edu.cn/cghw"
    assert undated_sources(facts.entries) == (
        Entry(
            title="示例大学保卫处八里台校区监控设备采购项目（NK2026H048N）采购公告",
            url=f"{base}/4660.chtml",
            date=D(2026, 9, 4),
        ),
        Entry(
            title="示例大学图书馆密集书架采购项目（NK2026H047N）成交结果公告",
            url=f"{base}/4655.chtml",
            date=D(2026, 9, 2),
        ),
        Entry(
            title="示例大学化学学院核磁共振波谱仪维保服务采购公告",
            url=f"{base}/4650.chtml",
            date=D(2026, 8, 28),
        ),
    )
    assert facts.next_pages == tuple(f"{base}/index.chtml?curPage={n}" for n in range(2, 8))
    assert facts.attachments == ()


def test_year_less_rows_take_the_year_of_the_newest_full_date() -> None:
    html = """<html><body><ul class="list">
      <li><a href="/a/1.htm">甲</a><span>2024-11-02</span></li>
      <li><a href="/a/2.htm">乙</a><span>[10-31]</span></li>
    </ul></body></html>"""
    facts = read_page(html_page("https://x.edu.cn/a.htm", html), as_of=D(2027, 3, 1))
    assert [entry.date for entry in facts.entries] == [D(2024, 11, 2), D(2024, 10, 31)]
    # without a full date on the page, the year is inferred from as_of instead
    alone = read_page(
        html_page("https://x.edu.cn/a.htm", html.replace("2024-11-02", "")), as_of=D(2027, 3, 1)
    )
    assert [entry.date for entry in alone.entries] == [D(2026, 10, 31), None]


def test_row_layouts_date_inside_card_link_and_split_month() -> None:
    html = """<html><body><ul>
      <li data-aos="fade-up"><a href="../info/1030/155911.htm" title="新增本科专业公示">
        <div class="span flex"><h3>新增本科专业公示</h3><span class="flex"><i>17</i><em>2025-11</em></span></div>
      </a></li>
      <li><div class="d"><div class="d-m">2025/08</div><div class="d-d">09</div></div>
        <a href="../info/1030/155000.htm">教务处通知</a></li>
    </ul></body></html>"""
    facts = read_page(html_page("https://jwc.x.edu.cn/index/tzgg.htm", html), as_of=AS_OF)
    assert undated_sources(facts.entries) == (
        Entry(
            title="新增本科专业公示",
            url="https://jwc.x.edu.cn/info/1030/155911.htm",
            date=D(2025, 11, 17),
        ),
        Entry(
            title="教务处通知", url="https://jwc.x.edu.cn/info/1030/155000.htm", date=D(2025, 8, 9)
        ),
    )


# --------------------------------------------------------------------------- pagination shapes


def pager_page(url: str, pager: str) -> Page:
    return html_page(
        url, f"<html><body><ul><li><a href='/info/1/2.htm'>条目</a></li></ul>{pager}</body></html>"
    )


def test_vsb_jsp_pagenum_chain_uses_totalpage() -> None:
    url = "https://www.x.edu.cn/lm_list.jsp?urltype=tree.TreeTempUrl&wbtreeid=1035"
    pager = (
        '<div class="pb_sys_common"><span class="p_t">共6条</span>'
        '<span class="p_next p_fun"><a href="lm_list.jsp?totalpage=3&PAGENUM=2'
        '&urltype=tree.TreeTempUrl&wbtreeid=1035">下页</a></span></div>'
    )
    facts = read_page(pager_page(url, pager), as_of=AS_OF)
    assert facts.next_pages == tuple(
        f"https://www.x.edu.cn/lm_list.jsp?totalpage=3&PAGENUM={n}&urltype=tree.TreeTempUrl&wbtreeid=1035"
        for n in (2, 3)
    )


def test_next_link_titled_gt_and_javascript_pagers() -> None:
    url = "https://www.x.edu.cn/news/index.htm"
    bare = '<p><a href="index_1.htm">2</a> <a href="index_2.htm">3</a> <a href="index_1.htm">&gt;</a></p>'
    facts = read_page(pager_page(url, bare), as_of=AS_OF)
    assert facts.next_pages == (
        "https://www.x.edu.cn/news/index_1.htm",
        "https://www.x.edu.cn/news/index_2.htm",
    )
    assert undated_sources(facts.entries) == (
        Entry(title="条目", url="https://www.x.edu.cn/info/1/2.htm"),
    )
    js_only = '<div class="pagination"><a href="javascript:goPage(2)">下一页</a><a href="#">尾页</a></div>'
    assert read_page(pager_page(url, js_only), as_of=AS_OF).next_pages == ()
    itself = '<div class="pager"><a href="index.htm">1</a><a href="index.htm#top">下一页</a></div>'
    assert read_page(pager_page(url, itself), as_of=AS_OF).next_pages == ()


def test_vsb_minimal_pager_without_last_link() -> None:
    url = "https://www.x.edu.cn/index/tzgg.htm"
    pager = (
        '<div class="pb_sys_common"><span class="p_t">共314条</span><span class="p_no_d">1</span>'
        '<span class="p_next p_fun"><a href="tzgg/3.htm">下页</a></span></div>'
    )
    facts = read_page(pager_page(url, pager), as_of=AS_OF)
    assert facts.next_pages == tuple(f"https://www.x.edu.cn/index/tzgg/{n}.htm" for n in (3, 2, 1))


# --------------------------------------------------------------------------- article pages


def test_vsb_article_page() -> None:
    url = "https://xxgk.example.edu.cn/info/1117/3638.htm"
    facts = read_page(fixture_page("vsb_article.html", url), as_of=AS_OF)
    download = "https://xxgk.example.edu.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1747819574"
    doc = "https://xxgk.example.edu.cn/__local/D/16/7F/276ACF259961B261323E28C9AE0_A4D8588E_E600.doc?e=.doc"
    pdf = "https://xxgk.example.edu.cn/__local/7/5A/38/5A2D924903F76DA4D8D128493D4_9CF7E731_4F9D9.pdf?e=.pdf"
    assert facts.title == "示例大学2025年度部门预算"
    assert facts.published == D(
        2025, 4, 21
    )  # 发布时间, not the footer's 更新日期 or the body's date
    assert facts.attachments == (
        Attachment(name="示例大学2025年度部门预算.pdf", url=f"{download}&wbfileid=12148152"),
        Attachment(name="附件1.收支预算总表.xls", url=f"{download}&wbfileid=12148153"),
        Attachment(name="附件2.预算说明", url=doc),
        Attachment(name="5A2D924903F76DA4D8D128493D4_9CF7E731_4F9D9.pdf", url=pdf),
    )
    assert undated_sources(facts.entries) == (
        Entry(title="示例大学2025年度部门预算.pdf", url=f"{download}&wbfileid=12148152"),
        Entry(title="附件1.收支预算总表.xls", url=f"{download}&wbfileid=12148153"),
        Entry(title="附件2.预算说明", url=doc),
    )
    assert facts.next_pages == ()
    # the breadcrumb names the column, not the page's content: no evidence of the four tables
    assert "收支预算总表、收入预算表、支出预算表、财政拨款支出预算表" not in facts.text
    assert "邮编" not in facts.text and "信息公开目录" not in facts.text
    assert facts.notes == ()


@pytest.mark.parametrize(
    ("name", "url", "published", "files", "crumb"),
    [
        (
            "swu_real_20_department_budget.html",
            "https://xxgk.swu.edu.cn/info/1117/3638.htm",
            D(2023, 4, 21),
            {"12148152": "西南大学2023年度部门预算.pdf"},
            "收支预算总表、收入预算表、支出预算表、财政拨款支出预算表",
        ),
        (
            "swu_real_18_travel_expense.html",
            "https://xxgk.swu.edu.cn/info/1092/3440.htm",
            D(2022, 4, 14),
            {
                "7778557": "《西南大学国内差旅费管理办法》.pdf",
                "7778556": "附件1.西南大学其他出差住宿费标准表.xls",
                "7778555": "附件2.西南大学租车单.xlsx",
            },
            "学校章程及制定的各项规章制度",
        ),
    ],
)
def test_real_vsb_article_pages(
    name: str, url: str, published: dt.date, files: dict[str, str], crumb: str
) -> None:
    """Real pages saved from xxgk.swu.edu.cn (VSB), CRLF line endings as served."""
    facts = read_page(fixture_page(name, url), as_of=AS_OF)
    bridge = "https://xxgk.swu.edu.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl"
    assert facts.published == published
    assert facts.attachments == tuple(
        Attachment(name=file_name, url=f"{bridge}&owner=1747819574&wbfileid={file_id}")
        for file_id, file_name in files.items()
    )
    assert crumb not in facts.text  # the item's wording lives only in the breadcrumb
    assert "版权所有" not in facts.text and "信息公开目录" not in facts.text


def test_webplus_article_with_pdf_player() -> None:
    url = "https://www.example.edu.cn/2025/1031/c2361a215000/page.htm"
    facts = read_page(fixture_page("webplus_article.html", url), as_of=AS_OF)
    files = "https://www.example.edu.cn/_upload/article/files"
    assert facts.title == "示例大学2024-2025学年信息公开年度报告"
    assert facts.published == D(2025, 11, 1)  # the 发布时间 label wins over the URL's 10-31
    assert facts.attachments == (
        Attachment(
            name="示例大学2024-2025学年信息公开年度报告.pdf",
            url=f"{files}/8a/3c/0f2e6a2b4c5d4e1f9a0b1c2d3e4f/a1b2c3d4-0000-4000-8000-000000000001.pdf",
        ),
        Attachment(name="信息公开申请表.doc", url=f"{files}/a/form.doc"),
    )
    assert undated_sources(facts.entries) == (
        Entry(title="信息公开申请表", url=f"{files}/a/form.doc"),
    )
    assert "统计期限为2024年9月1日到2025年8月31日止" in facts.text


def test_html5_chrome_elements_but_not_an_articles_own_header() -> None:
    html = """<html><body>
      <header><a href="/">首页</a> 2025-12-01</header>
      <nav><a href="/xxgkml.htm">信息公开目录</a></nav>
      <article><header><h1>学校章程</h1><p>发布日期：2025-06-30</p></header>
        <p>第一条 本章程依据《高等教育法》制定。</p></article>
      <footer>示例大学 2025-12-30</footer>
    </body></html>"""
    facts = read_page(html_page("https://x.edu.cn/info/1/2.htm", html), as_of=AS_OF)
    assert facts.title == "学校章程"
    assert facts.published == D(2025, 6, 30)
    assert undated_sources(facts.entries) == ()
    assert facts.text == "学校章程\n发布日期：2025-06-30\n第一条 本章程依据《高等教育法》制定。"


def test_copyright_footer_is_never_the_publication_date() -> None:
    html = """<html><head><title>学校章程_示例大学</title></head><body>
      <div class="main"><h1>学校章程</h1><p>第一条 为规范学校管理，制定本章程。</p></div>
      <div class="bottom">Copyright ©2023 示例大学 版权所有 2019-2024 更新时间：2025-06-30</div>
      <p class="beian">版权所有：示例大学 2025年6月30日 渝ICP备05001234号</p>
    </body></html>"""
    facts = read_page(html_page("https://x.edu.cn/info/1/2.htm", html), as_of=AS_OF)
    assert facts.published is None
    assert "版权所有" not in facts.text
    assert facts.title == "学校章程"


def test_future_publication_date_is_ignored_with_a_note() -> None:
    html = '<html><body><div class="ch-title-2">通知</div><div class="msgbar">发布时间：2027-01-05 09:00</div></body></html>'
    facts = read_page(html_page("https://x.edu.cn/info/1/2.htm", html), as_of=AS_OF)
    assert facts.published is None
    assert facts.notes == ("忽略了晚于评估日的日期 2027-01-05",)
    webplus = read_page(html_page("https://x.edu.cn/2025/1031/c1a2/page.htm", html), as_of=AS_OF)
    assert webplus.published == D(2025, 10, 31)  # falls back to the URL's date
    assert webplus.notes == ("忽略了晚于评估日的日期 2027-01-05",)


def test_a_label_counts_only_when_the_date_follows_it() -> None:
    html = "<html><body><h1>通知</h1><p>日期：详见附件，附件版本 2019-05-30</p></body></html>"
    page = html_page("https://x.edu.cn/2025/0301/c1a2/page.htm", html)
    assert read_page(page, as_of=AS_OF).published == D(2025, 3, 1)
    split = "<html><body><span>创建时间：&nbsp;&nbsp;</span><span>2025/09/22</span></body></html>"
    assert read_page(html_page("https://x.edu.cn/info/1/2.htm", split), as_of=AS_OF).published == D(
        2025, 9, 22
    )


def test_meta_pubdate_and_title_suffixes() -> None:
    html = """<html><head><title>2024-2025学年信息公开年报</title>
      <meta name="PubDate" content="2025-10-30 16:00"></head><body><p>正文</p></body></html>"""
    facts = read_page(html_page("https://x.edu.cn/info/1/2.htm", html), as_of=AS_OF)
    assert facts.published == D(2025, 10, 30)
    assert facts.title == "2024-2025学年信息公开年报"  # a year range is not a site suffix


def test_section_selector_errors() -> None:
    doc, _ = parse_html(
        html_page("https://x.edu.cn/", "<div class='list'><a href='/x'>x</a></div>")
    )
    assert doc is not None
    assert [tag.get("class") for tag in select_section(doc, "div.list")] == ["list"]
    with pytest.raises(ValueError, match=r"invalid CSS selector \(got 'div\['\)"):
        select_section(doc, "div[")
    facts = read_page(
        html_page("https://x.edu.cn/", "<p><a href='/a.htm'>a</a></p>"), as_of=AS_OF, section="div["
    )
    assert undated_sources(facts.entries) == ()
    assert facts.notes == ("section: invalid CSS selector (got 'div[')",)
    missing = read_page(html_page("https://x.edu.cn/", "<p>x</p>"), as_of=AS_OF, section="div.none")
    assert missing.notes == ("section: 选择器没有匹配到页面内容（div.none）",)


def test_page_that_is_not_ok_yields_nothing() -> None:
    page = Page(
        url="https://x.edu.cn/a.htm",
        final_url="https://x.edu.cn/a.htm",
        status=404,
        headers={},
        text="<a href='/b.pdf'>b.pdf</a>",
    )
    assert read_page(page, as_of=AS_OF).attachments == ()


# --------------------------------------------------------------------------- attachments


@pytest.mark.parametrize(
    ("url", "text", "expected"),
    [
        ("https://x.edu.cn/a/b.pdf", "", True),
        ("https://x.edu.cn/a/B.DOCX", "", True),
        ("https://x.edu.cn/__local/C/D2/x.doc?e=.doc", "", True),
        (
            "https://x.edu.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1&wbfileid=2",
            "",
            True,
        ),
        ("https://x.edu.cn/down.aspx?id=3", "附件1.收支预算表.xlsx", True),
        ("https://x.edu.cn/down.aspx?id=3", "申请表.wps（35KB）", True),
        ("https://x.edu.cn/files/archive.rar", "", True),
        ("https://x.edu.cn/files/%E9%99%84%E4%BB%B6.zip", "", True),
        ("https://x.edu.cn/info/1/2.htm", "关于印发章程的通知", False),
        ("https://x.edu.cn/images/a.png", "", False),
        ("mailto:xxgk@x.edu.cn", "x.pdf", False),
        ("javascript:void(0)", "x.pdf", False),
    ],
)
def test_is_attachment(url: str, text: str, expected: bool) -> None:
    assert is_attachment(url, text) is expected


def make_pdf(texts: list[str]) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page."""
    count = len(texts)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(texts):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        bodies.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        bodies.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return write_pdf(bodies)


def make_docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("示例大学2024-2025学年信息公开年度报告")
    document.add_paragraph("统计期限为2024年9月1日到2025年8月31日止。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "事项"
    table.cell(0, 1).text = "公开情况"
    table.cell(1, 0).text = "学校章程"
    table.cell(1, 1).text = "已公开"
    document.add_paragraph("七、其他")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "收入预算表"
    first.append(["项目", "金额（万元）"])
    first.append(["财政拨款收入", 123456])
    second = workbook.create_sheet("支出预算表")
    second.append(["教育支出", 98765.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _biff_record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _biff_bof(substream: int) -> bytes:
    return _biff_record(0x0809, struct.pack("<HHHHII", 0x0600, substream, 0x0DBB, 0x07CC, 0, 6))


def _biff_sheet(rows: list[list[str | float]]) -> bytes:
    body = _biff_bof(0x0010)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                text = struct.pack("<HB", len(value), 1) + value.encode("utf-16-le")
                body += _biff_record(0x0204, struct.pack("<HHH", r, c, 0) + text)  # LABEL
            else:
                body += _biff_record(0x0203, struct.pack("<HHHd", r, c, 0, value))  # NUMBER
    return body + _biff_record(0x000A, b"")


def _ole_entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    raw = (name + "\0").encode("utf-16-le") if name else b""
    return (
        raw.ljust(64, b"\0")
        + struct.pack("<HBBiii", len(raw), kind, 1, -1, -1, child)
        + b"\0" * 36
        + struct.pack("<iII", start, size, 0)
    )


def make_xls(sheets: dict[str, list[list[str | float]]]) -> bytes:
    """A minimal BIFF8 workbook (LABEL/NUMBER cells) in a minimal OLE2 container:
    sector 0 the FAT, sector 1 the directory, sectors 2.. the Workbook stream."""
    streams = [_biff_sheet(rows) for rows in sheets.values()]

    def globals_(offsets: list[int]) -> bytes:
        boundsheets = b"".join(
            _biff_record(
                0x0085,
                struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + name.encode("utf-16-le"),
            )
            for offset, name in zip(offsets, sheets, strict=True)
        )
        return _biff_bof(0x0005) + boundsheets + _biff_record(0x000A, b"")

    offsets = [len(globals_([0] * len(sheets)))]
    for stream in streams[:-1]:
        offsets.append(offsets[-1] + len(stream))
    workbook = globals_(offsets) + b"".join(streams)
    workbook = workbook.ljust(max(4096, -(-len(workbook) // 512) * 512), b"\0")
    sectors = len(workbook) // 512
    end, free = 0xFFFFFFFE, 0xFFFFFFFF
    fat = [0xFFFFFFFD, end, *range(3, 2 + sectors), end]
    fat += [free] * (128 - len(fat))
    directory = _ole_entry("Root Entry", 5, 1, -2, 0) + _ole_entry(
        "Workbook", 2, -1, 2, len(workbook)
    )
    directory += _ole_entry("", 0, -1, -1, 0) * 2
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0, 0)
        + struct.pack("<I", free) * 108
    )
    return header + struct.pack("<128I", *fat) + directory + workbook


def test_pdf_chunks_carry_page_numbers() -> None:
    content = make_pdf(["Xinxi gongkai niandu baogao", "Page two: zhaosheng jihua 2025"])
    page = doc_page("https://x.edu.cn/docs/20251031162656657219.pdf", content, "application/pdf")
    assert attachment_chunks(page) == (
        TextChunk(text="Xinxi gongkai niandu baogao", page=1),
        TextChunk(text="Page two: zhaosheng jihua 2025", page=2),
    )
    facts = read_page(page, as_of=AS_OF)
    assert facts.text == "Xinxi gongkai niandu baogao\nPage two: zhaosheng jihua 2025"
    assert [chunk.page for chunk in facts.chunks] == [1, 2]
    assert facts.published == D(2025, 10, 31)  # from the timestamped file name
    assert facts.title == "20251031162656657219.pdf"
    assert facts.notes == ()


def test_pdf_behind_vsb_download_bridge_is_recognised_by_its_bytes() -> None:
    url = "https://x.edu.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=1&wbfileid=2"
    page = doc_page(url, make_pdf(["Budget"]))
    assert [chunk.text for chunk in read_page(page, as_of=AS_OF).chunks] == ["Budget"]


def test_docx_chunk_has_paragraphs_and_table() -> None:
    page = doc_page(
        "https://x.edu.cn/files/report.docx",
        make_docx(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert attachment_chunks(page) == (
        TextChunk(
            text="示例大学2024-2025学年信息公开年度报告\n统计期限为2024年9月1日到2025年8月31日止。\n"
            "事项\t公开情况\n学校章程\t已公开\n七、其他"
        ),
    )


def test_xlsx_chunks_are_labelled_by_sheet() -> None:
    page = doc_page("https://x.edu.cn/files/ys.xlsx", make_xlsx())
    assert attachment_chunks(page) == (
        TextChunk(text="项目\t金额（万元）\n财政拨款收入\t123456", label="收入预算表"),
        TextChunk(text="教育支出\t98765.5", label="支出预算表"),
    )
    assert "财政拨款收入" in read_page(page, as_of=AS_OF).text


def test_xls_chunks_are_labelled_by_sheet() -> None:
    content = make_xls(
        {
            "收入预算表": [["项目", "金额（万元）"], ["财政拨款收入", 123456]],
            "支出": [["教育支出", 2.5]],
        }
    )
    url = "https://x.edu.cn/system/_content/download.jsp?urltype=news.DownloadAttachUrl&wbfileid=7"
    page = doc_page(url, content, "application/vnd.ms-excel")
    assert attachment_chunks(page) == (
        TextChunk(text="项目\t金额（万元）\n财政拨款收入\t123456", label="收入预算表"),
        TextChunk(text="教育支出\t2.5", label="支出"),
    )
    # an OLE file behind a download bridge with no declared type is tried as .xls
    assert len(attachment_chunks(doc_page(url, content))) == 2


def test_corrupt_documents_give_a_note_not_an_exception() -> None:
    url = "https://x.edu.cn/files/broken.pdf"
    broken = doc_page(url, b"%PDF-1.4\n1 0 obj << /Type /Catalog", "application/pdf")
    assert attachment_chunks(broken) == ()
    facts = read_page(broken, as_of=AS_OF)
    assert facts.chunks == () and facts.text == ""
    assert len(facts.notes) == 1 and facts.notes[0].startswith(f"附件无法解析：{url}（")
    ole = doc_page(
        "https://x.edu.cn/files/old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    )
    notes = read_page(ole, as_of=AS_OF).notes
    assert len(notes) == 1 and notes[0].startswith("附件无法解析：https://x.edu.cn/files/old.xls（")
    zipped = doc_page("https://x.edu.cn/files/a.docx", b"PK\x03\x04 not really a zip")
    assert read_page(zipped, as_of=AS_OF).notes[0].startswith("附件无法解析：")


def test_markup_from_old_editors_is_read() -> None:
    """Unclosed tags nest deep, an XML declaration names another encoding than fetch found,
    and a page may hold no markup at all."""
    unclosed = "<font>" * 1500 + "<p>发布时间：2025-03-02</p>"
    facts = read_page(html_page("https://x.edu.cn/info/1/2.htm", unclosed), as_of=AS_OF)
    assert facts.published == D(2025, 3, 2) and not facts.notes
    beyond = "<div>" * 3000 + "<p>深处</p>"
    facts = read_page(html_page("https://x.edu.cn/info/1/3.htm", beyond), as_of=AS_OF)
    assert "深处" not in facts.text
    assert facts.notes == ("页面标签嵌套超过 2048 层（多为未闭合的标签），更深处的内容没有读到",)
    declared = '<?xml version="1.0" encoding="gb2312"?><html><body><h1>学生手册</h1></body></html>'
    assert read_page(html_page("https://x.edu.cn/a.htm", declared), as_of=AS_OF).title == "学生手册"
    empty = read_page(html_page("https://x.edu.cn/b.htm", "  <!-- 空 -->  "), as_of=AS_OF)
    assert (empty.title, empty.text, empty.notes) == ("", "", ())
