"""Renderers of one AuditResult. Each format is a module with `render(result) -> bytes`;
FORMATS hands each the result with its scores, computed once (and the trend, for HTML)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.models import AuditResult, TrendPoint
from xxgk.report import gaps, html, json, junit, markdown
from xxgk.report.manifest import end_set, start_set
from xxgk.safe_write import write_atomic
from xxgk.scores import Scores, score


@dataclass(frozen=True)
class Report:
    """What every renderer is handed: the result and the numbers computed from it once."""

    result: AuditResult
    scores: Scores
    trend: Sequence[TrendPoint] = field(default_factory=tuple)  # earlier runs, oldest first


Renderer = Callable[[Report], bytes]

# format name -> (file name, renderer); the CLI's --format choices
FORMATS: Mapping[str, tuple[str, Renderer]] = {
    "gaps-csv": ("gaps.csv", lambda r: gaps.render_csv(r.result)),
    "gaps-md": ("gaps.md", lambda r: gaps.render_markdown(r.result)),
    "gaps-xlsx": ("gaps.xlsx", lambda r: gaps.render_xlsx(r.result)),
    "html": ("report.html", lambda r: html.render(r.result, r.scores, r.trend)),
    "json": ("report.json", lambda r: json.render(r.result)),
    "junit": ("junit.xml", lambda r: junit.render(r.result)),
    "md": ("report.md", lambda r: markdown.render(r.result, r.scores)),
}


def render(name: str, result: AuditResult, trend: Sequence[TrendPoint] = ()) -> bytes:
    """One format of one result (scores computed here)."""
    return FORMATS[name][1](Report(result, score(result), trend))


def write_reports(
    result: AuditResult, out: Path, formats: list[str], trend: Sequence[TrendPoint] = ()
) -> list[Path]:
    """Render every format first, then write each atomically: a failed render writes nothing.
    The folder's manifest.json goes first and comes back last (report.manifest).

    `trend`: earlier runs of the school (oldest first) for the HTML report's trend chart.
    """
    report = Report(result, score(result), trend)
    rendered = [(out / FORMATS[f][0], FORMATS[f][1](report)) for f in formats]
    out.mkdir(parents=True, exist_ok=True)
    start_set(out)
    for path, data in rendered:
        write_atomic(path, data)
    written = [path for path, _ in rendered]
    end_set(out, result, written)
    return written
