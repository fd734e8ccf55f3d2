"""Where a run writes: its paths checked before any work, the output folder locked, a
killed run's leftovers removed, and the results written as one set.

A local fault (a cache folder that is a file, a full disk) is the run's own problem:
exit 3 with the local cause, never a status of the school's items.
"""

from __future__ import annotations

import fcntl
import os
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from xxgk import history
from xxgk.errors import InputError, Interrupted, LocalFault, RunError

LOCK_NAME = ".xxgk.lock"
SQLITE_MAGIC = b"SQLite format 3\x00"
HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def path_problems(
    out: Path | None, *, junit: Path | None = None, db: Path | None = None
) -> list[str]:
    """Every problem with a run's output paths, one line each (exit 2)."""
    problems: list[str] = []
    if out is not None:
        problems += _folder_problem("--out", out)
    if junit is not None:
        if junit.is_dir():
            problems.append(f"--junit: 是目录，应为文件路径（实际为 '{junit}'）")
        else:
            problems += _folder_problem("--junit", junit.parent, of=junit)
    if db is not None:
        problems += _history_problem(db)
    return problems


def check_run_paths(
    out: Path,
    cache_dir: Path | None,
    *,
    db: Path | None = None,
    junit: Path | None = None,
    earlier: list[str] | None = None,
) -> None:
    """Before any work: bad paths (with `earlier` problems) exit 2; an unusable cache, 3."""
    problems = [*(earlier or []), *path_problems(out, junit=junit, db=db)]
    if problems:
        raise InputError(problems)
    cache_problem(cache_dir)


def _folder_problem(option: str, folder: Path, of: Path | None = None) -> list[str]:
    """A folder that is, or can be made: none of it is a file."""
    shown = of or folder
    for part in [folder, *folder.parents]:
        if part.exists() and not part.is_dir():
            where = "是文件" if part == folder and of is None else f"上级路径 '{part}' 是文件"
            return [f"{option}: {where}，应为目录（实际为 '{shown}'）"]
        if part.is_dir():
            if not os.access(part, os.W_OK | os.X_OK):
                return [f"{option}: 没有写入权限（'{part}'）"]
            break
    return []


def _history_problem(db: Path) -> list[str]:
    if not db.exists():
        return _folder_problem("--history", db.parent, of=db)
    if not db.is_file():
        return [f"--history: 不是文件（实际为 '{db}'）"]
    try:
        with db.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            return [f"{db}: 不是 xxgk 的历史记录文件（文件头不是 SQLite）"]
        history.runs(db)
    except OSError as exc:
        return [f"--history: 无法读取（{exc.strerror}，实际为 '{db}'）"]
    except sqlite3.DatabaseError as exc:
        return [f"{db}: 历史记录文件已损坏（{exc}）"]
    except InputError as exc:
        return exc.problems
    return []


def cache_problem(cache_dir: Path | None) -> None:
    """A cache folder that cannot be used is a local fault (exit 3), found before any request."""
    if cache_dir is None:
        return
    for part in [cache_dir, *cache_dir.parents]:
        if part.exists() and not part.is_dir():
            raise RunError(f"本地缓存目录不可用：'{part}' 是文件（--cache-dir 或 --no-cache）")
        if part.is_dir():
            if not os.access(part, os.W_OK | os.X_OK):
                raise RunError(f"本地缓存目录不可写：'{part}'（--cache-dir 或 --no-cache）")
            return


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """The output folder for this run alone: a second run into it refuses (exit 2) instead
    of interleaving its files. The lock dies with the process, even on SIGKILL."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK_NAME).open("a")
    except OSError as exc:
        raise local_fault(exc, out) from None
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                [f"--out: 另一个核查正在写入此目录，请等它结束或换一个目录（实际为 '{out}'）"]
            ) from None
        remove_leftovers(out)
        yield


def remove_leftovers(out: Path) -> None:
    """Half-written files of a killed run (write_atomic's `.name.*.tmp`): ours to remove,
    since we hold the folder's lock."""
    for leftover in out.glob(".*.tmp"):
        leftover.unlink(missing_ok=True)


@contextmanager
def written_as_one_set(*, recorded: bool) -> Iterator[None]:
    """Write reports and record the history with Ctrl-C and SIGTERM held: they take effect
    once every file and the history row are in place, and the message then says so.
    `recorded`: whether the run is recorded in a history file."""
    caught: list[int] = []

    def remember(signum: int, frame: FrameType | None) -> None:
        caught.append(signum)

    previous = {sig: signal.getsignal(sig) for sig in HELD_SIGNALS}
    try:
        for sig in HELD_SIGNALS:
            signal.signal(sig, remember)
    except ValueError:  # not the main thread: nothing to hold
        yield
        return
    try:
        yield
    except OSError as exc:
        raise local_fault(exc) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if caught:
        history_done = "，历史记录已保存" if recorded else ""
        raise Interrupted(f"已中断：新的报告已全部写入{history_done}。")


def local_fault(exc: OSError, where: Path | None = None) -> RunError:
    """A failure of this machine, said as such: exit 3 with the local cause."""
    return LocalFault.of(exc, where)
