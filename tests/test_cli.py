"""Command-line options: each is checked by the rules file's own model, in its words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_gate import build, drop_row

from xxgk.cli import main

__all__ = ["build"]  # the gate tests' staged build and rules (school.yaml), in a fresh folder

ANNUAL_REPORTS = "xxgknb.htm"  # item 6's column, in the rules' gate.must_pass


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


AUDIT = ("audit", "--rules", "school.yaml", "--site-dir", "build", "--no-cache", "--quiet")
MAIN = "import sys; from xxgk.cli import main; sys.exit(main(sys.argv[1:]))"
GATE = ("gate", "--rules", "school.yaml", "--site-dir", "build", "--no-cache", "--quiet")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--rate", "0", "--rate: 超出范围（应 ≥ 0.05，实际为 '0'）"),
        ("--concurrency", "0", "--concurrency: 超出范围（应 ≥ 1，实际为 '0'）"),
        ("--max-pages", "-1", "--max-pages: 超出范围（应 ≥ 1，实际为 '-1'）"),
        ("--timeout", "abc", "--timeout: 类型错误（应为数字，实际为 'abc'）"),
    ],
)
def test_bad_crawl_bound_exits_2_in_one_line(
    build: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    code, out, err = run(capsys, *AUDIT, option, value)
    assert (code, out, err) == (2, [], [message])
    assert not Path("reports").exists()  # nothing was fetched or written


def test_crawl_bound_has_the_rules_files_wording(
    build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, cli_err = run(capsys, *AUDIT, "--rate", "0")
    school = Path("school.yaml")
    school.write_text(
        school.read_text(encoding="utf-8").replace("rate: 100 ", "rate: 0   "), encoding="utf-8"
    )
    code, _, yaml_err = run(capsys, "check-rules", "school.yaml")
    assert code == 2
    assert yaml_err == ["school.yaml:12: site.rate: 超出范围（应 ≥ 0.05，实际为 '0'）"]
    assert cli_err[0].removeprefix("--rate: ") == yaml_err[0].split("site.rate: ")[1]


def test_zero_concurrency_neither_hangs_nor_crawls(build: Path) -> None:
    """Before, a semaphore of 0 slots hung the crawl and SIGTERM could not stop it."""
    done = subprocess.run(
        [sys.executable, "-c", MAIN, *AUDIT, "--concurrency", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == "--concurrency: 超出范围（应 ≥ 1，实际为 '0'）\n"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--min-coverage", "2", "--min-coverage: 超出范围（应 ≤ 1.0，实际为 '2'）"),
        ("--min-timeliness", "-0.1", "--min-timeliness: 超出范围（应 ≥ 0.0，实际为 '-0.1'）"),
        ("--must-pass", "99", "--must-pass: 清单中没有第 99 项（应为 1–50）"),
        ("--must-pass", "6,x", "--must-pass: 类型错误（应为整数，实际为 'x'）"),
        (
            "--fail-on",
            "pass",
            "--fail-on: 不能把 pass 作为失败条件（应为 unreachable、missing、partial、stale、late）",
        ),
    ],
)
def test_bad_gate_option_exits_2_in_one_line(
    build: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, message: str
) -> None:
    code, out, err = run(capsys, *GATE, option, value)
    assert (code, out, err) == (2, [], [message])


def test_must_pass_none_works_like_fail_on_none(
    build: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # item 6's current annual report is gone: it is stale, which only must_pass fails
    drop_row(Path("build") / ANNUAL_REPORTS, "2025—2026学年信息公开年度报告")
    code, out, _ = run(capsys, *GATE, "--as-of", "2026-11-30", "--min-timeliness", "0")
    assert code == 1 and out[1].endswith("；必须合格（must_pass）")
    code, out, _ = run(
        capsys, *GATE, "--as-of", "2026-11-30", "--min-timeliness", "0", "--must-pass", "none"
    )
    assert code == 0 and out[-1] == "门禁通过"
