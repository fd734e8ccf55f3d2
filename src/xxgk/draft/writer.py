"""The drafted rules file: valid YAML a person reviews in minutes, with the why as comments.

Every value is written as a JSON string (a valid YAML double-quoted scalar), so any school
name, department or URL is safe; comments are one line each, with line breaks removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit, urlunsplit

from xxgk.checklist import Checklist, Item
from xxgk.draft.mapping import Candidate, ItemDraft
from xxgk.models import SchoolKind


def quote(text: str) -> str:
    return json.dumps(printable(text), ensure_ascii=False)


def comment(text: str) -> str:
    return printable(" ".join(text.split()))


def printable(text: str) -> str:
    """Without the characters a YAML reader refuses even in a comment (controls, U+FFFE…)
    and line separators: a page's title may hold any of them."""
    return "".join(ch for ch in text if ch.isprintable() or ch == " ")


def rule_url(url: str, base_url: str) -> str:
    """A path for the base URL's host (/xxgksx/jbxx/xxjj.htm), else the absolute URL."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if parts.netloc == base.netloc and parts.scheme == base.scheme:
        return urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return url


def header(
    name: str, kind: SchoolKind, base_url: str, hosts: Iterable[str], summary: str
) -> list[str]:
    return [
        "# xxgk 规则文件（自动起草）：由 xxgk init 根据站点的目录、菜单、栏目标题和面包屑起草。",
        f"# {comment(summary)}",
        "# 请逐项核对带「置信度」的条目，补全 TODO 条目，然后运行 xxgk check-rules 本文件。",
        "school:",
        f"  name: {quote(name)}",
        f"  kind: {kind}",
        "checklist: moe-2014",
        "site:",
        f"  base_url: {quote(base_url)}",
        f"  hosts: [{', '.join(quote(h) for h in hosts)}]",
        "  rate: 2",
        "  concurrency: 2",
        "items:",
    ]


def item_lines(item: Item, draft: ItemDraft, base_url: str) -> list[str]:
    """One item's block: its comments, and its entry (or a commented TODO)."""
    lines = [f"  # {item.id}. {comment(item.title)}"]
    if draft.not_applicable is not None:
        source = "按学校类型由清单判定" if draft.by_kind else "取自站点的信息公开目录"
        lines.append(f"  # 不适用（{source}）")
        lines += [f"  # 注意：{comment(n)}" for n in draft.notes]
        lines.append(f"  {item.id}:")
        if draft.department and not draft.by_kind:
            lines.append(f"    department: {quote(draft.department)}")
        lines.append(f"    not_applicable: {quote(draft.not_applicable)}")
        return lines
    if not draft.found:
        lines += [f"  # 注意：{comment(n)}" for n in draft.notes]
        if item.conditional:
            lines.append(
                "  # TODO 未在站点上找到对应栏目。条件性事项：不填写则按学校无此类活动、不适用处理；"
                "如有，请填写 urls。"
            )
        else:
            lines.append("  # TODO 未在站点上找到对应栏目：请填写 urls 和 department。")
        hint = f"（清单常见：{'、'.join(item.departments[:3])}）" if item.departments else ""
        lines.append(f"  # {item.id}:")
        lines.append(f"  #   department: 责任部门{hint}")
        lines.append("  #   urls: []")
        return lines
    lines.append(f"  # 置信度 {draft.confidence:.2f}；依据：{comment(draft.evidence)}")
    lines += [f"  # 备选：{_runner_up(c, base_url)}" for c in draft.runners_up]
    lines += [f"  # 注意：{comment(n)}" for n in draft.notes]
    lines.append(f"  {item.id}:")
    if draft.department:
        lines.append(f"    department: {quote(draft.department)}   # 取自站点的信息公开目录")
    else:
        hint = f"清单常见：{'、'.join(item.departments[:3])}" if item.departments else "请填写"
        lines.append(f"    # department: 站点未注明责任部门（{hint}）")
    urls = ", ".join(quote(rule_url(u, base_url)) for u in draft.urls)
    lines.append(f"    urls: [{urls}]")
    if draft.section:
        lines.append(f"    section: {quote(draft.section)}")
    if draft.pages is not None:
        lines.append(f"    pages: {draft.pages}")
    return lines


def _runner_up(candidate: Candidate, base_url: str) -> str:
    url = rule_url(candidate.url, base_url)
    return f"{url}（{candidate.score:.2f}，{comment(candidate.evidence)}）"


def render(
    checklist: Checklist,
    drafts: dict[int, ItemDraft],
    *,
    name: str,
    kind: SchoolKind,
    base_url: str,
    hosts: Iterable[str],
    summary: str,
) -> str:
    lines = header(name, kind, base_url, hosts, summary)
    category = 0
    for item in checklist.items:
        if item.category_id != category:
            category = item.category_id
            lines.append(f"  # ===== {checklist.category_name(category)} =====")
        lines += item_lines(item, drafts[item.id], base_url)
    if not any(line[2:3].isdigit() for line in lines):
        lines[lines.index("items:")] = "items: {}   # 没有找到任何事项"
    return "\n".join(lines) + "\n"
