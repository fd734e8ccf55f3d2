"""JUnit XML for CI systems: one test case per checklist item.

unreachable, missing, partial, stale and late are failures (message in Chinese);
not_applicable is skipped; pass passes. No timestamps: the same audit gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from xxgk.models import AuditResult, ItemResult, Status
from xxgk.report.gaps import evidence_urls, gap_summary, is_gap
from xxgk.report.labels import STATUS_LABELS, percent
from xxgk.report.sanitize import xml_text

# Characters XML 1.0 cannot hold; crawled text may contain them.


def render(result: AuditResult) -> bytes:
    items = sorted(result.items, key=lambda i: i.id)
    failures = sum(1 for i in items if is_gap(i))
    skipped = sum(1 for i in items if i.status is Status.NOT_APPLICABLE)
    counts = {
        "tests": str(len(items)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(skipped),
        "time": "0",
    }
    root = ET.Element("testsuites", {"name": "xxgk", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": _text(result.school["name"]), **counts})
    properties = ET.SubElement(suite, "properties")
    s = result.summary
    for name, value in (
        ("as_of", result.as_of.isoformat()),
        ("checklist", str(result.checklist["id"])),
        ("school_kind", result.school["kind"]),
        ("coverage", percent(s.coverage)),
        ("timeliness", percent(s.timeliness)),
        ("pass_rate", percent(s.pass_rate)),
        ("tool_version", result.tool["version"]),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": _text(value)})
    for item in items:
        _testcase(suite, item)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _testcase(suite: ET.Element, item: ItemResult) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        {
            "classname": _text(item.category),
            "name": _text(f"{item.id:02d} {item.title}"),
            "time": "0",
        },
    )
    if item.status is Status.NOT_APPLICABLE:
        reason = item.notes[0] if item.notes else "不适用"
        ET.SubElement(case, "skipped", {"message": _text(reason)})
    elif is_gap(item):
        label, summary = STATUS_LABELS[item.status], gap_summary(item)
        message = summary if summary.startswith(label) else f"{label}：{summary}"
        failure = ET.SubElement(
            case, "failure", {"type": item.status.value, "message": _text(message)}
        )
        failure.text = _text("\n".join(_details(item)))


def _details(item: ItemResult) -> list[str]:
    lines = [
        f"状态：{STATUS_LABELS[item.status]}（{item.status.value}）",
        f"责任部门：{item.department or '未指定部门'}",
    ]
    lines += [
        f"要素：{e.name}：{'已找到 ' + (e.where or '') if e.found else '未找到'}"
        for e in item.elements
    ]
    lines += [f"最新日期：{item.latest_date or '—'}；截止日期：{item.due or '—'}"]
    lines += [f"整改期限：{item.fix_by or '—'}"]
    lines += [f"证据：{url}" for url in evidence_urls(item)]
    lines += [f"说明：{note}" for note in item.notes]
    return lines


def _text(value: str) -> str:
    return xml_text(value)
