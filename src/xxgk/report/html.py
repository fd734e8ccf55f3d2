"""The HTML report: one self-contained page in Chinese for the disclosure office.

Inline CSS, one inline script (filters) and inline SVG (category bars, trend chart): it
needs no network, and its Content-Security-Policy forbids loading anything or running any
script but its own. Every value is escaped with `html.escape`, so text taken from crawled
pages (titles, snippets, notes, URLs) is shown as text; only http(s) URLs become links.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from xxgk.models import COUNT_ORDER, AuditResult, ElementResult, ItemResult, Status, TrendPoint
from xxgk.report.gaps import UNASSIGNED, department_of, gap_summary, is_gap, is_http_url
from xxgk.report.labels import KIND_LABELS, STATUS_LABELS, percent, timely_label

TREND_RUNS = 12  # points on the trend chart, the current run included
FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
)
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

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #2f6fde; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; color: var(--ink); background: #eef1f5; font: 14px/1.6 FONTS; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 20px 48px; }
header.top { background: #17305c; color: #fff; padding: 28px 20px 22px; }
header.top .inner { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
header.top h1 { margin: 0 0 6px; font-size: 26px; font-weight: 700; letter-spacing: .5px; }
header.top .meta { margin: 0; color: #c9d6ee; font-size: 13px; }
header.top .meta span + span::before { content: "·"; margin: 0 8px; color: #8aa2cc; }
section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin-top: 18px; }
h2 { margin: 0 0 12px; font-size: 17px; }
h2 small { font-weight: 400; color: var(--muted); font-size: 12px; margin-left: 8px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; }
.card { background: var(--soft); border-radius: 8px; padding: 14px 16px; }
.card .label { color: var(--muted); font-size: 13px; }
.card .value { font-size: 30px; font-weight: 700; line-height: 1.25; }
.card .hint { color: var(--muted); font-size: 12px; }
.stack { display: flex; height: 14px; border-radius: 7px; overflow: hidden; margin: 16px 0 8px; background: var(--soft); }
.stack span { display: block; height: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; color: var(--muted); margin: 0; padding: 0; list-style: none; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.charts section { margin-top: 0; }
svg { display: block; width: 100%; height: auto; font-family: FONTS; }
svg text { fill: #3d444d; font-size: 12px; }
.note { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
.filters { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 14px; margin-bottom: 14px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { font: inherit; font-size: 13px; border: 1px solid var(--line); background: #fff; color: var(--ink); border-radius: 999px; padding: 3px 12px; cursor: pointer; }
.chip b { font-weight: 600; margin-left: 4px; }
.chip:hover { border-color: #9aa5b1; }
.chip[aria-pressed="true"] { background: #17305c; border-color: #17305c; color: #fff; }
.filters label { font-size: 13px; color: var(--muted); }
.filters select { font: inherit; font-size: 13px; margin-left: 4px; padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; max-width: 220px; }
.filters .count { margin-left: auto; color: var(--muted); font-size: 13px; }
.filters .plain { font: inherit; font-size: 13px; border: 0; background: none; color: var(--accent); cursor: pointer; padding: 0; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; background: var(--soft); padding: 8px; border-bottom: 1px solid var(--line); white-space: nowrap; position: sticky; top: 0; }
td { padding: 8px; border-top: 1px solid #edf0f3; vertical-align: top; }
tbody.item tr.main td { border-top: 1px solid var(--line); }
tbody.item:hover tr.main { background: #fafbfc; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.title { min-width: 260px; }
td.dept { white-space: nowrap; }
td.cat { min-width: 6.5em; }
tr.detail td { border-top: 0; padding: 0 8px 8px; }
details summary { cursor: pointer; color: var(--accent); font-size: 12px; }
.detail-body { display: grid; grid-template-columns: 2fr 1fr; gap: 8px 24px; margin: 8px 0 4px; padding: 12px 14px; background: var(--soft); border-radius: 8px; font-size: 13px; }
.detail-body h3 { font-size: 13px; margin: 0 0 4px; color: var(--muted); font-weight: 600; }
.detail-body ul { margin: 0; padding-left: 18px; }
.detail-body dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; }
.detail-body dt { color: var(--muted); }
.detail-body dd { margin: 0; }
.detail-body .wide { grid-column: 1 / -1; }
.found { color: #1a7f37; }
.lost { color: #cf222e; }
.snippet { color: var(--muted); }
a { color: var(--accent); word-break: break-all; }
.badge { display: inline-block; border-radius: 4px; padding: 1px 8px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.problem { color: var(--muted); font-size: 12px; margin-top: 2px; }
.s-pass { --c: #1a7f37; --bg: #dafbe1; }
.s-late { --c: #bf3989; --bg: #ffeff7; }
.s-stale { --c: #9a6700; --bg: #fff8c5; }
.s-partial { --c: #bc4c00; --bg: #fff1e5; }
.s-missing { --c: #cf222e; --bg: #ffebe9; }
.s-unreachable { --c: #6639ba; --bg: #fbefff; }
.s-not_applicable { --c: #6e7781; --bg: #eaeef2; }
.badge, .legend i, .stack span { color: var(--c); background: var(--bg); }
.legend i, .stack span { background: var(--c); }
tbody.item tr.main td:first-child { box-shadow: inset 3px 0 0 var(--c); }
.help { display: grid; grid-template-columns: repeat(2, 1fr); gap: 4px 24px; margin: 0; padding: 0; list-style: none; font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 18px; text-align: center; }
@media (max-width: 900px) { .cards { grid-template-columns: repeat(2, 1fr); } .charts, .detail-body, .help { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } section { border: 0; padding: 0; } .filters { display: none; } th { position: static; } }
""".replace("FONTS", FONT_STACK)

# The page's only script. It holds no data: it reads the rows' data-* attributes, so its
# hash (allowed by the page's Content-Security-Policy) is the same in every report.
SCRIPT = """
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody.item"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-status]"));
  var category = document.getElementById("f-category");
  var department = document.getElementById("f-department");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  var toggle = document.getElementById("toggle-details");
  var keys = ["status", "category", "department"];
  var state = {status: "", category: "", department: ""};

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }
  function hasStatus(value) {
    return buttons.some(function (b) { return b.getAttribute("data-status") === value; });
  }
  function matches(row) {
    var s = state.status;
    var byStatus = !s || (s === "gap" ? row.getAttribute("data-gap") === "1"
                                      : row.getAttribute("data-status") === s);
    return byStatus
      && (!state.category || row.getAttribute("data-category") === state.category)
      && (!state.department || row.getAttribute("data-department") === state.department);
  }
  function writeHash() {
    var parts = [];
    keys.forEach(function (k) { if (state[k]) { parts.push(k + "=" + encodeURIComponent(state[k])); } });
    var url = parts.length ? "#" + parts.join("&") : location.pathname + location.search;
    try { history.replaceState(null, "", url); } catch (e) { location.hash = parts.join("&"); }
  }
  function apply(updateHash) {
    var count = 0;
    rows.forEach(function (row) {
      var ok = matches(row);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-status") === state.status));
    });
    category.value = state.category;
    department.value = state.department;
    shown.textContent = String(count);
    empty.hidden = count !== 0;
    if (updateHash) { writeHash(); }
  }
  function readHash() {
    state = {status: "", category: "", department: ""};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 0) { return; }
      var key = pair.slice(0, at), value;
      try { value = decodeURIComponent(pair.slice(at + 1)); } catch (e) { return; }
      if (key === "status" && hasStatus(value)) { state.status = value; }
      if (key === "category" && hasOption(category, value)) { state.category = value; }
      if (key === "department" && hasOption(department, value)) { state.department = value; }
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { state.status = b.getAttribute("data-status"); apply(true); });
  });
  category.addEventListener("change", function () { state.category = category.value; apply(true); });
  department.addEventListener("change", function () { state.department = department.value; apply(true); });
  window.addEventListener("hashchange", function () { readHash(); apply(false); });
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    document.querySelectorAll("tbody.item details").forEach(function (d) { d.open = open; });
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "收起全部详情" : "展开全部详情";
  });
  readHash();
  apply(false);
})();
"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src 'sha256-{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class CategoryScore:
    name: str
    applicable: int
    passed: int
    coverage: float | None  # None: no applicable item
    timeliness: float | None  # None: no item whose timeliness could be judged


def render(result: AuditResult) -> bytes:
    """The report without history: its trend chart shows this run alone."""
    return render_with_trend(result, ())


def render_with_trend(result: AuditResult, trend: Sequence[TrendPoint]) -> bytes:
    """The report; `trend` are earlier runs of the same school, oldest first."""
    name = result.school["name"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="xxgk {_e(result.tool["version"])}">',
        f"<title>{_e(name)} 信息公开核查报告（{result.as_of}）</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        _header(result),
        "<main>",
        _overview(result),
        '<div class="charts">',
        _category_section(result),
        _trend_section(result, trend),
        "</div>",
        _items_section(result),
        _help_section(),
        _fetch_footer(result),
        "</main>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def _link(url: str, text: str | None = None) -> str:
    """A link for http(s) URLs; anything else (javascript:, data:, …) is shown as text."""
    label = _e(text if text is not None else url)
    if not is_http_url(url):
        return f"<span>{label}</span>"
    return f'<a href="{_e(url.strip())}" target="_blank" rel="noopener noreferrer">{label}</a>'


# ------------------------------------------------------------------ header and overview


def _header(result: AuditResult) -> str:
    kind = result.school["kind"]
    meta = [
        f"核查日期 {result.as_of}",
        KIND_LABELS.get(kind, kind),
        f"依据《高等学校信息公开事项清单》（{result.checklist['id']}，共 {result.checklist['items']} 项）",
        f"xxgk {result.tool['version']}",
    ]
    return (
        '<header class="top"><div class="inner">'
        f"<h1>{_e(result.school['name'])} 信息公开核查报告</h1>"
        f'<p class="meta">{"".join(f"<span>{_e(m)}</span>" for m in meta)}</p>'
        "</div></header>"
    )


def _overview(result: AuditResult) -> str:
    s = result.summary
    total = len(result.items)
    gaps = sum(1 for i in result.items if is_gap(i))
    cards = [
        ("适用事项", str(s.applicable), f"共 {total} 项，不适用 {total - s.applicable} 项"),
        ("要素覆盖率", percent(s.coverage), "适用事项中已找到的要素比例"),
        ("及时率", percent(s.timeliness), "可判断时效的事项中按时更新的比例"),
        ("合格率", percent(s.pass_rate), f"合格 {s.counts.get('pass', 0)} 项，问题 {gaps} 项"),
    ]
    card_html = "".join(
        f'<div class="card"><div class="label">{_e(label)}</div>'
        f'<div class="value">{_e(value)}</div><div class="hint">{_e(hint)}</div></div>'
        for label, value, hint in cards
    )
    stack = "".join(
        f'<span class="s-{st.value}" style="flex: {s.counts.get(st.value, 0)}" '
        f'title="{_e(STATUS_LABELS[st])} {s.counts.get(st.value, 0)} 项"></span>'
        for st in COUNT_ORDER
        if s.counts.get(st.value, 0)
    )
    legend = "".join(
        f'<li class="s-{st.value}"><i></i>{_e(STATUS_LABELS[st])} {s.counts.get(st.value, 0)}</li>'
        for st in COUNT_ORDER
    )
    return (
        '<section class="overview"><h2>总体情况</h2>'
        f'<div class="cards">{card_html}</div>'
        f'<div class="stack" role="img" aria-label="各状态事项数">{stack}</div>'
        f'<ul class="legend">{legend}</ul></section>'
    )


# ------------------------------------------------------------------ charts


def category_scores(result: AuditResult) -> list[CategoryScore]:
    scores = []
    for name in dict.fromkeys(i.category for i in sorted(result.items, key=lambda i: i.id)):
        items = [
            i for i in result.items if i.category == name and i.status is not Status.NOT_APPLICABLE
        ]
        judged = [i for i in items if i.timely is not None]
        scores.append(
            CategoryScore(
                name=name,
                applicable=len(items),
                passed=sum(1 for i in items if i.status is Status.PASS),
                coverage=sum(i.coverage for i in items) / len(items) if items else None,
                timeliness=sum(1 for i in judged if i.timely) / len(judged) if judged else None,
            )
        )
    return scores


def _category_section(result: AuditResult) -> str:
    scores = category_scores(result)
    label_w, bar_x, bar_w, row_h, top = 150, 160, 300, 46, 34
    height = top + row_h * len(scores)
    out = [
        f'<svg viewBox="0 0 540 {height}" role="img" aria-label="各类别要素覆盖率与及时率">',
        _legend_svg(10, 12, [("要素覆盖率", COVERAGE_COLOR), ("及时率", TIMELINESS_COLOR)]),
    ]
    for n, score in enumerate(scores):
        y = top + n * row_h
        out.append(
            f'<text x="0" y="{y + 21}" font-size="13">{_e(_clip(score.name, 11))}'
            f"<title>{_e(score.name)}：适用 {score.applicable} 项，合格 {score.passed} 项</title></text>"
        )
        out.append(
            f'<text x="{label_w - 4}" y="{y + 37}" text-anchor="end" font-size="11" '
            f'fill="#8c959f">合格 {score.passed}/{score.applicable}</text>'
        )
        for offset, value, color, what in (
            (6, score.coverage, COVERAGE_COLOR, "要素覆盖率"),
            (23, score.timeliness, TIMELINESS_COLOR, "及时率"),
        ):
            out.append(
                f'<rect x="{bar_x}" y="{y + offset}" width="{bar_w}" height="13" rx="3" fill="#eef1f4"/>'
            )
            if value is None:
                text = "无可判断事项" if score.applicable else "无适用事项"
                out.append(
                    f'<text x="{bar_x + 6}" y="{y + offset + 10.5}" font-size="11" fill="#8c959f">'
                    f"{_e(what)}：{text}</text>"
                )
                continue
            width = round(bar_w * value, 1)
            out.append(
                f'<rect x="{bar_x}" y="{y + offset}" width="{width}" height="13" rx="3" fill="{color}">'
                f"<title>{_e(score.name)} {what} {percent(value)}</title></rect>"
            )
            out.append(
                f'<text x="{bar_x + bar_w + 8}" y="{y + offset + 11}" font-size="12">{percent(value)}</text>'
            )
    out.append("</svg>")
    return (
        '<section class="categories"><h2>分类情况<small>每类两条：要素覆盖率、及时率</small></h2>'
        + "".join(out)
        + "</section>"
    )


@dataclass(frozen=True)
class _Point:
    as_of: dt.date
    coverage: float
    timeliness: float
    label: str


def _trend_section(result: AuditResult, trend: Sequence[TrendPoint]) -> str:
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

    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="历次核查的要素覆盖率与及时率">',
        _legend_svg(10, 12, [("要素覆盖率", COVERAGE_COLOR), ("及时率", TIMELINESS_COLOR)]),
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = y_of(tick)
        out.append(f'<line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#e3e7eb"/>')
        out.append(
            f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="11">{int(tick * 100)}%</text>'
        )
    step = max(1, (len(points) + 5) // 6)  # at most about six date labels
    for n, point in enumerate(points):
        if n % step == 0 or n == len(points) - 1:
            out.append(
                f'<text x="{x_of(n)}" y="{bottom + 18}" text-anchor="middle" font-size="11">'
                f"{point.as_of:%m-%d}</text>"
            )
    for attr, color, what in (
        ("coverage", COVERAGE_COLOR, "要素覆盖率"),
        ("timeliness", TIMELINESS_COLOR, "及时率"),
    ):
        values = [float(getattr(p, attr)) for p in points]
        coords = [(x_of(n), y_of(v)) for n, v in enumerate(values)]
        if len(coords) > 1:
            path = " ".join(f"{x},{y}" for x, y in coords)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.2"/>'
            )
        for (x, y), value, point in zip(coords, values, points, strict=True):
            out.append(
                f'<circle cx="{x}" cy="{y}" r="3.6" fill="#fff" stroke="{color}" stroke-width="2">'
                f"<title>{_e(point.label)}（{point.as_of}）{what} {percent(value)}</title></circle>"
            )
    # the two end labels, pushed apart when the lines end close together
    ends = [y_of(points[-1].coverage), y_of(points[-1].timeliness)]
    if abs(ends[0] - ends[1]) < 14:
        middle = (ends[0] + ends[1]) / 2
        upper = 0 if ends[0] <= ends[1] else 1
        ends[upper], ends[1 - upper] = middle - 7, middle + 7
    for end_y, value, color in (
        (ends[0], points[-1].coverage, COVERAGE_COLOR),
        (ends[1], points[-1].timeliness, TIMELINESS_COLOR),
    ):
        out.append(
            f'<text x="{x_of(len(points) - 1) + 8}" y="{round(end_y + 4, 1)}" font-size="11" '
            f'fill="{color}">{percent(value)}</text>'
        )
    out.append("</svg>")
    if len(points) == 1:
        note = "历史记录中只有本次核查；再次核查后显示变化趋势。"
    else:
        note = (
            f"{points[0].as_of} 至 {points[-1].as_of}，共 {len(points)} 次核查"
            f"（最多显示最近 {TREND_RUNS} 次；横轴为核查日期）。"
        )
    return (
        '<section class="trend"><h2>历次核查趋势</h2>'
        + "".join(out)
        + f'<p class="note">{_e(note)}</p></section>'
    )


def _legend_svg(x: int, y: int, entries: list[tuple[str, str]]) -> str:
    out = []
    for label, color in entries:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" rx="2" fill="{color}"/>')
        out.append(f'<text x="{x + 15}" y="{y}" font-size="12">{_e(label)}</text>')
        x += 30 + 14 * len(label)
    return "".join(out)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ------------------------------------------------------------------ the items


def _items_section(result: AuditResult) -> str:
    items = sorted(result.items, key=lambda i: i.id)
    counts = {st: sum(1 for i in items if i.status is st) for st in COUNT_ORDER}
    gaps = sum(1 for i in items if is_gap(i))
    chips = [
        f'<button type="button" class="chip" data-status="" aria-pressed="true">全部<b>{len(items)}</b></button>',
        f'<button type="button" class="chip" data-status="gap" aria-pressed="false">全部问题<b>{gaps}</b></button>',
    ]
    chips += [
        f'<button type="button" class="chip s-{st.value}" data-status="{st.value}" '
        f'aria-pressed="false" title="{_e(STATUS_HELP[st])}">{_e(STATUS_LABELS[st])}<b>{counts[st]}</b></button>'
        for st in COUNT_ORDER
    ]
    categories = list(dict.fromkeys(i.category for i in items))
    departments = sorted({department_of(i) for i in items} - {UNASSIGNED})
    if any(i.department is None for i in items):
        departments.append(UNASSIGNED)
    filters = (
        '<div class="filters">'
        f'<div class="chips" role="group" aria-label="按状态筛选">{"".join(chips)}</div>'
        f'<label>类别<select id="f-category">{_options("全部类别", categories)}</select></label>'
        f'<label>责任部门<select id="f-department">{_options("全部部门", departments)}</select></label>'
        '<button type="button" class="plain" id="toggle-details" aria-expanded="false">展开全部详情</button>'
        f'<span class="count">显示 <b id="shown">{len(items)}</b> / {len(items)} 项</span>'
        "</div>"
    )
    head = (
        "<thead><tr>"
        '<th class="num">序号</th><th>事项</th><th>类别</th><th>责任部门</th><th>状态</th>'
        '<th class="num">要素</th><th>最新日期</th><th>截止日期</th><th>整改期限</th>'
        "</tr></thead>"
    )
    body = "".join(_item_rows(item) for item in items)
    return (
        '<section class="items"><h2>逐项结果<small>点击状态、类别或部门筛选；点击“详情”查看要素与证据</small></h2>'
        f"{filters}<table>{head}{body}</table>"
        '<p id="empty" class="note" hidden>没有符合筛选条件的事项。</p></section>'
    )


def _options(everything: str, values: list[str]) -> str:
    return f'<option value="">{_e(everything)}</option>' + "".join(
        f'<option value="{_e(v)}">{_e(v)}</option>' for v in values
    )


def _item_rows(item: ItemResult) -> str:
    st = item.status
    applicable = st is not Status.NOT_APPLICABLE
    found = sum(1 for e in item.elements if e.found)
    elements = f"{found}/{len(item.elements)}" if applicable and item.elements else "—"
    problem = f'<div class="problem">{_e(gap_summary(item))}</div>' if is_gap(item) else ""
    main = (
        '<tr class="main">'
        f'<td class="num">{item.id}</td>'
        f'<td class="title">{_e(item.title)}{problem}</td>'
        f'<td class="cat">{_e(item.category)}</td>'
        f'<td class="dept">{_e(department_of(item))}</td>'
        f'<td><span class="badge">{_e(STATUS_LABELS[st])}</span></td>'
        f'<td class="num">{elements}</td>'
        f'<td class="date">{_date(item.latest_date)}</td>'
        f'<td class="date">{_date(item.due)}</td>'
        f'<td class="date">{_date(item.fix_by)}</td>'
        "</tr>"
    )
    summary = (
        f"详情：要素与证据（找到 {found}/{len(item.elements)} 项要素）"
        if applicable
        else "详情：不适用原因"
    )
    detail = (
        f'<tr class="detail"><td colspan="9"><details><summary>{_e(summary)}</summary>'
        f'<div class="detail-body">{_detail(item)}</div></details></td></tr>'
    )
    return (
        f'<tbody class="item s-{st.value}" id="item-{item.id}" data-status="{st.value}" '
        f'data-gap="{1 if is_gap(item) else 0}" data-category="{_e(item.category)}" '
        f'data-department="{_e(department_of(item))}">{main}{detail}</tbody>'
    )


def _detail(item: ItemResult) -> str:
    parts = []
    if item.elements:
        parts.append(
            "<div><h3>要素</h3><ul>" + "".join(_element(e) for e in item.elements) + "</ul></div>"
        )
    else:
        parts.append("<div><h3>要素</h3><p>—</p></div>")
    facts = [
        ("状态", f"{STATUS_LABELS[item.status]}（{item.status.value}）"),
        ("要素覆盖", "—" if item.status is Status.NOT_APPLICABLE else percent(item.coverage)),
        ("最新日期", _date(item.latest_date)),
        ("截止/到期日", _date(item.due)),
        ("及时性", timely_label(item.timely)),
        ("整改期限", _date(item.fix_by)),
        ("责任部门", department_of(item)),
    ]
    parts.append(
        "<div><h3>日期</h3><dl>"
        + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
        + "</dl></div>"
    )
    if item.urls:
        parts.append(
            '<div class="wide"><h3>核查网址</h3><ul>'
            + "".join(f"<li>{_link(u)}</li>" for u in item.urls)
            + "</ul></div>"
        )
    if item.notes:
        parts.append(
            '<div class="wide"><h3>说明</h3><ul>'
            + "".join(f"<li>{_e(n)}</li>" for n in item.notes)
            + "</ul></div>"
        )
    return "".join(parts)


def _element(element: ElementResult) -> str:
    if not element.found:
        return f'<li><span class="lost">✗ {_e(element.name)}</span>：未找到</li>'
    where = _link(element.where) if element.where else "—"
    page = f"（第 {element.page} 页）" if element.page else ""
    snippet = f' <span class="snippet">“{_e(element.snippet)}”</span>' if element.snippet else ""
    return f'<li><span class="found">✓ {_e(element.name)}</span>：{where}{_e(page)}{snippet}</li>'


# ------------------------------------------------------------------ footer


def _help_section() -> str:
    rows = "".join(
        f'<li class="s-{st.value}"><span class="badge">{_e(STATUS_LABELS[st])}</span> {_e(STATUS_HELP[st])}</li>'
        for st in COUNT_ORDER
    )
    return (
        '<section class="help-section"><h2>状态说明<small>每项取适用的最差状态：'
        "无法访问 > 缺失 > 要素不全 > 未及时更新 > 逾期发布 > 合格</small></h2>"
        f'<ul class="help">{rows}</ul></section>'
    )


def _fetch_footer(result: AuditResult) -> str:
    f = result.fetch
    return (
        f"<footer>抓取页面 {f.pages} 个，出错 {f.errors} 个，robots.txt 禁止 {f.robots_blocked} 个，"
        f"缓存命中 {f.cached} 个，下载 {f.bytes} 字节，用时 {f.seconds} 秒。"
        "本报告为单个离线文件，由 xxgk 生成。</footer>"
    )
