"""Rules files: valid ones load; every kind of mistake gives file:line: item: message, exit 2."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from xxgk.cadence import AnnualCadence, MaxAgeCadence
from xxgk.checklist import load_checklist
from xxgk.cli import main
from xxgk.errors import InputError
from xxgk.rules import load_rules, resolve_url, with_base_url

IDS = load_checklist().item_ids

GOOD = """\
school:
  name: 测试学院
  kind: undergraduate
checklist: moe-2014
site:
  base_url: https://xxgk.test.edu.cn/
  hosts: [xxgk.test.edu.cn, zs.test.edu.cn]
deadlines:
  6: "11-30"
gate:
  min_coverage: 0.9
  must_pass: [6]
waivers:
  - {item: 17, reason: 校办企业已全部脱钩, approved_by: 党政办公室, until: 2027-06-30}
items:
  1:
    department: 党政办公室
    urls: [/xxgk/jbxx.htm, "https://zs.test.edu.cn/2361/list.htm"]
    section: div.list
    cadence: {max_age: 365d}
  11:
    not_applicable: 本校不培养研究生
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "school.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rules(write(tmp_path, text), IDS)
    return [p.split(":", 1)[1] for p in caught.value.problems]  # drop the tmp file name


def test_good_rules_load(tmp_path: Path) -> None:
    rules = load_rules(write(tmp_path, GOOD), IDS)
    assert rules.school.kind == "undergraduate"
    assert rules.items[1].pages == 3 and rules.items[1].articles == 5
    assert rules.items[1].cadence == MaxAgeCadence(max_age="365d")
    assert rules.deadline(6) == AnnualCadence(annual="11-30")
    assert rules.items[11].not_applicable == "本校不培养研究生"
    assert rules.site.allowed_hosts == {"xxgk.test.edu.cn", "zs.test.edu.cn"}
    assert resolve_url(rules, "/xxgk/jbxx.htm") == "https://xxgk.test.edu.cn/xxgk/jbxx.htm"


def test_shipped_rules_are_valid() -> None:
    for path in sorted((Path(__file__).parents[1] / "rules").glob("*.yaml")):
        assert load_rules(path, IDS).school.name


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("kind: undergraduate", "kind: college"),
            "3: school.kind: 取值无效（应为 'undergraduate'、'vocational'、'graduate' 之一，实际为 'college'）",
        ),
        (
            ("    section: div.list", "    sectoin: div.list"),
            "19: item 1: sectoin: 未知字段（可用字段：department、urls、section、pages、articles、"
            "cadence、not_applicable），是否应为 'section'？",
        ),
        (
            ("  11:\n", "  51:\n"),
            "21: item 51: 清单 moe-2014 中没有这一项（应为 1–50）",
        ),
        (
            ("  11:\n", "  x11:\n"),
            "21: item x11: 事项编号无效（应为清单中的数字编号，实际为 'x11'）",
        ),
        (
            ('"https://zs.test.edu.cn/2361/list.htm"', '"http://169.254.169.254/latest"'),
            "18: item 1: urls[1]: 网址不在允许的主机范围内（允许：xxgk.test.edu.cn、zs.test.edu.cn；"
            "实际为 'http://169.254.169.254/latest'）",
        ),
        (
            ("section: div.list", "section: 'div['"),
            "19: item 1: section: CSS 选择器无效（实际为 'div['）",
        ),
        (
            ("{max_age: 365d}", "{annual: 13-01}"),
            '20: item 1: cadence: 取值无效（应为 on_change、{annual: "MM-DD"} 或 {max_age: "NNNd"}，'
            '实际为 {"annual": "13-01"}）',
        ),
        (
            ('6: "11-30"', '6: "11-31"'),
            "9: item 6: 截止日期无效（应为 \"MM-DD\"，实际为 '11-31'）",
        ),
        (
            ("until: 2027-06-30", "until: next year"),
            "14: waivers[0]: until: 类型错误（应为日期 YYYY-MM-DD，实际为 'next year'）",
        ),
        (
            ("must_pass: [6]", "must_pass: [60]"),
            "12: gate.must_pass[0]: 清单中没有第 60 项（应为 1–50）",
        ),
        (
            ("    department: 党政办公室\n", "    department: 党政办公室\n    department: 校办\n"),
            "18: department: 字段重复（后一个会覆盖前一个）",
        ),
        (
            ("  name: 测试学院\n", ""),
            "1: school.name: 缺少必填字段",
        ),
        (
            ("    not_applicable: 本校不培养研究生", "    not_applicable: 无\n    urls: [/a.htm]"),
            "21: item 11: 同时给出了 urls 和 not_applicable（只能二选一）",
        ),
    ],
)
def test_each_mistake_named_with_line(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    assert change[0] in GOOD
    assert problems(tmp_path, GOOD.replace(*change, 1)) == [expected]


def test_bad_yaml_names_the_line(tmp_path: Path) -> None:
    text = GOOD.replace("kind: undergraduate", "kind: [undergraduate")
    assert problems(tmp_path, text) == ["4: YAML 语法错误：expected ',' or ']', but got ':'"]


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("kind: undergraduate", "kind: college").replace("  11:\n", "  51:\n")
    found = problems(tmp_path, text)
    assert [p.split(":")[0] for p in found] == ["3", "21"]


def test_check_rules_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path, GOOD)
    assert main(["check-rules", str(good)]) == 0
    assert "规则有效" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("  11:\n", "  51:\n"), encoding="utf-8")
    assert main(["check-rules", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.strip().endswith("bad.yaml:21: item 51: 清单 moe-2014 中没有这一项（应为 1–50）")
    assert "Traceback" not in err


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        load_rules(tmp_path / "nope.yaml", IDS)


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "xxgk rules file"
    assert {"school", "site", "items"} <= set(schema["properties"])
    assert "ItemRule" in schema["$defs"]


def test_with_base_url_moves_the_base_hosts_urls(tmp_path: Path) -> None:
    text = GOOD.replace(
        "urls: [/xxgk/jbxx.htm,",
        'urls: [/xxgk/jbxx.htm, "https://XXGK.test.edu.cn/info/1092/3645.htm?x=1",',
    )
    rules = with_base_url(load_rules(write(tmp_path, text), IDS), "http://127.0.0.1:8080/build")
    assert rules.site.base_url == "http://127.0.0.1:8080/build/"
    assert rules.site.allowed_hosts == {"xxgk.test.edu.cn", "zs.test.edu.cn", "127.0.0.1:8080"}
    assert [resolve_url(rules, u) for u in rules.items[1].urls] == [
        "http://127.0.0.1:8080/build/xxgk/jbxx.htm",
        "http://127.0.0.1:8080/build/info/1092/3645.htm?x=1",
        "https://zs.test.edu.cn/2361/list.htm",  # another platform of the school: unchanged
    ]
    with pytest.raises(InputError) as caught:
        with_base_url(rules, "staging.test.edu.cn")
    assert caught.value.problems == [
        "--base-url: 格式不对（应为 http(s)://主机/路径，实际为 'staging.test.edu.cn'）"
    ]


def test_init_writes_a_valid_starter_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "school.yaml"
    args = ["init", str(path), "--offline", "--name", "测试职业学院", "--kind", "vocational"]
    assert main([*args, "--base-url", "https://xxgk.test.edu.cn/"]) == 0
    rules = load_rules(path, IDS)
    assert rules.school.name == "测试职业学院" and rules.site.allowed_hosts == {"xxgk.test.edu.cn"}
    assert 11 not in rules.items  # graduate admissions cannot apply to a vocational college
    assert 35 in rules.items  # judged on the 高职 quality report instead
    assert rules.items[47].not_applicable == "本校无此类活动"  # conditional: confirm or replace
    assert main([*args, "--base-url", "https://xxgk.test.edu.cn/"]) == 2
    assert "文件已存在，未覆盖" in capsys.readouterr().err
