"""`xxgk init`: write a starter rules file for a school."""

from __future__ import annotations

from pathlib import Path

from xxgk.checklist import load_checklist
from xxgk.errors import InputError
from xxgk.models import SchoolKind
from xxgk.rules import rules_template, url_problem
from xxgk.safe_write import write_atomic
from xxgk.urls import host_key


def run(path: Path, *, name: str, kind: SchoolKind, base_url: str, checklist_id: str) -> None:
    if path.exists():
        raise InputError([f"{path}: 文件已存在，未覆盖"])
    if url_problem(base_url, frozenset({host_key(base_url)})):
        raise InputError([f"--base-url: 应为 http(s) 网址（实际为 '{base_url}'）"])
    checklist = load_checklist(checklist_id)
    text = rules_template(checklist, name, kind, base_url)
    write_atomic(path, text.encode("utf-8"))
    print(f"已写入 {path}：请为每一项填写 urls 和 department，然后运行 xxgk check-rules {path}")
