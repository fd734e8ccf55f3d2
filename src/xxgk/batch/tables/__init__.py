"""The summary's formats, one module each with `render(summary) -> bytes`; TABLES lists them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from xxgk.batch.summary import BatchSummary
from xxgk.batch.tables import csv, html, json, xlsx
from xxgk.safe_write import write_atomic

TABLES: Mapping[str, Callable[[BatchSummary], bytes]] = {
    "summary.csv": csv.render,
    "summary.html": html.render,
    "summary.json": json.render,
    "summary.xlsx": xlsx.render,
}


def write_tables(summary: BatchSummary, out: Path) -> list[Path]:
    """Render every table first, then write each atomically."""
    rendered = [(out / name, render(summary)) for name, render in TABLES.items()]
    for path, data in rendered:
        write_atomic(path, data)
    return [path for path, _ in rendered]
