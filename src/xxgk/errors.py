"""Exceptions. Messages are for people: file:line: item N: field: what is wrong."""


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


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM, with what the run had done by then (exit 130)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)
