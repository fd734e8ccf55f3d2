"""The Markdown report, in Chinese, for the disclosure office."""

from __future__ import annotations

from collections.abc import Sequence

from xxgk.annual.render import markdown_section
from xxgk.models import COUNT_ORDER, AuditResult, ItemResult, Status, Summary
from xxgk.report.labels import (
    AUTO_MAPPING_NOTE,
    KIND_LABELS,
    STATUS_LABELS,
    date_source_label,
    percent,
    timely_label,
)
from xxgk.report.sanitize import md_text, xml_text
from xxgk.scores import CategoryScore, Scores, score


def render(result: AuditResult, scores: Scores | None = None) -> bytes:
    """`scores`: computed once for every renderer (score(result) when not given)."""
    scores = scores or score(result)
    lines = [
        *_auto_mapping_note(result),
        f"# {md_text(result.school['name'])} 信息公开核查报告",
        "",
        f"- 核查日期：{result.as_of}",
        f"- 学校类型：{KIND_LABELS.get(result.school['kind'], result.school['kind'])}",
        f"- 依据：《高等学校信息公开事项清单》（{result.checklist['id']}，共 {result.checklist['items']} 项）",
        f"- 工具：xxgk {result.tool['version']}",
        "",
        *_summary(scores.summary),
        *_categories(scores.categories),
        "## 逐项结果",
        "",
        "| 序号 | 事项 | 责任部门 | 状态 | 要素覆盖 | 最新日期 | 截止/到期 | 整改期限 |",
        "|---:|---|---|---|---:|---|---|---|",
        *(_row(item) for item in result.items),
        "",
        *_gaps(result),
        *(markdown_section(result.report_check, _cell) if result.report_check else []),
        *_fetch(result),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _summary(s: Summary) -> list[str]:
    counts = "、".join(
        f"{STATUS_LABELS[st]} {s.counts[st.value]}" for st in COUNT_ORDER if s.counts[st.value]
    )
    return [
        "## 总体情况",
        "",
        "| 适用事项 | 要素覆盖率 | 及时率 | 合格率 |",
        "|---:|---:|---:|---:|",
        f"| {s.applicable} | {percent(s.coverage)} | {percent(s.timeliness)} | {percent(s.pass_rate)} |",
        "",
        f"各状态事项数：{counts}。",
        "",
    ]


def _categories(scores: Sequence[CategoryScore]) -> list[str]:
    lines = ["## 分类情况", "", "| 类别 | 适用 | 合格 | 要素覆盖率 |", "|---|---:|---:|---:|"]
    for c in scores:
        coverage = percent(c.coverage) if c.coverage is not None else "—"
        lines.append(f"| {md_text(c.name)} | {c.applicable} | {c.passed} | {coverage} |")
    return [*lines, ""]


def _row(item: ItemResult) -> str:
    cells = [
        str(item.id),
        _cell(item.title, 40) + _confidence(item),
        md_text(item.department or "—"),
        STATUS_LABELS[item.status],
        "—" if item.status is Status.NOT_APPLICABLE else percent(item.coverage),
        str(item.latest_date or "—"),
        str(item.due or "—"),
        str(item.fix_by or "—"),
    ]
    return "| " + " | ".join(cells) + " |"


def _auto_mapping_note(result: AuditResult) -> list[str]:
    if not any(item.mapping for item in result.items):
        return []
    return [AUTO_MAPPING_NOTE, ""]


def _confidence(item: ItemResult) -> str:
    if item.mapping is None or not item.mapping.confidence:
        return ""
    return f"（自动匹配，置信度 {item.mapping.confidence:.2f}）"


def _gaps(result: AuditResult) -> list[str]:
    gaps = [i for i in result.items if i.status not in (Status.PASS, Status.NOT_APPLICABLE)]
    if not gaps:
        return ["## 问题清单", "", "未发现问题。", ""]
    lines = ["## 问题清单", ""]
    for item in gaps:
        lines += [
            f"### {item.id}. {md_text(item.title)}（{STATUS_LABELS[item.status]}）",
            "",
            f"- 责任部门：{md_text(item.department or '未指定')}；整改期限：{item.fix_by or '—'}；及时性：{timely_label(item.timely)}",
        ]
        lines += [f"- 核查网址：{md_text(url)}" for url in item.urls]
        if item.latest_date is not None:
            where = f"，{item.date_url}" if item.date_url else ""
            source = _cell(f"{date_source_label(item.date_source)}{where}", 200)
            lines.append(f"- 最新日期：{item.latest_date}（{source}）")
        for element in item.elements:
            if element.found:
                where = md_text(element.where or "")
                page = f" 第 {element.page} 页" if element.page else ""
                lines.append(
                    f"- ✓ {md_text(element.name)}：{where}{page}（“{_cell(element.snippet or '', 40)}”）"
                )
            else:
                lines.append(f"- ✗ {md_text(element.name)}：未找到")
        lines += [f"- 说明：{_cell(note, 200)}" for note in item.notes]
        lines.append("")
    return lines


def _fetch(result: AuditResult) -> list[str]:
    f = result.fetch
    return [
        "## 抓取情况",
        "",
        f"抓取页面 {f.pages} 个，出错 {f.errors} 个，robots.txt 禁止 {f.robots_blocked} 个，"
        f"缓存命中 {f.cached} 个，下载 {f.bytes} 字节，用时 {f.seconds} 秒。",
        *(
            [f"注意：以下主机按规则未校验 TLS 证书：{'、'.join(f.tls_unverified)}。"]
            if f.tls_unverified
            else []
        ),
    ]


def _cell(text: str, limit: int) -> str:
    """Table-safe text: no pipes or newlines, cut to `limit` characters."""
    # crawled text may hold markup; many Markdown viewers render raw HTML
    text = " ".join(xml_text(text).replace("|", "｜").split())
    return md_text(text if len(text) <= limit else text[: limit - 1] + "…")
