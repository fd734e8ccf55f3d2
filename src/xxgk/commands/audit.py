"""`xxgk audit`: crawl a school's site, score every item, write the reports, record the run.

Without a rules file (`--base-url URL`), the rules are drafted from the site first (as
`xxgk init` does) and the report says, on its first line, that the mapping was automatic.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from xxgk import history
from xxgk.audit import load_school, option_problems, run_audit, with_mapping
from xxgk.checklist import load_checklist
from xxgk.commands.init import DraftParams, draft_school
from xxgk.commands.options import RunParams
from xxgk.commands.outputs import check_run_paths, output_lock, written_as_one_set
from xxgk.commands.summary import print_summary, record
from xxgk.errors import InputError
from xxgk.models import AuditResult, SchoolKind
from xxgk.report import write_reports
from xxgk.safe_write import write_atomic


@dataclass(frozen=True)
class DraftRequest:
    """Audit a school from its address alone: draft its rules from the site first."""

    base_url: str
    kind: SchoolKind | None = None
    name: str | None = None
    save_rules: Path | None = None  # keep the draft there
    budget: int | None = None  # requests of the drafting crawl (None: its default)
    checklist_id: str = "moe-2014"


def run(
    rules_path: Path | None,
    params: RunParams,
    db: Path | None,
    now: dt.datetime,
    drafted: DraftRequest | None = None,
) -> None:
    """`db`: the history file to record the run in (None: not recorded)."""
    if rules_path is None:
        if drafted is None:
            raise InputError(["audit: 需要 --rules 规则文件，或 --base-url 网址（自动起草规则）"])
        # the folder is named before the draft crawls, so that it is checked and locked first
        out = params.out or Path("reports") / (urlsplit(drafted.base_url).hostname or "site")
        check_run_paths(out, params.cache_dir, db=db)
        with output_lock(out):
            _write(_drafted_audit(drafted, params), out, params, db, now)
        return
    rules, checklist = load_school(rules_path)
    out = params.out or Path("reports") / rules_path.stem
    earlier = option_problems(rules, params.audit_options())
    check_run_paths(out, params.cache_dir, db=db, earlier=earlier)
    with output_lock(out):
        _write(run_audit(rules, checklist, params.audit_options()), out, params, db, now)


def _write(
    result: AuditResult, out: Path, params: RunParams, db: Path | None, now: dt.datetime
) -> None:
    """The reports and the history row, written as one set (a signal waits for both)."""
    trend = history.trend(db, result.school["name"]) if db else []
    with written_as_one_set(recorded=db is not None):
        paths = write_reports(result, out, list(params.formats), trend)
        print_summary(result, paths, params.quiet)
        record(db, result, now, params.quiet)


def _drafted_audit(request: DraftRequest, params: RunParams) -> AuditResult:
    if request.save_rules is not None and request.save_rules.exists():
        raise InputError([f"--save-rules: {request.save_rules}: 文件已存在，未覆盖"])
    checklist = load_checklist(request.checklist_id)
    draft_params = DraftParams(crawl=params.crawl, resolve=params.resolve)
    if request.budget is not None:
        draft_params = DraftParams(params.crawl, params.resolve, request.budget)
    draft = draft_school(
        request.base_url,
        checklist,
        draft_params,
        params.as_of,
        name=request.name,
        kind=request.kind,
    )
    if not params.quiet:
        print(f"已根据站点自动起草规则：{draft.summary()}")
    with tempfile.TemporaryDirectory(prefix="xxgk-draft-") as folder:
        path = request.save_rules or Path(folder) / "draft.yaml"
        write_atomic(path, draft.text.encode("utf-8"))
        rules, checklist = load_school(path)
    if request.save_rules is not None and not params.quiet:
        print(f"草稿规则已保存到 {request.save_rules}")
    result = run_audit(rules, checklist, params.audit_options())
    return with_mapping(result, draft.mappings())
