"""A batch's state on disk, so that a run killed at any moment can be resumed.

    OUT/batch.json              the batch's audit date and start time (kept by reruns)
    OUT/schools/<key>/task.json what the worker is asked to do
    OUT/schools/<key>/report.*  the school's reports (written by the worker)
    OUT/schools/<key>/done.json the school's outcome, written last and atomically

A school is finished exactly when its done.json exists for the batch's audit date: a rerun
skips it, and clears and redoes any other school folder (an interrupted audit).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from xxgk.errors import InputError
from xxgk.safe_write import write_atomic

SCHOOLS = "schools"
DONE = "done.json"
TASK = "task.json"


class Outcome(StrEnum):
    """How a school's audit ended."""

    OK = "ok"
    NO_RULES = "no_rules"  # the roster gives neither a rules file nor an address
    INVALID_RULES = "invalid_rules"  # the rules file (or an option) is wrong: nothing fetched
    UNREACHABLE = "unreachable"  # the site answered nothing at all
    TIMEOUT = "timeout"  # the per-school time limit ran out; the worker was stopped
    CRASHED = "crashed"  # the worker ended without an outcome


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.OK: "已完成",
    Outcome.NO_RULES: "无规则文件",
    Outcome.INVALID_RULES: "规则文件有误",
    Outcome.UNREACHABLE: "站点无法访问",
    Outcome.TIMEOUT: "超时",
    Outcome.CRASHED: "异常退出",
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DraftSource(_Model):
    """A school known by its address alone: its rules are drafted from the site (as `xxgk
    init --base-url` does) and kept in its folder as rules.draft.yaml."""

    base_url: str
    name: str = ""
    kind: str = ""


class SchoolTask(_Model):
    """What a worker process is asked to do (task.json)."""

    key: str
    rules: Path | None  # None: draft them from `draft`'s address first
    folder: Path
    as_of: dt.date
    formats: tuple[str, ...]
    crawl: dict[str, str] = {}
    resolve: dict[str, str] = {}
    cache_dir: Path | None = None
    history: Path | None = None  # read for the HTML report's trend; recorded by the scheduler
    parent_pid: int = 0  # the worker ends when this process is gone
    draft: DraftSource | None = None  # a roster row with an address and no rules file


class SchoolDone(_Model):
    """A finished school (done.json)."""

    key: str
    name: str  # the rules' school name, else the roster's
    kind: str = ""
    as_of: dt.date
    outcome: Outcome
    message: str = ""  # Chinese: why it is not ok
    pages: int = 0
    errors: int = 0
    seconds: float = 0.0  # the worker's wall time (not in the tables: they are reproducible)


class BatchInfo(_Model):
    """batch.json: what a rerun must agree with, and the time every school is recorded at."""

    as_of: dt.date
    started_at: dt.datetime


def school_folder(out: Path, key: str) -> Path:
    return out / SCHOOLS / key


def read_done(folder: Path) -> SchoolDone | None:
    """The school's outcome; None when it has none (not started, interrupted, torn)."""
    try:
        return SchoolDone.model_validate_json((folder / DONE).read_bytes())
    except (OSError, ValidationError):
        return None


def write_done(folder: Path, done: SchoolDone) -> None:
    write_atomic(folder / DONE, done.model_dump_json(indent=2).encode("utf-8") + b"\n")


def finished(out: Path) -> list[SchoolDone]:
    """Every finished school in `out`, by key."""
    root = out / SCHOOLS
    if not root.is_dir():
        return []
    found = (read_done(folder) for folder in sorted(root.iterdir()) if folder.is_dir())
    return [done for done in found if done is not None]


def fresh_folder(folder: Path) -> None:
    """An empty folder for a school about to be audited (an interrupted run's files go)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def open_batch(out: Path, as_of: dt.date, now: dt.datetime) -> BatchInfo:
    """The batch in `out`: a new one, or the one a rerun resumes (same audit date)."""
    path = out / "batch.json"
    try:
        info = BatchInfo.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        info = None
    if info is not None and info.as_of != as_of:
        raise InputError(
            [
                f"{out}: 该目录已有核查日期为 {info.as_of} 的批量核查；"
                f"续跑请使用相同的 --as-of，或换一个 --out（实际为 '{as_of}'）"
            ]
        )
    if info is None:
        info = BatchInfo(as_of=as_of, started_at=now.replace(microsecond=0))
        write_atomic(path, info.model_dump_json(indent=2).encode("utf-8") + b"\n")
    return info


@contextmanager
def batch_lock(out: Path) -> Iterator[None]:
    """One batch at a time in `out`: a second run would audit the same schools again."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / ".batch.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError([f"{out}: 另一个批量核查正在使用此目录"]) from None
        yield
    finally:
        os.close(fd)
