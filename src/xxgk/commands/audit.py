"""`xxgk audit`: crawl a school's site, score every item, write the reports, record the run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xxgk import history
from xxgk.audit import load_school, option_problems, run_audit
from xxgk.commands.options import RunParams
from xxgk.commands.outputs import check_run_paths, output_lock, written_as_one_set
from xxgk.commands.summary import print_summary, record
from xxgk.report import write_reports


def run(rules_path: Path, params: RunParams, db: Path | None, now: dt.datetime) -> None:
    """`db`: the history file to record the run in (None: not recorded)."""
    rules, checklist = load_school(rules_path)
    out = params.out or Path("reports") / rules_path.stem
    earlier = option_problems(rules, params.audit_options())
    check_run_paths(out, params.cache_dir, db=db, earlier=earlier)
    trend = history.trend(db, rules.school.name) if db else []
    with output_lock(out):
        result = run_audit(rules, checklist, params.audit_options())
        with written_as_one_set(recorded=db is not None):
            paths = write_reports(result, out, list(params.formats), trend)
            print_summary(result, paths, params.quiet)
            record(db, result, now, params.quiet)
