"""Renderers of one AuditResult. Each format is a module with `render(result) -> bytes`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from xxgk.models import AuditResult, TrendPoint
from xxgk.report import gaps, html, json, junit, markdown
from xxgk.safe_write import write_atomic

Renderer = Callable[[AuditResult], bytes]

# format name -> (file name, renderer); the CLI's --format choices
FORMATS: dict[str, tuple[str, Renderer]] = {
    "gaps-csv": ("gaps.csv", gaps.render_csv),
    "gaps-md": ("gaps.md", gaps.render_markdown),
    "gaps-xlsx": ("gaps.xlsx", gaps.render_xlsx),
    "html": ("report.html", html.render),
    "json": ("report.json", json.render),
    "junit": ("junit.xml", junit.render),
    "md": ("report.md", markdown.render),
}


def write_reports(
    result: AuditResult, out: Path, formats: list[str], trend: Sequence[TrendPoint] = ()
) -> list[Path]:
    """Render every format first, then write each atomically: a failed render writes nothing.

    `trend`: earlier runs of the school (oldest first) for the HTML report's trend chart.
    """
    rendered = [(out / FORMATS[f][0], _render(f, result, trend)) for f in formats]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]


def _render(name: str, result: AuditResult, trend: Sequence[TrendPoint]) -> bytes:
    if name == "html":
        return html.render_with_trend(result, trend)
    return FORMATS[name][1](result)
