"""YAML as people write it by hand, and nothing a hostile or broken file could do more.

PyYAML's safe loader still expands aliases without limit (a "billion laughs" file is a
few lines), follows an alias into its own anchor (a cycle), and raises plain Python
errors from explicit tags (`!!int fifty`, `!!timestamp 2026-02-30`). This loader turns
each of those into a `YAMLError` with the line it is on; callers report it as
`file:line: ...` like any syntax error.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_ALIASES = 100  # alias uses in one file
MAX_NODES = 100_000  # nodes of the document with every alias expanded
ALLOWED_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})  # plain, or `!!str`


class SafeYamlError(yaml.MarkedYAMLError):
    """A file this loader refuses, with where (problem_mark) and why (problem)."""


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.open_anchors: set[str] = set()

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                raise _refuse(event, f"别名（*）过多（最多 {MAX_ALIASES} 个）")
            if event.anchor in self.open_anchors:
                raise _refuse(event, f"别名 *{event.anchor} 引用了包含它自己的节点（循环引用）")
        elif (
            isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag not in ALLOWED_TAGS
        ):
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            raise _refuse(event, f"不支持显式标签 {tag}（请直接写值）")
        anchor = getattr(event, "anchor", None)
        if anchor is not None and not isinstance(event, AliasEvent):
            self.open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            if anchor is not None and not isinstance(event, AliasEvent):
                self.open_anchors.discard(anchor)

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError, TypeError) as exc:  # e.g. 2027-02-30, a list as a key
            raise SafeYamlError(
                problem=f"值无效：{_reason(exc)}（实际为 '{str(node.value)[:60]}'）",
                problem_mark=node.start_mark,
            ) from None


def _refuse(event: Any, problem: str) -> SafeYamlError:
    return SafeYamlError(problem=problem, problem_mark=event.start_mark)


def _reason(exc: Exception) -> str:
    text = str(exc)
    return "日期不存在" if "day is out of range" in text or "month must be" in text else text


def compose(source: str) -> Node | None:
    """The document's node tree, refused (SafeYamlError) beyond the budgets above."""
    loader = _Loader(source)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is not None:
        _check_size(root)
    return root


def construct(root: Node) -> Any:
    """The Python value of a tree `compose` returned."""
    loader = _Loader("")
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _check_size(root: Node) -> None:
    """Nodes with aliases expanded, counted once per distinct node (memoised): linear in
    the file, however deep the aliases nest."""
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a cycle counts once (the composer refuses them anyway)
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        sizes[id(node)] = total
        if total > MAX_NODES:
            raise SafeYamlError(
                problem=f"别名展开后的内容过多（超过 {MAX_NODES} 个节点）",
                problem_mark=node.start_mark,
            )
        return total

    size(root)
