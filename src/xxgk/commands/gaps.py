"""`xxgk gaps`: gap lists per responsible department from a report.json."""

from __future__ import annotations

from pathlib import Path

from xxgk.errors import InputError
from xxgk.report import gaps
from xxgk.report.json import parse as parse_report
from xxgk.safe_write import write_atomic


def run(report: Path, *, split: bool = False, out: Path | None = None) -> None:
    """CSV, Markdown and XLSX (one workbook, or one per department with `split`)."""
    try:
        raw = report.read_bytes()
    except OSError:
        raise InputError([f"--report: 文件不存在或无法读取（实际为 '{report}'）"]) from None
    try:
        result = parse_report(raw)
    except ValueError:
        raise InputError([f"--report: 不是 xxgk 的 report.json（实际为 '{report}'）"]) from None
    folder = out or report.parent
    files = {"gaps.csv": gaps.render_csv(result), "gaps.md": gaps.render_markdown(result)}
    files.update(gaps.split_xlsx(result) if split else {"gaps.xlsx": gaps.render_xlsx(result)})
    for name, data in files.items():
        write_atomic(folder / name, data)
    groups = gaps.gaps_by_department(result)
    total = sum(len(items) for items in groups.values())
    print(
        f"{result.school['name']}（核查日期 {result.as_of}）：{total} 项问题，涉及 {len(groups)} 个部门"
    )
    for department, items in groups.items():
        print(f"  {department}：{len(items)} 项")
    print("问题清单已写入：")
    for name in files:
        print(f"  {folder / name}")
