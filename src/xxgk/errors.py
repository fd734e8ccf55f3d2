"""Exceptions. Messages are for people: file:line: item N: field: what is wrong."""

from __future__ import annotations

import errno


class XxgkError(Exception):
    """Base of every error xxgk reports without a traceback."""


class InputError(XxgkError):
    """Bad input (rules or checklist file, CLI usage): exit code 2.

    Holds every problem found, one line each, so a user fixes them in one go.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class RunError(XxgkError):
    """The audit could not run at all (site down, nothing fetched): exit code 3."""


class LocalFault(RunError):
    """This machine failed the run (a full disk, an unusable folder): exit 3 with the
    local cause, never a status of the school's items."""

    @classmethod
    def of(cls, exc: OSError, where: object = None) -> LocalFault:
        cause = "磁盘已满" if exc.errno == errno.ENOSPC else (exc.strerror or type(exc).__name__)
        return cls(f"本地写入失败：{cause}（'{exc.filename or where or ''}'）")


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, with what the run had done by then (exit 130)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
