"""The annual report check (信息公开工作年度报告): parts, dates and claimed figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from documents import make_cjk_pdf, make_report_docx

from xxgk.annual.check import ReportCheck, check_report
from xxgk.annual.figures import Figure, FigureKey, figures_of, find_figures
from xxgk.annual.numerals import parse_chinese_number, parse_number
from xxgk.annual.parts import find_structure
from xxgk.annual.periods import (
    Deadline,
    ExpectedPeriod,
    check_period,
    expected_period,
    find_academic_year,
    find_date_line,
    find_stated_period,
    full_dates,
)
from xxgk.annual.source import report_text
from xxgk.errors import InputError
from xxgk.models import Page
from xxgk.rules import load_rules

D = dt.date
REPO = Path(__file__).parent.parent
REFERENCE = REPO.parent / "shared" / "reference" / "annual-report-sample-2022-2023.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "annual"
DEFAULT_PERIOD = expected_period(None, "default")
DEFAULT_DEADLINE = Deadline(month_day="10-31")
AS_OF = D(2026, 11, 30)


def check(
    text: str,
    *,
    published: dt.date | None = None,
    period: ExpectedPeriod = DEFAULT_PERIOD,
    deadline: Deadline = DEFAULT_DEADLINE,
    annex_required: bool = False,
) -> ReportCheck:
    return check_report(
        text,
        published=published,
        expected_period=period,
        deadline=deadline,
        annex_required=annex_required,
    )


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def found_headings(result: ReportCheck) -> list[tuple[str, str | None, int | None]]:
    return [(part.key, part.heading, part.order) for part in result.parts]


def kinds(result: ReportCheck) -> list[str]:
    return [finding.kind for finding in result.findings]


# ------------------------------------------------------------------ the reference report


@pytest.fixture(scope="module")
def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def test_reference_report_has_all_seven_parts_in_order_as_written(reference: str) -> None:
    result = check(reference)
    assert found_headings(result) == [
        ("overview", "一、概述", 1),
        ("proactive", "二、主动公开情况", 2),
        ("on_request", "三、依申请公开和不予公开情况", 3),
        ("review", "四、对信息公开工作的评议情况", 4),
        ("complaints", "五、因学校信息公开工作受到举报、复议、诉讼的情况", 5),
        ("problems", "六、本年度信息公开工作存在的问题及下一步改进措施", 6),
        ("other", "七、其他需要报告的事项", 7),
    ]
    assert result.parts_in_order
    # the second heading is written with stray spaces around it, and still found on its line
    proactive = result.parts[1]
    assert proactive.line is not None
    assert reference.splitlines()[proactive.line - 1] == " 二、主动公开情况 "
    # sub-headings of another numbering (（二）主动公开清单所列事项情况) never count
    assert [part.number for part in result.parts] == [1, 2, 3, 4, 5, 6, 7]
    assert result.title == "湖南大众传媒职业技术学院2022-2023学年信息公开报告"
    assert result.academic_year == "2022-2023"


def test_reference_report_period_is_not_the_default_academic_year(reference: str) -> None:
    result = check(reference)
    period = result.period
    assert (period.stated_start, period.stated_end) == (D(2022, 11, 1), D(2023, 10, 31))
    assert period.sentence == "报告中所列统计数据的起止时间为2022年11月1日到2023年10月31日"
    assert (period.expected_start, period.expected_end) == (D(2022, 9, 1), D(2023, 8, 31))
    assert period.matches is False
    assert result.findings[0].text == (
        "统计期间为 2022-11-01 至 2023-10-31，与应有的 2022-09-01 至 2023-08-31"
        "（默认统计期间 09-01:08-31）不符"
    )
    hunan = check(reference, period=expected_period("11-01:10-31", "rules"))
    assert hunan.period.matches is True
    assert "period_mismatch" not in kinds(hunan)


def test_reference_report_is_late_by_default_and_on_time_with_the_provinces_deadline(
    reference: str,
) -> None:
    result = check(reference)
    assert (result.published, result.published_from) == (D(2023, 11, 29), "date_line")
    assert (result.deadline, result.on_time) == (D(2023, 10, 31), False)
    assert "发布日期 2023-11-29 晚于截止日期 2023-10-31（逾期 29 天）" in [
        f.text for f in result.findings
    ]
    hunan = check(reference, deadline=Deadline(month_day="11-30", origin="rules"))
    assert (hunan.deadline, hunan.on_time, hunan.deadline_origin) == (
        D(2023, 11, 30),
        True,
        "rules",
    )
    assert kinds(hunan) == ["period_mismatch"]


def test_reference_report_figures(reference: str) -> None:
    figures = check(reference).figures

    def first(key: FigureKey) -> Figure:
        return figures_of(figures, key)[0]

    assert (first("column_items").value, first("column_items").text) == (357, "357 条")
    assert first("column_items").sentence == "其中：信息公开专栏发布信息357 条；"
    assert (first("news").value, first("news").label) == (351, "官方网站发布新闻")
    assert (first("notices").value, first("notices").label) == (50, "通知及公告")
    assert first("bidding").value == 221
    assert "共发布招标公告、招标结果等信息221条" in first("bidding").sentence
    received = figures_of(figures, "requests_received")
    assert [(f.value, f.text) for f in received] == [(0, "未收到公开信息申请")]
    assert [f.value for f in figures if f.key in ("complaints", "reviews", "lawsuits")] == [0, 0, 0]
    # 点击量589.9万余次 and 岗位1580个 count clicks and posts, not published items
    assert not [f for f in figures if f.value in (5_899_000, 1580, 524933)]
    odd = [f for f in figures if f.qualifier == "odd"]
    assert [(f.value, f.text) for f in odd] == [(510, "510余条"), (200, "200余条")]
    assert [(f.value, f.qualifier) for f in figures if f.text == "近300条"] == [(300, "nearly")]


def test_claimed_column_total_is_the_largest_column_figure_of_the_proactive_part(
    reference: str,
) -> None:
    result = check(reference)
    column = figures_of(result.figures, "column_items")
    assert [(f.value, f.part) for f in column] == [
        (357, "proactive"),
        (24, "proactive"),
        (12, "proactive"),
    ]
    assert result.column_claim == column[0]
    assert check("一、概述\n正文。\n").column_claim is None


# ------------------------------------------------------------------ structure


def test_complete_report_passes_every_check() -> None:
    result = check(fixture("complete-2023-2024.txt"))
    assert result.passed, result.findings
    # the table of contents at the top and the parts named in body text do not count
    assert [(p.key, p.line) for p in result.parts] == [
        ("overview", 14),
        ("proactive", 16),
        ("on_request", 25),
        ("review", 27),
        ("complaints", 29),
        ("problems", 31),
        ("other", 33),
    ]
    assert result.parts[1].heading == "二、主动公开 情况"  # spaces inside kept as written


def test_contents_without_page_numbers_do_not_count() -> None:
    text = fixture("complete-2023-2024.txt")
    bare = "\n".join(line.rstrip("…12345") for line in text.splitlines())
    assert "\n一、概述\n二、主动公开情况\n" in bare  # the contents, now without page numbers
    result = check(bare)
    assert [p.line for p in result.parts] == [14, 16, 25, 27, 29, 31, 33]
    assert result.passed


def test_report_missing_a_part() -> None:
    result = check(fixture("missing-part.txt"))
    assert [(p.key, p.found) for p in result.parts if not p.found] == [("review", False)]
    assert result.parts_in_order
    assert [(f.kind, f.text, f.part) for f in result.findings] == [
        ("missing_part", "缺少必备部分「对信息公开工作的评议情况」", "review")
    ]
    # （一）-numbered top level; the 1. sub-headings under it are not parts
    assert result.parts[1].heading == "（二）主动公开信息情况"
    assert result.parts[4].heading == "（四）因学校信息公开工作收到举报、复议、诉讼的情况"
    assert not result.passed


def test_parts_out_of_order() -> None:
    result = check(fixture("out-of-order.txt"))
    assert all(part.found for part in result.parts)
    assert not result.parts_in_order
    assert [(p.key, p.order) for p in result.parts] == [
        ("overview", 1),
        ("proactive", 2),
        ("on_request", 3),
        ("review", 5),
        ("complaints", 4),
        ("problems", 6),
        ("other", 7),
    ]
    assert [(f.kind, f.text) for f in result.findings] == [
        ("part_order", "「第五部分 对信息公开工作的评议情况」（第 13 行）的位置不符合规定顺序")
    ]


def test_merged_parts_share_one_heading_and_stay_in_order() -> None:
    text = report_text(html_page(FIXTURES / "merged-parts.htm"), as_of=AS_OF).text
    result = check(text)
    merged = "三、依申请公开和不予公开情况及因信息公开工作受到举报、复议、诉讼的情况"
    by_key = {part.key: part for part in result.parts}
    assert (by_key["on_request"].heading, by_key["on_request"].merged_with) == (
        merged,
        ("complaints",),
    )
    assert (by_key["complaints"].heading, by_key["complaints"].order) == (merged, 3)
    assert by_key["review"].order == 4
    assert result.parts_in_order


@pytest.mark.parametrize(
    ("heading", "key"),
    [
        ("一、 概 述", "overview"),
        ("二、主动公开信息情况", "proactive"),
        ("二、主动公开的情况", "proactive"),
        ("三．依申请公开和不予公开情况", "on_request"),
        ("四、对学校信息公开的评议情况", "review"),
        ("五、因学校信息公开工作遭到举报的情况", "complaints"),
        ("六、信息公开工作的主要经验和举措、问题和改进措施", "problems"),
        ("第七部分　其他需要报告的事项", "other"),
        ("七、其他需要说明的事项", "other"),
    ],
)
def test_heading_variants(heading: str, key: str) -> None:
    structure = find_structure(f"报告\n{heading}\n正文。\n")
    assert [(p.key, p.heading) for p in structure.parts if p.found] == [(key, heading)]


def test_a_numbered_sentence_naming_a_part_is_body_text() -> None:
    text = "一、概述\n1.主动公开情况良好，学校信息公开专栏全年发布信息120条，各部门均按清单要求及时公开了本部门负责的事项。\n"
    structure = find_structure(text)
    assert [p.key for p in structure.parts if p.found] == ["overview"]


def test_annex_where_the_province_requires_it() -> None:
    text = fixture("complete-2023-2024.txt")
    assert kinds(check(text, annex_required=True)) == ["missing_annex"]
    with_annex = check(
        text + "\n附件：清单事项公开情况表\n序号\t事项\t公开情况\n", annex_required=True
    )
    assert with_annex.passed
    assert with_annex.annex.heading == "附件：清单事项公开情况表"


# ------------------------------------------------------------------ the same report as PDF and DOCX


def document_page(url: str, content: bytes) -> Page:
    return Page(url=url, final_url=url, status=200, headers={}, content=content)


def html_page(path: Path) -> Page:
    url = "https://xxgk.xiling.edu.cn/info/1017/2468.htm"
    return Page(
        url=url,
        final_url=url,
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},
        content=path.read_bytes(),
        text=path.read_text(encoding="utf-8"),
    )


def test_same_report_as_pdf_and_docx_gives_the_same_result() -> None:
    lines = fixture("complete-2023-2024.txt").splitlines()
    pdf = report_text(document_page("https://x.edu.cn/a.pdf", make_cjk_pdf(lines, 20)), as_of=AS_OF)
    docx = report_text(
        document_page("https://x.edu.cn/a.docx", make_report_docx(lines)), as_of=AS_OF
    )
    assert (pdf.kind, docx.kind) == ("pdf", "docx")
    from_pdf, from_docx = check(pdf.text), check(docx.text)
    assert from_pdf == from_docx
    assert from_pdf.passed
    from_text = check("\n".join(lines))
    assert [p.heading for p in from_pdf.parts] == [p.heading for p in from_text.parts]
    assert [(f.key, f.value, f.qualifier, f.text) for f in from_pdf.figures] == [
        (f.key, f.value, f.qualifier, f.text) for f in from_text.figures
    ]
    assert from_pdf.published == from_text.published == D(2024, 10, 28)


def test_unreadable_document_gives_no_text() -> None:
    broken = document_page("https://x.edu.cn/a.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    assert report_text(broken, as_of=AS_OF).text == ""


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二三年十月三十一日", [D(2023, 10, 31)]),
        ("二〇二四年十一月十五日", [D(2024, 11, 15)]),
        ("2023年11月29日", [D(2023, 11, 29)]),
        ("10月31日前发布", []),  # no year: not a date a report can be judged by
    ],
)
def test_full_dates(text: str, expected: list[dt.date]) -> None:
    assert full_dates(text) == expected


def test_chinese_numeral_period_and_date_line() -> None:
    text = (
        "东湖学院二〇二二—二〇二三学年信息公开工作年度报告\n"
        "本报告统计时间为二〇二二年九月一日至二〇二三年八月三十一日。\n"
        "一、概述\n正文。\n"
        "东湖学院\n二〇二三年十月三十一日\n"
    )
    result = check(text)
    assert result.academic_year == "2022-2023"
    assert (result.period.stated_start, result.period.stated_end) == (D(2022, 9, 1), D(2023, 8, 31))
    assert result.period.matches is True
    assert (result.published, result.deadline, result.on_time) == (
        D(2023, 10, 31),
        D(2023, 10, 31),
        True,
    )


def test_page_date_wins_over_the_date_line_late_by_default_on_time_in_province() -> None:
    read = report_text(html_page(FIXTURES / "merged-parts.htm"), as_of=AS_OF)
    assert read.published == D(2024, 11, 20)  # 发布时间 on the page, not the 落款 11-15
    late = check(read.text, published=read.published)
    assert (late.published_from, late.deadline, late.on_time) == ("page", D(2024, 10, 31), False)
    assert kinds(late) == ["late"]
    province = check(read.text, published=read.published, deadline=Deadline(month_day="11-30"))
    assert (province.deadline, province.on_time, province.passed) == (D(2024, 11, 30), True, True)


def test_date_line_is_a_line_that_is_a_date() -> None:
    lines = [
        "七、其他需要报告的事项",
        "学校于2024年10月8日召开会议审议本报告。",
        "西岭学院 二〇二四年十月二十八日",
        "附件：清单事项公开情况表",
        "序号\t事项\t公开日期",
        "1\t学校章程\t2024-03-01",
    ]
    date_line = find_date_line(lines)
    assert date_line is not None
    assert (date_line.date, date_line.line) == (D(2024, 10, 28), 3)
    assert find_date_line(lines[:2]) is None  # a date inside a sentence is not the date line


def test_report_without_any_date_is_undated() -> None:
    text = fixture("complete-2023-2024.txt").replace("二〇二四年十月二十八日", "")
    result = check(text)
    assert (result.published, result.on_time) == (None, None)
    assert [(f.kind, f.text) for f in result.findings] == [("undated", "无法确定报告的发布日期")]


def test_academic_year_and_stated_period_forms() -> None:
    year = find_academic_year(["某学院2023—2024学年信息公开年度报告"])
    assert year is not None and (year.start, year.end) == (2023, 2024)
    assert find_academic_year(["某学院2023年信息公开年度报告"]) is None
    stated = find_stated_period("统计数据的起止时间：2023年9月1日—2024年8月31日。")
    assert stated is not None and (stated.start, stated.end) == (D(2023, 9, 1), D(2024, 8, 31))
    months = find_stated_period("本报告统计时段为2022年9月至2023年8月。")
    assert months is not None and (months.start, months.end) == (D(2022, 9, 1), D(2023, 8, 31))
    cn_months = find_stated_period("统计时间为二〇二二年十二月至二〇二三年十一月")
    assert cn_months is not None
    assert (cn_months.start, cn_months.end) == (D(2022, 12, 1), D(2023, 11, 30))
    # two dates in a sentence that does not speak of a statistics period are not one
    assert find_stated_period("学校于2023年9月1日至2023年9月3日举行迎新活动。") is None


def test_period_setting_is_checked_like_a_deadline(tmp_path: Path) -> None:
    assert check_period("11-01:10-31") == "11-01:10-31"
    for bad in ("9-1:8-31", "09-01", "13-01:10-31", "09-01:02-30"):
        with pytest.raises(ValueError, match="统计期间无效"):
            check_period(bad)
    rules = tmp_path / "x.yaml"
    rules.write_text(
        "school: {name: 测试学院, kind: vocational}\n"
        'site: {base_url: "https://x.edu.cn/"}\n'
        'annual_report: {period: "11-01-10-31"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_rules(rules)
    assert caught.value.problems == [
        f"{rules}:3: annual_report.period: 统计期间无效（应为 \"MM-DD:MM-DD\"，实际为 '11-01-10-31'）"
    ]


# ------------------------------------------------------------------ figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("信息公开专栏发布信息357条", [("column_items", 357, "exact", "357条")]),
        ("共发布各类信息3,570余条", [("other", 3570, "odd", "3,570余条")]),
        ("学校官网发布新闻二百余条", [("news", 200, "odd", "二百余条")]),
        ("发布通知公告近50条", [("notices", 50, "nearly", "近50条")]),
        ("信息公开网发布信息超过100条", [("column_items", 100, "over", "超过100条")]),
        ("发布招投标信息1.2万余条", [("bidding", 12000, "odd", "1.2万余条")]),
        ("收到依申请公开申请0件", [("requests_received", 0, "exact", "0件")]),
        (
            "共受理信息公开申请12件，按时答复11件",
            [
                ("requests_received", 12, "exact", "12件"),
                ("requests_answered", 11, "exact", "11件"),
            ],
        ),
        (
            "学年内没有收到依申请公开申请",
            [("requests_received", 0, "exact", "没有收到依申请公开申请")],
        ),
        ("全年收到举报1件", [("complaints", 1, "exact", "1件")]),
        ("网站点击量达6万余次，提供岗位1580个", []),
        ("依据《办法》第十二条的规定", []),
    ],
)
def test_figures(text: str, expected: list[tuple[str, int, str, str]]) -> None:
    assert [(f.key, f.value, f.qualifier, f.text) for f in find_figures(text)] == expected


def test_figure_keeps_its_sentence_and_line() -> None:
    text = "一、概述\n学校官网发布新闻312条、通知公告86条；官微发布推文151篇。\n"
    figures = find_figures(text)
    assert [(f.key, f.value, f.label, f.line) for f in figures] == [
        ("news", 312, "学校官网发布新闻", 2),
        ("notices", 86, "通知公告", 2),
        ("other", 151, "官微发布推文", 2),
    ]
    assert figures[0].sentence == "学校官网发布新闻312条、通知公告86条；"


@pytest.mark.parametrize(
    ("text", "value"),
    [("二百", 200), ("十一", 11), ("一百零五", 105), ("三万五千", 35000), ("二〇二三", 2023)],
)
def test_chinese_numbers(text: str, value: int) -> None:
    assert parse_chinese_number(text) == value


def test_numbers_with_separators_and_multipliers() -> None:
    assert parse_number("3,570") == 3570
    assert parse_number("589.9", "万") == 5_899_000
    assert parse_number("１２") == 12
    assert parse_number("多") is None


PART_NAMES = (
    "概述",
    "主动公开情况",
    "依申请公开和不予公开情况",
    "对信息公开工作的评议情况",
    "因学校信息公开工作受到举报、复议、诉讼的情况",
    "存在的主要问题及改进措施",
    "其他需要报告的事项",
)
CN = "一二三四五六七"


@pytest.mark.parametrize(
    ("heading", "subheading", "style"),
    [
        ("{n}.{name}", "（{n}）具体工作", "arabic"),
        ("{n}、{name}", None, "arabic"),
        # sub-headings that name parts too, in another numbering, never count
        ("（{cn}）{name}", "1.{next}相关工作", "cn_paren"),
        ("第{cn}部分 {name}", "{cn}、{later}", "part"),
        ("{name}", None, "none"),
        ("{cn}、{name}。本学年，学校按要求开展了这方面的工作", None, "cn_comma"),
    ],
)
def test_numbering_styles(heading: str, subheading: str | None, style: str) -> None:
    lines = ["某学院2023-2024学年信息公开工作年度报告"]
    for i, name in enumerate(PART_NAMES):
        names = {"n": i + 1, "cn": CN[i], "name": name}
        lines.append(heading.format(**names))
        if subheading is not None:
            following = {"next": PART_NAMES[(i + 1) % 7], "later": PART_NAMES[(i + 3) % 7]}
            lines.append(subheading.format(**names, **following))
        lines.append("学校按要求开展工作，主动公开情况良好，评议满意，未收到举报。")
    structure = find_structure("\n".join(lines))
    step = 3 if subheading else 2
    assert structure.style == style
    assert [p.line for p in structure.parts] == [2 + step * i for i in range(7)]
    assert structure.in_order
