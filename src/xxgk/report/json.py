"""report.json: the stable contract of DESIGN.md (fields may be added, never renamed)."""

from __future__ import annotations

import json

from xxgk.models import AuditResult


def render(result: AuditResult) -> bytes:
    data = result.model_dump(mode="json")
    if data.get("report_check") is None:
        data.pop("report_check", None)  # present only when the audit checked a report
    for item in data["items"]:
        if item.get("mapping") is None:
            item.pop("mapping", None)  # present only when the rules were drafted
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse(raw: bytes) -> AuditResult:
    return AuditResult.model_validate_json(raw)
