"""summary.csv: one row per school, UTF-8 with a BOM so that Excel shows the Chinese."""

from __future__ import annotations

import csv
import datetime as dt
import io

from xxgk.batch.summary import BatchSummary
from xxgk.batch.tables.columns import COLUMNS, FRACTION_COLUMNS, cells
from xxgk.report.gaps import csv_cell  # the gap lists' formula guard


def render(summary: BatchSummary) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in summary.schools:
        writer.writerow(
            [_text(name, value) for name, value in zip(COLUMNS, cells(row), strict=True)]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _text(column: str, value: object) -> str:
    if value is None:
        return ""
    if column in FRACTION_COLUMNS and isinstance(value, float):
        return f"{value * 100:+.1f}%" if "变化" in column else f"{value * 100:.1f}%"
    if isinstance(value, dt.date):
        return value.isoformat()
    return csv_cell(str(value))
