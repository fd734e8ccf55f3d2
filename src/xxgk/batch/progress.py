"""One progress display for the whole batch: schools done, pages, errors, time left.

On a terminal, one line rewritten in place (and a line for each school that did not end
well); elsewhere (a log, CI), one plain line per finished school.
"""

from __future__ import annotations

import time
from typing import TextIO

from xxgk.batch.state import OUTCOME_LABELS, Outcome, SchoolDone


def duration(seconds: float) -> str:
    """`1小时02分`, `3分05秒`, `12秒`."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes:02d}分"
    return f"{minutes}分{secs:02d}秒" if minutes else f"{secs}秒"


class BatchProgress:
    def __init__(self, total: int, skipped: int, stream: TextIO, *, tty: bool, quiet: bool) -> None:
        self.total = total  # schools of this batch (shard), the skipped ones included
        self.done = skipped
        self.to_do = total - skipped
        self.audited = 0  # finished in this run
        self.pages = 0
        self.errors = 0
        self.stream = stream
        self.tty = tty
        self.quiet = quiet
        self.started = time.monotonic()
        self._last_tick = 0.0
        if skipped and not quiet:
            print(f"续跑：{skipped} 所学校已完成，跳过；待核查 {self.to_do} 所", file=stream)

    def finished(self, school: SchoolDone) -> None:
        self.done += 1
        self.audited += 1
        self.pages += school.pages
        self.errors += school.errors
        if self.quiet:
            return
        line = f"{school.name or school.key}：{OUTCOME_LABELS[school.outcome]}"
        if school.outcome is Outcome.OK:
            line += f"（{school.pages} 页，出错 {school.errors}）"
        elif school.message:
            line += f"（{school.message.splitlines()[0][:120]}）"
        if self.tty:
            if school.outcome is not Outcome.OK:
                print(f"\r\x1b[2K{line}", file=self.stream)
            self.tick(force=True)
        else:
            print(f"[{self.done}/{self.total}] {line}；{self._totals()}", file=self.stream)
        self.stream.flush()

    def tick(self, *, force: bool = False) -> None:
        """Rewrite the terminal line (about once a second)."""
        now = time.monotonic()
        if not self.tty or self.quiet or (not force and now - self._last_tick < 1.0):
            return
        self._last_tick = now
        print(f"\r\x1b[2K批量核查 {self.done}/{self.total} 所；{self._totals()}", end="",
              file=self.stream, flush=True)  # fmt: skip

    def close(self) -> None:
        if self.tty and not self.quiet:
            print(file=self.stream)

    def _totals(self) -> str:
        elapsed = time.monotonic() - self.started
        left = self.to_do - self.audited
        text = f"页面 {self.pages}，出错 {self.errors}，已用 {duration(elapsed)}"
        if self.audited and left:
            text += f"，预计剩余 {duration(elapsed / self.audited * left)}"
        return text
