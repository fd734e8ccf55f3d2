"""The audit history: every run and its item results in one SQLite file; diffs between runs.

Each run is written in one transaction (rollback journal, synchronous writes): a run is in
the file whole or not at all, even when the audit is killed while recording it. Reading
never creates the file.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xxgk.errors import InputError
from xxgk.models import AuditResult, FetchStats, ItemResult, Status, Summary, TrendPoint
from xxgk.report.labels import STATUS_LABELS, percent

SCHEMA_VERSION = 1
NOT_GAPS = frozenset({Status.PASS, Status.NOT_APPLICABLE})
SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    school TEXT NOT NULL,
    school_kind TEXT NOT NULL,
    as_of TEXT NOT NULL,               -- YYYY-MM-DD, the audit date
    recorded_at TEXT,                  -- ISO time the run was recorded (metadata only)
    checklist TEXT NOT NULL,
    checklist_items INTEGER NOT NULL,
    tool_version TEXT NOT NULL,
    applicable INTEGER NOT NULL,
    coverage REAL NOT NULL,
    timeliness REAL NOT NULL,
    pass_rate REAL NOT NULL,
    counts TEXT NOT NULL,              -- JSON object, as in report.json
    fetch TEXT NOT NULL,               -- JSON object, as in report.json
    school_json TEXT NOT NULL,         -- report.json's school block
    tool_json TEXT NOT NULL,
    checklist_json TEXT NOT NULL
);
CREATE INDEX runs_by_school ON runs (school, id);
CREATE TABLE items (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL,
    category TEXT NOT NULL,
    title TEXT NOT NULL,
    department TEXT,
    status TEXT NOT NULL,
    coverage REAL NOT NULL,
    latest_date TEXT,
    due TEXT,
    timely INTEGER,
    fix_by TEXT,
    result TEXT NOT NULL,              -- the item as in report.json
    PRIMARY KEY (run_id, item_id)
);
"""


@dataclass(frozen=True)
class Run:
    id: int
    school: str
    as_of: dt.date
    recorded_at: str | None
    coverage: float
    timeliness: float
    pass_rate: float
    gaps: int


@dataclass(frozen=True)
class Change:
    """One item in a diff: its status in both runs, and since when it has been open."""

    id: int
    title: str
    department: str | None
    before: Status | None  # None: the item was not in the earlier run
    after: Status
    open_since: dt.date | None = None  # still-open items: as_of of the first run of the streak
    open_days: int | None = None


@dataclass(frozen=True)
class RunDiff:
    old: Run
    new: Run
    newly_failing: tuple[Change, ...]
    fixed: tuple[Change, ...]
    still_open: tuple[Change, ...]


# ------------------------------------------------------------------ connections


@contextmanager
def _connect(db: Path) -> Iterator[sqlite3.Connection]:
    """A connection in autocommit mode: transactions are begun and ended explicitly."""
    try:
        conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        raise InputError([f"{db}: 无法打开历史记录文件（{exc}）"]) from None
    with closing(conn):
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as exc:
            raise InputError([f"{db}: 不是 xxgk 的历史记录文件（{exc}）"]) from None
        yield conn


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def _reader(db: Path) -> Iterator[sqlite3.Connection | None]:
    """A connection to an existing history, or None when there is no file yet."""
    if not db.is_file():
        yield None
        return
    with _connect(db) as conn:
        _check_version(conn, db)
        yield conn


def _check_version(conn: sqlite3.Connection, db: Path) -> int:
    try:
        found = conn.execute("SELECT version FROM schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables == 0:
                return 0
        raise InputError([f"{db}: 不是 xxgk 的历史记录文件（{exc}）"]) from None
    version = int(found[0]) if found else 0
    if version > SCHEMA_VERSION:
        raise InputError(
            [
                f"{db}: 历史记录文件由更新版本的 xxgk 创建"
                f"（格式版本应不高于 {SCHEMA_VERSION}，实际为 {version}）"
            ]
        )
    return version


def _migrate(conn: sqlite3.Connection, db: Path) -> None:
    """Create the schema in a new file (inside the caller's transaction)."""
    if _check_version(conn, db) == 0:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))


# ------------------------------------------------------------------ writing


def record_run(db: Path, result: AuditResult, recorded_at: dt.datetime | None = None) -> int:
    """Store a run and every item result in one transaction; the new run's id."""
    db.parent.mkdir(parents=True, exist_ok=True)
    data = result.model_dump(mode="json")
    with _connect(db) as conn, _transaction(conn):
        _migrate(conn, db)
        s = result.summary
        cursor = conn.execute(
            "INSERT INTO runs (school, school_kind, as_of, recorded_at, checklist,"
            " checklist_items, tool_version, applicable, coverage, timeliness, pass_rate,"
            " counts, fetch, school_json, tool_json, checklist_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                result.school["name"],
                result.school["kind"],
                result.as_of.isoformat(),
                recorded_at.isoformat(timespec="seconds") if recorded_at else None,
                str(result.checklist["id"]),
                int(result.checklist["items"]),
                result.tool["version"],
                s.applicable,
                s.coverage,
                s.timeliness,
                s.pass_rate,
                _dumps(data["summary"]["counts"]),
                _dumps(data["fetch"]),
                _dumps(data["school"]),
                _dumps(data["tool"]),
                _dumps(data["checklist"]),
            ),
        )
        run_id = cursor.lastrowid
        assert run_id is not None
        conn.executemany(
            "INSERT INTO items (run_id, item_id, category, title, department, status, coverage,"
            " latest_date, due, timely, fix_by, result)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    run_id,
                    item.id,
                    item.category,
                    item.title,
                    item.department,
                    item.status.value,
                    item.coverage,
                    _iso(item.latest_date),
                    _iso(item.due),
                    None if item.timely is None else int(item.timely),
                    _iso(item.fix_by),
                    _dumps(raw),
                )
                for item, raw in zip(result.items, data["items"], strict=True)
            ],
        )
    return run_id


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# ------------------------------------------------------------------ reading


RUN_COLUMNS = (
    "SELECT r.id, r.school, r.as_of, r.recorded_at, r.coverage, r.timeliness, r.pass_rate,"
    " (SELECT count(*) FROM items i WHERE i.run_id = r.id"
    "  AND i.status NOT IN ('pass', 'not_applicable'))"
    " FROM runs r"
)


def _run(row: Any) -> Run:
    return Run(
        id=int(row[0]),
        school=str(row[1]),
        as_of=dt.date.fromisoformat(str(row[2])),
        recorded_at=None if row[3] is None else str(row[3]),
        coverage=float(row[4]),
        timeliness=float(row[5]),
        pass_rate=float(row[6]),
        gaps=int(row[7]),
    )


def runs(db: Path, school: str | None = None) -> list[Run]:
    """Recorded runs, oldest first; of one school when `school` is given."""
    with _reader(db) as conn:
        if conn is None or not _has_runs_table(conn):
            return []
        if school is None:
            rows = conn.execute(f"{RUN_COLUMNS} ORDER BY r.id").fetchall()
        else:
            rows = conn.execute(
                f"{RUN_COLUMNS} WHERE r.school = ? ORDER BY r.id", (school,)
            ).fetchall()
        return [_run(row) for row in rows]


def trend(db: Path, school: str, limit: int = 11) -> list[TrendPoint]:
    """The school's last `limit` runs' scores, oldest first, for the HTML trend chart."""
    return [
        TrendPoint(
            run_id=r.id,
            as_of=r.as_of,
            coverage=r.coverage,
            timeliness=r.timeliness,
            pass_rate=r.pass_rate,
        )
        for r in runs(db, school)[-limit:]
    ]


def load_result(db: Path, run_id: int) -> AuditResult:
    """A recorded run as the AuditResult it was recorded from."""
    with _reader(db) as conn:
        row = None
        if conn is not None and _has_runs_table(conn):
            row = conn.execute(
                "SELECT as_of, applicable, coverage, timeliness, pass_rate, counts, fetch,"
                " school_json, tool_json, checklist_json FROM runs WHERE id = ?",
                (run_id,),
            ).fetchone()
        if conn is None or row is None:
            raise InputError([f"{db}: 历史记录中没有运行 #{run_id}"])
        items = conn.execute(
            "SELECT result FROM items WHERE run_id = ? ORDER BY item_id", (run_id,)
        ).fetchall()
    return AuditResult(
        tool=json.loads(row[8]),
        checklist=json.loads(row[9]),
        school=json.loads(row[7]),
        as_of=dt.date.fromisoformat(row[0]),
        summary=Summary(
            applicable=row[1],
            coverage=row[2],
            timeliness=row[3],
            pass_rate=row[4],
            counts=json.loads(row[5]),
        ),
        items=tuple(ItemResult.model_validate_json(r[0]) for r in items),
        fetch=FetchStats.model_validate_json(row[6]),
    )


def latest_result(db: Path, school: str) -> AuditResult | None:
    """The school's newest recorded run, or None when it has none."""
    recorded = runs(db, school)
    return load_result(db, recorded[-1].id) if recorded else None


def _has_runs_table(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'")
    return found.fetchone() is not None


def _statuses(conn: sqlite3.Connection, run_id: int) -> dict[int, tuple[str, str | None, Status]]:
    rows = conn.execute(
        "SELECT item_id, title, department, status FROM items WHERE run_id = ? ORDER BY item_id",
        (run_id,),
    )
    return {int(r[0]): (str(r[1]), r[2], Status(r[3])) for r in rows}


# ------------------------------------------------------------------ diff


def pick_runs(
    db: Path, old: int | None = None, new: int | None = None, school: str | None = None
) -> tuple[Run, Run]:
    """The two runs to compare: given ids, else the last two runs of the school.

    With one id, it is compared with the school's newest run. The school defaults to the
    school of `old`, else of the newest run in the file.
    """
    if not db.is_file():
        raise InputError([f"{db}: 历史记录文件不存在（请先运行 xxgk audit）"])
    every = runs(db)
    by_id = {r.id: r for r in every}
    missing = [str(i) for i in (old, new) if i is not None and i not in by_id]
    if missing:
        known = "、".join(str(r.id) for r in every[-10:]) or "无"
        raise InputError([f"{db}: 历史记录中没有运行 {'、'.join(missing)}（最近的运行：{known}）"])
    if old is not None and new is not None:
        return by_id[old], by_id[new]
    if school is None:
        school = by_id[old].school if old is not None else (every[-1].school if every else None)
    mine = [r for r in every if r.school == school]
    if old is not None:
        if not mine or mine[-1].id <= old:
            raise InputError([f"{db}: 运行 #{old} 已是 {school} 最新的运行，请再给出一个运行编号"])
        return by_id[old], mine[-1]
    if len(mine) < 2:
        who = f"{school} " if school else ""
        raise InputError([f"{db}: {who}只有 {len(mine)} 次核查记录，对比至少需要 2 次"])
    return mine[-2], mine[-1]


def diff(db: Path, old: int, new: int) -> RunDiff:
    """Items newly failing in `new`, fixed since `old`, and still open (with since when)."""
    every = runs(db)
    by_id = {r.id: r for r in every}
    missing = [str(i) for i in (old, new) if i not in by_id]
    if missing:
        raise InputError([f"{db}: 历史记录中没有运行 {'、'.join(missing)}"])
    old_run, new_run = by_id[old], by_id[new]
    with _reader(db) as conn:
        assert conn is not None
        before = _statuses(conn, old)
        after = _statuses(conn, new)
        streak_runs = [r for r in every if r.school == new_run.school and r.id <= new]
        history = {r.id: _statuses(conn, r.id) for r in streak_runs}
    newly, fixed, still = [], [], []
    for item_id in sorted(set(before) | set(after)):
        was = before.get(item_id)
        now = after.get(item_id)
        if now is None:
            continue  # not in the newer run's checklist: nothing to act on
        title, department, status = now
        was_gap = was is not None and was[2] not in NOT_GAPS
        is_gap = status not in NOT_GAPS
        change = Change(item_id, title, department, was[2] if was else None, status)
        if is_gap and not was_gap:
            newly.append(change)
        elif was_gap and not is_gap:
            fixed.append(change)
        elif is_gap:
            since = _open_since(item_id, streak_runs, history)
            still.append(
                Change(
                    item_id,
                    title,
                    department,
                    change.before,
                    status,
                    open_since=since,
                    open_days=max(0, (new_run.as_of - since).days),
                )
            )
    return RunDiff(old_run, new_run, tuple(newly), tuple(fixed), tuple(still))


def _open_since(
    item_id: int,
    streak_runs: list[Run],
    history: dict[int, dict[int, tuple[str, str | None, Status]]],
) -> dt.date:
    """as_of of the first run of the unbroken series of runs, up to the newest, with a gap."""
    since = streak_runs[-1].as_of
    for run in reversed(streak_runs):
        found = history[run.id].get(item_id)
        if found is None or found[2] in NOT_GAPS:
            break
        since = run.as_of
    return since


# ------------------------------------------------------------------ text for people

TITLE_CHARS = 36


def render_diff(found: RunDiff) -> str:
    """The diff in Chinese: 新增问题 / 已整改 / 仍未整改 (with how long each has been open)."""
    old, new = found.old, found.new
    lines = [
        f"{new.school}：运行 #{old.id}（核查日期 {old.as_of}）→ "
        f"运行 #{new.id}（核查日期 {new.as_of}）",
        f"要素覆盖率 {percent(old.coverage)} → {percent(new.coverage)}；"
        f"及时率 {percent(old.timeliness)} → {percent(new.timeliness)}；"
        f"问题事项 {old.gaps} → {new.gaps} 项",
        "",
    ]
    sections = (
        ("新增问题", found.newly_failing),
        ("已整改", found.fixed),
        ("仍未整改", found.still_open),
    )
    for heading, changes in sections:
        if not changes:
            lines += [f"{heading}：无", ""]
            continue
        lines.append(f"{heading}（{len(changes)} 项）：")
        lines += [_change_line(c) for c in changes]
        lines.append("")
    return "\n".join(lines)


def render_runs(recorded: list[Run]) -> str:
    if not recorded:
        return "历史记录中还没有核查。"
    lines = ["编号  核查日期    要素覆盖率  及时率   问题  学校"]
    lines += [
        f"{r.id:>4}  {r.as_of}  {percent(r.coverage):>9}  {percent(r.timeliness):>6}  {r.gaps:>4}  {r.school}"
        for r in recorded
    ]
    return "\n".join(lines)


def _change_line(change: Change) -> str:
    title = (
        change.title if len(change.title) <= TITLE_CHARS else change.title[: TITLE_CHARS - 1] + "…"
    )
    department = change.department or "未指定部门"
    after = STATUS_LABELS[change.after]
    if change.open_since is not None:
        moved = after
        if change.before is not None and change.before is not change.after:
            moved = f"{STATUS_LABELS[change.before]} → {after}"
        return (
            f"  {change.id}. {title}：{moved}，{department}"
            f"（已持续 {change.open_days} 天，自 {change.open_since} 起）"
        )
    before = STATUS_LABELS[change.before] if change.before is not None else "无记录"
    return f"  {change.id}. {title}：{before} → {after}，{department}"
