"""`xxgk diff`: newly failing, fixed and still-open items between two recorded runs."""

from __future__ import annotations

from pathlib import Path

from xxgk import history


def run(
    db: Path,
    run_a: int | None = None,
    run_b: int | None = None,
    *,
    school: str | None = None,
    list_runs: bool = False,
) -> None:
    if list_runs:
        print(history.render_runs(history.runs(db, school)))
        return
    old, new = history.pick_runs(db, run_a, run_b, school)
    print(history.render_diff(history.diff(db, old.id, new.id)), end="")
