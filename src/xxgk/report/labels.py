"""Chinese words for statuses and kinds, shared by the human-readable formats."""

from __future__ import annotations

from xxgk.models import Status

STATUS_LABELS: dict[Status, str] = {
    Status.PASS: "合格",
    Status.LATE: "逾期发布",
    Status.STALE: "未及时更新",
    Status.PARTIAL: "要素不全",
    Status.MISSING: "缺失",
    Status.UNREACHABLE: "无法访问",
    Status.NOT_APPLICABLE: "不适用",
}

KIND_LABELS: dict[str, str] = {
    "undergraduate": "本科院校",
    "vocational": "高职（专科）院校",
    "graduate": "研究生培养单位",
}

# The first line of a report whose rules were drafted from the site (no rules file).
AUTO_MAPPING_NOTE = (
    "注意：本报告的事项位置由 xxgk 根据站点的目录、菜单和栏目标题自动匹配，未经人工核对；"
    "各项的匹配置信度见逐项结果。"
)


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def timely_label(value: bool | None) -> str:
    return {True: "及时", False: "不及时", None: "—"}[value]


# Where an item's latest date was read (ItemResult.date_source), for people.
_DATE_SOURCE_LABELS: dict[str, str] = {
    "list row": "列表中的日期",
    "list row, year from the URL": "列表中的日期（年份取自链接）",
    "list row, year from the list's order": "列表中的日期（年份按列表由新到旧的顺序推定）",
    "list row, year from the article": "列表中的日期（年份取自文章页）",
    "byline": "标题下的日期",
    "json-ld": "页面结构化数据（datePublished）",
    "time": "页面 <time> 标签",
    "script": "页面脚本写出的日期",
    "url": "网址中的日期",
    "last-modified": "服务器 Last-Modified（弱证据）",
}


def date_source_label(source: str | None) -> str:
    """label:发布时间 → 页面标注「发布时间」, meta:PubDate → 页面元数据 PubDate, …"""
    if not source:
        return "—"
    if source.startswith("label:"):
        return f"页面标注「{source.removeprefix('label:')}」"
    if source.startswith("meta:"):
        return f"页面元数据 {source.removeprefix('meta:')}"
    return _DATE_SOURCE_LABELS.get(source, source)
