"""`xxgk demo`: audit the bundled sample school, served from examples/site on a local port."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from xxgk import history, sitehost
from xxgk.audit import load_school, run_audit
from xxgk.checklist import CHECKLIST_DIR
from xxgk.commands.options import RunParams
from xxgk.commands.outputs import check_run_paths, output_lock, written_as_one_set
from xxgk.commands.summary import print_summary, record
from xxgk.errors import RunError
from xxgk.report import write_reports

REPO_DIR = CHECKLIST_DIR.parent
DEMO_RULES = REPO_DIR / "rules" / "demo.yaml"
DEMO_SITE = REPO_DIR / "examples" / "site"
DEMO_AS_OF = dt.date(2026, 11, 30)
DEMO_OUT = Path("reports/demo")


def run(params: RunParams, db: Path | None, now: dt.datetime) -> None:
    """`db`: the history file (None: not recorded)."""
    if not DEMO_SITE.is_dir():
        raise RunError("示例站点只随源代码仓库提供（examples/site），请在仓库目录中运行 make demo")
    rules, checklist = load_school(DEMO_RULES)
    out = params.out or DEMO_OUT
    check_run_paths(out, params.cache_dir, db=db)
    trend = history.trend(db, rules.school.name) if db else []
    with output_lock(out), sitehost.serve(DEMO_SITE) as port:
        resolve = {host: f"127.0.0.1:{port}" for host in sitehost.host_folders(DEMO_SITE)}
        if not params.quiet:
            print(f"示例站点已在 http://127.0.0.1:{port}/ 上运行（{len(resolve)} 个主机）")
        served = dataclasses.replace(params, resolve=resolve)
        result = run_audit(rules, checklist, served.audit_options())
        with written_as_one_set(recorded=db is not None):
            paths = write_reports(result, out, list(params.formats), trend)
            print_summary(result, paths, params.quiet)
            record(db, result, now, params.quiet)
