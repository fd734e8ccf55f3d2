"""The summary's row per school as cells: the columns of summary.csv and of the XLSX's
first sheet, in one place."""

from __future__ import annotations

from xxgk.batch.summary import SchoolRow, kind_label, outcome_label
from xxgk.models import COUNT_ORDER
from xxgk.report.labels import STATUS_LABELS

PERCENT_COLUMNS = ("要素覆盖率", "及时率", "合格率")
CHANGE_COLUMNS = ("上次核查日期", "覆盖率变化", "合格率变化", "新增问题", "已整改")
COLUMNS: tuple[str, ...] = (
    "学校",
    "类型",
    "核查结果",
    "适用事项",
    *PERCENT_COLUMNS,
    *(STATUS_LABELS[s] for s in COUNT_ORDER),
    "最薄弱类别",
    "抓取页面",
    "出错",
    *CHANGE_COLUMNS,
    "报告",
    "说明",
)
# Cells that are fractions (shown as percentages) or differences of fractions.
FRACTION_COLUMNS = frozenset({*PERCENT_COLUMNS, "覆盖率变化", "合格率变化"})


def cells(row: SchoolRow) -> list[object]:
    """One school's cells, in COLUMNS' order (None: empty)."""
    change = row.change
    counts: list[object] = [row.counts.get(s.value) for s in COUNT_ORDER]
    return [
        row.name,
        kind_label(row.kind),
        outcome_label(row),
        row.applicable,
        row.coverage,
        row.timeliness,
        row.pass_rate,
        *counts,
        "、".join(row.worst_categories),
        row.pages,
        row.errors,
        change.previous_as_of if change else None,
        change.coverage if change else None,
        change.pass_rate if change else None,
        change.newly_failing if change else None,
        change.fixed if change else None,
        row.report,
        row.message,
    ]
