"""`xxgk demo` on the bundled sample site matches the hand count in examples/README.md."""

from __future__ import annotations

import json

import pytest

from xxgk.cli import main

# examples/README.md: the expected status of every item as of 2026-11-30
EXPECTED = {
    "pass": [2, 3, 5, 9, 10, 15, 22, 24, 25, 27, 29, 30, 31, 32, 35, 36, 38, 40, 41, 47, 49, 50],
    "late": [4, 6],
    "stale": [16, 19, 33, 34],
    "partial": [1, 7, 20, 28, 37],
    "missing": [23, 26, 39, 42],
    "unreachable": [18, 21],
    "not_applicable": [8, 11, 12, 13, 14, 17, 43, 44, 45, 46, 48],
}


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out), "--no-cache", "--quiet"]) == 0
    return json.loads((out / "report.json").read_text("utf-8"))  # type: ignore[no-any-return]


def test_every_item_has_its_hand_counted_status(demo_report: dict) -> None:  # type: ignore[type-arg]
    got = {item["id"]: item["status"] for item in demo_report["items"]}
    expected = {i: status for status, ids in EXPECTED.items() for i in ids}
    assert len(got) == 50
    assert got == expected


def test_summary_figures(demo_report: dict) -> None:  # type: ignore[type-arg]
    summary = demo_report["summary"]
    assert summary["counts"] == {status: len(ids) for status, ids in EXPECTED.items()}
    assert summary["applicable"] == 39
    assert summary["pass_rate"] == round(22 / 39, 4)
    assert summary["coverage"] == 0.8074
    assert demo_report["as_of"] == "2026-11-30"
    assert demo_report["checklist"] == {"id": "moe-2014", "items": 50}


def test_partial_items_name_missing_element_and_evidence(demo_report: dict) -> None:  # type: ignore[type-arg]
    for item in demo_report["items"]:
        if item["status"] != "partial":
            continue
        missing = [e for e in item["elements"] if not e["found"]]
        found = [e for e in item["elements"] if e["found"]]
        assert missing and found, item["id"]
        assert all(e["where"].startswith("http://") and e["snippet"] for e in found)
        assert f"缺少要素：{missing[0]['name']}" in item["notes"]


def test_specific_evidence(demo_report: dict) -> None:  # type: ignore[type-arg]
    items = {item["id"]: item for item in demo_report["items"]}
    assert items[6]["latest_date"] == "2026-11-05" and items[6]["due"] == "2026-10-31"
    assert any("robots.txt" in n for n in items[18]["notes"])
    assert any("HTTP 503" in n for n in items[21]["notes"])
    assert any("链接失效" in n and "HTTP 404" in n for n in items[42]["notes"])
    assert items[23]["notes"][0] == "规则文件中未声明此事项的位置（items 下没有此项或没有 urls）"
    assert items[11]["notes"] == ["不适用：本事项不适用于高职（专科）院校"]
    assert all(
        i["fix_by"] == "2026-12-28"
        for i in items.values()
        if i["status"] not in ("pass", "not_applicable")
    )
