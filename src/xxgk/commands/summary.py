"""What an audit command prints and records after its reports are written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from xxgk import history
from xxgk.models import COUNT_ORDER, AuditResult
from xxgk.report.labels import STATUS_LABELS, percent


def print_summary(result: AuditResult, paths: list[Path], quiet: bool) -> None:
    if quiet:
        return
    s = result.summary
    print(f"\n{result.school['name']} 信息公开核查（核查日期 {result.as_of}）")
    print("-" * 40)
    for status in COUNT_ORDER:
        label = STATUS_LABELS[status]
        print(f"  {label}{'　' * (5 - len(label))} {status.value:<15}{s.counts[status.value]:>3}")
    print("-" * 40)
    print(
        f"  适用事项 {s.applicable}  要素覆盖率 {percent(s.coverage)}  "
        f"及时率 {percent(s.timeliness)}  合格率 {percent(s.pass_rate)}"
    )
    f = result.fetch
    print(f"  抓取 {f.pages} 个网址，出错 {f.errors} 个，用时 {f.seconds} 秒")
    print("\n报告已写入：")
    for path in paths:
        print(f"  {path}")


def record(db: Path | None, result: AuditResult, recorded_at: dt.datetime, quiet: bool) -> None:
    """Record the run after its reports are written, in one transaction."""
    if db is None:
        return
    run_id = history.record_run(db, result, recorded_at=recorded_at)
    if not quiet:
        print(f"  {db}（历史记录：运行 #{run_id}，xxgk diff --history {db} 可对比）")
