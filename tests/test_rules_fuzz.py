"""Hostile and careless rules files: every one exits 0 or 2, never a traceback or a hang,
and every problem of a bad one names its file and line.

The generated cases (fixed seed) mutate a valid rules file the ways people and attackers
do: values of the wrong kind, explicit tags, aliases, broken indentation, bytes that are
not UTF-8, duplicated or truncated lines.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest
from test_rules import GOOD

from xxgk.cli import main
from xxgk.rules import load_rules

LAUGHS = "".join(f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}]\n" for i in range(1, 20))

VALUES = [
    "!!int fifty",
    "!!timestamp 2026-02-30",
    "!!bool maybe",
    "!!float fast",
    "!!python/object:os.system x",
    "!custom x",
    "2027-02-30",
    "0",
    "-1",
    "99999",
    "1e-9",
    "1e309",
    ".nan",
    "-.inf",
    "''",
    "'*'",
    "'http://h/'",
    "null",
    "~",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    "&a [*a]",
    "*undefined",
    "yes",
    "0x1F",
    "'\u0000'",
    '"\\x08"',
    "'" + "长" * 500 + "'",
    "{max_age: 0d}",
    "{annual: 02-30}",
    "http://u:p@xxgk.test.edu.cn/",
    "'http://xxgk.test.edu.cn\\\\@127.0.0.1:9/'",
    "[" * 60 + "]" * 60,
]
KEYS = ["1", "'1'", "1.0", "true", "-3", "999", "[1]", "? x", "<<", "items", "&k x"]


def mutate(rng: random.Random) -> bytes:
    lines = GOOD.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        index = rng.randrange(len(lines))
        line = lines[index]
        kind = rng.randrange(8)
        if kind == 0 and ":" in line:  # a value replaced
            head = line.split(":", 1)[0]
            lines[index] = f"{head}: {rng.choice(VALUES)}"
        elif kind == 1 and ":" in line:  # a key replaced
            indent = line[: len(line) - len(line.lstrip())]
            lines[index] = f"{indent}{rng.choice(KEYS)}:{line.split(':', 1)[1]}"
        elif kind == 2:  # indentation broken
            lines[index] = " " * rng.randrange(5) + line.lstrip()
        elif kind == 3:  # a line duplicated
            lines.insert(index, line)
        elif kind == 4:  # a line dropped
            del lines[index]
        elif kind == 5:  # truncated
            lines = [*lines[:index], line[: rng.randrange(len(line) + 1)]]
        elif kind == 6:  # an alias bomb at the top
            lines = ["l0: &l0 [x]", *LAUGHS.splitlines(), *lines]
        else:  # a character that does not belong
            at = rng.randrange(len(line) + 1)
            lines[index] = (
                line[:at] + rng.choice(["\t", "\u0000", "\ufeff", "\\", "\u3000", "%"]) + line[at:]
            )
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    if rng.random() < 0.05:  # bytes that are not UTF-8
        at = rng.randrange(len(data))
        data = data[:at] + b"\xff\xfe" + data[at:]
    return data


CASES = 300


def test_fuzzed_rules_files_exit_0_or_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rng = random.Random(15)
    started = time.monotonic()
    outcomes = {0: 0, 2: 0}
    for case in range(CASES):
        path = Path(f"case{case}.yaml")
        path.write_bytes(mutate(rng))
        begun = time.monotonic()
        code = main(["check-rules", str(path)])
        assert time.monotonic() - begun < 2, path.read_bytes()
        err = capsys.readouterr().err
        assert code in outcomes, (code, err)
        outcomes[code] += 1
        if code == 2:
            lines = err.splitlines()
            assert lines and all(re.match(rf"{path}:\d+: ", line) for line in lines), (
                path.read_bytes(),
                err,
            )
    assert outcomes[2] > CASES / 2  # most mutations break the file
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("l0: &l0 [x]\n" + LAUGHS, "r.yaml:11: 别名展开后的内容过多（超过 100000 个节点）"),
        (
            "x: &x 1\ny: [" + ", ".join(["*x"] * 101) + "]\n",
            "r.yaml:2: 别名（*）过多（最多 100 个）",
        ),
        ("a: &a [*a]\n", "r.yaml:1: 别名 *a 引用了包含它自己的节点（循环引用）"),
        ("school: {name: !!int fifty}\n", "r.yaml:1: 不支持显式标签 !!int（请直接写值）"),
        ("a: !!timestamp 2026-02-30\n", "r.yaml:1: 不支持显式标签 !!timestamp（请直接写值）"),
        ("a: !!bool maybe\n", "r.yaml:1: 不支持显式标签 !!bool（请直接写值）"),
        ("a: !!float fast\n", "r.yaml:1: 不支持显式标签 !!float（请直接写值）"),
        ("a:\n  b: 2027-02-30\n", "r.yaml:2: 值无效：日期不存在（实际为 '2027-02-30'）"),
    ],
    ids=[
        "billion-laughs",
        "many-aliases",
        "recursive-alias",
        "int",
        "timestamp",
        "bool",
        "float",
        "no-such-day",
    ],
)
def test_hostile_yaml_is_one_line_with_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(text, "utf-8")
    started = time.monotonic()
    assert main(["check-rules", "r.yaml"]) == 2
    assert time.monotonic() - started < 1
    assert capsys.readouterr().err == message + "\n"


def test_bad_values_are_refused_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(
        "school: {name: x, kind: vocational}\n"
        "checklist: ''\n"
        "site: {base_url: 'http://a:99999/', rate: 1e-9}\n"
        "waivers:\n"
        "  - {item: 1, reason: r, approved_by: p, until: 0}\n"
        "  - {item: 2, reason: r, approved_by: p, until: 2027-02-30}\n"
        "items:\n"
        "  1: {urls: [/a]}\n"
        "  '1': {urls: [/b]}\n"
        "  1.0: {urls: [/c]}\n",
        "utf-8",
    )
    assert main(["check-rules", "r.yaml"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "r.yaml:6: 值无效：日期不存在（实际为 '2027-02-30'）",
    ]
    Path("r.yaml").write_text(
        Path("r.yaml").read_text("utf-8").replace("until: 2027-02-30", "until: 2027-02-28"),
        "utf-8",
    )
    assert main(["check-rules", "r.yaml"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "r.yaml:2: checklist: 不能为空（实际为 ''）",
        "r.yaml:3: site.base_url: 端口无效（应为 1–65535，实际为 'http://a:99999/'）",
        "r.yaml:3: site.rate: 超出范围（应 ≥ 0.05，实际为 '1e-9'）",
        "r.yaml:5: waivers[0]: until: 类型错误（应为日期 YYYY-MM-DD，实际为 '0'）",
        "r.yaml:9: item 1: 事项编号应为不加引号的整数（实际为 '1'）",
        "r.yaml:9: item 1: urls[0]: 网址的端口无效（实际为 'http://a:99999/b'）",
        "r.yaml:10: 1.0: 字段重复（后一个会覆盖前一个）",
        "r.yaml:10: item 1: urls[0]: 网址的端口无效（实际为 'http://a:99999/c'）",
    ]


def test_non_files_and_other_encodings_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("dir.yaml").mkdir()
    Path("loop.yaml").symlink_to("loop.yaml")
    Path("gbk.yaml").write_bytes("school:\n  name: 测试学院\n".encode("gbk"))
    assert main(["check-rules", "dir.yaml", "loop.yaml", "gbk.yaml", "none.yaml"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "dir.yaml: 不是规则文件（是目录）",
        "loop.yaml: 符号链接无法解析（循环或目标不存在）",
        "gbk.yaml:2: 文件不是 UTF-8 编码（GBK 等编码请另存为 UTF-8）",
        "none.yaml: 文件不存在",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "测试职业学院",
        "a: b\n  evil: 1",
        "# 学院",
        '"引号" 学院',
        "'单引号'",
        "[学院]",
        "{学院}",
        "&a 学院",
        "*a",
        "!tag 学院",
        "- 学院",
        "? 学院",
        "学院 #注释",
        "yes",
        "2026-01-01",
        "null",
        "%YAML",
    ],
)
def test_init_quotes_any_name_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / "school.yaml"
    base = "http://xxgk.test.edu.cn:8080/a?x=1&y=#c"
    args = ["init", str(path), "--offline", "--name", name, "--kind", "vocational"]
    args += ["--base-url", base]
    assert main(args) == 0
    rules = load_rules(path)
    assert rules.school.name == name and rules.site.base_url == base
    assert rules.site.allowed_hosts == {"xxgk.test.edu.cn:8080"}
    assert main(["check-rules", str(path)]) == 0


def test_a_space_in_a_rules_url_is_read_as_a_browser_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r.yaml").write_text(
        GOOD.replace("urls: [/xxgk/jbxx.htm,", "urls: ['/xxgk/2024年 报告.pdf',"), "utf-8"
    )
    assert main(["check-rules", "r.yaml"]) == 0
