"""Item 6 inside the audit: the newest annual report the walk opened is checked like
`xxgk report-check` checks one, and its findings reach item 6 and report.json."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from xxgk.checklist import load_checklist
from xxgk.evaluate import evaluate
from xxgk.models import AuditResult, ItemResult, Page, ReasonKind, Status
from xxgk.report import markdown
from xxgk.report.html import render as render_html
from xxgk.rules import load_rules

FIXTURES = Path(__file__).parent / "fixtures" / "annual"
BASE = "https://xxgk.example.edu.cn"
AS_OF = dt.date(2024, 12, 2)
REPORT_URL = f"{BASE}/info/1030/1.htm"
RULES = f"""
school: {{name: 江城职业技术学院, kind: vocational}}
checklist: moe-2014
site: {{base_url: "{BASE}/", hosts: [xxgk.example.edu.cn]}}
items:
  1:
    urls: [/xxgksx/jbxx.htm]
    section: ul.news
    articles: 0
  6:
    urls: [/xxgknb.htm]
    section: ul.news
    articles: 1
"""


def page(url: str, body: str) -> Page:
    return Page(
        url=url, final_url=url, status=200, headers={"content-type": "text/html"}, text=body
    )


def report_page(text: str, published: str) -> Page:
    lines = text.strip().splitlines()
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    body = (
        f"<html><head><title>{html.escape(lines[0])}</title></head><body>"
        f"<h1>{html.escape(lines[0])}</h1><p>发布时间：{published}</p>"
        f"<div class='v_news_content'>{paragraphs}</div></body></html>"
    )
    return page(REPORT_URL, body)


def column(rows: int) -> Page:
    """Item 1's column: `rows` dated entries inside 2023-09-01..2024-08-31, on one page."""
    items = "".join(
        f"<li><a href='/info/1001/{n}.htm'>学校基本情况{n}</a>"
        f"<span>{dt.date(2023, 9, 10) + dt.timedelta(days=20 * n)}</span></li>"
        for n in range(rows)
    )
    return page(
        f"{BASE}/xxgksx/jbxx.htm", f"<html><body><ul class='news'>{items}</ul></body></html>"
    )


def audit(
    tmp_path: Path, report_text: str, *, published: str = "2024-10-28", rows: int = 12
) -> AuditResult:
    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES, encoding="utf-8")
    checklist = load_checklist("moe-2014")
    rules = load_rules(rules_path, frozenset(i.id for i in checklist.items))
    title = report_text.strip().splitlines()[0]
    listing = (
        f"<html><body><ul class='news'><li><a href='/info/1030/1.htm'>{html.escape(title)}</a>"
        f"<span>{published}</span></li></ul></body></html>"
    )
    pages = {
        f"{BASE}/xxgknb.htm": page(f"{BASE}/xxgknb.htm", listing),
        REPORT_URL: report_page(report_text, published),
        f"{BASE}/xxgksx/jbxx.htm": column(rows),
    }
    return evaluate(checklist, rules, pages, AS_OF)


def item(result: AuditResult, item_id: int) -> ItemResult:
    return next(i for i in result.items if i.id == item_id)


def report_text(claimed: int | str = 12) -> str:
    return f"""江城职业技术学院2023-2024学年信息公开工作年度报告
本报告所列数据的统计期限为2023年9月1日至2024年8月31日。
一、概述
学校坚持以公开为常态、不公开为例外，健全信息公开工作机制。
二、主动公开情况
（一）主动公开信息数量
学年内，学校信息公开专栏共发布信息{claimed}条，官网发布新闻二百余条。
（二）主动公开清单所列事项情况
1.基本信息：学校在信息公开专栏公开了学校章程、机构设置等信息。
2.招生考试信息：招生网公开了招生章程和分专业招生计划。
三、依申请公开和不予公开情况
本学年，学校没有收到依申请公开申请。
四、对信息公开工作的评议情况
学校组织师生代表评议信息公开工作，满意率为96%。
五、因学校信息公开工作受到举报、复议、诉讼的情况
本学年，学校未发生因信息公开工作受到举报、复议、诉讼的情况。
六、存在的主要问题及改进措施
部分栏目更新不够及时，下一步将按月通报各部门更新情况。
七、其他需要报告的事项
无。
"""


def test_a_report_missing_a_part_makes_item_6_partial(tmp_path: Path) -> None:
    text = (FIXTURES / "missing-part.txt").read_text(encoding="utf-8")
    result = audit(tmp_path, text, published="2024-10-30")
    six = item(result, 6)
    assert six.status is Status.PARTIAL
    parts = {e.name: e.found for e in six.elements if e.name.startswith("年度报告·")}
    assert parts["年度报告·对信息公开工作的评议情况"] is False
    assert parts["年度报告·概述"] is True
    assert result.report_check is not None
    assert result.report_check["source"] == REPORT_URL
    missing = [r for r in six.reasons if r.kind is ReasonKind.MISSING_ELEMENT]
    assert any("对信息公开工作的评议情况" in r.text for r in missing)


def test_a_late_report_makes_item_6_late(tmp_path: Path) -> None:
    result = audit(tmp_path, report_text(), published="2024-11-12")
    six = item(result, 6)
    assert six.status is Status.LATE and six.timely is False
    assert result.report_check is not None and result.report_check["on_time"] is False
    assert "年度报告核查：发布日期 2024-11-12 晚于截止日期 2024-10-31（逾期 12 天）" in six.notes


def test_the_column_claim_agrees_with_the_crawl(tmp_path: Path) -> None:
    result = audit(tmp_path, report_text(claimed=12), rows=12)
    assert result.report_check is not None
    [claim] = result.report_check["claims"]
    assert (claim["claimed"], claim["crawled"], claim["complete"], claim["flagged"]) == (
        12,
        12,
        True,
        False,
    )
    assert item(result, 6).status is Status.PASS


def test_a_column_claim_far_off_is_flagged_with_both_numbers(tmp_path: Path) -> None:
    result = audit(tmp_path, report_text(claimed=200), rows=12)
    assert result.report_check is not None
    [claim] = result.report_check["claims"]
    assert (claim["claimed"], claim["crawled"], claim["flagged"]) == (200, 12, True)
    text = (
        "年度报告称信息公开专栏发布信息 200 条；本次核查的栏目在统计期间 2023-09-01 至 "
        "2024-08-31 内共有 12 条有日期的条目，相差较大，请核实"
    )
    six = item(result, 6)
    assert text in six.notes
    assert six.status is Status.PASS  # a claim to look at is a note, never a finding


def test_a_category_claimed_published_whose_items_are_missing_is_flagged(tmp_path: Path) -> None:
    result = audit(tmp_path, report_text())
    assert result.report_check is not None
    claims = {c["category"]: c for c in result.report_check["category_claims"]}
    # 基本信息: item 1's column names none of its elements, items 2–5 have no location
    assert claims["基本信息"]["flagged"] is True
    assert claims["基本信息"]["failing"] == [1, 2, 3, 4, 5]
    assert (
        "年度报告称「基本信息」已公开，本次核查中该类第1项、第2项、第3项、第4项、第5项缺失或未及时更新"
        in (item(result, 6).notes)
    )


def test_every_report_format_shows_the_check(tmp_path: Path) -> None:
    hostile = report_text().replace(
        "江城职业技术学院2023-2024学年", "江城<script>alert(1)</script>|学院2023-2024学年", 1
    )
    result = audit(tmp_path, hostile)
    md = markdown.render(result).decode()
    assert "## 年度报告核查（第 6 项最新一期）" in md
    assert "| 对信息公开工作的评议情况 | ✓ | 四、对信息公开工作的评议情况 | 14 |" in md
    assert "<script>" not in md
    page_html = render_html(result).decode()
    assert 'id="annual-report"' in page_html
    assert "<script>alert(1)</script>" not in page_html
    assert "江城&lt;script&gt;alert(1)&lt;/script&gt;" in page_html


def test_no_report_opened_no_block(tmp_path: Path) -> None:
    result = audit(tmp_path, "江城职业技术学院2023-2024学年教学质量报告\n一、概述\n无。\n")
    assert result.report_check is None


def test_a_pdf_report_takes_its_date_from_the_list_row(tmp_path: Path) -> None:
    """Most schools link the report as a PDF straight from the column: the document has no
    date of its own, the list row says when it was published."""
    from documents import make_cjk_pdf

    rules_path = tmp_path / "rules.yaml"
    rules_path.write_text(RULES, encoding="utf-8")
    checklist = load_checklist("moe-2014")
    rules = load_rules(rules_path, frozenset(i.id for i in checklist.items))
    lines = report_text().strip().splitlines()
    pdf_url = f"{BASE}/docs/ndbg2024.pdf"
    listing = (
        f"<html><body><ul class='news'><li><a href='{pdf_url}'>{lines[0]}.pdf</a>"
        "<span>2024-11-05</span></li></ul></body></html>"
    )
    pdf = Page(
        url=pdf_url,
        final_url=pdf_url,
        status=200,
        headers={"content-type": "application/pdf"},
        content=make_cjk_pdf(lines),
    )
    pages = {f"{BASE}/xxgknb.htm": page(f"{BASE}/xxgknb.htm", listing), pdf_url: pdf}
    result = evaluate(checklist, rules, pages, AS_OF)
    assert result.report_check is not None
    assert (result.report_check["kind"], result.report_check["published"]) == ("pdf", "2024-11-05")
    assert result.report_check["on_time"] is False
    assert item(result, 6).status is Status.LATE
