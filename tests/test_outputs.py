"""A run's output paths: checked before any work, locked, cleaned of a killed run's
leftovers, written as one set; local faults are exit 3 with the local cause."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import page, rules_file, send, serving
from test_hostile import drip

from xxgk.cli import main
from xxgk.commands.outputs import written_as_one_set
from xxgk.errors import Interrupted
from xxgk.fetch.spool import SPOOL_PREFIX, remove_stale_spools


def audit_args(rules: Path, out: Path, *extra: str) -> list[str]:
    return ["audit", "--rules", str(rules), "--out", str(out), "--quiet", *extra]


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    # nothing listens on port 9: a run that got as far as fetching would exit 3
    return rules_file(tmp_path, "http://127.0.0.1:9", {1: "/a.htm"})


def test_bad_paths_exit_2_in_one_line_before_any_work(
    tmp_path: Path, rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    cases = [
        (audit_args(rules, a_file), f"--out: 是文件，应为目录（实际为 '{a_file}'）"),
        (
            audit_args(rules, a_file / "sub"),
            f"--out: 上级路径 '{a_file}' 是文件，应为目录（实际为 '{a_file / 'sub'}'）",
        ),
        (
            ["gate", "--rules", str(rules), "--out", str(tmp_path / "o"), "--junit", str(tmp_path)],
            f"--junit: 是目录，应为文件路径（实际为 '{tmp_path}'）",
        ),
        (
            ["gate", "--rules", str(rules), "--junit", str(a_file / "gate.xml")],
            f"--junit: 上级路径 '{a_file}' 是文件，应为目录（实际为 '{a_file / 'gate.xml'}'）",
        ),
        (
            audit_args(rules, tmp_path / "o", "--history", str(corrupt)),
            f"{corrupt}: 不是 xxgk 的历史记录文件（file is not a database）",
        ),
        (
            audit_args(rules, tmp_path / "o", "--history", str(a_file)),
            f"{a_file}: 不是 xxgk 的历史记录文件（文件头不是 SQLite）",
        ),
    ]
    for args, message in cases:
        assert main(args) == 2, args
        assert capsys.readouterr().err.splitlines() == [message]
    assert not (tmp_path / "o").exists()
    with pytest.raises(SystemExit) as exited:
        main(audit_args(rules, tmp_path / "o", "--as-of", "9999-12-20"))
    assert exited.value.code == 2
    assert "expected a date in 2000-01-01..2100-12-31, got '9999-12-20'" in capsys.readouterr().err


def test_a_cache_folder_that_is_a_file_is_a_local_fault(
    tmp_path: Path, rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    cache.write_text("x")
    assert main(audit_args(rules, tmp_path / "o", "--cache-dir", str(cache))) == 3
    assert capsys.readouterr().err == (
        f"无法完成核查：本地缓存目录不可用：'{cache}' 是文件（--cache-dir 或 --no-cache）\n"
    )


def test_a_second_audit_into_the_same_folder_refuses(tmp_path: Path) -> None:
    with serving({"/drip": drip}) as site:
        first_rules = rules_file(tmp_path, site.base, {1: "/drip"})
        out = tmp_path / "out"
        command = [str(Path(sys.executable).with_name("xxgk")), *audit_args(first_rules, out)]
        first = subprocess.Popen([*command, "--no-cache"], stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):  # until the first run holds the folder
                if (out / ".xxgk.lock").exists():
                    break
                time.sleep(0.05)
            time.sleep(0.3)
            second = subprocess.run(
                [*command, "--no-cache"], capture_output=True, text=True, timeout=20
            )
        finally:
            first.send_signal(signal.SIGINT)
            first.wait(timeout=10)
    assert second.returncode == 2
    assert second.stderr == (
        f"--out: 另一个核查正在写入此目录，请等它结束或换一个目录（实际为 '{out}'）\n"
    )


def test_leftovers_of_killed_runs_are_removed_by_the_next(tmp_path: Path) -> None:
    dead = tmp_path / f"{SPOOL_PREFIX}{2**22 + 1}-x"  # above Linux's pid_max: no such process
    alive = tmp_path / f"{SPOOL_PREFIX}{os.getpid()}-y"
    for folder in (dead, alive):
        folder.mkdir()
    remove_stale_spools(tmp_path)
    assert not dead.exists() and alive.exists()
    with serving({"/a.htm": lambda h: page(h, "<h1>学校章程</h1>")}) as site:
        rules = rules_file(tmp_path, site.base, {1: "/a.htm"})
        out = tmp_path / "out"
        out.mkdir()
        torn = out / ".report.json.k2j3.tmp"
        torn.write_text("{")
        assert main(audit_args(rules, out, "--no-cache", "--as-of", "2026-11-30")) == 0
    assert not torn.exists() and (out / "report.json").exists()


def test_a_signal_while_writing_takes_effect_once_everything_is_written(tmp_path: Path) -> None:
    written = []
    with pytest.raises(Interrupted) as caught, written_as_one_set(recorded=True):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # the handler has run by now
        for name in ("a", "b"):
            (tmp_path / name).write_text(name)
            written.append(name)
    assert written == ["a", "b"]
    assert caught.value.message == "已中断：新的报告已全部写入，历史记录已保存。"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_cache_that_cannot_be_written_is_a_local_fault_not_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for prefix in range(256):  # every entry's folder is taken by a file: each write fails
        (cache / f"{prefix:02x}").write_text("x")
    etag = {"ETag": '"v1"'}
    with serving(
        {"/a.htm": lambda h: send(h, 200, "<h1>学校章程</h1>".encode(), headers=etag)}
    ) as site:
        rules = rules_file(tmp_path, site.base, {1: "/a.htm"})
        args = audit_args(rules, tmp_path / "out", "--cache-dir", str(cache))
        assert main([*args, "--as-of", "2026-11-30"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"无法完成核查：本地写入失败：File exists（'{cache}/"), err
    assert not (tmp_path / "out" / "report.json").exists()
