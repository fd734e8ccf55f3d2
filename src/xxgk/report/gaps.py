"""Gap lists per responsible department: CSV, Markdown and XLSX, in Chinese.

A gap is an item whose status is neither pass nor not_applicable. Departments come in the
order of their first gap in the checklist; items without a department are grouped under
「未指定部门」, last. Every format lists the same rows: item, what is missing, evidence,
status, the latest date, the deadline and the fix-by date (working days).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from xxgk.evaluate import FIX_WORKING_DAYS
from xxgk.models import AuditResult, ItemResult, ReasonKind, Status
from xxgk.report.labels import STATUS_LABELS
from xxgk.report.sanitize import excel_header_text, line_text, xml_text

UNASSIGNED = "未指定部门"
NOT_GAPS = frozenset({Status.PASS, Status.NOT_APPLICABLE})
FIX_BY_HEADER = f"整改期限（{FIX_WORKING_DAYS}个工作日）"
# One gap row, without the department (a sheet or section is the department).
COLUMNS: tuple[str, ...] = (
    "序号",
    "事项",
    "状态",
    "存在问题",
    "证据",
    "最新日期",
    "截止日期",
    FIX_BY_HEADER,
    "说明",
)
CSV_COLUMNS: tuple[str, ...] = ("责任部门", *COLUMNS)
XLSX_WIDTHS: tuple[int, ...] = (6, 36, 11, 36, 46, 12, 12, 16, 46)
XLSX_STATUS_FILLS: dict[Status, str] = {
    Status.UNREACHABLE: "EDE1F7",
    Status.MISSING: "FDE2E1",
    Status.PARTIAL: "FDECC8",
    Status.STALE: "FEF7D6",
    Status.LATE: "FFF1E0",
}
# Characters XML 1.0 (and so XLSX) cannot hold.
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
_FILE_ILLEGAL = re.compile(r'[\\/:*?"<>|\s\x00-\x1f\x7f]+')
_CORE_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
# Cells a spreadsheet would run as a formula (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# ------------------------------------------------------------------ what a gap is


def is_gap(item: ItemResult) -> bool:
    return item.status not in NOT_GAPS


def department_of(item: ItemResult) -> str:
    return item.department or UNASSIGNED


def gaps_by_department(result: AuditResult) -> dict[str, list[ItemResult]]:
    """Gaps per department, checklist order inside; departments by their first gap."""
    groups: dict[str, list[ItemResult]] = {}
    for item in sorted(result.items, key=lambda i: i.id):
        if is_gap(item):
            groups.setdefault(department_of(item), []).append(item)
    if UNASSIGNED in groups:
        groups[UNASSIGNED] = groups.pop(UNASSIGNED)
    return groups


def gap_summary(item: ItemResult) -> str:
    """What is wrong with an item, in one line of Chinese."""
    missing = [e.name for e in item.elements if not e.found]
    if item.status is Status.UNREACHABLE:
        pages = [
            f"{r.url}（{r.detail}）" if r.detail else str(r.url)
            for r in item.reasons
            if r.kind is ReasonKind.UNREACHABLE
        ]
        return "页面无法访问" + (f"：{'；'.join(pages)}" if pages else "")
    if item.status is Status.MISSING:
        if not item.urls:
            return "未公开：规则中未声明公开位置"
        return "未找到公开内容" + (f"（应含：{'、'.join(missing)}）" if missing else "")
    if item.status is Status.PARTIAL:
        return f"缺少要素：{'、'.join(missing)}"
    if item.status is Status.STALE:
        latest = f"最新日期 {item.latest_date}" if item.latest_date else "未注明发布时间"
        due = f"，应于 {item.due} 前更新" if item.due else ""
        return f"未及时更新（{latest}{due}）"
    if item.status is Status.LATE:
        return f"逾期发布（截止日期 {item.due}，发布于 {item.latest_date}）"
    return ""


def evidence_urls(item: ItemResult) -> list[str]:
    """Where the evidence is (elements found), then the pages that were checked."""
    found = [e.where for e in item.elements if e.found and e.where]
    return list(dict.fromkeys([*found, *item.urls]))


def is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def gap_row(item: ItemResult) -> list[str]:
    """The cells of one gap, in COLUMNS order."""
    return [
        str(item.id),
        item.title,
        STATUS_LABELS[item.status],
        gap_summary(item),
        "\n".join(evidence_urls(item)),
        _date(item.latest_date),
        _date(item.due),
        _date(item.fix_by),
        "\n".join(item.notes),
    ]


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


# ------------------------------------------------------------------ CSV


def render_csv(result: AuditResult) -> bytes:
    """UTF-8 with a BOM so that Excel shows the Chinese; CRLF rows as Excel writes them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for department, items in gaps_by_department(result).items():
        for item in items:
            writer.writerow([csv_cell(c) for c in [department, *gap_row(item)]])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def csv_cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


# ------------------------------------------------------------------ Markdown


def render_markdown(result: AuditResult) -> bytes:
    groups = gaps_by_department(result)
    total = sum(len(items) for items in groups.values())
    lines = [
        f"# {_md(result.school['name'])} 信息公开问题清单（按责任部门）",
        "",
        f"- 核查日期：{result.as_of}",
        f"- 问题事项：{total} 项，涉及 {len(groups)} 个部门",
        f"- 整改期限：核查日期后 {FIX_WORKING_DAYS} 个工作日（已计入法定节假日和调休）",
        "",
    ]
    if not groups:
        return ("\n".join([*lines, "未发现问题。"]) + "\n").encode("utf-8")
    for department, items in groups.items():
        lines += [
            f"## {_md(department)}（{len(items)} 项）",
            "",
            "| 序号 | 事项 | 状态 | 存在问题 | 证据 | 最新日期 | 截止日期 | 整改期限 |",
            "|---:|---|---|---|---|---|---|---|",
        ]
        for item in items:
            cells = gap_row(item)
            evidence = "<br>".join(_md_link(u) for u in evidence_urls(item)) or "—"
            lines.append(
                "| "
                + " | ".join(
                    [
                        cells[0],
                        _md(cells[1]),
                        cells[2],
                        _md(cells[3]),
                        evidence,
                        cells[5] or "—",
                        cells[6] or "—",
                        cells[7] or "—",
                    ]
                )
                + " |"
            )
        lines.append("")
    return ("\n".join(lines)).encode("utf-8")


def _md(text: str) -> str:
    """Text safe in a table cell: one line, no pipes, and no HTML a viewer would run."""
    text = " ".join(text.split())
    for char, escaped in (("\\", "\\\\"), ("|", "\\|"), ("<", "\\<"), (">", "\\>")):
        text = text.replace(char, escaped)
    return text


def _md_link(url: str) -> str:
    if is_http_url(url) and not re.search(r"[\s<>|]", url):
        return f"<{url}>"
    return _md(url)


# ------------------------------------------------------------------ XLSX


def render_xlsx(result: AuditResult) -> bytes:
    """One workbook, one sheet per department."""
    return _workbook(result, gaps_by_department(result))


def split_xlsx(result: AuditResult) -> dict[str, bytes]:
    """One workbook per department, by file name (`gaps-<department>.xlsx`)."""
    files: dict[str, bytes] = {}
    for department, items in gaps_by_department(result).items():
        name = f"gaps-{_FILE_ILLEGAL.sub('_', department).strip('._') or 'department'}.xlsx"
        while name in files:
            name = name.removesuffix(".xlsx") + "_.xlsx"
        files[name] = _workbook(result, {department: items})
    return files


def sheet_names(departments: Iterable[str]) -> list[str]:
    """Valid, unique sheet names (31 characters, none of []:*?/\\) for departments."""
    names: list[str] = []
    for department in departments:
        base = _SHEET_ILLEGAL.sub("_", line_text(department)).strip("'")[:31] or "部门"
        name, n = base, 2
        while name.lower() in (x.lower() for x in names):
            suffix = f"({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        names.append(name)
    return names


def _workbook(result: AuditResult, groups: dict[str, list[ItemResult]]) -> bytes:
    # openpyxl is imported only here: its 4 MB would otherwise sit beside every crawl
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    stamp = dt.datetime.combine(result.as_of, dt.time())
    book.properties.creator = "xxgk"
    book.properties.title = line_text(f"{result.school['name']} 信息公开问题清单")
    book.properties.created = stamp
    book.properties.modified = stamp
    if not groups:
        sheet = book.create_sheet("无问题")
        sheet.append(
            [xml_text(f"{result.school['name']}（核查日期 {result.as_of}）：未发现问题。")]
        )
        sheet.cell(1, 1).data_type = "s"  # a school name is never a formula
    for name, (department, items) in zip(sheet_names(groups), groups.items(), strict=True):
        _fill_sheet(book.create_sheet(name), result, department, items)
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip_times(buffer.getvalue(), result.as_of)


def _fill_sheet(ws: Any, result: AuditResult, department: str, items: list[ItemResult]) -> None:
    from openpyxl.styles import PatternFill

    ws.append(list(COLUMNS))
    for item in items:
        cells = gap_row(item)
        values: list[object] = [item.id, *(xlsx_text(c) for c in cells[1:5])]
        values += [item.latest_date, item.due, item.fix_by, xlsx_text(cells[8])]
        ws.append(values)
        row = ws.max_row
        for column in (2, 3, 4, 5, 9):
            ws.cell(row, column).data_type = "s"
        for column in (6, 7, 8):
            ws.cell(row, column).number_format = "yyyy-mm-dd"
        links = [u for u in evidence_urls(item) if is_http_url(u)]
        if links:
            ws.cell(row, 5).hyperlink = links[0]
        fill = XLSX_STATUS_FILLS.get(item.status)
        if fill:
            ws.cell(row, 3).fill = PatternFill("solid", fgColor=fill)
    _style_sheet(ws, result, department)


def _style_sheet(sheet: Any, result: AuditResult, department: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EEF7")
    for column, width in enumerate(XLSX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        header = sheet.cell(1, column)
        header.font = bold
        header.fill = header_fill
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.oddHeader.center.text = excel_header_text(
        f"{result.school['name']} {department} 信息公开问题清单（核查日期 {result.as_of}）"
    )
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"


def xlsx_text(text: str) -> str:
    return xml_text(text)


def fixed_zip_times(data: bytes, day: dt.date) -> bytes:
    """Re-pack with every entry (and the modified property) dated `day`: the same audit
    gives the same bytes (openpyxl stamps the time of saving)."""
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    modified = f"{day.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()
