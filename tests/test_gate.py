"""`xxgk gate` on a staged build folder (tests/sites/gate-build): exit codes and CI output.

Each test copies the build to tmp_path and breaks it the way a redesign does: a column's
list page gone, a list row gone. The audit date is fixed, so every line is asserted verbatim.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import socket
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import make_result

from xxgk import history, sitehost
from xxgk.cli import main
from xxgk.gate import describe, is_worse, judge_gate, render_summary, short_title
from xxgk.models import AuditResult, ItemResult, Reason, ReasonKind, Status, notes_of
from xxgk.report.gaps import gap_row, gap_summary
from xxgk.report.json import parse
from xxgk.rules import Gate, Waiver

SITES = Path(__file__).parent / "sites"
AS_OF = "2026-11-30"

HEADER = "门禁示例学院 信息公开发布门禁（核查日期 2026-11-30）"
BASELINE_HEADER = (
    "门禁示例学院 信息公开发布门禁（核查日期 2026-11-30，"
    "对照 2026-11-30 的基线：只有比基线变差的事项算失败）"
)
TOTALS_OK = "要素覆盖率 100.0%（门槛 90.0%）✓；及时率 100.0%（门槛 80.0%）✓"
BIDDING = "xxgksx/cw_zcjsf/zbcg.htm"  # item 18's column (资产管理处)
EMPLOYMENT = "xxgksx/xsglfw/jyzlndbg.htm"  # item 33's column (招生就业处)
ANNUAL_REPORTS = "xxgknb.htm"  # item 6's column (党政办公室, must_pass)
LINE_18 = (
    "✗ 第18项 仪器设备…招投标（资产管理处）：缺失 — "
    "链接失效：https://xxgk.gate.edu.cn/xxgksx/cw_zcjsf/zbcg.htm（HTTP 404）"
)

Run = Callable[..., tuple[int, list[str], list[str]]]


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the staged build, with the rules as school.yaml beside it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    shutil.copytree(SITES / "gate-build", tmp_path / "build")
    shutil.copy(SITES / "gate-build.yaml", tmp_path / "school.yaml")
    return tmp_path / "build"


@pytest.fixture
def gate(build: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `xxgk gate` on the copy; (exit code, stdout lines, stderr lines)."""

    def run(*extra: str, site: bool = True) -> tuple[int, list[str], list[str]]:
        where = ["--site-dir", "build"] if site else []
        args = ["gate", "--rules", "school.yaml", *where, "--as-of", AS_OF, "--no-cache"]
        code = main([*args, "--quiet", "--format", "json", *extra])
        out, err = capsys.readouterr()
        return code, out.splitlines(), err.splitlines()

    return run


def add_waiver(item: int, until: str, reason: str, approved_by: str) -> None:
    rules = Path("school.yaml")
    waiver = f"waivers:\n  - {{item: {item}, reason: {reason}, approved_by: {approved_by}, until: {until}}}\n"
    rules.write_text(rules.read_text(encoding="utf-8") + waiver, encoding="utf-8")


def drop_row(page: Path, title: str) -> None:
    """Delete the list row that links `title` (one <li id="line_u8_N">…</li>)."""
    html = page.read_text(encoding="utf-8")
    row = re.compile(
        r'<li id="line_u8_\d+">(?:(?!</li>).)*?' + re.escape(title) + r".*?</li>\n", re.S
    )
    html, count = row.subn("", html)
    assert count == 1
    page.write_text(html, encoding="utf-8")


# ------------------------------------------------------------------ pass and fail


def test_clean_build_passes(gate: Run) -> None:
    code, out, err = gate()
    assert code == 0, err
    assert out == [HEADER, TOTALS_OK, "门禁通过"]
    assert parse(Path("reports/school/report.json").read_bytes()).summary.coverage == 1.0


def test_removed_column_fails_naming_item_and_department(gate: Run, build: Path) -> None:
    (build / BIDDING).unlink()
    code, out, _ = gate()
    assert code == 1
    assert out == [
        HEADER,
        LINE_18,
        "要素覆盖率 83.3%（门槛 90.0%）✗；及时率 100.0%（门槛 80.0%）✓",
        "门禁未通过：1 项不合格；要素覆盖率低于门槛",
    ]


def test_must_pass_item_fails_even_when_its_status_is_allowed(gate: Run, build: Path) -> None:
    # The current annual report's row vanished: item 6 is stale (not in fail_on) but must pass.
    drop_row(build / ANNUAL_REPORTS, "2025—2026学年信息公开年度报告")
    code, out, _ = gate()
    assert code == 1
    assert out == [
        HEADER,
        "✗ 第6项 信息公开年度报告（党政办公室）：未及时更新 — "
        "最新材料日期 2025-10-29 早于本周期（2025-10-31 之后）；必须合格（must_pass）",
        "要素覆盖率 100.0%（门槛 90.0%）✓；及时率 75.0%（门槛 80.0%）✗",
        "门禁未通过：1 项不合格；及时率低于门槛",
    ]


def test_command_line_overrides_the_rules_gate(gate: Run, build: Path) -> None:
    (build / BIDDING).unlink()
    code, out, _ = gate("--fail-on", "none", "--min-coverage", "0.8")
    assert code == 0
    assert out == [
        HEADER,
        "要素覆盖率 83.3%（门槛 80.0%）✓；及时率 100.0%（门槛 80.0%）✓",
        "门禁通过",
    ]
    code, out, _ = gate("--fail-on", "partial", "--min-coverage", "0", "--must-pass", "18")
    assert code == 1
    assert out[1] == LINE_18 + "；必须合格（must_pass）"


def test_rules_error_exits_2(gate: Run) -> None:
    rules = Path("school.yaml")
    text = rules.read_text(encoding="utf-8")
    text = text.replace("min_coverage: 0.9", "min_coverage: 1.5")
    text = text.replace("fail_on: [missing, unreachable]", "fail_on: [missing, pass]")
    rules.write_text(text, encoding="utf-8")
    code, out, err = gate()
    assert code == 2 and out == []
    assert err == [
        "school.yaml:15: gate.min_coverage: 超出范围（应 ≤ 1.0，实际为 '1.5'）",
        "school.yaml:17: gate.fail_on: 不能把 pass 作为失败条件"
        "（应为 unreachable、missing、partial、stale、late）",
    ]


def test_usage_errors_exit_2_all_at_once(gate: Run) -> None:
    code, out, err = gate(
        "--site-dir",
        "nowhere",
        "--min-coverage",
        "2",
        "--fail-on",
        "missing,broken",
        "--must-pass",
        "6,99",
        "--baseline",
        "no-such.json",
        site=False,
    )
    assert code == 2 and out == []
    assert err == [
        "--site-dir: 目录不存在（实际为 'nowhere'）",
        # the rules file's own wording: the same models check both
        "--min-coverage: 超出范围（应 ≤ 1.0，实际为 '2'）",
        "--fail-on: 取值无效（应为 'unreachable'、'missing'、'partial'、'stale'、'late'、'pass'、"
        "'not_applicable' 之一，实际为 'broken'）",
        "--must-pass: 清单中没有第 99 项（应为 1–50）",
        "--baseline: 文件不存在或无法读取（实际为 'no-such.json'）",
    ]


def test_missing_site_dir_is_a_usage_error_for_audit_too(
    build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["audit", "--rules", "school.yaml", "--site-dir", "nowhere", "--no-cache"])
    assert code == 2
    assert capsys.readouterr().err == "--site-dir: 目录不存在（实际为 'nowhere'）\n"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # closed now: connections are refused


def test_unreachable_base_url_exits_3(gate: Run) -> None:
    rules = Path("school.yaml")
    rules.write_text(
        rules.read_text(encoding="utf-8").replace("concurrency: 4", "concurrency: 4\n  retries: 0"),
        encoding="utf-8",
    )
    code, out, err = gate("--base-url", f"http://127.0.0.1:{closed_port()}/", site=False)
    assert code == 3 and out == []
    assert err == ["无法完成核查：站点没有任何响应（连接失败：Connection refused）"]


def test_base_url_audits_a_staging_server(gate: Run, build: Path) -> None:
    (build / EMPLOYMENT).unlink()
    with sitehost.serve(build) as port:
        code, out, _ = gate("--base-url", f"http://127.0.0.1:{port}/", site=False)
    assert code == 1
    assert out[1] == (
        "✗ 第33项 高校毕业生就业质量年度报告（招生就业处）：缺失 — "
        f"链接失效：http://127.0.0.1:{port}/xxgksx/xsglfw/jyzlndbg.htm（HTTP 404）"
    )


def test_site_dir_and_base_url_are_exclusive(gate: Run) -> None:
    code, _, err = gate("--base-url", "https://staging.gate.edu.cn/")
    assert code == 2
    assert err == ["--site-dir 与 --base-url 只能二选一"]


# ------------------------------------------------------------------ waivers


def test_active_waiver_passes_and_is_reported(gate: Run, build: Path) -> None:
    (build / BIDDING).unlink()
    add_waiver(18, "2027-06-30", "招标信息改在采购平台发布", "资产管理处")
    code, out, _ = gate("--junit", "gate.xml")
    assert code == 0
    assert out == [
        HEADER,
        "○ 第18项 仪器设备…招投标（资产管理处）：缺失 — "
        "已豁免至 2027-06-30（招标信息改在采购平台发布；批准：资产管理处）",
        "要素覆盖率 100.0%（门槛 90.0%）✓（不含已豁免的 1 项）；"
        "及时率 100.0%（门槛 80.0%）✓（不含已豁免的 1 项）",
        "门禁通过（1 项已豁免）",
    ]
    case = junit_case(Path("gate.xml"), "18 ")
    skipped = case.find("skipped")
    assert skipped is not None and case.find("failure") is None
    assert skipped.get("message") == (
        "已豁免至 2027-06-30：招标信息改在采购平台发布；批准：资产管理处"
    )


def test_expired_waiver_fails_with_its_date(gate: Run, build: Path) -> None:
    (build / BIDDING).unlink()
    add_waiver(18, "2026-06-30", "招标信息改在采购平台发布", "资产管理处")
    code, out, _ = gate()
    assert code == 1
    assert out == [
        HEADER,
        LINE_18 + "；豁免已于 2026-06-30 过期",
        "要素覆盖率 83.3%（门槛 90.0%）✗；及时率 100.0%（门槛 80.0%）✓",
        "门禁未通过：1 项不合格；要素覆盖率低于门槛",
    ]


def test_waiver_for_a_passing_item_is_reported_as_needless(gate: Run) -> None:
    add_waiver(39, "2027-06-30", "申诉办法修订中", "学生工作处")
    code, out, _ = gate()
    assert code == 0
    assert out == [
        HEADER,
        "ℹ 第39项 学生申诉办法（学生工作处）：合格 — 豁免已无必要（豁免至 2027-06-30），"
        "可从规则文件中删除",
        TOTALS_OK,
        "门禁通过",
    ]


# ------------------------------------------------------------------ baseline


def audit(out: str) -> Path:
    code = main(
        ["audit", "--rules", "school.yaml", "--site-dir", "build", "--as-of", AS_OF, "--quiet"]
    )
    assert code == 0
    report = Path("reports/school/report.json")
    target = Path(out)
    shutil.copy(report, target)
    return target


@pytest.mark.parametrize("kind", ["report.json", "history.sqlite"])
def test_worse_than_baseline_fails_on_that_item_only(gate: Run, build: Path, kind: str) -> None:
    # The baseline already lacks item 33 (far from compliance); the new build also loses 18.
    (build / EMPLOYMENT).unlink()
    baseline = baseline_file(kind)
    (build / BIDDING).unlink()
    code, out, _ = gate("--baseline", str(baseline))
    assert code == 1
    assert out == [
        BASELINE_HEADER,
        LINE_18 + "；比基线变差（基线：合格）",
        "要素覆盖率 66.7%（门槛 90.0%，基线 83.3%）✗；及时率 100.0%（门槛 80.0%，基线 100.0%）✓",
        "门禁未通过：1 项不合格；要素覆盖率低于门槛且低于基线",
    ]


@pytest.mark.parametrize("kind", ["report.json", "history.sqlite"])
def test_better_than_baseline_passes(gate: Run, build: Path, kind: str) -> None:
    # The baseline lacks items 18 and 33; the new build brings 18 back, 33 is still missing.
    (build / EMPLOYMENT).unlink()
    moved = build / "zbcg.htm.bak"
    (build / BIDDING).rename(moved)
    baseline = baseline_file(kind)
    moved.rename(build / BIDDING)
    assert gate()[0] == 1  # without the baseline, the missing item 33 fails the gate
    code, out, _ = gate("--baseline", str(baseline))
    assert code == 0
    assert out == [
        BASELINE_HEADER,
        "要素覆盖率 83.3%（门槛 90.0%，基线 66.7%）✓；及时率 100.0%（门槛 80.0%，基线 100.0%）✓",
        "门禁通过",
    ]


def baseline_file(kind: str) -> Path:
    """The baseline audit, as its report.json or as the run `audit` recorded in the history."""
    report = audit("baseline.json")
    if kind == "report.json":
        return report
    db = Path("reports/history.sqlite")
    assert [r.school for r in history.runs(db)] == ["门禁示例学院"]
    return db


def test_baseline_of_another_school_is_a_usage_error(gate: Run, build: Path) -> None:
    report = audit("baseline.json")
    report.write_text(
        report.read_text(encoding="utf-8").replace("门禁示例学院", "另一所学院"), encoding="utf-8"
    )
    code, _, err = gate("--baseline", "baseline.json")
    assert code == 2
    assert err == [
        "--baseline: 基线是另一所学校的核查结果（应为 门禁示例学院，实际为 '另一所学院'）"
    ]


# ------------------------------------------------------------------ CI output


def test_github_annotations_when_running_in_actions(
    gate: Run, build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (build / BIDDING).unlink()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = gate()
    assert code == 1
    assert out[:2] == [
        "::error title=xxgk 第18项::仪器设备…招投标（资产管理处）：缺失 — "
        "链接失效：https://xxgk.gate.edu.cn/xxgksx/cw_zcjsf/zbcg.htm（HTTP 404）",
        "::error title=xxgk 门禁::要素覆盖率 83.3%25（门槛 90.0%25）✗",
    ]
    assert out[2] == HEADER


def junit_case(path: Path, prefix: str) -> ET.Element:
    suite = ET.parse(path).getroot().find("testsuite")
    assert suite is not None
    return next(c for c in suite.iter("testcase") if c.get("name", "").startswith(prefix))


def test_junit_xml_parses_back_with_gate_verdicts(gate: Run, build: Path) -> None:
    (build / BIDDING).unlink()
    code, _, _ = gate("--junit", "out/gate.xml")
    assert code == 1
    root = ET.parse("out/gate.xml").getroot()
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("52", "2", "44")
    failure = junit_case(Path("out/gate.xml"), "18 ").find("failure")
    assert failure is not None
    assert failure.get("message") == (
        "缺失 — 链接失效：https://xxgk.gate.edu.cn/xxgksx/cw_zcjsf/zbcg.htm（HTTP 404）"
    )
    coverage = junit_case(Path("out/gate.xml"), "要素覆盖率").find("failure")
    assert coverage is not None
    assert coverage.get("message") == "要素覆盖率 83.3%（门槛 90.0%）✗"
    assert junit_case(Path("out/gate.xml"), "19 ").find("failure") is None


# ------------------------------------------------------------------ the pure judge


def item(item_id: int, status: Status, *, coverage: float = 1.0) -> ItemResult:
    return ItemResult(
        id=item_id,
        category="基本信息",
        title="信息公开年度报告",
        department="党政办公室",
        status=status,
        coverage=coverage,
        elements=(),
        latest_date=None,
        due=None,
        timely=None,
        urls=(),
        notes=(),
        fix_by=None,
    )


def result(*items: ItemResult) -> AuditResult:
    return AuditResult.model_validate(
        {
            "tool": {"name": "xxgk", "version": "0"},
            "checklist": {"id": "moe-2014", "items": 50},
            "school": {"name": "测试学院", "kind": "undergraduate"},
            "as_of": "2026-11-30",
            "summary": {
                "applicable": 0,
                "coverage": 0.0,
                "timeliness": 0.0,
                "pass_rate": 0.0,
                "counts": {},
            },
            "items": [i.model_dump() for i in items],
            "fetch": {},
        }
    )


def test_worse_means_a_worse_status_or_newly_failing() -> None:
    fail_on = (Status.MISSING, Status.UNREACHABLE)
    assert is_worse(Status.LATE, Status.PASS, fail_on)
    assert is_worse(Status.UNREACHABLE, Status.MISSING, fail_on)
    assert not is_worse(Status.STALE, Status.PARTIAL, fail_on)
    assert not is_worse(Status.MISSING, Status.MISSING, fail_on)
    assert not is_worse(Status.NOT_APPLICABLE, Status.PASS, fail_on)
    assert is_worse(Status.MISSING, Status.NOT_APPLICABLE, fail_on)
    assert not is_worse(Status.STALE, Status.NOT_APPLICABLE, fail_on)


def test_waiver_expires_after_its_last_day() -> None:
    waiver = Waiver(
        item=6, reason="年报修订中", approved_by="党政办公室", until=dt.date(2026, 11, 30)
    )
    audit = result(item(6, Status.MISSING, coverage=0.0), item(7, Status.PASS))
    settings = Gate()
    on_the_day = judge_gate(audit, settings, [waiver], dt.date(2026, 11, 30))
    day_after = judge_gate(audit, settings, [waiver], dt.date(2026, 12, 1))
    assert on_the_day.passed and on_the_day.findings[0].waived
    assert not day_after.passed and day_after.findings[0].waiver_expired
    assert render_summary(day_after).splitlines()[1] == (
        "✗ 第6项 信息公开年度报告（党政办公室）：缺失 — 页面上未找到任何要素；豁免已于 2026-11-30 过期"
    )


def test_not_applicable_must_pass_item_does_not_fail() -> None:
    settings = Gate(must_pass=(6,))
    assert judge_gate(
        result(item(6, Status.NOT_APPLICABLE)), settings, [], dt.date(2026, 11, 30)
    ).passed


def test_short_titles() -> None:
    assert (
        short_title("仪器设备、图书、药品等物资设备采购和重大基建工程的招投标") == "仪器设备…招投标"
    )
    assert short_title("高校毕业生就业质量年度报告") == "高校毕业生就业质量年度报告"
    assert short_title("收支预算总表、收入预算表、支出预算表、财政拨款支出预算表") == (
        "收支预算总表…财政拨款支出预算表"
    )
    assert (
        short_title(
            "办学规模、校级领导班子简介及分工、学校机构设置、学科情况、专业情况、"
            "各类在校生情况、教师和专业技术人员数量等办学基本情况"
        )
        == "办学规模…基本情况"
    )


# ------------------------------------------------------------------ reasons are data


def reworded(result: AuditResult) -> AuditResult:
    """Every reason's sentence reworded (notes rendered anew): what a new wording in
    evaluate would give. Nothing downstream may depend on the old words."""
    items = []
    for item in result.items:
        reasons = tuple(
            r.model_copy(update={"text": f"新的说法（{r.kind.value}）"}) for r in item.reasons
        )
        items.append(item.model_copy(update={"reasons": reasons, "notes": notes_of(reasons)}))
    return result.model_copy(update={"items": tuple(items)})


def test_gate_and_gap_list_select_reasons_by_kind_not_by_wording() -> None:
    result = reworded(make_result())
    findings = {f.id: f for f in judge_gate(result, Gate(), (), dt.date(2026, 11, 30)).findings}
    assert findings[17].detail == "新的说法（unreachable）"  # not the first note, nor ""
    assert findings[7].detail == "新的说法（broken_link）"  # not 页面上未找到任何要素
    assert findings[3].detail == "新的说法（stale）"
    assert findings[6].detail == "新的说法（late）"
    items = {i.id: i for i in result.items}
    url = items[17].urls[0]
    assert gap_summary(items[17]) == f"页面无法访问：{url}（连接超时）"
    assert gap_row(items[17])[3] == f"页面无法访问：{url}（连接超时）"
    assert gap_row(items[17])[-1] == "新的说法（unreachable）"  # the notes column: the new words


def test_missing_item_names_its_broken_link_before_anything_else() -> None:
    result = make_result()
    item = next(i for i in result.items if i.id == 7)
    no_place = Reason(kind=ReasonKind.NO_LOCATION, text="先出现的其他原因")
    reasons = (no_place, *item.reasons)
    item = item.model_copy(update={"reasons": reasons, "notes": notes_of(reasons)})
    assert describe(item) == f"链接失效：{item.urls[0]}（HTTP 404）"
