"""`xxgk gate`: audit a site (or a staged build) and pass or fail it against the rules' gate."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from xxgk import history
from xxgk.audit import load_school, option_problems, run_audit
from xxgk.commands.options import RunParams
from xxgk.commands.outputs import (
    SQLITE_MAGIC,
    check_run_paths,
    output_lock,
    written_as_one_set,
)
from xxgk.errors import InputError
from xxgk.gate import gate_junit, github_annotations, judge_gate, render_summary
from xxgk.models import AuditResult
from xxgk.report import write_reports
from xxgk.report.json import parse as parse_report
from xxgk.rules import Gate, Rules, override, with_base_url
from xxgk.safe_write import write_atomic

# The gate's fields a run may override, by the option that names each.
GATE_OPTIONS: Mapping[str, str] = {
    "fail_on": "--fail-on",
    "min_coverage": "--min-coverage",
    "min_timeliness": "--min-timeliness",
    "must_pass": "--must-pass",
}


def run(
    rules_path: Path,
    params: RunParams,
    *,
    gate: Mapping[str, object],
    base_url: str | None = None,
    baseline: Path | None = None,
    junit: Path | None = None,
    annotate: bool = False,
) -> bool:
    """Whether the site meets the gate. `gate`: overrides of the rules' gate by field
    (GATE_OPTIONS), checked by the same model as the rules file's; `annotate`: print GitHub
    Actions annotations."""
    rules, checklist = load_school(rules_path)
    options = params.audit_options()
    problems = option_problems(rules, options)
    if params.site_dir is not None and base_url is not None:
        problems.append("--site-dir 与 --base-url 只能二选一")
    if base_url is not None:
        try:
            rules = with_base_url(rules, base_url)
        except InputError as exc:
            problems += exc.problems
    settings: Gate | None = None
    try:
        settings = override(rules.gate, gate, GATE_OPTIONS, checklist.item_ids)
    except InputError as exc:
        problems += exc.problems
    before: AuditResult | None = None
    if baseline is not None:
        try:
            before = load_baseline(baseline, rules)
        except InputError as exc:
            problems += exc.problems
    out = params.out or Path("reports") / rules_path.stem
    check_run_paths(out, params.cache_dir, junit=junit, earlier=problems)
    assert settings is not None  # else problems were raised above
    with output_lock(out):
        result = run_audit(rules, checklist, options)
        outcome = judge_gate(result, settings, rules.waivers, result.as_of, before)
        with written_as_one_set(recorded=False):
            paths = write_reports(result, out, list(params.formats))
            if junit is not None:
                write_atomic(junit, gate_junit(outcome, result))
                paths.append(junit)
    if annotate:
        for line in github_annotations(outcome):
            print(line)
    print(render_summary(outcome), end="")
    if not params.quiet:
        print(f"报告已写入：{'、'.join(str(p) for p in paths)}")
    return outcome.passed


def load_baseline(path: Path, rules: Rules) -> AuditResult:
    """The audit to compare with: a report.json, or the newest run in a history file."""
    try:
        raw = path.read_bytes()
    except OSError:
        raise InputError([f"--baseline: 文件不存在或无法读取（实际为 '{path}'）"]) from None
    if raw.startswith(SQLITE_MAGIC):
        baseline = history.latest_result(path, rules.school.name)
        if baseline is None:
            raise InputError(
                [f"--baseline: 历史记录中没有 {rules.school.name} 的核查（实际为 '{path}'）"]
            )
    else:
        try:
            baseline = parse_report(raw)
        except ValueError:
            raise InputError(
                [f"--baseline: 不是 xxgk 的 report.json，也不是历史数据库（实际为 '{path}'）"]
            ) from None
    if baseline.school.get("name") != rules.school.name:
        raise InputError(
            [
                f"--baseline: 基线是另一所学校的核查结果"
                f"（应为 {rules.school.name}，实际为 '{baseline.school.get('name')}'）"
            ]
        )
    return baseline
