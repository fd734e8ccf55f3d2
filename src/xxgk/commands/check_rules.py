"""`xxgk check-rules`: validate rules files against the checklist they name."""

from __future__ import annotations

from pathlib import Path

from xxgk.audit import load_school
from xxgk.errors import InputError


def run(paths: list[Path]) -> None:
    """One line per valid file; every problem of every file at once."""
    problems: list[str] = []
    for path in paths:
        try:
            rules, checklist = load_school(path)
        except InputError as exc:
            problems += exc.problems
            continue
        declared = sum(1 for r in rules.items.values() if r.urls)
        print(
            f"{path}: 规则有效（{rules.school.name}，声明了 {declared}/{len(checklist.items)} 项的位置）"
        )
    if problems:
        raise InputError(problems)
