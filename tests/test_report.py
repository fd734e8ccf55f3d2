"""Report formats: golden files, determinism, gap lists (CSV/XLSX/Markdown), JUnit, HTML escaping."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import xml.etree.ElementTree as ET
from base64 import b64encode
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from factories import make_result

from xxgk import sitehost
from xxgk.cli import main
from xxgk.models import Status, TrendPoint
from xxgk.report import FORMATS, gaps, html, json, junit, write_reports
from xxgk.report import render as render_format

GOLDEN = Path(__file__).parent / "golden"
SITES = Path(__file__).parent / "sites"
UPDATE_GOLDEN = os.environ.get("XXGK_UPDATE_GOLDEN") == "1"
DETERMINISTIC = ["json", "md", "gaps-csv", "gaps-md", "junit", "html", "gaps-xlsx"]

# Departments of the factory's gaps, in the order of their first gap in the checklist.
EXPECTED_GAPS = {
    "党政办公室": [1, 3, 6],
    "招生就业处": [7],
    "计划财务处": [17, 19],
    "人事处": [25],
    "教务处": [27, 33],
    "学生工作处": [40],
    "未指定部门": [48],
}
INJECTED = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# ------------------------------------------------------------------ golden files, determinism


@pytest.mark.parametrize("fmt", ["json", "md", "gaps-csv", "gaps-md", "junit"])
def test_matches_golden_file(fmt: str) -> None:
    name = FORMATS[fmt][0]
    data = render_format(fmt, make_result())
    golden = GOLDEN / name
    if UPDATE_GOLDEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(data)
    assert data == golden.read_bytes(), f"{name} differs from {golden} (XXGK_UPDATE_GOLDEN=1)"


@pytest.mark.parametrize("fmt", DETERMINISTIC)
def test_same_result_gives_the_same_bytes(fmt: str) -> None:
    assert render_format(fmt, make_result()) == render_format(fmt, make_result())


def test_reports_have_no_timestamp_but_the_runs_own() -> None:
    result = make_result()
    for fmt in ["json", "md", "gaps-csv", "gaps-md", "junit", "html"]:
        text = render_format(fmt, result).decode("utf-8")
        assert not re.search(r"\d{2}:\d{2}:\d{2}", text), fmt


def test_items_in_checklist_order() -> None:
    result = make_result()
    shuffled = result.model_copy(update={"items": tuple(reversed(result.items))})
    for fmt in ["gaps-csv", "gaps-md", "junit", "html"]:
        assert render_format(fmt, shuffled) == render_format(fmt, result), fmt


def test_report_json_parses_back() -> None:
    result = make_result()
    assert json.parse(json.render(result)) == result


def test_write_reports_writes_every_format(tmp_path: Path) -> None:
    paths = write_reports(make_result(), tmp_path, list(FORMATS))
    assert sorted(p.name for p in paths) == sorted(name for name, _ in FORMATS.values())
    assert not list(tmp_path.glob(".*.tmp"))
    assert {p.stat().st_mode & 0o777 for p in paths} == {0o644}  # readable, not private


# ------------------------------------------------------------------ gap lists


def test_gaps_grouped_by_department_in_checklist_order() -> None:
    groups = gaps.gaps_by_department(make_result())
    assert {d: [i.id for i in items] for d, items in groups.items()} == EXPECTED_GAPS
    assert list(groups)[-1] == "未指定部门"


def test_gap_summary_says_what_is_missing() -> None:
    items = {i.id: i for i in make_result().items}
    assert gaps.gap_summary(items[25]) == "缺少要素：人员招聘信息"
    assert gaps.gap_summary(items[3]) == "未及时更新（最新日期 2025-03-01，应于 2026-10-31 前更新）"
    assert gaps.gap_summary(items[6]) == "逾期发布（截止日期 2026-10-31，发布于 2026-11-12）"
    assert gaps.gap_summary(items[17]) == (
        "页面无法访问：https://xxgk.example.edu.cn/xxgk/17.htm（连接超时）"
    )
    assert gaps.gap_summary(items[33]).startswith("未找到公开内容（应含：")


def test_csv_has_bom_and_parses_back() -> None:
    data = gaps.render_csv(make_result())
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["责任部门", "序号", "事项", "状态", "存在问题", "证据", "最新日期", "截止日期",
                       "整改期限（20个工作日）", "说明"]  # fmt: skip
    assert [(r[0], int(r[1])) for r in rows[1:]] == [
        (d, i) for d, ids in EXPECTED_GAPS.items() for i in ids
    ]
    first = rows[1]
    assert first[3] == "要素不全"
    assert first[5] == "https://xxgk.example.edu.cn/xxgk/1.htm"
    assert first[8] == "2026-12-28"  # 20 working days after 2026-11-30


def test_csv_cells_cannot_run_as_formulas() -> None:
    result = make_result(notes={7: ('=HYPERLINK("http://evil")',)})
    rows = list(csv.reader(io.StringIO(gaps.render_csv(result).decode("utf-8-sig"))))
    row = next(r for r in rows if r[1] == "7")
    assert row[9] == '\'=HYPERLINK("http://evil")'


def test_xlsx_one_sheet_per_department_with_expected_rows() -> None:
    book = openpyxl.load_workbook(io.BytesIO(gaps.render_xlsx(make_result())))
    assert book.sheetnames == list(EXPECTED_GAPS)
    for department, ids in EXPECTED_GAPS.items():
        rows = list(book[department].iter_rows(values_only=True))
        assert rows[0] == gaps.COLUMNS
        assert [r[0] for r in rows[1:]] == ids
    sheet = book["党政办公室"]
    assert sheet["C2"].value == "要素不全"
    assert sheet["E2"].hyperlink.target == "https://xxgk.example.edu.cn/xxgk/1.htm"
    assert sheet["H2"].value.date().isoformat() == "2026-12-28"
    assert sheet.freeze_panes == "A2"


def test_xlsx_split_one_workbook_per_department() -> None:
    files = gaps.split_xlsx(make_result())
    assert list(files) == [f"gaps-{d}.xlsx" for d in EXPECTED_GAPS]
    for department, ids in EXPECTED_GAPS.items():
        book = openpyxl.load_workbook(io.BytesIO(files[f"gaps-{department}.xlsx"]))
        assert book.sheetnames == [department]
        assert [r[0] for r in book.active.iter_rows(min_row=2, values_only=True)] == ids


def test_xlsx_sheet_names_are_valid_and_unique() -> None:
    names = gaps.sheet_names(["财务/资产处", "财务:资产处", "x" * 40, "X" * 40])
    assert names == ["财务_资产处", "财务_资产处(2)", "x" * 31, "X" * 28 + "(2)"]


def test_no_gaps_at_all() -> None:
    result = make_result(dict.fromkeys(gaps_ids(), Status.PASS))
    assert gaps.gaps_by_department(result) == {}
    assert "未发现问题。" in gaps.render_markdown(result).decode()
    book = openpyxl.load_workbook(io.BytesIO(gaps.render_xlsx(result)))
    assert book.sheetnames == ["无问题"]


def gaps_ids() -> list[int]:
    return [i for ids in EXPECTED_GAPS.values() for i in ids]


def test_gaps_markdown_escapes_crawled_text() -> None:
    result = make_result(notes={7: (INJECTED,)}, titles={7: "招生章程|<b>粗体</b>"})
    text = gaps.render_markdown(result).decode()
    assert "<script>" not in text and "<b>" not in text
    assert "招生章程\\|\\<b\\>粗体\\</b\\>" in text


def test_gaps_command_reads_report_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    report.write_bytes(json.render(make_result()))
    assert main(["gaps", "--report", str(report), "--by", "department"]) == 0
    assert (tmp_path / "gaps.csv").read_bytes() == gaps.render_csv(make_result())
    assert (tmp_path / "gaps.md").exists() and (tmp_path / "gaps.xlsx").exists()
    out = capsys.readouterr().out
    assert "示例职业技术学院（核查日期 2026-11-30）：11 项问题，涉及 7 个部门" in out
    assert "  党政办公室：3 项" in out

    split = tmp_path / "split"
    assert main(["gaps", "--report", str(report), "--split", "--out", str(split)]) == 0
    assert sorted(p.name for p in split.glob("*.xlsx")) == sorted(
        f"gaps-{d}.xlsx" for d in EXPECTED_GAPS
    )


def test_gaps_command_rejects_a_file_that_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "report.json"
    bad.write_text("{}", "utf-8")
    assert main(["gaps", "--report", str(bad)]) == 2
    assert capsys.readouterr().err == f"--report: 不是 xxgk 的 report.json（实际为 '{bad}'）\n"
    assert main(["gaps", "--report", str(tmp_path / "none.json")]) == 2


# ------------------------------------------------------------------ JUnit


def test_junit_one_testcase_per_item() -> None:
    root = ET.fromstring(junit.render(make_result()))
    suite = root.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 50
    assert suite.get("name") == "示例职业技术学院"
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("50", "11", "3")
    by_id = {int(c.get("name", "").split()[0]): c for c in cases}
    assert by_id[1].get("classname") == "基本信息"
    failure = by_id[7].find("failure")
    assert failure is not None and failure.get("type") == "missing"
    assert failure.get("message", "").startswith("缺失：未找到公开内容")
    stale = by_id[3].find("failure")
    assert stale is not None and stale.get("message", "").startswith("未及时更新（最新日期")
    skipped = by_id[11].find("skipped")
    assert skipped is not None and skipped.get("message") == "不适用：本校不培养研究生"
    assert list(by_id[2]) == []  # passes


def test_junit_survives_control_characters_in_crawled_text() -> None:
    result = make_result(notes={7: ("坏字符\x00\x1b结束",)})
    root = ET.fromstring(junit.render(result))
    texts = "".join(root.itertext())
    assert "坏字符结束" in texts


# ------------------------------------------------------------------ HTML


def test_html_is_self_contained_and_complete() -> None:
    page = html.render(make_result()).decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("html")["lang"] == "zh-CN"  # type: ignore[index]
    assert len(soup.select("tbody.item")) == 50
    # nothing is loaded from anywhere: no external scripts, styles, images or fonts
    assert not soup.select("script[src], link, img, iframe, object, embed")
    assert "@import" not in page and "url(" not in page
    # a filter for each status, category and department
    statuses = [b["data-status"] for b in soup.select("button[data-status]")]
    assert statuses == ["", "gap", "pass", "late", "stale", "partial", "missing", "unreachable",
                        "not_applicable"]  # fmt: skip
    categories = [o["value"] for o in soup.select("#f-category option")]
    assert len(categories) == 11 and categories[1] == "基本信息"
    departments = [o["value"] for o in soup.select("#f-department option")]
    assert departments[-1] == "未指定部门" and "党政办公室" in departments
    # per item: elements found and missing, dates, deadline and evidence links
    row = soup.select_one("#item-1")
    assert row is not None and row["data-status"] == "partial"
    assert "✓ 办学规模" in row.get_text() and "✗ 学科情况" in row.get_text()
    assert "2026-10-31" in row.get_text() and "2026-12-28" in row.get_text()
    assert row.select_one('a[href="https://xxgk.example.edu.cn/xxgk/1.htm"]') is not None
    # category bars and trend chart are inline SVG
    assert soup.select_one("section.categories svg") is not None
    assert soup.select_one("section.trend svg") is not None


def test_html_csp_allows_only_its_own_script() -> None:
    page = html.render(make_result()).decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1
    digest = b64encode(hashlib.sha256(scripts[0].string.encode()).digest()).decode()
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]  # type: ignore[index]
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_html_trend_chart_shows_past_runs() -> None:
    trend = [
        TrendPoint(run_id=1, as_of=make_result().as_of.replace(day=2), coverage=0.5,
                   timeliness=0.4, pass_rate=0.3),
        TrendPoint(run_id=2, as_of=make_result().as_of.replace(day=16), coverage=0.7,
                   timeliness=0.6, pass_rate=0.5),
    ]  # fmt: skip
    page = html.render_with_trend(make_result(), trend).decode("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.select("section.trend polyline")) == 2
    assert len(soup.select("section.trend circle")) == 6
    assert "2026-11-02 至 2026-11-30，共 3 次核查" in soup.select_one("section.trend").get_text()  # type: ignore[union-attr]
    assert html.render(make_result()) == html.render_with_trend(make_result(), [])


def assert_no_injected_markup(page: str) -> BeautifulSoup:
    """Only the report's own script, no event handlers, no javascript: links."""
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0].string == html.SCRIPT
    assert not soup.select("img, iframe, textarea, object, embed, form, base")
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag.name, attr)
            if attr in ("href", "src", "action", "formaction", "xlink:href"):
                assert str(value).startswith(("https://", "http://", "#")), (tag.name, value)
    return soup


def test_html_escapes_everything_taken_from_pages() -> None:
    result = make_result(
        school="学院</title><script>alert(0)</script>",
        titles={1: INJECTED},
        snippets={1: INJECTED},
        notes={1: (INJECTED,)},
        departments={1: '"><b onmouseover=alert(1)>处'},
        urls={
            1: ("javascript:alert(1)",),
            2: ('https://x.edu.cn/"><script>alert(2)</script>',),
            3: ("data:text/html,<script>alert(3)</script>",),
        },
    )
    page = html.render(result).decode("utf-8")
    soup = assert_no_injected_markup(page)
    row = soup.select_one("#item-1")
    assert row is not None
    assert INJECTED in row.get_text()  # shown as text
    assert "javascript:alert(1)" in row.get_text()
    assert not row.select('a[href^="javascript"]')
    assert soup.title is not None and "<script>alert(0)</script>" in soup.title.get_text()
    link = soup.select_one("#item-2 a[href]")
    assert link is not None and link["href"] == 'https://x.edu.cn/"><script>alert(2)</script>'


def test_audit_of_a_page_holding_script_gives_inert_html(tmp_path: Path, site_port: int) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "audit",
            "--rules",
            str(SITES / "inject.yaml"),
            "--resolve",
            f"xxgk.inject.edu.cn=127.0.0.1:{site_port}",
            "--as-of",
            "2026-11-30",
            "--out",
            str(out),
            "--no-cache",
            "--no-history",
            "--quiet",
        ]
    )
    assert code == 0
    report = json.parse((out / "report.json").read_bytes())
    item = next(i for i in report.items if i.id == 2)
    snippets = "".join(e.snippet or "" for e in item.elements)
    assert "<script>" in snippets or "onerror" in snippets or "onload" in snippets
    page = (out / "report.html").read_text("utf-8")
    soup = assert_no_injected_markup(page)
    text = soup.select_one("#item-2").get_text()  # type: ignore[union-attr]
    assert "alert(" in text  # the crawled markup is there, as text
    ET.fromstring((out / "junit.xml").read_bytes())


def test_two_audits_of_the_same_pages_give_the_same_reports(tmp_path: Path) -> None:
    outs = [tmp_path / "a", tmp_path / "b"]
    with sitehost.serve(SITES / "history-v1") as port:
        for out in outs:
            args = ["audit", "--rules", str(SITES / "history.yaml"), "--as-of", "2026-11-30"]
            args += ["--resolve", f"xxgk.history.edu.cn=127.0.0.1:{port}", "--out", str(out)]
            assert main([*args, "--no-cache", "--no-history", "--quiet"]) == 0
    first, second = ({p.name: p.read_bytes() for p in out.iterdir()} for out in outs)
    assert first.keys() == second.keys()
    for name in ("gaps.csv", "gaps.md", "gaps.xlsx", "junit.xml"):
        assert first[name] == second[name], name
    # report.json and report.md differ only in the run's own fetch block (time taken)
    a, b = (json.parse(files["report.json"]) for files in (first, second))
    assert a.model_copy(update={"fetch": b.fetch}) == b
    assert json.render(a.model_copy(update={"fetch": b.fetch})) == second["report.json"]
    lines_a, lines_b = (f["report.md"].decode().splitlines() for f in (first, second))
    assert [x for x in lines_a if not x.startswith("抓取页面")] == [
        x for x in lines_b if not x.startswith("抓取页面")
    ]


def test_a_folder_of_reports_is_one_run_or_says_it_is_not(tmp_path: Path) -> None:
    """manifest.json names the files of one run with their hashes; it goes first and comes
    back last, so a run stopped half way leaves no manifest, never one over a mix."""
    from xxgk.report.manifest import MANIFEST, is_whole

    result = make_result()
    write_reports(result, tmp_path, list(FORMATS))
    assert is_whole(tmp_path)
    manifest = (tmp_path / MANIFEST).read_text(encoding="utf-8")
    assert '"report.json"' in manifest and '"as_of": "' in manifest

    # a second run that fails on its fourth file: the first three are new, the rest old
    (tmp_path / "report.html").unlink()
    (tmp_path / "report.html").mkdir()
    with pytest.raises(OSError):
        write_reports(make_result(school="另一所学院"), tmp_path, list(FORMATS))
    assert not (tmp_path / MANIFEST).exists()
    assert not is_whole(tmp_path)

    # a file changed after the set was written no longer matches it
    (tmp_path / "report.html").rmdir()
    write_reports(result, tmp_path, list(FORMATS))
    (tmp_path / "gaps.md").write_text("changed", encoding="utf-8")
    assert not is_whole(tmp_path)
