"""`xxgk init --update`: fill in the items of an existing rules file that are still empty.

Every line a person wrote stays as it was, comments included. An item is empty when it has
no entry, or an entry with `urls: []` and no `not_applicable`; only drafted items that were
found go in. An empty entry gets its `urls: [...]` line in place of `urls: []` (and its
`section` and `pages` after it, if it has none); a missing one is appended to `items:`. New
hosts are added to a one-line `hosts: [...]`.
"""

from __future__ import annotations

from typing import Any

import yaml

from xxgk.checklist import Checklist
from xxgk.draft import Draft
from xxgk.draft.writer import item_lines, quote, rule_url
from xxgk.errors import InputError


def fill_empty_items(text: str, draft: Draft, checklist: Checklist) -> tuple[str, list[int]]:
    """The file's text with the drafted items it lacks, and the ids filled in."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError([f"规则文件不是有效的 YAML，无法 --update：{exc}"]) from None
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise InputError(["规则文件应为 YAML 映射，无法 --update"])
    lines = text.split("\n")
    items_node = _value(root, "items")
    entries = data.get("items") or {}
    base_url = str((data.get("site") or {}).get("base_url") or draft.base_url)
    replaced: dict[int, list[str]] = {}  # 0-based line -> its replacement lines
    appended: list[str] = []
    added: list[int] = []
    for item in checklist.items:
        drafted = draft.items.get(item.id)
        if drafted is None or not drafted.found:
            continue
        entry = entries.get(item.id) if isinstance(entries, dict) else None
        if entry is None:
            appended += item_lines(item, drafted, base_url)
            added.append(item.id)
            continue
        if not isinstance(entry, dict) or entry.get("urls") or entry.get("not_applicable"):
            continue
        node = _value(items_node, item.id) if items_node is not None else None
        urls_node = _value(node, "urls") if node is not None else None
        if urls_node is None:
            continue
        line = urls_node.start_mark.line
        key_indent = lines[line][: len(lines[line]) - len(lines[line].lstrip())]
        urls = ", ".join(quote(rule_url(u, base_url)) for u in drafted.urls)
        new = [
            f"{key_indent}urls: [{urls}]   # xxgk init --update：置信度 {drafted.confidence:.2f}"
        ]
        if drafted.section and "section" not in entry:
            new.append(f"{key_indent}section: {quote(drafted.section)}")
        if drafted.pages and "pages" not in entry:
            new.append(f"{key_indent}pages: {drafted.pages}")
        replaced[line] = new
        added.append(item.id)
    out: list[str] = []
    for index, original in enumerate(lines):
        out += replaced.get(index, [original])
    if appended and isinstance(items_node, yaml.MappingNode) and items_node.flow_style:
        if items_node.value:
            raise InputError(["items: 写成了单行映射，--update 无法在其中补全事项"])
        line = items_node.start_mark.line
        out[line] = (
            out[line][: items_node.start_mark.column] + out[line][items_node.end_mark.column :]
        )
        items_node = None
        end = len(out)
        while end > 0 and not out[end - 1].strip():
            end -= 1
        out[end:end] = appended
    elif appended:
        end = _items_end(items_node, out)
        if items_node is None:
            out.insert(end, "items:")
            end += 1
        out[end:end] = appended
    return _with_hosts("\n".join(out), root, draft), added


def _value(node: Any, key: object) -> Any:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        value = yaml.safe_load(key_node.value) if key_node.tag.endswith(":int") else key_node.value
        if value == key:
            return value_node
    return None


def _items_end(items_node: Any, lines: list[str]) -> int:
    """The line after the last line of the items mapping (the file's end when it has none)."""
    if items_node is None or not isinstance(items_node, yaml.MappingNode) or not items_node.value:
        end = len(lines)
        while end > 0 and not lines[end - 1].strip():
            end -= 1
        return end
    last_line = items_node.end_mark.line
    # end_mark sits on the line after a block mapping's last value
    while last_line > 0 and (not lines[last_line - 1].strip()):
        last_line -= 1
    return min(last_line, len(lines))


def _with_hosts(text: str, root: yaml.MappingNode, draft: Draft) -> str:
    site = _value(root, "site")
    hosts_node = _value(site, "hosts")
    if not isinstance(hosts_node, yaml.SequenceNode) or not hosts_node.flow_style:
        return text
    have = [str(n.value) for n in hosts_node.value]
    new = [h for h in draft.hosts if h not in have]
    if not new:
        return text
    lines = text.split("\n")
    line = hosts_node.start_mark.line
    start, end = hosts_node.start_mark.column, hosts_node.end_mark.column
    if hosts_node.end_mark.line != line:
        return text
    joined = ", ".join([*(quote(h) for h in have), *(quote(h) for h in new)])
    lines[line] = f"{lines[line][:start]}[{joined}]{lines[line][end:]}"
    return "\n".join(lines)
