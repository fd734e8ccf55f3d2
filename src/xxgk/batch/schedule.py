"""The batch's scheduler: every school in a worker process of its own, N at a time.

Each worker audits one school at the school's own politeness (rules' rate and connections
per host), so N workers on N hosts never press any one site harder than a single audit.
A school gets `school_timeout` seconds; past that its worker is killed and the school is
recorded as timed out. Schools already finished in `out` (done.json for the same audit
date) are skipped: a batch killed at any moment is resumed by running it again.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from xxgk.batch.changes import record_finished
from xxgk.batch.progress import BatchProgress, duration
from xxgk.batch.roster import RosterEntry
from xxgk.batch.state import (
    TASK,
    BatchInfo,
    DraftSource,
    Outcome,
    SchoolDone,
    SchoolTask,
    batch_lock,
    finished,
    fresh_folder,
    open_batch,
    read_done,
    school_folder,
    write_done,
)
from xxgk.safe_write import write_atomic

POLL_SECONDS = 0.1
LOG = "worker.log"


@dataclass(frozen=True)
class BatchOptions:
    as_of: dt.date
    out: Path
    jobs: int
    school_timeout: float  # seconds
    formats: tuple[str, ...]
    crawl: Mapping[str, str] = field(default_factory=dict)
    resolve: Mapping[str, str] = field(default_factory=dict)
    cache_dir: Path | None = None
    history: Path | None = None  # None: not recorded
    retry_failed: bool = False  # redo finished schools whose outcome is not ok
    quiet: bool = False


def run_batch(
    entries: list[RosterEntry],
    options: BatchOptions,
    now: dt.datetime,
    *,
    stream: TextIO,
    tty: bool,
) -> BatchInfo:
    """Audit every school of `entries` not finished yet (and record them in the history)."""
    out = options.out
    with batch_lock(out):
        info = open_batch(out, options.as_of, now)
        todo = [e for e in entries if _needs_audit(out, e, options)]
        progress = BatchProgress(
            len(entries), len(entries) - len(todo), stream, tty=tty, quiet=options.quiet
        )
        _Scheduler(options, progress).run(todo)
        progress.close()
        schools = finished(out)
        if options.history is not None:
            record_finished(out, options.history, info.started_at, schools)
        return info


def _needs_audit(out: Path, entry: RosterEntry, options: BatchOptions) -> bool:
    done = read_done(school_folder(out, entry.key))
    if done is None or done.as_of != options.as_of:
        return True
    return options.retry_failed and done.outcome is not Outcome.OK


@dataclass
class _Running:
    entry: RosterEntry
    folder: Path
    process: subprocess.Popen[bytes]
    started: float


class _Scheduler:
    def __init__(self, options: BatchOptions, progress: BatchProgress) -> None:
        self.options = options
        self.progress = progress
        self.running: list[_Running] = []

    def run(self, todo: list[RosterEntry]) -> None:
        queue = deque(todo)
        try:
            while queue or self.running:
                while queue and len(self.running) < self.options.jobs:
                    self._start(queue.popleft())
                time.sleep(POLL_SECONDS)
                self._reap()
                self.progress.tick()
        except BaseException:
            # Ctrl-C, SIGTERM: stop every worker; their schools have no outcome and are
            # audited again by the next run
            for job in self.running:
                job.process.kill()
            for job in self.running:
                job.process.wait()
            raise

    def _start(self, entry: RosterEntry) -> None:
        folder = school_folder(self.options.out, entry.key).resolve()
        fresh_folder(folder)
        if entry.rules is None and not entry.url:
            message = "名单未给出规则文件，也没有网址可据以起草"
            self._finish(_outcome(entry, self.options.as_of, Outcome.NO_RULES, message), folder)
            return
        draft = (
            DraftSource(base_url=entry.url, name=entry.name, kind=entry.kind)
            if entry.rules is None
            else None
        )
        task = SchoolTask(
            key=entry.key,
            rules=entry.rules.resolve() if entry.rules is not None else None,
            draft=draft,
            folder=folder,
            as_of=self.options.as_of,
            formats=self.options.formats,
            crawl=dict(self.options.crawl),
            resolve=dict(self.options.resolve),
            cache_dir=self.options.cache_dir.resolve() if self.options.cache_dir else None,
            history=self.options.history.resolve() if self.options.history else None,
            parent_pid=os.getpid(),
        )
        write_atomic(folder / TASK, task.model_dump_json(indent=2).encode("utf-8"))
        with open(folder / LOG, "wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "xxgk.batch.worker", str(folder / TASK)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.running.append(_Running(entry, folder, process, time.monotonic()))

    def _reap(self) -> None:
        for job in list(self.running):
            code = job.process.poll()
            elapsed = time.monotonic() - job.started
            if code is None and elapsed > self.options.school_timeout:
                job.process.kill()
                job.process.wait()
                limit = duration(self.options.school_timeout)
                message = f"超过单校时限 {limit}，已停止核查"
                done = _outcome(job.entry, self.options.as_of, Outcome.TIMEOUT, message)
            elif code is None:
                continue
            elif code in _INTERRUPTED and read_done(job.folder) is None:
                raise KeyboardInterrupt  # Ctrl-C reached the worker first: not a crash
            else:
                done = read_done(job.folder) or _outcome(
                    job.entry, self.options.as_of, Outcome.CRASHED, _crash_message(job.folder, code)
                )
            self.running.remove(job)
            self._finish(done, job.folder, written=done.outcome not in _SCHEDULER_OUTCOMES)

    def _finish(self, done: SchoolDone, folder: Path, written: bool = False) -> None:
        if not written:
            write_done(folder, done)
        self.progress.finished(done)


# A worker's exit codes after Ctrl-C (the terminal signals the batch and its workers alike).
_INTERRUPTED = frozenset({130, -signal.SIGINT})
# Outcomes the scheduler writes itself; the others come from the worker's done.json.
_SCHEDULER_OUTCOMES = frozenset({Outcome.NO_RULES, Outcome.TIMEOUT, Outcome.CRASHED})


def _outcome(entry: RosterEntry, as_of: dt.date, outcome: Outcome, message: str) -> SchoolDone:
    return SchoolDone(
        key=entry.key,
        name=entry.name,
        kind=entry.kind,
        as_of=as_of,
        outcome=outcome,
        message=message,
    )


def _crash_message(folder: Path, code: int) -> str:
    try:
        lines = (folder / LOG).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return f"核查进程异常退出（退出码 {code}）" + (f"：{last[:200]}" if last else "")
