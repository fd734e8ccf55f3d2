"""The audit's numbers, computed once: site totals and per-category scores.

report.json's summary, the gate's totals (without the waived items) and every report's
figures come from here, so that no two places can round or count differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xxgk.models import COUNT_ORDER, AuditResult, ItemResult, Status, Summary


@dataclass(frozen=True)
class Totals:
    """Scores over some items; None where nothing can be judged."""

    applicable: int
    coverage: float | None  # mean found/total elements of the applicable items
    timeliness: float | None  # share of judged applicable items that are timely
    pass_rate: float | None  # share of applicable items that pass
    counts: dict[str, int]  # items per status, in report.json's order


def totals(items: Iterable[ItemResult], excluded: frozenset[int] = frozenset()) -> Totals:
    """DESIGN.md's formulas, rounded to 4 places, leaving out the `excluded` item ids."""
    kept = [i for i in items if i.id not in excluded]
    applicable = [i for i in kept if i.status is not Status.NOT_APPLICABLE]
    judged = [i for i in applicable if i.timely is not None]
    counts = {s.value: sum(1 for i in kept if i.status is s) for s in COUNT_ORDER}
    return Totals(
        applicable=len(applicable),
        coverage=_ratio(sum(i.coverage for i in applicable), len(applicable)),
        timeliness=_ratio(sum(1 for i in judged if i.timely), len(judged)),
        pass_rate=_ratio(counts[Status.PASS.value], len(applicable)),
        counts=counts,
    )


def summarize(items: Iterable[ItemResult]) -> Summary:
    """report.json's summary: 0.0 where nothing can be judged."""
    t = totals(items)
    return Summary(
        applicable=t.applicable,
        coverage=t.coverage or 0.0,
        timeliness=t.timeliness or 0.0,
        pass_rate=t.pass_rate or 0.0,
        counts=t.counts,
    )


def _ratio(part: float, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class CategoryScore:
    name: str
    applicable: int
    passed: int
    coverage: float | None  # None: no applicable item
    timeliness: float | None  # None: no item whose timeliness could be judged


def category_scores(items: Iterable[ItemResult]) -> tuple[CategoryScore, ...]:
    """One score per checklist category, in checklist order (not rounded: for display)."""
    ordered = sorted(items, key=lambda i: i.id)
    scores = []
    for name in dict.fromkeys(i.category for i in ordered):
        applicable = [
            i for i in ordered if i.category == name and i.status is not Status.NOT_APPLICABLE
        ]
        judged = [i for i in applicable if i.timely is not None]
        scores.append(
            CategoryScore(
                name=name,
                applicable=len(applicable),
                passed=sum(1 for i in applicable if i.status is Status.PASS),
                coverage=(
                    sum(i.coverage for i in applicable) / len(applicable) if applicable else None
                ),
                timeliness=sum(1 for i in judged if i.timely) / len(judged) if judged else None,
            )
        )
    return tuple(scores)


@dataclass(frozen=True)
class Scores:
    """What the renderers are handed besides the result: computed once per report run."""

    summary: Summary
    categories: tuple[CategoryScore, ...]
    gaps: int  # items neither passing nor not applicable


def score(result: AuditResult) -> Scores:
    gaps = sum(1 for i in result.items if i.status not in (Status.PASS, Status.NOT_APPLICABLE))
    return Scores(result.summary, category_scores(result.items), gaps)
