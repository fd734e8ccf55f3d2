"""`xxgk audit`: crawl a school's site, score every item, write the reports, record the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xxgk import history
from xxgk.audit import load_school, run_audit
from xxgk.commands.options import RunParams
from xxgk.commands.summary import print_summary, record
from xxgk.report import write_reports


def run(rules_path: Path, params: RunParams, db: Path | None, now: dt.datetime) -> None:
    """`db`: the history file to record the run in (None: not recorded)."""
    rules, checklist = load_school(rules_path)
    out = params.out or Path("reports") / rules_path.stem
    trend = history.trend(db, rules.school.name) if db else []
    result = run_audit(rules, checklist, params.audit_options())
    paths = write_reports(result, out, list(params.formats), trend)
    print_summary(result, paths, params.quiet)
    record(db, result, now, params.quiet)
