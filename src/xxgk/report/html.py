"""The HTML report: one self-contained page in Chinese for the disclosure office.

Rendered from templates/report.html.j2 with escaping on by default: every value the
template prints goes through `html.escape` (the same bytes as before the template), and
only the package's own CSS and script (static/) are inlined unescaped. Inline SVG (category
bars, trend chart): the page needs no network, and its Content-Security-Policy forbids
loading anything or running any script but its own. Only http(s) URLs become links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from xxgk.annual.render import audit_view
from xxgk.models import COUNT_ORDER, AuditResult, ItemResult, Status, TrendPoint
from xxgk.report.gaps import UNASSIGNED, department_of, gap_summary, is_gap, is_http_url
from xxgk.report.labels import (
    AUTO_MAPPING_NOTE,
    KIND_LABELS,
    STATUS_LABELS,
    date_source_label,
    percent,
    timely_label,
)
from xxgk.report.page_policy import content_security_policy, static_text
from xxgk.scores import CategoryScore, Scores, score

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

TREND_RUNS = 12  # points on the trend chart, the current run included
STATUS_HELP: dict[Status, str] = {
    Status.PASS: "要素齐全且按时更新",
    Status.LATE: "本期内容已发布，但晚于截止日期",
    Status.STALE: "要素齐全，但内容早于更新周期的要求",
    Status.PARTIAL: "只找到部分要素",
    Status.MISSING: "未找到公开页面或任何要素",
    Status.UNREACHABLE: "网络错误、服务器错误、超时或 robots.txt 禁止访问",
    Status.NOT_APPLICABLE: "规则声明或清单规定本事项不适用于本校",
}
COVERAGE_COLOR = "#2f6fde"
TIMELINESS_COLOR = "#14a38b"


CSS = static_text("xxgk.report", "report.css")
# The page's only script. It holds no data: it reads the rows' data-* attributes, so its
# hash (allowed by the page's Content-Security-Policy) is the same in every report.
SCRIPT = static_text("xxgk.report", "report.js")
CSP = content_security_policy(SCRIPT)


def _escaped(value: object) -> Markup:
    """What `{{ value }}` prints: escaped unless it is markup the template made itself."""
    from markupsafe import Markup

    if isinstance(value, Markup):
        return value
    return Markup(escape(str(value), quote=True))


def _template() -> jinja2.Template:
    """The page's template (built per report: a few milliseconds, and no state kept).

    Jinja2 is imported here, as openpyxl is for XLSX: not held in memory during a crawl."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("xxgk.report", "templates"),
        autoescape=True,
        finalize=_escaped,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["percent"] = percent
    return env.get_template("report.html.j2")


def render(
    result: AuditResult, scores: Scores | None = None, trend: Sequence[TrendPoint] = ()
) -> bytes:
    """The report; `trend` are earlier runs of the same school, oldest first (none: the
    trend chart shows this run alone). `scores`: computed once for every renderer."""
    from markupsafe import Markup

    scores = scores or score(result)
    items = sorted(result.items, key=lambda i: i.id)
    page = _template().render(
        result=result,
        scores=scores,
        csp=Markup(CSP),
        css=Markup(CSS),
        script=Markup(SCRIPT),
        labels=STATUS_LABELS,
        status_help=STATUS_HELP,
        status_counts=[(st, scores.summary.counts.get(st.value, 0)) for st in COUNT_ORDER],
        header_meta=_header_meta(result),
        auto_mapping=AUTO_MAPPING_NOTE if any(i.mapping for i in result.items) else "",
        cards=_cards(result, scores),
        categories=_category_chart(scores.categories),
        trend=_trend_chart(result, trend),
        chart_legend=_legend,
        is_http_url=is_http_url,
        rows=[_row(item) for item in items],
        filter_categories=list(dict.fromkeys(i.category for i in items)),
        filter_departments=_departments(items),
        annual=audit_view(result.report_check) if result.report_check else None,
    )
    return page.encode("utf-8")


def render_with_trend(result: AuditResult, trend: Sequence[TrendPoint]) -> bytes:
    return render(result, trend=trend)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


# ------------------------------------------------------------------ header and overview


def _header_meta(result: AuditResult) -> list[str]:
    kind = result.school["kind"]
    return [
        f"核查日期 {result.as_of}",
        KIND_LABELS.get(kind, kind),
        f"依据《高等学校信息公开事项清单》（{result.checklist['id']}，共 {result.checklist['items']} 项）",
        f"xxgk {result.tool['version']}",
    ]


def _cards(result: AuditResult, scores: Scores) -> list[tuple[str, str, str]]:
    s = scores.summary
    total = len(result.items)
    return [
        ("适用事项", str(s.applicable), f"共 {total} 项，不适用 {total - s.applicable} 项"),
        ("要素覆盖率", percent(s.coverage), "适用事项中已找到的要素比例"),
        ("及时率", percent(s.timeliness), "可判断时效的事项中按时更新的比例"),
        (
            "合格率",
            percent(s.pass_rate),
            f"合格 {s.counts.get('pass', 0)} 项，问题 {scores.gaps} 项",
        ),
    ]


# ------------------------------------------------------------------ charts: geometry only


def _legend(x: int, y: int) -> list[dict[str, Any]]:
    entries = []
    for label, color in (("要素覆盖率", COVERAGE_COLOR), ("及时率", TIMELINESS_COLOR)):
        entries.append({"x": x, "y": y, "label": label, "color": color})
        x += 30 + 14 * len(label)
    return entries


def _category_chart(scores: Sequence[CategoryScore]) -> dict[str, Any]:
    label_w, bar_x, bar_w, row_h, top = 150, 160, 300, 46, 34
    rows = []
    for n, category in enumerate(scores):
        y = top + n * row_h
        bars = []
        for offset, value, color, what in (
            (6, category.coverage, COVERAGE_COLOR, "要素覆盖率"),
            (23, category.timeliness, TIMELINESS_COLOR, "及时率"),
        ):
            bars.append(
                {
                    "y": y + offset,
                    "value": value,
                    "width": round(bar_w * value, 1) if value is not None else None,
                    "color": color,
                    "what": what,
                    "empty": "无可判断事项" if category.applicable else "无适用事项",
                }
            )
        rows.append({"y": y, "label": _clip(category.name, 11), "score": category, "bars": bars})
    return {
        "height": top + row_h * len(scores),
        "label_w": label_w,
        "bar_x": bar_x,
        "bar_w": bar_w,
        "rows": rows,
    }


@dataclass(frozen=True)
class _Point:
    as_of: dt.date
    coverage: float
    timeliness: float
    label: str


def _trend_chart(result: AuditResult, trend: Sequence[TrendPoint]) -> dict[str, Any]:
    earlier = [_Point(p.as_of, p.coverage, p.timeliness, f"运行 #{p.run_id}") for p in trend]
    s = result.summary
    points = [
        *earlier[-(TREND_RUNS - 1) :],
        _Point(result.as_of, s.coverage, s.timeliness, "本次核查"),
    ]
    left, right, top, bottom, width, height = 44, 500, 30, 190, 540, 226

    def x_of(n: int) -> float:
        if len(points) == 1:
            return (left + right) / 2
        return round(left + (right - left) * n / (len(points) - 1), 1)

    def y_of(value: float) -> float:
        return round(bottom - (bottom - top) * max(0.0, min(1.0, value)), 1)

    ticks = [{"y": y_of(t), "label": int(t * 100)} for t in (0.0, 0.25, 0.5, 0.75, 1.0)]
    step = max(1, (len(points) + 5) // 6)  # at most about six date labels
    days = [
        {"x": x_of(n), "label": f"{point.as_of:%m-%d}"}
        for n, point in enumerate(points)
        if n % step == 0 or n == len(points) - 1
    ]
    lines = []
    for attr, color, what in (
        ("coverage", COVERAGE_COLOR, "要素覆盖率"),
        ("timeliness", TIMELINESS_COLOR, "及时率"),
    ):
        values = [float(getattr(p, attr)) for p in points]
        coords = [(x_of(n), y_of(v)) for n, v in enumerate(values)]
        path = " ".join(f"{x},{y}" for x, y in coords) if len(coords) > 1 else ""
        dots = [
            {"x": x, "y": y, "value": value, "point": point}
            for (x, y), value, point in zip(coords, values, points, strict=True)
        ]
        lines.append({"color": color, "what": what, "path": path, "dots": dots})
    # the two end labels, pushed apart when the lines end close together
    ends = [y_of(points[-1].coverage), y_of(points[-1].timeliness)]
    if abs(ends[0] - ends[1]) < 14:
        middle = (ends[0] + ends[1]) / 2
        upper = 0 if ends[0] <= ends[1] else 1
        ends[upper], ends[1 - upper] = middle - 7, middle + 7
    end_labels = [
        {"x": x_of(len(points) - 1) + 8, "y": round(end_y + 4, 1), "value": value, "color": color}
        for end_y, value, color in (
            (ends[0], points[-1].coverage, COVERAGE_COLOR),
            (ends[1], points[-1].timeliness, TIMELINESS_COLOR),
        )
    ]
    if len(points) == 1:
        note = "历史记录中只有本次核查；再次核查后显示变化趋势。"
    else:
        note = (
            f"{points[0].as_of} 至 {points[-1].as_of}，共 {len(points)} 次核查"
            f"（最多显示最近 {TREND_RUNS} 次；横轴为核查日期）。"
        )
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": right,
        "bottom": bottom,
        "ticks": ticks,
        "days": days,
        "lines": lines,
        "ends": end_labels,
        "note": note,
    }


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ the items


def _departments(items: Sequence[ItemResult]) -> list[str]:
    departments = sorted({department_of(i) for i in items} - {UNASSIGNED})
    if any(i.department is None for i in items):
        departments.append(UNASSIGNED)
    return departments


def _date_source(item: ItemResult) -> str:
    if item.date_source is None:
        return "—"
    where = f"：{item.date_url}" if item.date_url else ""
    return f"{date_source_label(item.date_source)}{where}"


def _row(item: ItemResult) -> dict[str, Any]:
    applicable = item.status is not Status.NOT_APPLICABLE
    found = sum(1 for e in item.elements if e.found)
    return {
        "item": item,
        "gap": is_gap(item),
        "problem": gap_summary(item) if is_gap(item) else "",
        "department": department_of(item),
        "label": STATUS_LABELS[item.status],
        "elements": f"{found}/{len(item.elements)}" if applicable and item.elements else "—",
        "latest": _date(item.latest_date),
        "due": _date(item.due),
        "fix_by": _date(item.fix_by),
        "summary": (
            f"详情：要素与证据（找到 {found}/{len(item.elements)} 项要素）"
            if applicable
            else "详情：不适用原因"
        ),
        "facts": [
            ("状态", f"{STATUS_LABELS[item.status]}（{item.status.value}）"),
            ("要素覆盖", "—" if not applicable else percent(item.coverage)),
            ("最新日期", _date(item.latest_date)),
            ("日期来源", _date_source(item)),
            ("截止/到期日", _date(item.due)),
            ("及时性", timely_label(item.timely)),
            ("整改期限", _date(item.fix_by)),
            ("责任部门", department_of(item)),
        ],
    }
