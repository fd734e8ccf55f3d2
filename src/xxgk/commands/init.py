"""`xxgk init`: draft a school's rules file from its site (or, offline, a blank template)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.audit import CRAWL_OPTIONS
from xxgk.checklist import Checklist, load_checklist
from xxgk.draft import DEFAULT_BUDGET, Draft, draft_rules
from xxgk.draft.update import fill_empty_items
from xxgk.errors import InputError
from xxgk.fetch import CrawlSettings
from xxgk.models import SchoolKind
from xxgk.rules import Site, override, rules_template, url_problem
from xxgk.safe_write import write_atomic
from xxgk.urls import host_key


@dataclass(frozen=True)
class DraftParams:
    """How to crawl for a draft: the site's bounds as typed (checked by the rules' Site
    model, like the rules file's own), local name resolution, the page budget."""

    crawl: Mapping[str, str] = field(default_factory=dict)  # {"rate": "5"}
    resolve: Mapping[str, str] = field(default_factory=dict)
    budget: int = DEFAULT_BUDGET

    def settings(self, base_url: str) -> CrawlSettings:
        site = override(Site(base_url=base_url), self.crawl, CRAWL_OPTIONS)
        return CrawlSettings(
            allowed_hosts=frozenset(),
            rate=site.rate,
            concurrency=site.concurrency,
            timeout=site.timeout,
            retries=site.retries,
            resolve=dict(self.resolve),
        )


def check_base_url(base_url: str) -> None:
    if url_problem(base_url, frozenset({host_key(base_url)})):
        raise InputError([f"--base-url: 应为 http(s) 网址（实际为 '{base_url}'）"])


def draft_school(
    base_url: str,
    checklist: Checklist,
    params: DraftParams,
    as_of: dt.date,
    *,
    name: str | None,
    kind: SchoolKind | None,
) -> Draft:
    """The draft of a school's rules, crawled from `base_url` (RunError: no site)."""
    check_base_url(base_url)
    if params.budget < 1:
        raise InputError([f"--draft-pages: 超出范围（应 ≥ 1，实际为 '{params.budget}'）"])
    settings = params.settings(base_url)
    return draft_rules(
        base_url, checklist, settings, as_of, name=name, kind=kind, budget=params.budget
    )


def run(
    path: Path,
    *,
    base_url: str,
    name: str | None,
    kind: SchoolKind | None,
    checklist_id: str,
    params: DraftParams,
    as_of: dt.date,
    force: bool = False,
    update: bool = False,
    offline: bool = False,
) -> None:
    """Write `path`; an existing file only with `force`, or filled in with `update`."""
    check_base_url(base_url)
    if path.exists() and not (force or update):
        raise InputError([f"{path}: 文件已存在，未覆盖（--force 覆盖，--update 只补全空缺的事项）"])
    if update and not path.exists():
        raise InputError([f"{path}: 文件不存在，无法 --update"])
    checklist = load_checklist(checklist_id)
    if offline:
        if name is None or kind is None:
            raise InputError(["--offline: 需要同时给出 --name 和 --kind"])
        write_atomic(path, rules_template(checklist, name, kind, base_url).encode("utf-8"))
        print(f"已写入 {path}：请为每一项填写 urls 和 department，然后运行 xxgk check-rules {path}")
        return
    draft = draft_school(base_url, checklist, params, as_of, name=name, kind=kind)
    if update:
        text, added = fill_empty_items(path.read_text(encoding="utf-8"), draft, checklist)
        write_atomic(path, text.encode("utf-8"))
        listed = "、".join(str(i) for i in added) or "无"
        print(f"已更新 {path}：补全第 {listed} 项；其余内容保持不变。{draft.summary()}")
        return
    write_atomic(path, draft.text.encode("utf-8"))
    print(f"已写入 {path}（{draft.name}，{draft.kind}）：{draft.summary()}")
    if not draft.found:
        print("未能把站点上的任何栏目对应到清单事项：草稿只含学校信息和待填写（TODO）的事项。")
    print(f"请核对各项的置信度和依据，然后运行 xxgk check-rules {path}")
