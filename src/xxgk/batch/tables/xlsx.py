"""summary.xlsx: a sheet of schools (scores, counts, weakest categories, links to their
reports), then a sheet per checklist category with every school's item statuses."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from xxgk.batch.summary import BatchSummary, ItemHead
from xxgk.batch.tables.columns import COLUMNS, FRACTION_COLUMNS, cells
from xxgk.models import Status
from xxgk.report.gaps import XLSX_STATUS_FILLS, fixed_zip_times, sheet_names, xlsx_text
from xxgk.report.labels import STATUS_LABELS

SCHOOLS_SHEET = "学校汇总"
PASS_FILL = "E3F4E8"
HEADER_FILL = "E8EEF7"


def render(summary: BatchSummary) -> bytes:
    # openpyxl is imported only here, as for the gap lists
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    stamp = dt.datetime.combine(summary.as_of, dt.time())
    book.properties.creator = "xxgk"
    book.properties.title = f"信息公开批量核查汇总（{summary.as_of}）"
    book.properties.created = stamp
    book.properties.modified = stamp
    _schools_sheet(book.create_sheet(SCHOOLS_SHEET), summary)
    categories: dict[str, list[ItemHead]] = {}
    for head in summary.items:
        categories.setdefault(head.category, []).append(head)
    names = sheet_names([SCHOOLS_SHEET, *categories])[1:]
    for name, heads in zip(names, categories.values(), strict=True):
        _category_sheet(book.create_sheet(name), summary, heads)
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip_times(buffer.getvalue(), summary.as_of)


def _schools_sheet(ws: Any, summary: BatchSummary) -> None:
    ws.append(list(COLUMNS))
    link_column = COLUMNS.index("报告") + 1
    for row in summary.schools:
        values = [xlsx_text(v) if isinstance(v, str) else v for v in cells(row)]
        ws.append(values)
        r = ws.max_row
        for n, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(r, n)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a school's name is never a formula
            if name in FRACTION_COLUMNS:
                cell.number_format = "+0.0%;-0.0%;0.0%" if "变化" in name else "0.0%"
            elif name == "上次核查日期":
                cell.number_format = "yyyy-mm-dd"
        if row.report:
            ws.cell(r, link_column).hyperlink = row.report  # relative: opens beside the file
    _style(ws, widths={1: 28, 2: 14, 3: 12, len(COLUMNS) - 1: 34, len(COLUMNS): 40})


def _category_sheet(ws: Any, summary: BatchSummary, heads: list[ItemHead]) -> None:
    from openpyxl.styles import PatternFill

    ws.append(["学校", *(f"{h.id}. {xlsx_text(h.title)}" for h in heads)])
    for row in summary.schools:
        ws.append([xlsx_text(row.name), *(_status_text(row.statuses.get(h.id)) for h in heads)])
        ws.cell(ws.max_row, 1).data_type = "s"
        for n, head in enumerate(heads, start=2):
            status = row.statuses.get(head.id)
            fill = (
                PASS_FILL if status is Status.PASS else XLSX_STATUS_FILLS.get(status or Status.PASS)
            )
            if status is not None and fill:
                ws.cell(ws.max_row, n).fill = PatternFill("solid", fgColor=fill)
    _style(ws, widths={1: 28, **{n: 16 for n in range(2, len(heads) + 2)}})


def _status_text(status: Status | None) -> str:
    return STATUS_LABELS[status] if status is not None else "—"


def _style(ws: Any, widths: dict[int, int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = ws.dimensions
