"""Renderers of one AuditResult. Each format is a module with `render(result) -> bytes`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from xxgk.models import AuditResult
from xxgk.report import json, markdown
from xxgk.safe_write import write_atomic

Renderer = Callable[[AuditResult], bytes]

# format name -> (file name, renderer); the CLI's --format choices
FORMATS: dict[str, tuple[str, Renderer]] = {
    "json": ("report.json", json.render),
    "md": ("report.md", markdown.render),
}


def write_reports(result: AuditResult, out: Path, formats: list[str]) -> list[Path]:
    """Render every format first, then write each atomically: a failed render writes nothing."""
    rendered = [(out / FORMATS[f][0], FORMATS[f][1](result)) for f in formats]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
