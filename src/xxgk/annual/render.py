"""A `ReportCheck` for people (a Chinese text summary, Markdown) and for programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from xxgk.annual.check import ORIGIN_WORDS, ReportCheck
from xxgk.annual.figures import FIGURE_LABELS, QUALIFIER_LABELS, Figure

KIND_WORDS = {"html": "网页", "pdf": "PDF 文件", "docx": "DOCX 文件", "text": "文本文件"}
PUBLISHED_FROM_WORDS = {"page": "取自网页的发布时间", "date_line": "取自文末落款"}
MAX_SENTENCE = 60  # characters of a figure's sentence shown in the text summary


def _mark(ok: bool | None) -> str:
    return {True: "✓", False: "✗", None: "？"}[ok]


def _qualified(figure: Figure) -> str:
    qualifier = figure.qualifier
    if qualifier == "odd":
        return f"{figure.value}余"
    return f"{QUALIFIER_LABELS[qualifier]}{figure.value}"


def _short(text: str, limit: int = MAX_SENTENCE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _period_lines(check: ReportCheck) -> list[str]:
    period = check.period
    origin = ORIGIN_WORDS[period.expected_origin]
    expected = (
        f"{period.expected_start} 至 {period.expected_end}"
        if period.expected_start is not None
        else period.expected
    )
    if period.stated_start is None:
        return [f"统计期间：✗ 报告未写明（应为 {expected}，{origin} {period.expected}）"]
    verdict = (
        "与应有期间一致" if period.matches else f"应为 {expected}（{origin} {period.expected}）"
    )
    return [
        f"统计期间：{_mark(period.matches)} {period.stated_start} 至 {period.stated_end}，{verdict}",
        f"  「{_short(period.sentence or '')}」",
    ]


def _published_line(check: ReportCheck) -> str:
    if check.published is None:
        return "发布日期：✗ 无法确定（网页没有发布时间，文末也没有落款日期）"
    where = PUBLISHED_FROM_WORDS[check.published_from or "page"]
    origin = ORIGIN_WORDS[check.deadline_origin]
    if check.deadline is None:
        return f"发布日期：{check.published}（{where}）；无法推算截止日期"
    if check.on_time:
        verdict = f"未晚于截止日期 {check.deadline}（{origin}）"
    else:
        days = (check.published - check.deadline).days
        verdict = f"晚于截止日期 {check.deadline}（{origin}），逾期 {days} 天"
    return f"发布日期：{_mark(check.on_time)} {check.published}（{where}），{verdict}"


def _source_line(check: ReportCheck) -> str:
    if check.document is None:
        return f"来源：{check.source}（{KIND_WORDS[check.kind]}）"
    return f"来源：{check.source} 所附的 {check.document}（{KIND_WORDS[check.kind]}）"


def render_text(check: ReportCheck) -> str:
    """The summary printed on stdout."""
    lines = [
        f"{check.title or '信息公开年度报告'} — 年度报告核查",
        _source_line(check),
        f"学年：{check.academic_year or '未写明'}",
        "-" * 40,
    ]
    found = sum(part.found for part in check.parts)
    order = "顺序正确" if check.parts_in_order else "顺序有误"
    lines.append(f"必备部分：{found}/{len(check.parts)} 个，{order}")
    for part in check.parts:
        if part.found:
            merged = (
                f"（与{'、'.join(p.name for p in check.parts if p.key in part.merged_with)}合并）"
                if part.merged_with
                else ""
            )
            lines.append(f"  ✓ {part.name}：「{part.heading}」第 {part.line} 行{merged}")
        else:
            lines.append(f"  ✗ {part.name}：未找到")
    if check.annex.required or check.annex.found:
        annex = (
            f"「{check.annex.heading}」第 {check.annex.line} 行" if check.annex.found else "未找到"
        )
        required = "（本省要求）" if check.annex.required else ""
        lines.append(f"  {_mark(check.annex.found)} 清单事项公开情况表{required}：{annex}")
    lines += _period_lines(check)
    lines.append(_published_line(check))
    known = [figure for figure in check.figures if figure.key != "other"]
    lines.append(
        f"报告声明的数字：{len(check.figures)} 个，其中分类的 {len(known)} 个（每类列出第一个）"
    )
    for key, label in FIGURE_LABELS.items():
        same = [figure for figure in known if figure.key == key]
        if not same:
            continue
        first = same[0]
        more = f"（另有 {len(same) - 1} 个）" if len(same) > 1 else ""
        lines.append(
            f"  {label}：{_qualified(first)}{more}「{_short(first.sentence)}」第 {first.line} 行"
        )
    lines.append("-" * 40)
    if check.passed:
        lines.append("结论：✓ 年度报告符合各项检查")
    else:
        lines.append(f"结论：✗ 年度报告有 {len(check.findings)} 项问题")
        lines += [f"  - {finding.text}" for finding in check.findings]
    return "\n".join(lines) + "\n"


def render_json(check: ReportCheck) -> bytes:
    data = check.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(check: ReportCheck) -> bytes:
    verdict = "✓ 符合各项检查" if check.passed else f"✗ 有 {len(check.findings)} 项问题"
    lines = [
        f"# {check.title or '信息公开年度报告'} — 年度报告核查",
        "",
        f"- {_source_line(check)}",
        f"- 学年：{check.academic_year or '未写明'}",
        f"- 结论：{verdict}",
        "",
    ]
    if check.findings:
        lines += ["## 问题", "", *[f"- {finding.text}" for finding in check.findings], ""]
    lines += ["## 必备部分", "", "| 部分 | 找到 | 标题原文 | 行 | 顺序 |", "|---|---|---|---|---|"]
    for part in check.parts:
        lines.append(
            f"| {part.name} | {_mark(part.found)} | {_cell(part.heading or '—')} "
            f"| {part.line or '—'} | {part.order or '—'} |"
        )
    annex = check.annex
    lines += [
        "",
        f"清单事项公开情况表：{'找到，第 ' + str(annex.line) + ' 行' if annex.found else '未找到'}"
        f"（{'本省要求' if annex.required else '未要求'}）",
        "",
        "## 日期",
        "",
        *[f"- {line.strip()}" for line in _period_lines(check)],
        f"- {_published_line(check)}",
        "",
        "## 报告声明的数字",
        "",
        "| 类别 | 数字 | 原文 | 计数对象 | 所在句子 | 行 |",
        "|---|---|---|---|---|---|",
    ]
    for figure in check.figures:
        lines.append(
            f"| {FIGURE_LABELS[figure.key]} | {_qualified(figure)} | {_cell(figure.text)} "
            f"| {_cell(figure.label)} | {_cell(figure.sentence)} | {figure.line} |"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- inside an audit


@dataclass(frozen=True)
class AuditView:
    """Item 6's report check as the audit's reports show it: plain strings, escaped by
    each format (Markdown here, Jinja's autoescape in the HTML report)."""

    title: str
    source: str
    document: str | None
    academic_year: str
    verdict: str
    problems: tuple[str, ...]  # findings and flagged claims
    parts: tuple[tuple[str, bool, str, str], ...]  # name, found, heading as written, line
    dates: tuple[str, ...]
    figures: tuple[tuple[str, str, str], ...]  # what is counted, the figure, its sentence
    claims: tuple[tuple[str, bool], ...]  # sentence, flagged


def audit_view(block: Mapping[str, Any]) -> AuditView:
    """report.json's `report_check` block (a ReportCheck with the claims beside the crawl)."""
    check = ReportCheck.model_validate({k: v for k, v in block.items() if k in _CHECK_FIELDS})
    claims = [*block.get("claims", ()), *block.get("category_claims", ())]
    flagged = tuple(str(c["text"]) for c in claims if c.get("flagged"))
    problems = (*(finding.text for finding in check.findings), *flagged)
    verdict = "符合各项检查" if not problems else f"有 {len(problems)} 项问题"
    return AuditView(
        title=check.title or "信息公开年度报告",
        source=check.source,
        document=check.document,
        academic_year=check.academic_year or "未写明",
        verdict=verdict,
        problems=problems,
        parts=tuple((p.name, p.found, p.heading or "—", str(p.line or "—")) for p in check.parts),
        dates=(*(line.strip() for line in _period_lines(check)), _published_line(check)),
        figures=tuple(
            (FIGURE_LABELS[f.key], _qualified(f), _short(f.sentence, 80)) for f in check.figures
        ),
        claims=tuple((str(c["text"]), bool(c.get("flagged"))) for c in claims),
    )


_CHECK_FIELDS = frozenset(ReportCheck.model_fields)


def markdown_section(block: Mapping[str, Any], cell: Callable[[str, int], str]) -> list[str]:
    """The audit report's 年度报告核查 section; `cell` makes crawled text table-safe."""
    view = audit_view(block)
    where = f"{view.source}（所附 {view.document}）" if view.document else view.source
    lines = [
        "## 年度报告核查（第 6 项最新一期）",
        "",
        f"- 报告：{cell(view.title, 80)}，{cell(where, 200)}",
        f"- 学年：{cell(view.academic_year, 20)}；结论：{view.verdict}",
        *(f"- {cell(line, 200)}" for line in view.dates),
        *(f"- ✗ {cell(problem, 200)}" for problem in view.problems),
        "",
        "| 必备部分 | 找到 | 标题原文 | 行 |",
        "|---|---|---|---:|",
        *(
            f"| {name} | {_mark(found)} | {cell(heading, 60)} | {line} |"
            for name, found, heading, line in view.parts
        ),
        "",
    ]
    if view.figures:
        lines += ["| 报告声明的数字 | 数字 | 所在句子 |", "|---|---:|---|"]
        lines += [f"| {what} | {value} | {cell(s, 80)} |" for what, value, s in view.figures]
        lines.append("")
    lines += [f"- {'✗' if flagged else '✓'} {cell(text, 200)}" for text, flagged in view.claims]
    return [*lines, ""] if view.claims else lines
