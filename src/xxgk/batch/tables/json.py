"""summary.json: the table across schools as data (keys snake_case, as report.json's)."""

from __future__ import annotations

import json

from xxgk.batch.summary import BatchSummary


def render(summary: BatchSummary) -> bytes:
    data = summary.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse(raw: bytes) -> BatchSummary:
    return BatchSummary.model_validate_json(raw)
