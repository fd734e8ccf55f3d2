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
