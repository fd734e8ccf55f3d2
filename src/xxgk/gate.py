"""The CI gate: does an audit meet the rules file's `gate:` (with CLI overrides and waivers)?

Pure: no I/O, no clock. `as_of` and an optional baseline audit are passed in.

- Without a baseline an item fails when its status is in `fail_on`, or when it is in
  `must_pass` and does not pass; the totals fail below `min_coverage` / `min_timeliness`.
- With a baseline an item fails only when it got worse than in the baseline (a worse
  status, or a status in `fail_on` where the baseline had none or `not_applicable`); a total
  fails only when it is below its threshold *and* below the baseline's.
- An item with an active waiver never fails; it is reported as waived, and left out of the
  totals. An expired waiver no longer excuses anything and says since when; a waiver for an
  item that passes (or does not apply) is reported as no longer needed.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from xxgk.models import STATUS_ORDER, AuditResult, Frozen, ItemResult, ReasonKind, Status
from xxgk.report import junit
from xxgk.report.labels import STATUS_LABELS, percent
from xxgk.rules import Gate, Waiver
from xxgk.scores import totals

STATUS_RANK: Mapping[Status, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}
FAILING_STATUSES: tuple[Status, ...] = STATUS_ORDER[:-2]  # what fail_on may name
SHORT_TITLE_CHARS = 16
_PHRASE_BREAK = re.compile(r"[、，,；及和的]")
# Characters XML 1.0 cannot hold; notes may quote crawled text.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The reasons that say best why an item has its status, by status, best first.
_DETAIL_KINDS: Mapping[Status, tuple[ReasonKind, ...]] = {
    Status.UNREACHABLE: (ReasonKind.UNREACHABLE,),
    Status.MISSING: (
        ReasonKind.BROKEN_LINK,
        ReasonKind.UNREACHABLE,
        ReasonKind.NO_LOCATION,
        ReasonKind.NOT_FETCHED,
    ),
    Status.STALE: (ReasonKind.STALE, ReasonKind.UNDATED),
    Status.LATE: (ReasonKind.LATE,),
}


class ItemFinding(Frozen):
    """What the gate makes of one checklist item."""

    id: int
    title: str
    department: str | None
    status: Status
    detail: str  # why the item has its status (Chinese), "" when it passes
    failed: bool  # the item fails the gate
    reasons: tuple[str, ...] = ()  # why it fails beyond its status (Chinese)
    waiver: Waiver | None = None
    waived: bool = False  # not passing, excused by an active waiver
    waiver_expired: bool = False
    waiver_needless: bool = False  # waiver for an item that passes or does not apply
    baseline_status: Status | None = None


class Total(Frozen):
    """One threshold on the whole site (要素覆盖率, 及时率)."""

    name: str
    value: float | None  # None when no item can be judged
    minimum: float
    baseline: float | None = None
    failed: bool = False


class GateOutcome(Frozen):
    school: str
    as_of: dt.date
    baseline_as_of: dt.date | None
    settings: Gate
    findings: tuple[ItemFinding, ...]  # every checklist item, by id
    totals: tuple[Total, ...]
    passed: bool

    @property
    def failures(self) -> tuple[ItemFinding, ...]:
        return tuple(f for f in self.findings if f.failed)

    @property
    def waived(self) -> tuple[ItemFinding, ...]:
        return tuple(f for f in self.findings if f.waived)

    @property
    def needless(self) -> tuple[ItemFinding, ...]:
        return tuple(f for f in self.findings if f.waiver_needless)

    @property
    def expired_unused(self) -> tuple[ItemFinding, ...]:
        """Expired waivers of items that do not fail anyway: worth a warning, not a failure."""
        return tuple(
            f for f in self.findings if f.waiver_expired and not f.failed and not f.waiver_needless
        )


# ------------------------------------------------------------------ judging


def judge_gate(
    result: AuditResult,
    gate: Gate,
    waivers: Iterable[Waiver],
    as_of: dt.date,
    baseline: AuditResult | None = None,
) -> GateOutcome:
    by_item: dict[int, Waiver] = {}
    for waiver in sorted(waivers, key=lambda w: w.until):
        by_item[waiver.item] = waiver  # the latest expiry wins
    before = {i.id: i.status for i in baseline.items} if baseline is not None else None
    findings = tuple(
        judge_item(
            item,
            gate,
            by_item.get(item.id),
            as_of,
            None if before is None else before.get(item.id, Status.NOT_APPLICABLE),
            has_baseline=before is not None,
        )
        for item in sorted(result.items, key=lambda i: i.id)
    )
    excluded = frozenset(f.id for f in findings if f.waived)
    totals = judge_totals(result, gate, excluded, baseline)
    return GateOutcome(
        school=result.school.get("name", ""),
        as_of=as_of,
        baseline_as_of=baseline.as_of if baseline is not None else None,
        settings=gate,
        findings=findings,
        totals=totals,
        passed=not any(f.failed for f in findings) and not any(t.failed for t in totals),
    )


def judge_item(
    item: ItemResult,
    gate: Gate,
    waiver: Waiver | None,
    as_of: dt.date,
    baseline_status: Status | None,
    *,
    has_baseline: bool,
) -> ItemFinding:
    reasons: list[str] = []
    if has_baseline:
        assert baseline_status is not None
        failing = is_worse(item.status, baseline_status, gate.fail_on)
        if failing:
            reasons.append(_baseline_reason(baseline_status))
    else:
        failing = item.status in gate.fail_on
        if item.id in gate.must_pass and item.status not in (Status.PASS, Status.NOT_APPLICABLE):
            failing = True
            reasons.append("必须合格（must_pass）")
    is_fine = item.status in (Status.PASS, Status.NOT_APPLICABLE)
    active = waiver is not None and as_of <= waiver.until
    expired = waiver is not None and not active
    waived = active and not is_fine
    if expired and failing:
        assert waiver is not None
        reasons.append(f"豁免已于 {waiver.until} 过期")
    return ItemFinding(
        id=item.id,
        title=item.title,
        department=item.department,
        status=item.status,
        detail=describe(item),
        failed=failing and not waived,
        reasons=tuple(reasons),
        waiver=waiver,
        waived=waived,
        waiver_expired=expired,
        waiver_needless=waiver is not None and is_fine,
        baseline_status=baseline_status if has_baseline else None,
    )


def is_worse(now: Status, before: Status, fail_on: tuple[Status, ...]) -> bool:
    """Worse than the baseline: a worse status, or newly in `fail_on` (baseline not judged).

    `not_applicable` is never worse; an item that did not apply in the baseline counts as
    worse only when it now fails by `fail_on`.
    """
    if now is Status.NOT_APPLICABLE:
        return False
    if before is Status.NOT_APPLICABLE:
        return now in fail_on
    return STATUS_RANK[now] < STATUS_RANK[before]


def _baseline_reason(before: Status) -> str:
    if before is Status.NOT_APPLICABLE:
        return "新出现的问题（基线中该项不适用或未核查）"
    return f"比基线变差（基线：{STATUS_LABELS[before]}）"


def judge_totals(
    result: AuditResult,
    gate: Gate,
    excluded: frozenset[int],
    baseline: AuditResult | None,
) -> tuple[Total, ...]:
    coverage, timeliness = site_totals(result.items, excluded)
    base_coverage, base_timeliness = (
        site_totals(baseline.items, excluded) if baseline is not None else (None, None)
    )
    return (
        _total("要素覆盖率", coverage, gate.min_coverage, base_coverage, baseline is not None),
        _total("及时率", timeliness, gate.min_timeliness, base_timeliness, baseline is not None),
    )


def _total(
    name: str, value: float | None, minimum: float, before: float | None, has_baseline: bool
) -> Total:
    failed = value is not None and value < minimum
    if has_baseline and failed:
        failed = before is not None and value is not None and value < before
    return Total(name=name, value=value, minimum=minimum, baseline=before, failed=failed)


def site_totals(
    items: Iterable[ItemResult], excluded: frozenset[int]
) -> tuple[float | None, float | None]:
    """(coverage, timeliness) as in report.json's summary, leaving out the waived items.

    None where nothing can be judged (no applicable item, no item with a timeliness).
    """
    scores = totals(items, excluded)
    return scores.coverage, scores.timeliness


def describe(item: ItemResult) -> str:
    """Why an item has its status, in one phrase (Chinese); "" when it passes."""
    if item.status is Status.PASS:
        return ""
    if item.status is Status.PARTIAL:
        missing = [e.name for e in item.elements if not e.found]
        return f"缺少要素：{'、'.join(missing)}"
    for kind in _DETAIL_KINDS.get(item.status, ()):
        for reason in item.reasons:
            if reason.kind is kind:
                return reason.text
    if item.status is Status.MISSING:
        return "页面上未找到任何要素"
    return item.notes[0] if item.notes else ""


# ------------------------------------------------------------------ output


def short_title(title: str) -> str:
    """`仪器设备…招投标` for a long checklist title: its first phrase, an ellipsis, its last."""
    if len(title) <= SHORT_TITLE_CHARS:
        return title
    phrases = [p for p in _PHRASE_BREAK.split(title) if p]
    last = phrases[-1]
    tail = last if 3 <= len(last) <= 9 else title[-4:]
    return f"{phrases[0][:9]}…{tail}"


def item_label(finding: ItemFinding) -> str:
    """`第18项 仪器设备…招投标（资产管理处）`."""
    return f"第{finding.id}项 {item_name(finding)}"


def item_name(finding: ItemFinding) -> str:
    """`仪器设备…招投标（资产管理处）`: the short title and who answers for the item."""
    department = finding.department or "未指定责任部门"
    return f"{short_title(finding.title)}（{department}）"


def failure_text(finding: ItemFinding) -> str:
    """`缺失 — 链接失效：…；豁免已于 2026-06-30 过期`: the status, then why."""
    why = "；".join(p for p in (finding.detail, *finding.reasons) if p)
    status = STATUS_LABELS[finding.status]
    return f"{status} — {why}" if why else status


def waiver_text(finding: ItemFinding) -> str:
    waiver = finding.waiver
    assert waiver is not None
    return f"{waiver.reason}；批准：{waiver.approved_by}"


def render_summary(outcome: GateOutcome) -> str:
    """The gate's plain summary for a CI log, in Chinese: one line per item that matters."""
    lines = [_header(outcome)]
    lines += [f"✗ {item_label(f)}：{failure_text(f)}" for f in outcome.failures]
    for f in outcome.waived:
        assert f.waiver is not None
        lines.append(
            f"○ {item_label(f)}：{STATUS_LABELS[f.status]} — "
            f"已豁免至 {f.waiver.until}（{waiver_text(f)}）"
        )
    for f in outcome.needless:
        assert f.waiver is not None
        lines.append(f"ℹ {item_label(f)}：{needless_text(f)}")
    for f in outcome.expired_unused:
        assert f.waiver is not None
        lines.append(
            f"ℹ {item_label(f)}：{STATUS_LABELS[f.status]} — 豁免已于 {f.waiver.until} 过期"
            "（该项未触发门禁条件）"
        )
    lines.append("；".join(_total_text(t, outcome) for t in outcome.totals))
    lines.append(verdict_text(outcome))
    return "\n".join(lines) + "\n"


def needless_text(finding: ItemFinding) -> str:
    assert finding.waiver is not None
    return (
        f"{STATUS_LABELS[finding.status]} — 豁免已无必要（豁免至 {finding.waiver.until}），"
        "可从规则文件中删除"
    )


def _header(outcome: GateOutcome) -> str:
    when = f"核查日期 {outcome.as_of}"
    if outcome.baseline_as_of is not None:
        when += f"，对照 {outcome.baseline_as_of} 的基线：只有比基线变差的事项算失败"
    return f"{outcome.school} 信息公开发布门禁（{when}）"


def _total_text(total: Total, outcome: GateOutcome) -> str:
    if total.value is None:
        return f"{total.name} —（没有可判断的事项）"
    limits = f"门槛 {percent(total.minimum)}"
    if total.baseline is not None:
        limits += f"，基线 {percent(total.baseline)}"
    mark = "✗" if total.failed else "✓"
    waived = len(outcome.waived)
    note = f"（不含已豁免的 {waived} 项）" if waived else ""
    return f"{total.name} {percent(total.value)}（{limits}）{mark}{note}"


def verdict_text(outcome: GateOutcome) -> str:
    if outcome.passed:
        waived = len(outcome.waived)
        return "门禁通过" + (f"（{waived} 项已豁免）" if waived else "")
    problems: list[str] = []
    if outcome.failures:
        problems.append(f"{len(outcome.failures)} 项不合格")
    below = "低于门槛且低于基线" if outcome.baseline_as_of is not None else "低于门槛"
    problems += [f"{t.name}{below}" for t in outcome.totals if t.failed]
    return "门禁未通过：" + "；".join(problems)


def github_annotations(outcome: GateOutcome) -> list[str]:
    """GitHub Actions workflow commands: an error per failure, a warning per stale waiver."""
    lines = [
        f"::error title=xxgk 第{f.id}项::{_escape(f'{item_name(f)}：{failure_text(f)}')}"
        for f in outcome.failures
    ]
    lines += [
        f"::error title=xxgk 门禁::{_escape(_total_text(t, outcome))}"
        for t in outcome.totals
        if t.failed
    ]
    lines += [
        f"::warning title=xxgk 第{f.id}项::{_escape(f'{item_name(f)}：{needless_text(f)}')}"
        for f in outcome.needless
    ]
    lines += [
        f"::warning title=xxgk 第{f.id}项::"
        + _escape(f"{item_name(f)}：豁免已于 {f.waiver.until} 过期")
        for f in outcome.expired_unused
        if f.waiver is not None
    ]
    return lines


def gate_junit(outcome: GateOutcome, result: AuditResult) -> bytes:
    """JUnit XML of the gate: the audit's test cases (report/junit.py), judged by the gate.

    A case fails only when its item fails the gate, with the gate's reason as message; a
    waived item is skipped with its waiver; an item that does not pass but does not trip the
    gate passes, its finding kept as system-out. Two more cases hold the totals.
    """
    root = ET.fromstring(junit.render(result))
    suite = root.find("testsuite")
    assert suite is not None
    items = sorted(result.items, key=lambda i: i.id)
    cases = suite.findall("testcase")
    if len(cases) != len(items):
        raise ValueError(f"JUnit report has {len(cases)} test cases for {len(items)} items")
    findings = {f.id: f for f in outcome.findings}
    for case, item in zip(cases, items, strict=True):
        _judge_case(case, findings[item.id])
    for total in outcome.totals:
        case = ET.SubElement(
            suite, "testcase", {"classname": "门禁", "name": total.name, "time": "0"}
        )
        if total.failed:
            ET.SubElement(
                case, "failure", {"type": "threshold", "message": _total_text(total, outcome)}
            )
        else:
            ET.SubElement(case, "system-out").text = _total_text(total, outcome)
    properties = suite.find("properties")
    assert properties is not None
    for name, value in _gate_properties(outcome):
        ET.SubElement(properties, "property", {"name": name, "value": value})
    all_cases = suite.findall("testcase")
    counts = {
        "tests": str(len(all_cases)),
        "failures": str(sum(1 for c in all_cases if c.find("failure") is not None)),
        "skipped": str(sum(1 for c in all_cases if c.find("skipped") is not None)),
    }
    for element in (root, suite):
        element.attrib.update(counts)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _judge_case(case: ET.Element, finding: ItemFinding) -> None:
    failure = case.find("failure")
    details = failure.text if failure is not None else None
    if finding.failed:
        if failure is None:
            failure = ET.SubElement(case, "failure", {"type": finding.status.value})
        failure.set("message", _xml_text(failure_text(finding)))
        return
    if failure is not None:
        case.remove(failure)
    notes: list[str] = []
    if finding.waived:
        assert finding.waiver is not None
        message = f"已豁免至 {finding.waiver.until}：{waiver_text(finding)}"
        ET.SubElement(case, "skipped", {"message": _xml_text(message)})
        notes.append(f"{STATUS_LABELS[finding.status]}（已豁免）")
    elif failure is not None:
        notes.append(f"{STATUS_LABELS[finding.status]}（未触发门禁条件）")
    if finding.waiver_needless:
        notes.append(needless_text(finding))
    if details:
        notes.append(details)
    if notes:
        ET.SubElement(case, "system-out").text = _xml_text("\n".join(notes))


def _gate_properties(outcome: GateOutcome) -> list[tuple[str, str]]:
    settings = outcome.settings
    properties = [
        ("gate_passed", "true" if outcome.passed else "false"),
        ("gate_min_coverage", percent(settings.min_coverage)),
        ("gate_min_timeliness", percent(settings.min_timeliness)),
        ("gate_fail_on", ",".join(s.value for s in settings.fail_on) or "none"),
        ("gate_must_pass", ",".join(str(i) for i in settings.must_pass)),
    ]
    if outcome.baseline_as_of is not None:
        properties.append(("gate_baseline_as_of", outcome.baseline_as_of.isoformat()))
    return properties


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _escape(text: str) -> str:
    """Workflow-command data: %, CR and LF are the characters GitHub unescapes."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
