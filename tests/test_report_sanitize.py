"""Hostile text in every report format: control characters, formulas, header codes and
markup never stop a report from being written nor change what it means."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from factories import make_result
from openpyxl import load_workbook

from xxgk.models import AuditResult, Status
from xxgk.report import FORMATS, render
from xxgk.report.gaps import render_xlsx, split_xlsx

HOSTILE = '=HYPERLINK("http://x")\x00党\x08政&P办[1]:*?/\x1f'
SCHOOL = "=1+1\x07学院&D"


def hostile_result(statuses: dict[int, Status] | None = None) -> AuditResult:
    return make_result(
        statuses,
        school=SCHOOL,
        departments={i: HOSTILE for i in range(1, 51)},
        snippets={1: "片段\x0b\x0c"},
        notes={1: ("说明\x00\ufffe",), 7: ("<svg onload=alert(1)>|x",)},
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_is_written_whatever_the_page_says(fmt: str) -> None:
    data = render(fmt, hostile_result())
    assert data
    if fmt == "junit":
        ET.fromstring(data)  # well-formed XML 1.0
    if fmt in ("md", "gaps-md"):
        assert b"<svg" not in data


def test_xlsx_cells_are_text_and_headers_and_titles_are_clean() -> None:
    for result in (hostile_result(), hostile_result({i: Status.PASS for i in range(1, 51)})):
        for data in [render_xlsx(result), *split_xlsx(result).values()]:
            book = load_workbook(io.BytesIO(data))
            assert "\x07" not in (book.properties.title or "")
            for sheet in book.worksheets:
                assert not any(c in sheet.title for c in "\x00\x08[]:*?/")
                header = sheet.oddHeader.center.text or ""
                assert "\x00" not in header and "&P" not in header.replace("&&", "")
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                        if isinstance(cell.value, str):
                            assert not any(ord(c) < 32 and c not in "\t\n\r" for c in cell.value)
