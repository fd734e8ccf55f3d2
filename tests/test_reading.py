"""Reading real pages as a person does: the article's body, and its publication date with
where it came from (labels, the byline, metas, scripts, the URL), never site chrome."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from xxgk.extract import parse_date, read_page
from xxgk.fetch import decode_body
from xxgk.models import Page

FIXTURES = Path(__file__).parent / "fixtures" / "reading"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "date-corpus"
AS_OF = dt.date(2026, 12, 7)
D = dt.date


def html_page(url: str, text: str) -> Page:
    return Page(
        url=url, final_url=url, status=200, headers={"content-type": "text/html"}, text=text
    )


def article(html: str, url: str = "https://www.example.edu.cn/info/1011/2001.htm") -> Page:
    return html_page(url, html)


def read_article(page: Page) -> tuple[dt.date | None, str | None, str]:
    facts = read_page(page, as_of=AS_OF, section=None, pagination=False)
    return facts.published, facts.published_source, facts.text


BODY = (
    "<p>为进一步做好学校信息公开工作，根据教育部有关规定，学校对信息公开目录进行了全面梳理，"
    "现将有关事项通知如下，请各单位认真落实，按时报送本部门应公开的信息。</p>"
    "<p>各单位应指定专人负责，信息发布前须经部门负责人审核，涉及个人隐私的内容不得公开。</p>"
)


def titled(byline: str, head: str = "", body: str = BODY) -> str:
    return (
        f"<html><head><title>关于做好信息公开工作的通知-示例大学</title>{head}</head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/xxgk/'>信息公开</a></div>"
        f"<h1>关于做好信息公开工作的通知</h1>{byline}<div class='v_news_content'>{body}</div>"
        "</body></html>"
    )


# --------------------------------------------------------------------------- bodies


def test_table_layout_article_keeps_its_body_and_label_date() -> None:
    """An IIS/ASP page: the body in nested tables whose classes say 'bottom' and 'nav'."""
    html = (FIXTURES / "asp_table_article.html").read_text(encoding="utf-8")
    url = "http://www.example-college.cn/xxgk/show.asp?id=88"
    published, source, text = read_article(html_page(url, html))
    assert (published, source) == (D(2025, 4, 22), "label:发布时间")
    assert "收支预算总表、收入预算表、支出预算表" in text
    assert "财政拨款收入8,765.43万元" in text
    assert "今天是" not in text and "最后更新" not in text and "版权所有" not in text


def test_byline_in_a_foot_class_is_read_and_comments_are_not() -> None:
    html = (FIXTURES / "foot_byline_post.html").read_text(encoding="utf-8")
    url = "https://xsc.example.edu.cn/2024/03/05/zizhu-xuanjiang/"
    published, source, text = read_article(html_page(url, html))
    assert (published, source) == (D(2024, 3, 5), "label:发表于")
    assert "国家励志奖学金" in text


def test_a_page_with_no_body_block_keeps_all_its_text_and_says_so() -> None:
    html = "<html><body><div><a href='/a'>首页</a> 学校章程 <span>2024-01-01</span></div></body></html>"
    facts = read_page(article(html), as_of=AS_OF, section=None, pagination=False)
    assert "学校章程" in facts.text
    assert facts.notes == ("页面中没有找到正文区块，按整页文字阅读",)


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("<p>发布时间：2024-03-05 10:12</p>", (D(2024, 3, 5), "label:发布时间")),
        ("<p>发布日期:2022.01.20</p>", (D(2022, 1, 20), "label:发布日期")),
        ("<p>作者：张三 发表于 2021年7月9日</p>", (D(2021, 7, 9), "label:发表于")),
        ("<p>【 发布: 2020/04/17 】</p>", (D(2020, 4, 17), "label:发布")),
        ("<p>日期：２０２３－１０－３１</p>", (D(2023, 10, 31), "label:日期")),
        ("<p>时间：2005-08-22 19:13:18</p>", (D(2005, 8, 22), "label:时间")),
        ("<p>录入时间：2019-05-06</p>", (D(2019, 5, 6), "label:录入时间")),
        ("<p>发布日期： 9/17/2004 5:54:13 AM</p>", (D(2004, 9, 17), "label:发布日期")),
        ("<p>成文日期：二〇二三年十月三十日</p>", (D(2023, 10, 30), "label:成文日期")),
        # 成文日期 (signed) ranks below 发布日期 (published); 更新时间 below both
        ("<p>成文日期：2022-01-27 发布日期：2022-01-28</p>", (D(2022, 1, 28), "label:发布日期")),
        ("<p>更新时间：2023-06-01 发布时间：2023-05-20</p>", (D(2023, 5, 20), "label:发布时间")),
        ("<p>更新时间：2023-06-01</p>", (D(2023, 6, 1), "label:更新时间")),
    ],
)
def test_labelled_dates(byline: str, expected: tuple[dt.date, str]) -> None:
    published, source, _ = read_article(article(titled(byline)))
    assert (published, source) == expected


def test_unlabelled_byline_under_the_title() -> None:
    byline = "<div class='info'><span>2022-02-13 20:04</span> <span>来源：扬子晚报</span></div>"
    assert read_article(article(titled(byline)))[:2] == (D(2022, 2, 13), "byline")


def test_a_word_that_is_not_a_label_gives_no_date() -> None:
    body = BODY + "<p>本次活动发布2019年成果，时间安排另行通知。</p>"
    assert read_article(article(titled("", body=body)))[:2] == (None, None)


# --------------------------------------------------------------------------- metas


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2020-04-01T08:30:00+08:00">',
            (D(2020, 4, 1), "meta:article:published_time"),
        ),
        (
            '<meta property="og:release_date" content="2020-11-26 08:04">',
            (D(2020, 11, 26), "meta:og:release_date"),
        ),
        ('<meta name="PubDate" content="2022-02-11 09:52">', (D(2022, 2, 11), "meta:PubDate")),
        (
            '<meta name="publishdate" content="2020-01-02">',
            (D(2020, 1, 2), "meta:publishdate"),
        ),
        ('<meta name="date" content="2020/10/04 15:05:21">', (D(2020, 10, 4), "meta:date")),
        (
            '<script type="application/ld+json">{"@context":"https://schema.org",'
            '"@type":"NewsArticle","datePublished":"2020-03-12T10:00:00+08:00"}</script>',
            (D(2020, 3, 12), "json-ld"),
        ),
    ],
)
def test_meta_dates(head: str, expected: tuple[dt.date, str]) -> None:
    assert read_article(article(titled("", head=head)))[:2] == expected


def test_time_element_and_itemprop() -> None:
    time_tag = "<div class='meta'><time datetime='2019-07-24T09:00:00Z'>七月</time></div>"
    assert read_article(article(titled(time_tag)))[:2] == (D(2019, 7, 24), "time")
    itemprop = "<span itemprop='datePublished' content='2018-06-18'>六月十八日</span>"
    assert read_article(article(titled(itemprop)))[:2] == (D(2018, 6, 18), "meta:datePublished")


# --------------------------------------------------------------------------- scripts and URLs


@pytest.mark.parametrize(
    "script",
    [
        '<script>document.write("2020-04-17 10:20");</script>',
        "<script type='text/javascript'>showDate('2020/04/17 09:00:00');</script>",
    ],
)
def test_dates_written_by_inline_scripts(script: str) -> None:
    byline = f"<div class='info'>{script} 来源：校办</div>"
    published, source, text = read_article(article(titled(byline)))
    assert (published, source) == (D(2020, 4, 17), "script")
    assert "\ue002" not in text and "\ue003" not in text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.example.cn/news/2020-02/19/c_1125594.htm", D(2020, 2, 19)),
        ("https://www.example.gov.cn/zwgk/202302/t20230219_123.html", D(2023, 2, 19)),
        ("https://www.example.edu.cn/2023/0219/c1234a5678/page.htm", D(2023, 2, 19)),
        ("https://www.example.edu.cn/202302/list_5.htm", None),
    ],
)
def test_url_dates(url: str, expected: dt.date | None) -> None:
    published, source, _ = read_article(article(titled(""), url))
    assert (published, source) == (expected, "url" if expected else None)


# --------------------------------------------------------------------------- chrome


def test_header_today_is_never_the_date() -> None:
    header = "<div class='top'>今天是：2026年12月7日 星期一</div>"
    html = titled("").replace("<body>", f"<body>{header}")
    assert read_article(article(html))[:2] == (None, None)
    date_above_title = titled("").replace("<h1>", "<p>今天是2026年12月6日</p><h1>")
    assert read_article(article(date_above_title))[:2] == (None, None)


@pytest.mark.parametrize("section", [None, "div.list"])
def test_footer_last_updated_is_never_the_column_date(section: str | None) -> None:
    html = (FIXTURES / "footer_updated_list.html").read_text(encoding="utf-8")
    url = "https://xxgk.example.edu.cn/xxgk/xxzc.htm"
    facts = read_page(html_page(url, html), as_of=AS_OF, section=section)
    assert facts.published is None or facts.published <= D(2024, 6, 18)
    assert max(entry.date for entry in facts.entries if entry.date) == D(2024, 6, 18)


def test_footer_updated_on_an_article_is_not_its_date() -> None:
    footer = "<div class='ft'><p>网站最后更新时间：2026-12-05</p><p>更新时间：2026-12-05</p></div>"
    html = titled("").replace("</body>", f"{footer}</body>")
    assert read_article(article(html))[:2] == (None, None)


# --------------------------------------------------------------------------- year-less list dates


def list_page(rows: str, url: str = "https://www.example.edu.cn/tzgg/list.htm") -> Page:
    return html_page(
        url, f"<html><body><h2>通知公告</h2><ul class='news'>{rows}</ul></body></html>"
    )


def test_year_less_list_dates_take_the_year_from_the_url() -> None:
    rows = (
        "<li><a href='/2024/1120/c101a201/page.htm'>通知一</a><span>[11-20]</span></li>"
        "<li><a href='/2024/0305/c101a202/page.htm'>通知二</a><span>[03-05]</span></li>"
    )
    facts = read_page(list_page(rows), as_of=AS_OF, section="ul.news")
    assert [(e.date, e.date_source) for e in facts.entries] == [
        (D(2024, 11, 20), "list row, year from the URL"),
        (D(2024, 3, 5), "list row, year from the URL"),
    ]


def test_year_less_list_dates_follow_the_newest_first_order() -> None:
    rows = "".join(
        f"<li><a href='/info/{i}.htm'>通知{i}</a><span>{md}</span></li>"
        for i, md in enumerate(["12-01", "03-02", "11-20", "06-30", "12-15"])
    )
    facts = read_page(list_page(rows), as_of=AS_OF, section="ul.news")
    assert [e.date for e in facts.entries] == [
        D(2026, 12, 1),
        D(2026, 3, 2),
        D(2025, 11, 20),
        D(2025, 6, 30),
        D(2024, 12, 15),
    ]
    assert {e.date_source for e in facts.entries} == {"list row, year from the list's order"}


def test_a_url_that_contradicts_the_row_is_a_note_not_a_guess() -> None:
    rows = "<li><a href='/2024/1121/c101a201/page.htm'>通知一</a><span>[11-20]</span></li>"
    facts = read_page(list_page(rows), as_of=AS_OF, section="ul.news")
    assert facts.notes == (
        "列表日期 11-20 与链接中的日期 2024-11-21 不一致：https://www.example.edu.cn/2024/1121/c101a201/page.htm",
    )


# --------------------------------------------------------------------------- the real corpus

# What the reader reaches on the corpus's Chinese pages (bench/dates.py prints each page):
# the figures may rise, never fall.
CORPUS_ZH_CORRECT = 29
CORPUS_ZH_WRONG = 1


def _corpus_rows() -> list[dict[str, str]]:
    with (CORPUS / "truth.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["lang"] == "zh"]


def test_dates_of_the_real_chinese_corpus() -> None:
    assert CORPUS.is_dir(), f"the shared date corpus is missing: {CORPUS}"
    correct = wrong = 0
    for row in _corpus_rows():
        text, _, _ = decode_body((CORPUS / "pages" / row["file"]).read_bytes(), {})
        url = row["url"] or f"http://example.invalid/{row['file']}"
        facts = read_page(html_page(url, text), as_of=AS_OF, section=None, pagination=False)
        if facts.published is not None:
            correct += facts.published.isoformat() == row["expected_date"]
            wrong += facts.published.isoformat() != row["expected_date"]
    assert (correct, wrong) >= (CORPUS_ZH_CORRECT, 0)
    assert wrong <= CORPUS_ZH_WRONG


# --------------------------------------------------------------------------- pagination

VSB_FANYE = (
    '<table class="headStyle"><tr><td><table class="pageList"><tr>'
    '<td nowrap id="fanye126657">共65条&nbsp;&nbsp;2/14&nbsp;</td><td nowrap><div>'
    '<a href="../sx18.htm" class="Next">首页</a><a href="14.htm" class="Next">上页</a>'
    '<a href="12.htm" class="Next">下页</a><a href="1.htm" class="Next">尾页</a>&nbsp;'
    '<input type="button" class="defaultButtonStyle" value="转到">页</div></td></tr></table>'
    "</td></tr></table>"
)


def test_the_pagers_words_say_which_link_is_next() -> None:
    """A VSB column named with digits (sx18.htm, pages sx18/13.htm … 1.htm) whose pager
    styles every link as a.Next: 下页 is the next page, never 首页's sx18.htm."""
    rows = "".join(
        f"<li><a href='../info/1001/{i}.htm'>通知{i}</a><span>2024-01-{i + 1:02d}</span></li>"
        for i in range(5)
    )
    url = "https://xxgk.example.edu.cn/sx18/13.htm"
    page = html_page(
        url, f"<html><body><div class='list'><ul>{rows}</ul></div>{VSB_FANYE}</body></html>"
    )
    facts = read_page(page, as_of=AS_OF, section="div.list")
    assert facts.next_pages == tuple(
        f"https://xxgk.example.edu.cn/sx18/{n}.htm" for n in range(12, 0, -1)
    )


def test_a_column_name_with_digits_is_no_page_template() -> None:
    """Only a link back to the column's first page: nothing is built from sx18's digits."""
    pager = '<div class="page"><a href="../sx18.htm" class="Next">下一页</a></div>'
    url = "https://xxgk.example.edu.cn/sx18/2.htm"
    page = html_page(
        url, f"<html><body><ul><li><a href='/a.htm'>通知</a></li></ul>{pager}</body></html>"
    )
    facts = read_page(page, as_of=AS_OF, section=None)
    assert facts.next_pages == ("https://xxgk.example.edu.cn/sx18.htm",)


@pytest.mark.parametrize(
    ("fixture", "url", "expected", "body_words"),
    [
        (
            "trs_article.html",
            "https://xxgk.example.edu.cn/cwxx/202508/t20250815_8801.html",
            (D(2025, 8, 15), "label:发布时间"),
            "收入支出决算总表、收入决算表",
        ),
        (
            "hanweb_article.html",
            "https://yjsy.example.edu.cn/art/2025/3/28/art_404_12345.html",
            (D(2025, 3, 28), "label:发布日期"),
            "调剂服务系统填报调剂志愿",
        ),
        (
            "dede_article.html",
            "https://www.example-college.cn/xwzx/812.html",
            (D(2025, 9, 12), "label:时间"),
            "人才培养方案修订",
        ),
    ],
)
def test_cms_article_pages(
    fixture: str, url: str, expected: tuple[dt.date, str], body_words: str
) -> None:
    """TRS (TRS_Editor, PubDate meta), 大汉 (JCMS, a header clock written by script) and
    DedeCMS (labels in <small>): the body kept, the date under the title with its label;
    never a sidebar's, a related article's or the footer's newer date."""
    html = (FIXTURES / fixture).read_text(encoding="utf-8")
    published, source, text = read_article(html_page(url, html))
    assert (published, source) == expected
    assert body_words in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022.01.20 16:31", D(2022, 1, 20)),
        ("9/17/2004 5:54:13 AM", D(2004, 9, 17)),
        ("17/9/2004", D(2004, 9, 17)),
        ("9/17/2004", D(2004, 9, 17)),
        ("5/6/2004", None),  # either order: no date rather than a guess
        ("二〇二三年十月三十一日", D(2023, 10, 31)),
        ("２０２３年１０月３１日 下午3:00", D(2023, 10, 31)),
        ("2005年05月13日14:15", D(2005, 5, 13)),
    ],
)
def test_date_forms(text: str, expected: dt.date | None) -> None:
    assert parse_date(text, as_of=AS_OF) == expected


def test_reader_comments_never_date_an_undated_article() -> None:
    comments = (
        "<div id='comments' class='comments-area'><ol class='comment-list'>"
        "<li class='comment'><div class='comment-meta'>张同学 发表于 2026-11-30 20:15</div>"
        "<p>请问今年的助学金什么时候发放？谢谢老师，辛苦了，期待早日发放。</p></li>"
        "<li class='comment'><div class='comment-meta'>李老师 2026-12-01 08:02</div>"
        "<p>预计12月中旬发放，请同学们留意学院通知，不要轻信非官方渠道的消息。</p></li></ol></div>"
    )
    body = BODY * 3
    html = titled("", body=body).replace("</body>", f"{comments}</body>")
    assert read_article(article(html))[:2] == (None, None)


def test_a_sidebars_time_never_dates_the_article() -> None:
    aside = (
        "<aside class='widget-area'><ul><li><a href='/a'>最新通知</a>"
        "<time datetime='2026-12-01T08:00:00+08:00'>12月1日</time></li></ul></aside>"
    )
    html = titled("").replace("</body>", f"{aside}</body>")
    assert read_article(article(html))[:2] == (None, None)


def test_dates_scripts_write_in_list_rows_are_row_dates_and_leave_no_mark() -> None:
    rows = (
        "<li><a href='/info/1.htm'>通知一</a><script>document.write('2024-05-06')</script></li>"
        "<li><a href='/info/2.htm'>通知二<script>showTitle('2024-04-01 补充')</script></a>"
        "<span>2024-04-01</span></li>"
    )
    facts = read_page(list_page(rows), as_of=AS_OF, section="ul.news")
    assert [(e.title, e.date) for e in facts.entries] == [
        ("通知一", D(2024, 5, 6)),
        ("通知二 2024-04-01 补充", D(2024, 4, 1)),
    ]


def test_an_overlong_page_is_read_from_its_start_and_says_so() -> None:
    """A page that claims to be HTML and runs to 6 million characters: its start is read
    (the tree of all of it would cost ten times its size), and the item is told."""
    filler = "<p>" + "填充文字，" * 200 + "</p>"
    html = titled("<p>发布时间：2024-03-05</p>") + filler * 6_100
    assert read_article(article(html))[:2] == (D(2024, 3, 5), "label:发布时间")
    facts = read_page(article(html), as_of=AS_OF, section=None, pagination=False)
    assert facts.notes[0].startswith("网页过长（超过 5,000,000 个字符），只读取了前面部分：")


@pytest.mark.parametrize("pagination", [False, True])
def test_control_characters_in_a_page_never_stop_the_reader(pagination: bool) -> None:
    """A binary body served as text/html holds control characters lxml parses but will
    not set as text: marking the title, the main block and script dates must cope."""
    body = BODY.replace("现将", "现\x01将").replace("各单位", "各\x0b单位")
    html = titled(
        "<p>发布时间：2024-03-05\x02</p><script>show('2024-03-05\x03')</script>\x04", body=body
    ).replace("<h1>", "<div class='nav'>首页\x05</div>\x06<h1>\x07")
    facts = read_page(article(html), as_of=AS_OF, section=None, pagination=pagination)
    assert facts.published == D(2024, 3, 5)
    assert "通知如下" in facts.text
