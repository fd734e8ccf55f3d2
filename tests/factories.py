"""AuditResults built by hand from the real checklist, for report and history tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from xxgk.checklist import load_checklist
from xxgk.models import (
    AuditResult,
    ElementResult,
    FetchStats,
    ItemResult,
    Reason,
    ReasonKind,
    Status,
    notes_of,
)
from xxgk.scores import summarize
from xxgk.workdays import add_working_days

AS_OF = dt.date(2026, 11, 30)
BASE = "https://xxgk.example.edu.cn"

# A fixed spread of statuses over the 50 items (every status appears); the rest pass.
STATUSES: dict[int, Status] = {
    1: Status.PARTIAL,
    3: Status.STALE,
    6: Status.LATE,
    7: Status.MISSING,
    11: Status.NOT_APPLICABLE,
    12: Status.NOT_APPLICABLE,
    17: Status.UNREACHABLE,
    19: Status.MISSING,
    25: Status.PARTIAL,
    27: Status.STALE,
    33: Status.MISSING,
    40: Status.UNREACHABLE,
    46: Status.NOT_APPLICABLE,
    48: Status.MISSING,
}
# Responsible departments; items not listed have none (「未指定部门」).
DEPARTMENTS: dict[int, str] = {
    **dict.fromkeys(range(1, 7), "党政办公室"),
    **dict.fromkeys(range(7, 15), "招生就业处"),
    **dict.fromkeys(range(15, 22), "计划财务处"),
    **dict.fromkeys(range(22, 27), "人事处"),
    **dict.fromkeys(range(27, 36), "教务处"),
    **dict.fromkeys(range(36, 43), "学生工作处"),
}


def make_result(
    statuses: Mapping[int, Status] | None = None,
    *,
    as_of: dt.date = AS_OF,
    school: str = "示例职业技术学院",
    departments: Mapping[int, str] | None = None,
    titles: Mapping[int, str] | None = None,
    snippets: Mapping[int, str] | None = None,
    notes: Mapping[int, tuple[str, ...]] | None = None,
    urls: Mapping[int, tuple[str, ...]] | None = None,
) -> AuditResult:
    """All 50 checklist items; `statuses` overrides STATUSES, the rest pass."""
    checklist = load_checklist("moe-2014")
    chosen = {**STATUSES, **(statuses or {})}
    depts = DEPARTMENTS if departments is None else departments
    fix_by, _ = add_working_days(as_of, 20)
    items = []
    for item in checklist.items:
        status = chosen.get(item.id, Status.PASS)
        item_urls = (urls or {}).get(item.id, (f"{BASE}/xxgk/{item.id}.htm",))
        item_notes = (notes or {}).get(item.id)
        reasons = (
            tuple(Reason(kind=ReasonKind.PAGE_NOTE, text=n) for n in item_notes)
            if item_notes is not None
            else _reasons(status, item_urls)
        )
        elements = _elements(item.id, [e.name for e in item.elements], status, item_urls, snippets)
        found = sum(1 for e in elements if e.found)
        dated = status in (Status.PASS, Status.STALE, Status.LATE, Status.PARTIAL)
        items.append(
            ItemResult(
                id=item.id,
                category=checklist.category_name(item.category_id),
                title=(titles or {}).get(item.id, item.title),
                department=depts.get(item.id),
                status=status,
                coverage=round(found / len(elements), 4) if elements else 0.0,
                elements=elements,
                latest_date=_latest(status, as_of) if dated else None,
                date_source=DATE_SOURCES[item.id % len(DATE_SOURCES)] if dated else None,
                date_url=item_urls[0] if dated else None,
                due=dt.date(2026, 10, 31) if dated else None,
                timely=_timely(status),
                urls=() if status is Status.NOT_APPLICABLE else item_urls,
                notes=notes_of(reasons),
                fix_by=None if status in (Status.PASS, Status.NOT_APPLICABLE) else fix_by,
                reasons=reasons,
            )
        )
    result_items = tuple(items)
    return AuditResult(
        tool={"name": "xxgk", "version": "0.1.0"},
        checklist={"id": checklist.id, "items": len(checklist.items)},
        school={"name": school, "kind": "vocational"},
        as_of=as_of,
        summary=summarize(result_items),
        items=result_items,
        fetch=FetchStats(pages=120, errors=3, robots_blocked=0, bytes=1_234_567, seconds=12.5),
    )


# Where a dated item's date was read, in turn: every kind the reader gives.
DATE_SOURCES = ("list row", "label:发布时间", "byline", "meta:PubDate", "url", "last-modified")


def _elements(
    item_id: int,
    names: list[str],
    status: Status,
    urls: tuple[str, ...],
    snippets: Mapping[int, str] | None,
) -> tuple[ElementResult, ...]:
    if status is Status.NOT_APPLICABLE:
        return ()
    if status in (Status.MISSING, Status.UNREACHABLE):
        found_count = 0
    elif status is Status.PARTIAL:
        found_count = max(1, len(names) // 2) if len(names) > 1 else 0
    else:
        found_count = len(names)
    snippet = (snippets or {}).get(item_id)
    return tuple(
        ElementResult(
            name=name,
            found=True,
            where=urls[0],
            snippet=snippet if snippet is not None else f"……{name}……",
        )
        if n < found_count
        else ElementResult(name=name, found=False)
        for n, name in enumerate(names)
    )


def _latest(status: Status, as_of: dt.date) -> dt.date:
    if status is Status.STALE:
        return dt.date(2025, 3, 1)
    if status is Status.LATE:
        return dt.date(2026, 11, 12)
    return dt.date(2026, 9, 15)


def _timely(status: Status) -> bool | None:
    if status in (Status.PASS, Status.PARTIAL):
        return True
    if status in (Status.STALE, Status.LATE):
        return False
    return None


def _reasons(status: Status, urls: tuple[str, ...]) -> tuple[Reason, ...]:
    """What evaluate gives for each status: the kind is what readers select by."""
    if status is Status.NOT_APPLICABLE:
        return (Reason(kind=ReasonKind.NOT_APPLICABLE, text="不适用：本校不培养研究生"),)
    if status is Status.UNREACHABLE:
        text = f"不可访问：{urls[0]}（连接超时）"
        return (Reason(kind=ReasonKind.UNREACHABLE, text=text, url=urls[0], detail="连接超时"),)
    if status is Status.MISSING:
        text = f"链接失效：{urls[0]}（HTTP 404）"
        return (Reason(kind=ReasonKind.BROKEN_LINK, text=text, url=urls[0], detail="HTTP 404"),)
    if status is Status.STALE:
        text = "最新材料日期 2025-03-01 早于本周期（2025-10-31 之后）"
        return (Reason(kind=ReasonKind.STALE, text=text),)
    if status is Status.LATE:
        text = "最新一期发布于 2026-11-12，晚于截止日期 2026-10-31"
        return (Reason(kind=ReasonKind.LATE, text=text),)
    return ()
