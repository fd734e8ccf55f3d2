"""Each finished school recorded once in the history, and its change since its last run.

The scheduler records a school after its worker has finished, with the batch's start
time as `recorded_at`: a rerun of an interrupted batch finds the run already there (same
school, audit date and start time) instead of recording it twice. The change is kept in
the school's folder (change.json), so the tables never depend on later runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from xxgk import history
from xxgk.batch.state import Outcome, SchoolDone, school_folder
from xxgk.report import json as report_json
from xxgk.safe_write import write_atomic

CHANGE = "change.json"


class Change(BaseModel):
    """A school's run against its previous recorded run (None: no previous run)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    run_id: int
    previous_as_of: dt.date | None = None
    coverage: float | None = None  # difference, this run minus the previous
    pass_rate: float | None = None
    newly_failing: int | None = None
    fixed: int | None = None


def read_change(folder: Path) -> Change | None:
    try:
        return Change.model_validate_json((folder / CHANGE).read_bytes())
    except (OSError, ValidationError):
        return None


def record_finished(
    out: Path, db: Path, started_at: dt.datetime, schools: list[SchoolDone]
) -> None:
    """Record every audited school of `out` not yet recorded, and write its change."""
    stamp = started_at.isoformat(timespec="seconds")
    for done in schools:
        folder = school_folder(out, done.key)
        if done.outcome is not Outcome.OK or (folder / CHANGE).exists():
            continue
        result = report_json.parse((folder / "report.json").read_bytes())
        runs = history.runs(db, result.school["name"])
        mine = next((r for r in runs if r.as_of == result.as_of and r.recorded_at == stamp), None)
        run_id = mine.id if mine else history.record_run(db, result, recorded_at=started_at)
        earlier = [r for r in runs if r.id < run_id]
        change = Change(run_id=run_id)
        if earlier:
            previous = earlier[-1]
            found = history.diff(db, previous.id, run_id)
            change = Change(
                run_id=run_id,
                previous_as_of=previous.as_of,
                coverage=round(result.summary.coverage - previous.coverage, 4),
                pass_rate=round(result.summary.pass_rate - previous.pass_rate, 4),
                newly_failing=len(found.newly_failing),
                fixed=len(found.fixed),
            )
        write_atomic(folder / CHANGE, change.model_dump_json(indent=2).encode("utf-8") + b"\n")
