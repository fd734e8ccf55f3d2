"""The run history (SQLite), `xxgk diff`, and audits interrupted half-way."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import CountingSite
from factories import make_result

from xxgk import history, sitehost
from xxgk.cli import main
from xxgk.errors import InputError
from xxgk.models import Status
from xxgk.report import json

SITES = Path(__file__).parent / "sites"
HISTORY_RULES = SITES / "history.yaml"
HOST = "xxgk.history.edu.cn"
D = dt.date


# ------------------------------------------------------------------ the file


def test_record_and_read_back(tmp_path: Path) -> None:
    db = tmp_path / "h" / "history.sqlite"
    assert history.runs(db) == [] and not db.exists()  # reading never creates the file
    first = make_result(as_of=D(2026, 11, 2))
    run_id = history.record_run(db, first, recorded_at=dt.datetime(2026, 11, 2, 9, 30))
    assert run_id == 1
    [run] = history.runs(db, "示例职业技术学院")
    assert (run.id, run.as_of, run.recorded_at, run.gaps) == (
        1,
        D(2026, 11, 2),
        "2026-11-02T09:30:00",
        11,
    )
    assert run.coverage == first.summary.coverage
    assert history.load_result(db, 1) == first
    assert history.latest_result(db, "示例职业技术学院") == first
    assert history.latest_result(db, "别的学校") is None
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
        assert conn.execute("SELECT count(*) FROM items WHERE run_id = 1").fetchone() == (50,)


def test_trend_is_oldest_first_per_school(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    for day in (2, 9, 16):
        history.record_run(db, make_result(as_of=D(2026, 11, day)))
    history.record_run(db, make_result(as_of=D(2026, 11, 20), school="另一所学院"))
    points = history.trend(db, "示例职业技术学院", limit=2)
    assert [(p.run_id, p.as_of) for p in points] == [(2, D(2026, 11, 9)), (3, D(2026, 11, 16))]


def test_a_failed_record_leaves_no_half_run(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    history.record_run(db, make_result())
    good = make_result()
    broken = good.model_copy(update={"items": (*good.items, good.items[0])})  # duplicate id
    with pytest.raises(sqlite3.IntegrityError):
        history.record_run(db, broken)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM items").fetchone() == (50,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_rejects_files_it_cannot_read(tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError) as error:
        history.runs(other)
    assert error.value.problems[0].startswith(f"{other}: 不是 xxgk 的历史记录文件")
    newer = tmp_path / "newer.sqlite"
    history.record_run(newer, make_result())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(InputError) as error:
        history.record_run(newer, make_result())
    assert error.value.problems == [
        f"{newer}: 历史记录文件由更新版本的 xxgk 创建（格式版本应不高于 1，实际为 99）"
    ]


# ------------------------------------------------------------------ diff


def test_diff_lists_new_fixed_and_open_with_their_age(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    history.record_run(db, make_result({2: Status.MISSING}, as_of=D(2026, 10, 1)))
    history.record_run(db, make_result({2: Status.MISSING, 8: Status.STALE}, as_of=D(2026, 11, 2)))
    history.record_run(db, make_result({8: Status.MISSING, 4: Status.LATE}, as_of=D(2026, 11, 30)))
    old, new = history.pick_runs(db)
    assert (old.id, new.id) == (2, 3)
    found = history.diff(db, old.id, new.id)
    assert [c.id for c in found.newly_failing] == [4]
    assert [(c.id, c.before, c.after) for c in found.fixed] == [(2, Status.MISSING, Status.PASS)]
    still = {c.id: c for c in found.still_open}
    assert sorted(still) == [1, 3, 6, 7, 8, 17, 19, 25, 27, 33, 40, 48]
    assert (still[8].open_since, still[8].open_days) == (D(2026, 11, 2), 28)
    assert (still[8].before, still[8].after) == (Status.STALE, Status.MISSING)
    assert (still[1].open_since, still[1].open_days) == (D(2026, 10, 1), 60)
    text = history.render_diff(found)
    assert (
        "新增问题（1 项）：\n  4. 学术委员会相关制度、年度报告：合格 → 逾期发布，党政办公室\n"
        in text
    )
    assert "已整改（1 项）：\n  2. 学校章程及制定的各项规章制度：缺失 → 合格，党政办公室\n" in text
    assert "  8. 保送、自主选拔录取、高水平运动员和艺术特长生招生等特殊类型招生入选考生…：未及时更新 → 缺失，招生就业处（已持续 28 天，自 2026-11-02 起）" in text  # fmt: skip


def test_pick_runs_explains_what_is_missing(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite"
    with pytest.raises(InputError) as error:
        history.pick_runs(db)
    assert error.value.problems == [f"{db}: 历史记录文件不存在（请先运行 xxgk audit）"]
    history.record_run(db, make_result())
    with pytest.raises(InputError) as error:
        history.pick_runs(db)
    assert error.value.problems == [f"{db}: 示例职业技术学院 只有 1 次核查记录，对比至少需要 2 次"]
    with pytest.raises(InputError) as error:
        history.pick_runs(db, 1, 7)
    assert error.value.problems == [f"{db}: 历史记录中没有运行 7（最近的运行：1）"]


# ------------------------------------------------------------------ end to end


@pytest.fixture
def changing_site(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """tests/sites/history-v1 served from a copy that the test may replace with v2."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "history-v1", site)
    with sitehost.serve(site) as port:
        yield site, port


def audit_args(port: int, out: Path, db: Path, as_of: str) -> list[str]:
    return [
        "audit",
        "--rules",
        str(HISTORY_RULES),
        "--resolve",
        f"{HOST}=127.0.0.1:{port}",
        "--as-of",
        as_of,
        "--out",
        str(out),
        "--history",
        str(db),
        "--no-cache",
        "--quiet",
    ]


def test_two_audits_of_a_changing_site_then_diff(
    tmp_path: Path, changing_site: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    site, port = changing_site
    out, db = tmp_path / "out", tmp_path / "history.sqlite"
    assert main(audit_args(port, out, db, "2026-11-02")) == 0
    shutil.rmtree(site)
    shutil.copytree(SITES / "history-v2", site)
    assert main(audit_args(port, out, db, "2026-11-30")) == 0
    statuses = {i.id: i.status for i in json.parse((out / "report.json").read_bytes()).items}
    assert {k: statuses[k] for k in (1, 2, 22, 23)} == {
        1: Status.PARTIAL,
        2: Status.MISSING,
        22: Status.PASS,
        23: Status.PASS,
    }
    # the second report's trend chart has both runs
    page = (out / "report.html").read_text("utf-8")
    assert "2026-11-02 至 2026-11-30，共 2 次核查" in page
    capsys.readouterr()

    assert main(["diff", "--history", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "历史测试学院：运行 #1（核查日期 2026-11-02）→ 运行 #2（核查日期 2026-11-30）",
        "要素覆盖率 60.7% → 60.7%；及时率 100.0% → 100.0%；问题事项 2 → 2 项",
        "",
        "新增问题（1 项）：",
        "  2. 学校章程及制定的各项规章制度：合格 → 缺失，党政办公室",
        "",
        "已整改（1 项）：",
        "  22. 校级领导干部社会兼职情况：缺失 → 合格，党委组织部",
        "",
        "仍未整改（1 项）：",
        "  1. 办学规模、校级领导班子简介及分工、学校机构设置、学科情况、专业情况、各…：要素不全，"
        "党政办公室（已持续 28 天，自 2026-11-02 起）",
    ]
    assert main(["diff", "1", "2", "--history", str(db)]) == 0
    assert "新增问题（1 项）" in capsys.readouterr().out
    assert main(["diff", "--list", "--history", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "   1  2026-11-02      60.7%  100.0%     2  历史测试学院",
        "   2  2026-11-30      60.7%  100.0%     2  历史测试学院",
    ]
    assert main(["diff", "5", "--history", str(db)]) == 2


# ------------------------------------------------------------------ killed half-way


# The child restores Python's Ctrl-C handler: a shell that starts jobs in the background
# (as CI may) has them ignore SIGINT, and the child would inherit that.
CHILD = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from xxgk.cli import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_audit_killed_mid_crawl_leaves_reports_and_history_intact(
    tmp_path: Path, signum: signal.Signals
) -> None:
    site = CountingSite(SITES / "history-v1")
    out, db = tmp_path / "out", tmp_path / "history.sqlite"
    command = [sys.executable, "-c", CHILD, *audit_args(site.port, out, db, "2026-11-02")]
    try:
        first = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120)
        assert first.returncode == 0, first.stderr.decode()
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        assert "report.json" in before and "gaps.xlsx" in before

        site.delay = 1.5
        served = site.total
        second = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while site.total == served and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.total > served, "the second audit never reached the site"
        time.sleep(0.3)
        assert second.poll() is None, "the second audit finished before it could be stopped"
        second.send_signal(signum)
        _, err = second.communicate(timeout=60)
    finally:
        site.close()

    assert second.returncode == 130, err.decode()
    assert "已中断" in err.decode()
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before  # byte-identical, no temporary files left behind
    json.parse(after["report.json"])
    ET.fromstring(after["junit.xml"])
    openpyxl.load_workbook(io.BytesIO(after["gaps.xlsx"]))
    assert [r.id for r in history.runs(db)] == [1]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM items").fetchone() == (50,)
    assert not list(tmp_path.glob("history.sqlite-*"))  # no journal left over
