"""The table across schools, computed once from the schools' folders of a batch output.

Every format (tables/) renders the same `BatchSummary`: one row per finished school, its
scores, counts by status, weakest categories, the status of every checklist item, the
link to its report and, with history, its change since its previous run. Timing is left
out, so that the same schools and audit date give the same tables, sharded or not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from xxgk import __version__
from xxgk.batch.changes import Change, read_change
from xxgk.batch.state import OUTCOME_LABELS, BatchInfo, Outcome, SchoolDone, finished, school_folder
from xxgk.errors import InputError
from xxgk.models import COUNT_ORDER, AuditResult, Status
from xxgk.report import json as report_json
from xxgk.report.labels import KIND_LABELS
from xxgk.scores import category_scores

WORST_CATEGORIES = 3  # the weakest categories shown per school
REPORT_FILES = ("report.html", "report.md", "report.json")  # the first written is linked


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ItemHead(_Model):
    id: int
    category: str
    title: str


class SchoolRow(_Model):
    key: str
    name: str
    kind: str  # as the rules (or the roster) give it
    outcome: Outcome
    message: str = ""
    applicable: int | None = None
    coverage: float | None = None
    timeliness: float | None = None
    pass_rate: float | None = None
    counts: dict[str, int] = {}  # by status, report.json's order; empty when not audited
    worst_categories: tuple[str, ...] = ()
    statuses: dict[int, Status] = {}  # checklist item id -> status
    report: str | None = None  # the school's report, relative to the batch output
    pages: int = 0
    errors: int = 0
    change: Change | None = None


class BatchSummary(_Model):
    tool: dict[str, str]
    as_of: dt.date
    checklist: dict[str, str]
    items: tuple[ItemHead, ...]  # the checklist's items, by id
    outcomes: dict[str, int]  # schools per outcome
    schools: tuple[SchoolRow, ...]  # by key


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def build_summary(out: Path, info: BatchInfo, keys: set[str] | None = None) -> BatchSummary:
    """The table of the finished schools in `out` (a batch's or a merge's output): those of
    `keys` (the roster's share), or all."""
    rows: list[SchoolRow] = []
    heads: dict[int, ItemHead] = {}
    checklist = ""
    for done in finished(out):
        if done.as_of != info.as_of or (keys is not None and done.key not in keys):
            continue
        folder = school_folder(out, done.key)
        if done.outcome is not Outcome.OK:
            rows.append(_row(done, None, folder, out))
            continue
        result = report_json.parse((folder / "report.json").read_bytes())
        checklist = checklist or str(result.checklist["id"])
        for item in result.items:
            heads.setdefault(
                item.id, ItemHead(id=item.id, category=item.category, title=item.title)
            )
        rows.append(_row(done, result, folder, out))
    outcomes = {o.value: sum(1 for r in rows if r.outcome is o) for o in Outcome}
    return BatchSummary(
        tool={"name": "xxgk", "version": __version__},
        as_of=info.as_of,
        checklist={"id": checklist},
        items=tuple(heads[k] for k in sorted(heads)),
        outcomes=outcomes,
        schools=tuple(rows),
    )


def _row(done: SchoolDone, result: AuditResult | None, folder: Path, out: Path) -> SchoolRow:
    report = next((folder / n for n in REPORT_FILES if (folder / n).is_file()), None)
    base = SchoolRow(
        key=done.key,
        name=done.name or done.key,
        kind=done.kind,
        outcome=done.outcome,
        message=done.message,
        report=report.relative_to(out).as_posix() if report else None,
        pages=done.pages,
        errors=done.errors,
        change=read_change(folder),
    )
    if result is None:
        return base
    s = result.summary
    short = [(c.coverage, c.name) for c in category_scores(result.items) if (c.coverage or 1) < 1]
    weakest = sorted(short, key=lambda c: c[0] or 0.0)  # stable: checklist order on ties
    return base.model_copy(
        update={
            "applicable": s.applicable,
            "coverage": s.coverage,
            "timeliness": s.timeliness,
            "pass_rate": s.pass_rate,
            "counts": {st.value: s.counts.get(st.value, 0) for st in COUNT_ORDER},
            "worst_categories": tuple(name for _, name in weakest[:WORST_CATEGORIES]),
            "statuses": {i.id: i.status for i in sorted(result.items, key=lambda i: i.id)},
        }
    )


def outcome_label(row: SchoolRow) -> str:
    return OUTCOME_LABELS[row.outcome]


def check_same_date(infos: dict[Path, BatchInfo]) -> BatchInfo:
    """The one audit date of several outputs (batch-merge), or every mismatch (exit 2)."""
    dates = {info.as_of for info in infos.values()}
    if len(dates) > 1:
        raise InputError(
            [f"{path}: 核查日期为 {info.as_of}，与其他分片不同" for path, info in infos.items()]
        )
    return min(infos.values(), key=lambda i: i.started_at)
