"""One school's audit in its own process: `python -m xxgk.batch.worker TASK.json`.

Its own process, so that reading pages is not held by one interpreter lock and a school
that hangs or crashes can be stopped alone. It writes the school's reports, then its
done.json (last: the school counts as finished only once every report is whole). An
unexpected error leaves no done.json, a traceback in worker.log and exit code 1: the
scheduler records the school as crashed.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from pathlib import Path

from xxgk import history
from xxgk.audit import AuditOptions, load_school, run_audit, with_mapping
from xxgk.batch.state import Outcome, SchoolDone, SchoolTask, write_done
from xxgk.checklist import load_checklist
from xxgk.commands.init import DraftParams, draft_school
from xxgk.errors import InputError, RunError
from xxgk.models import SCHOOL_KINDS, AutoMapping
from xxgk.report import write_reports
from xxgk.safe_write import write_atomic

_PR_SET_PDEATHSIG = 1


def audit_school(task: SchoolTask) -> SchoolDone:
    """Audit the school and write its reports; its outcome (not yet written)."""
    started = time.monotonic()

    def ended(outcome: Outcome, name: str, message: str = "", **counts: int) -> SchoolDone:
        return SchoolDone(
            key=task.key,
            name=name,
            kind=kind,
            as_of=task.as_of,
            outcome=outcome,
            message=message,
            seconds=round(time.monotonic() - started, 2),
            **counts,
        )

    kind = ""
    mappings: dict[int, AutoMapping] = {}
    try:
        if task.rules is None:
            rules_path, mappings = _drafted(task)
        else:
            rules_path = task.rules
        rules, checklist = load_school(rules_path)
    except InputError as exc:
        return ended(Outcome.INVALID_RULES, "", "\n".join(exc.problems))
    except RunError as exc:  # the site did not answer the drafting crawl
        return ended(Outcome.UNREACHABLE, task.draft.name if task.draft else "", str(exc))
    name, kind = rules.school.name, rules.school.kind
    options = AuditOptions(
        as_of=task.as_of,
        crawl=task.crawl,
        resolve=task.resolve,
        cache_dir=task.cache_dir,
    )
    try:
        result = run_audit(rules, checklist, options)
    except InputError as exc:
        return ended(Outcome.INVALID_RULES, name, "\n".join(exc.problems))
    except RunError as exc:
        return ended(Outcome.UNREACHABLE, name, str(exc))
    if mappings:
        result = with_mapping(result, mappings)
    trend = history.trend(task.history, name) if task.history else []
    write_reports(result, task.folder, list(task.formats), trend)
    return ended(Outcome.OK, name, pages=result.fetch.pages, errors=result.fetch.errors)


DRAFT_FILE = "rules.draft.yaml"


def _drafted(task: SchoolTask) -> tuple[Path, dict[int, AutoMapping]]:
    """Rules drafted from the school's address, kept in its folder for a person to review
    (and to hand-edit into its rules file), and how each item's location was found."""
    assert task.draft is not None
    source = task.draft
    kind = source.kind if source.kind in SCHOOL_KINDS else None
    draft = draft_school(
        source.base_url,
        load_checklist(),
        DraftParams(crawl=task.crawl, resolve=task.resolve),
        task.as_of,
        name=source.name or None,
        kind=kind,
    )
    path = task.folder / DRAFT_FILE
    write_atomic(path, draft.text.encode("utf-8"))
    return path, draft.mappings()


def _die_with_parent(parent_pid: int) -> None:
    """A worker whose scheduler is gone (even by SIGKILL) stops at once: a rerun will
    audit its school, and must not find a second audit of it still running."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent_pid and os.getppid() != parent_pid:
        os._exit(1)  # the scheduler died before the line above took effect


def main(argv: list[str]) -> int:
    task = SchoolTask.model_validate_json(Path(argv[0]).read_bytes())
    _die_with_parent(task.parent_pid)
    try:
        done = audit_school(task)
    except KeyboardInterrupt:
        return 130  # the batch was interrupted: no outcome, the school is redone next time
    write_done(task.folder, done)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
