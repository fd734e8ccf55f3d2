"""summary.html: one self-contained page, sortable and filterable, a bar per school and a
heat map of schools × checklist items.

Rendered from batch/templates/summary.html.j2 with escaping on: a school's name, a
category or a message is text, never markup. The page's only script (static/summary.js)
holds no data (it reads the rows' data-* attributes), so its hash, which the page's
Content-Security-Policy allows, is the same in every summary; nothing else runs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from xxgk.batch.state import OUTCOME_LABELS, Outcome
from xxgk.batch.summary import BatchSummary, SchoolRow, kind_label
from xxgk.models import COUNT_ORDER, Status
from xxgk.report.labels import STATUS_LABELS, percent
from xxgk.report.page_policy import content_security_policy, static_text

CSS = static_text("xxgk.batch", "summary.css")
SCRIPT = static_text("xxgk.batch", "summary.js")
CSP = content_security_policy(SCRIPT)
HEAT_STATUSES: tuple[Status, ...] = COUNT_ORDER


def render(summary: BatchSummary) -> bytes:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("xxgk.batch", "templates"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    page = env.get_template("summary.html.j2").render(
        summary=summary,
        rows=[_row(r) for r in summary.schools],
        kinds=sorted({kind_label(r.kind) for r in summary.schools if r.kind}),
        outcomes=[(o.value, OUTCOME_LABELS[o]) for o in Outcome],
        statuses=[(s.value, STATUS_LABELS[s]) for s in HEAT_STATUSES],
        status_labels={s: STATUS_LABELS[s] for s in Status},
        csp=CSP,
        css=_markup(CSS),
        script=_markup(SCRIPT),
    )
    return page.encode("utf-8")


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)  # the package's own files: never data


def _row(row: SchoolRow) -> dict[str, Any]:
    change = row.change
    return {
        "school": row,
        "kind": kind_label(row.kind),
        "outcome": OUTCOME_LABELS[row.outcome],
        "href": quote(row.report) if row.report else None,
        "coverage": _value(row.coverage),
        "timeliness": _value(row.timeliness),
        "pass_rate": _value(row.pass_rate),
        "coverage_text": percent(row.coverage) if row.coverage is not None else "—",
        "timeliness_text": percent(row.timeliness) if row.timeliness is not None else "—",
        "pass_text": percent(row.pass_rate) if row.pass_rate is not None else "—",
        "bar": f"{(row.coverage or 0.0) * 100:.1f}",
        "pass_bar": f"{(row.pass_rate or 0.0) * 100:.1f}",
        "gaps": _value(
            sum(n for s, n in row.counts.items() if s not in ("pass", "not_applicable"))
            if row.counts
            else None
        ),
        "change": _value(change.pass_rate if change else None),
        "change_text": (
            f"{change.pass_rate * 100:+.1f}%（新增问题 {change.newly_failing}，已整改 {change.fixed}）"
            if change and change.pass_rate is not None
            else "—"
        ),
    }


def _value(number: float | int | None) -> str:
    """A data-* value the script sorts by: '' (always last) when there is none."""
    return "" if number is None else repr(number)
