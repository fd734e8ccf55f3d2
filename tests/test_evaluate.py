"""Status and timeliness at the boundaries; working days across holidays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from xxgk.cadence import AnnualCadence, MaxAgeCadence, annual_due
from xxgk.checklist import Element, load_checklist
from xxgk.evaluate import (
    Located,
    Source,
    decide_status,
    edition_end,
    evaluate,
    find_element,
    judge_edition,
    judge_timeliness,
)
from xxgk.models import ElementResult, ItemResult, Page, Reason, ReasonKind, Status
from xxgk.rules import load_rules
from xxgk.workdays import add_working_days

D = dt.date
OCT31 = AnnualCadence(annual="10-31")
FEB_END = AnnualCadence(annual="02-29")
DAYS_180 = MaxAgeCadence(max_age="180d")


@pytest.mark.parametrize(
    ("cadence", "dates", "as_of", "timely", "due", "if_not"),
    [
        # annual 10-31: the due date is the latest 10-31 on or before as_of
        (OCT31, [D(2026, 10, 31)], D(2026, 11, 30), True, D(2026, 10, 31), Status.PASS),
        (OCT31, [D(2026, 11, 1)], D(2026, 11, 30), False, D(2026, 10, 31), Status.LATE),
        (OCT31, [D(2025, 11, 1)], D(2026, 11, 30), True, D(2026, 10, 31), Status.PASS),
        (OCT31, [D(2025, 10, 31)], D(2026, 11, 30), False, D(2026, 10, 31), Status.STALE),
        (
            OCT31,
            [D(2025, 10, 30), D(2026, 11, 5)],
            D(2026, 11, 30),
            False,
            D(2026, 10, 31),
            Status.LATE,
        ),
        (
            OCT31,
            [D(2026, 10, 20), D(2026, 11, 5)],
            D(2026, 11, 30),
            True,
            D(2026, 10, 31),
            Status.PASS,
        ),
        # on the due date itself the new due date is today
        (OCT31, [D(2025, 10, 31)], D(2026, 10, 31), False, D(2026, 10, 31), Status.STALE),
        (OCT31, [D(2025, 10, 31)], D(2026, 10, 30), True, D(2025, 10, 31), Status.PASS),
        (OCT31, [], D(2026, 11, 30), False, D(2026, 10, 31), Status.STALE),
        # 02-29 is the end of February: 28th in a common year, 29th in a leap year
        (FEB_END, [D(2028, 2, 29)], D(2028, 3, 1), True, D(2028, 2, 29), Status.PASS),
        (FEB_END, [D(2027, 3, 1)], D(2027, 3, 1), False, D(2027, 2, 28), Status.LATE),
        (FEB_END, [D(2027, 2, 28)], D(2028, 2, 28), True, D(2027, 2, 28), Status.PASS),
        (FEB_END, [D(2027, 2, 28)], D(2028, 2, 29), False, D(2028, 2, 29), Status.STALE),
        # max_age: exactly that old is still timely, a day more is not
        (DAYS_180, [D(2026, 6, 3)], D(2026, 11, 30), True, D(2026, 11, 30), Status.PASS),
        (DAYS_180, [D(2026, 6, 2)], D(2026, 11, 30), False, D(2026, 11, 29), Status.STALE),
        (DAYS_180, [D(2024, 2, 29)], D(2024, 8, 27), True, D(2024, 8, 27), Status.PASS),
        (DAYS_180, [], D(2026, 11, 30), False, None, Status.STALE),
        ("on_change", [D(2010, 1, 1)], D(2026, 11, 30), None, None, Status.STALE),
    ],
)
def test_timeliness_boundaries(
    cadence: object,
    dates: list[dt.date],
    as_of: dt.date,
    timely: bool | None,
    due: dt.date | None,
    if_not: Status,
) -> None:
    got_timely, got_due, got_status, _ = judge_timeliness(cadence, dates, as_of)  # type: ignore[arg-type]
    assert (got_timely, got_due) == (timely, due)
    if timely is False:
        assert got_status is if_not


def test_annual_due_uses_previous_year_before_the_deadline() -> None:
    assert annual_due(OCT31, D(2026, 1, 15)) == D(2025, 10, 31)
    assert annual_due(AnnualCadence(annual="11-30"), D(2026, 11, 30)) == D(2026, 11, 30)


def _found(*flags: bool) -> tuple[ElementResult, ...]:
    return tuple(ElementResult(name=f"e{i}", found=f) for i, f in enumerate(flags))


@pytest.mark.parametrize(
    ("unreachable", "found", "timely", "if_late", "expected"),
    [
        (["x"], _found(True, True), True, Status.PASS, Status.UNREACHABLE),
        ([], _found(False, False), None, Status.PASS, Status.MISSING),
        ([], _found(True, False), False, Status.LATE, Status.PARTIAL),
        ([], _found(True, True), False, Status.STALE, Status.STALE),
        ([], _found(True, True), False, Status.LATE, Status.LATE),
        ([], _found(True, True), None, Status.STALE, Status.PASS),
        ([], _found(True, True), True, Status.PASS, Status.PASS),
    ],
)
def test_worst_status_wins(
    unreachable: list[str],
    found: tuple[ElementResult, ...],
    timely: bool | None,
    if_late: Status,
    expected: Status,
) -> None:
    assert decide_status(Located(unreachable=unreachable), found, timely, if_late) is expected


def test_element_found_with_snippet_and_where() -> None:
    element = Element(name="支出决算表", keywords=("支出决算表", "决算支出"))
    sources = [
        Source("收支决算总表 收入决算表", "http://a/1.htm"),
        Source("附件：2025年 支出 决算表（财政拨款）", "http://a/b.pdf", page=3),
    ]
    result = find_element(element, sources)
    assert result.found and result.where == "http://a/b.pdf" and result.page == 3
    assert result.snippet is not None and "支出决算表" in result.snippet
    assert not find_element(Element(name="x", keywords=("财政拨款支出决算表",)), sources[:1]).found


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # National Day 2026: 10-01..10-07 off, Saturday 10-10 a make-up workday
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 9, 30), 3, D(2026, 10, 10)),
        (D(2026, 9, 25), 5, D(2026, 10, 9)),
        # Spring Festival 2026: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 13), 20, D(2026, 3, 19)),
        # ordinary weeks
        (D(2026, 11, 30), 20, D(2026, 12, 28)),
    ],
)
def test_working_days_across_holidays(start: dt.date, days: int, expected: dt.date) -> None:
    assert add_working_days(start, days) == (expected, True)


def test_working_days_beyond_the_calendar_fall_back_to_weekdays() -> None:
    day, exact = add_working_days(D(2026, 12, 25), 20)
    assert not exact
    assert day == D(2027, 1, 22)  # Mon-Fri only once 2027 is unknown


@pytest.mark.parametrize(
    ("title", "end"),
    [
        ("示例职业技术学院2025-2026学年信息公开年度报告", D(2026, 8, 31)),
        ("中山大学2023—2024学年信息公开年度报告", D(2024, 8, 31)),
        ("2022至2023学年度信息公开工作报告", D(2023, 8, 31)),
        ("广东海洋大学2021年度信息公开年度报告", D(2021, 12, 31)),
        ("2023-2025学年", None),
        ("学校简介", None),
    ],
)
def test_edition_read_from_title(title: str, end: dt.date | None) -> None:
    assert edition_end(title) == end


def test_edition_found_only_by_academic_year_title_is_timely() -> None:
    titles = [("2025-2026学年信息公开年度报告", None), ("2024-2025学年信息公开年度报告", None)]
    timely, status, reasons = judge_edition(titles, D(2026, 10, 31)) or (None, None, [])
    assert (timely, status) == (True, Status.PASS)
    assert reasons == [
        Reason(
            kind=ReasonKind.EDITION_TITLE,
            text="按标题中的年度认定本期已发布：《2025-2026学年信息公开年度报告》",
        )
    ]


def test_edition_published_after_deadline_is_late() -> None:
    titles = [("2025-2026学年信息公开年度报告", D(2026, 11, 5))]
    outcome = judge_edition(titles, D(2026, 10, 31))
    assert outcome is not None and outcome[:2] == (False, Status.LATE)


def test_only_old_editions_leave_dates_to_decide() -> None:
    assert judge_edition([("2023-2024学年信息公开年度报告", None)], D(2026, 10, 31)) is None


# --------------------------------------------------------------------------- dates with sources

LIST_URL = "https://xxgk.example.edu.cn/xxgk/tzgg.htm"
RULES_YAML = f"""
school: {{name: 示例职业技术学院, kind: vocational}}
checklist: moe-2014
site: {{base_url: "https://xxgk.example.edu.cn/", hosts: [xxgk.example.edu.cn]}}
items:
  1:
    urls: [{LIST_URL}]
    section: ul.news
    pages: 1
    articles: 2
    cadence: {{max_age: 180d}}
"""


def _html(url: str, body: str) -> Page:
    return Page(
        url=url, final_url=url, status=200, headers={"content-type": "text/html"}, text=body
    )


def _article(url: str, published: str) -> Page:
    """An article naming every element of item 1, under a 发布时间 label."""
    item = next(i for i in load_checklist("moe-2014").items if i.id == 1)
    named = "、".join(e.name for e in item.elements)
    body = (
        "<html><head><title>办学基本情况-信息公开</title></head><body><h1>办学基本情况</h1>"
        f"<p>发布时间：{published}</p><div class='v_news_content'><p>学校{named}"
        "等基本情况如下，请师生知悉，如有疑问请与党政办公室联系。</p></div></body></html>"
    )
    return _html(url, body)


def _audit_item_1(tmp_path: Path, first_article: str) -> ItemResult:
    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES_YAML, encoding="utf-8")
    checklist = load_checklist("moe-2014")
    rules = load_rules(rules_path, frozenset(i.id for i in checklist.items))
    rows = (
        "<li><a href='info/1001/12.htm'>办学规模</a><span>[12-01]</span></li>"
        "<li><a href='info/1001/11.htm'>学校机构设置</a><span>[11-20]</span></li>"
    )
    pages = {
        LIST_URL: _html(LIST_URL, f"<html><body><ul class='news'>{rows}</ul></body></html>"),
        "https://xxgk.example.edu.cn/xxgk/info/1001/12.htm": _article(
            "https://xxgk.example.edu.cn/xxgk/info/1001/12.htm", first_article
        ),
        "https://xxgk.example.edu.cn/xxgk/info/1001/11.htm": _article(
            "https://xxgk.example.edu.cn/xxgk/info/1001/11.htm", "2025-11-20"
        ),
    }
    result = evaluate(checklist, rules, pages, D(2026, 12, 7))
    return next(item for item in result.items if item.id == 1)


def test_a_year_less_list_date_takes_its_year_from_the_article(tmp_path: Path) -> None:
    """By the list's order the rows would be 2026-12-01 and 2026-11-20: timely. The
    articles say 2025: the column has not moved for a year, and the item is stale."""
    item = _audit_item_1(tmp_path, "2025-12-01")
    assert (item.latest_date, item.date_source) == (
        D(2025, 12, 1),
        "list row, year from the article",
    )
    assert item.date_url == "https://xxgk.example.edu.cn/xxgk/info/1001/12.htm"
    assert item.status is Status.STALE


def test_an_article_that_names_another_day_is_a_note(tmp_path: Path) -> None:
    item = _audit_item_1(tmp_path, "2026-11-02")
    conflicts = [r for r in item.reasons if r.kind is ReasonKind.DATE_CONFLICT]
    assert [r.text for r in conflicts] == [
        "列表日期 12-01 与文章发布日期 2026-11-02 不一致：https://xxgk.example.edu.cn/xxgk/info/1001/12.htm"
    ]


def test_a_refused_document_in_a_list_row_says_so_on_the_item(tmp_path: Path) -> None:
    """An XLSX row with more members than any workbook has (a zip bomb's shape) is never
    opened; the item says why, where before the note was lost."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(5_001):
            archive.writestr(f"xl/worksheets/s{n}.xml", "")
    sheet_url = "https://xxgk.example.edu.cn/xxgk/files/tjb.xlsx"
    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES_YAML, encoding="utf-8")
    checklist = load_checklist("moe-2014")
    rules = load_rules(rules_path, frozenset(i.id for i in checklist.items))
    rows = f"<li><a href='{sheet_url}'>基本情况统计表.xlsx</a><span>2026-11-20</span></li>"
    pages = {
        LIST_URL: _html(LIST_URL, f"<html><body><ul class='news'>{rows}</ul></body></html>"),
        sheet_url: Page(
            url=sheet_url,
            final_url=sheet_url,
            status=200,
            headers={
                "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            },
            content=buffer.getvalue(),
        ),
    }
    item = next(i for i in evaluate(checklist, rules, pages, D(2026, 12, 7)).items if i.id == 1)
    assert f"附件未解析：{sheet_url}（压缩包内有 5002 个文件，超过上限 5000）" in item.notes
