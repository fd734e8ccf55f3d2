"""The schools of a batch: a folder of rules files, or a CSV/XLSX roster; and shards.

A roster has one row per school: 学校名称, 类型, 网址 and, optionally, 规则文件 (a path
relative to the roster). English headers (name, kind, url, rules) are read too. Every
school gets a key, the name of its folder in the batch output: the rules file's name
without `.yaml`, else the school's name.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from xxgk.errors import InputError

RULES_SUFFIXES = (".yaml", ".yml")
ROSTER_SUFFIXES = (".csv", ".xlsx")
# Roster column -> the header spellings it is known by (lower-cased).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("学校名称", "学校", "名称", "name", "school"),
    "kind": ("类型", "办学类型", "kind", "type"),
    "url": ("网址", "信息公开网址", "url", "base_url"),
    "rules": ("规则文件", "规则", "rules", "rules_file"),
}
_KEY_ILLEGAL = re.compile(r'[\\/:*?"<>|\s\x00-\x1f]+')


@dataclass(frozen=True)
class RosterEntry:
    """One school of the batch, as the roster gives it."""

    key: str  # unique in the batch: its folder's name, and what --shard hashes
    name: str  # as the roster gives it ("" for a folder of rules files: the rules name it)
    kind: str = ""
    url: str = ""
    rules: Path | None = None  # None: drafted from `url`, else reported as "no rules"
    line: int = 0  # the roster's line (or XLSX row), for messages


def read_roster(source: Path) -> list[RosterEntry]:
    """The schools of SCHOOLS (a folder of rules files or a roster), sorted by key."""
    if source.is_dir():
        files = sorted(p for p in source.iterdir() if p.suffix in RULES_SUFFIXES and p.is_file())
        entries = [RosterEntry(key=p.stem, name="", rules=p) for p in files]
    elif source.suffix.lower() in ROSTER_SUFFIXES and source.is_file():
        entries = _entries(source, _rows(source))
    else:
        raise InputError(
            [f"{source}: 应为规则文件所在的目录，或 CSV/XLSX 学校名单（实际为 '{source}'）"]
        )
    if not entries:
        raise InputError([f"{source}: 名单中没有学校"])
    _check_unique(source, entries)
    return sorted(entries, key=lambda e: e.key)


def _rows(source: Path) -> list[list[str]]:
    if source.suffix.lower() == ".csv":
        text = source.read_bytes().decode("utf-8-sig", errors="replace")
        return [row for row in csv.reader(io.StringIO(text))]
    from openpyxl import load_workbook

    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError([f"{source}: 无法读取 XLSX 名单（{exc}）"]) from None
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _entries(source: Path, rows: list[list[str]]) -> list[RosterEntry]:
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    where = {
        column: next((n for n, h in enumerate(header) if h in names), None)
        for column, names in COLUMNS.items()
    }
    if where["name"] is None:
        raise InputError([f"{source}:1: 名单缺少「学校名称」列（表头为 {', '.join(rows[0])}）"])
    entries = []
    for line, row in enumerate(rows[1:], start=2):

        def cell(column: str, row: list[str] = row) -> str:
            n = where[column]
            return row[n].strip() if n is not None and n < len(row) else ""

        name = cell("name")
        if not name and not any(c.strip() for c in row):
            continue  # a blank line
        rules_text = cell("rules")
        rules = (source.parent / rules_text) if rules_text else None
        key = Path(rules_text).stem if rules_text else _KEY_ILLEGAL.sub("_", name).strip("._")
        entries.append(
            RosterEntry(
                key=key or f"line-{line}",
                name=name,
                kind=cell("kind"),
                url=cell("url"),
                rules=rules,
                line=line,
            )
        )
    return entries


def _check_unique(source: Path, entries: list[RosterEntry]) -> None:
    seen: dict[str, RosterEntry] = {}
    problems = []
    for entry in entries:
        first = seen.setdefault(entry.key, entry)
        if first is not entry:
            problems.append(
                f"{source}:{entry.line}: 学校标识 '{entry.key}' 与第 {first.line} 行重复"
                "（同名学校请各自指定规则文件）"
            )
    if problems:
        raise InputError(problems)


# ------------------------------------------------------------------ shards


@dataclass(frozen=True)
class Shard:
    """`--shard I/N`: the I-th of N shares of the roster (1-based)."""

    index: int
    count: int

    def holds(self, key: str) -> bool:
        """Whether the school `key` belongs to this shard: a stable hash of the key, the
        same on every machine and Python (not `hash()`, which is salted per process)."""
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


ALL = Shard(1, 1)


def parse_shard(text: str) -> Shard:
    index, sep, count = text.partition("/")
    try:
        shard = Shard(int(index), int(count))
    except ValueError:
        shard = Shard(0, 0)
    if not sep or not 1 <= shard.index <= shard.count:
        raise InputError([f"--shard: 格式应为 I/N，1 ≤ I ≤ N（实际为 '{text}'）"])
    return shard


def select(entries: list[RosterEntry], shard: Shard) -> list[RosterEntry]:
    return [e for e in entries if shard.holds(e.key)]
