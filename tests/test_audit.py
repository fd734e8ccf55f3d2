"""The whole audit end to end through the CLI, against fixture sites served on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import tempfile
from pathlib import Path
from typing import Any

import pytest

from xxgk.cli import main

SITES = Path(__file__).parent / "sites"


def audit(tmp_path: Path, port: int, rules: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "out"
    code = main(
        [
            "audit",
            "--rules",
            str(rules),
            "--as-of",
            "2026-11-30",
            "--resolve",
            f"xxgk.mini.edu.cn=127.0.0.1:{port}",
            "--out",
            str(out),
            "--no-cache",
            "--quiet",
            *extra,
        ]
    )
    report = out / "report.json"
    return code, json.loads(report.read_text("utf-8")) if report.exists() else {}


def by_id(report: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {item["id"]: item for item in report["items"]}


def test_mini_site_statuses(tmp_path: Path, site_port: int) -> None:
    code, report = audit(tmp_path, site_port, SITES / "mini.yaml")
    assert code == 0
    items = by_id(report)
    # the current edition was published 11-20, after the 10-31 deadline
    assert items[6]["status"] == "late"
    assert items[6]["latest_date"] == "2026-11-20" and items[6]["due"] == "2026-10-31"
    # the GBK list page is decoded (「」 and · are outside GB2312) and its year-less dates read
    assert items[39]["status"] == "pass"
    assert items[39]["latest_date"] == "2026-03-02"
    assert "学生申诉" in items[39]["elements"][0]["snippet"]
    # every other applicable item is missing because no location is declared
    assert items[1]["status"] == "missing"
    assert "规则文件中未声明此事项的位置（items 下没有此项或没有 urls）" in items[1]["notes"]
    assert report["summary"]["counts"]["not_applicable"] == sum(
        1 for i in report["items"] if i["status"] == "not_applicable"
    )


def test_no_cache_audit_removes_its_facts_spool(
    tmp_path: Path, site_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    code, report = audit(tmp_path, site_port, SITES / "mini.yaml")
    assert code == 0 and by_id(report)[39]["status"] == "pass"
    assert list(temp.iterdir()) == []


def test_province_deadline_override(tmp_path: Path, site_port: int) -> None:
    rules = tmp_path / "mini.yaml"
    text = (SITES / "mini.yaml").read_text("utf-8")
    rules.write_text(text + 'deadlines:\n  6: "11-30"\n', "utf-8")
    code, report = audit(tmp_path, site_port, rules)
    assert code == 0
    item = by_id(report)[6]
    assert (item["status"], item["due"], item["timely"]) == ("pass", "2026-11-30", True)


def test_report_is_deterministic(tmp_path: Path, site_port: int) -> None:
    _, first = audit(tmp_path, site_port, SITES / "mini.yaml")
    _, second = audit(tmp_path, site_port, SITES / "mini.yaml")
    first.pop("fetch")
    second.pop("fetch")
    assert first == second


def test_site_that_does_not_answer_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    code, report = audit(tmp_path, closed_port, SITES / "mini.yaml", "--timeout", "1")
    assert code == 3 and report == {}
    assert "无法完成核查：站点没有任何响应" in capsys.readouterr().err


def test_bad_rules_exit_2_before_any_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "bad.yaml"
    rules.write_text((SITES / "mini.yaml").read_text("utf-8").replace("  39:", "  99:"), "utf-8")
    code, _ = audit(tmp_path, 9, rules)
    assert code == 2
    err = capsys.readouterr().err
    assert err.endswith("bad.yaml:15: item 99: 清单 moe-2014 中没有这一项（应为 1–50）\n")


def test_site_dir_audits_a_staged_folder_without_a_server(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["audit", "--rules", str(SITES / "mini.yaml"), "--as-of", "2026-11-30"]
    site = SITES / "xxgk.mini.edu.cn"
    assert main([*args, "--site-dir", str(site), "--out", str(out), "--no-cache", "--quiet"]) == 0
    items = by_id(json.loads((out / "report.json").read_text("utf-8")))
    assert (items[6]["status"], items[39]["status"]) == ("late", "pass")
    assert items[6]["urls"] == ["http://xxgk.mini.edu.cn/xxgknb.htm"]


def test_attachments_scored_element_by_element(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site = SITES / "xxgk.attach.edu.cn"
    args = ["audit", "--rules", str(SITES / "attach.yaml"), "--as-of", "2026-11-30", "--quiet"]
    assert main([*args, "--site-dir", str(site), "--out", str(out), "--no-cache"]) == 0
    items = by_id(json.loads((out / "report.json").read_text("utf-8")))
    base = "http://xxgk.attach.edu.cn/__local/7A/3F/"

    def seen(item_id: int) -> dict[str, tuple[str | None, int | None]]:
        return {
            e["name"]: (e["where"], e["page"]) for e in items[item_id]["elements"] if e["found"]
        }

    # PDF: the first two tables, each on its own page; the other two are absent
    assert seen(20) == {
        "收支决算总表": (base + "5A2D924903F76DA4D8D1_js.pdf", 1),
        "收入决算表": (base + "5A2D924903F76DA4D8D1_js.pdf", 2),
    }
    # DOCX: 奖学金 and 助学金 in paragraphs, 勤工助学 in a table; no 学费减免 or 助学贷款
    assert seen(37) == {
        "奖学金申请与管理规定": (base + "9CF7E731_zz.docx", None),
        "助学金申请与管理规定": (base + "9CF7E731_zz.docx", None),
        "勤工俭学申请与管理规定": (base + "9CF7E731_zz.docx", None),
    }
    # XLSX: three sheets named for their tables; no 财政拨款支出预算表
    assert seen(19) == {
        "收支预算总表": (base + "4F9D9_ys.xlsx", None),
        "收入预算表": (base + "4F9D9_ys.xlsx", None),
        "支出预算表": (base + "4F9D9_ys.xlsx", None),
    }
    assert {items[i]["status"] for i in (19, 20, 37)} == {"partial"}
    assert items[19]["coverage"] == 0.75 and items[20]["coverage"] == 0.5


def test_second_audit_of_unchanged_site_is_served_by_304s(tmp_path: Path, site_port: int) -> None:
    cache = ["--cache-dir", str(tmp_path / "cache")]
    out = tmp_path / "out"
    base = [
        "audit",
        "--rules",
        str(SITES / "mini.yaml"),
        "--as-of",
        "2026-11-30",
        "--resolve",
        f"xxgk.mini.edu.cn=127.0.0.1:{site_port}",
        "--out",
        str(out),
        "--quiet",
        *cache,
    ]
    assert main(base) == 0
    cold = json.loads((out / "report.json").read_text("utf-8"))
    assert main(base) == 0
    warm = json.loads((out / "report.json").read_text("utf-8"))
    assert cold["fetch"]["cached"] == 0
    assert warm["fetch"]["cached"] == warm["fetch"]["pages"] - warm["fetch"]["errors"] > 0
    assert warm["fetch"]["bytes"] * 5 < cold["fetch"]["bytes"]  # only the 404 bodies again
    assert warm["items"] == cold["items"]


def test_site_dir_maps_the_base_url_path_to_the_folder_root(tmp_path: Path) -> None:
    rules = tmp_path / "mini.yaml"
    text = (SITES / "mini.yaml").read_text("utf-8")
    rules.write_text(
        text.replace(
            "base_url: http://xxgk.mini.edu.cn/", "base_url: http://xxgk.mini.edu.cn/xxgk/"
        ),
        "utf-8",
    )
    rules.write_text(rules.read_text("utf-8").replace("urls: [/", "urls: ["), "utf-8")
    out = tmp_path / "out"
    args = ["audit", "--rules", str(rules), "--as-of", "2026-11-30", "--quiet", "--no-cache"]
    assert main([*args, "--site-dir", str(SITES / "xxgk.mini.edu.cn"), "--out", str(out)]) == 0
    items = by_id(json.loads((out / "report.json").read_text("utf-8")))
    assert items[6]["urls"] == ["http://xxgk.mini.edu.cn/xxgk/xxgknb.htm"]
    assert (items[6]["status"], items[39]["status"]) == ("late", "pass")
