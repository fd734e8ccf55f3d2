"""The cadence registry: every kind a rules file may name is one entry with model and judge."""

from __future__ import annotations

import datetime as dt

import yaml
from pydantic import TypeAdapter

from xxgk.cadence import CADENCE_MODELS, CADENCES, Cadence, judge, kind_of
from xxgk.models import ReasonKind, Status

EXAMPLES = {"annual": '{annual: "10-31"}', "max_age": "{max_age: 30d}", "on_change": "on_change"}


def test_the_registry_holds_every_model_of_the_rules_type() -> None:
    assert {k.model for k in CADENCES.values() if k.model} == set(CADENCE_MODELS)
    assert list(CADENCES) == sorted(CADENCES)  # a literal sorted dict
    assert set(EXAMPLES) == set(CADENCES)


def test_each_kind_is_read_from_its_yaml_form_and_judged_by_its_own_judge() -> None:
    as_of = dt.date(2026, 11, 30)
    dated = [dt.date(2026, 11, 20)]
    outcomes = {}
    for name, text in EXAMPLES.items():
        cadence = TypeAdapter(Cadence).validate_python(yaml.safe_load(text))
        assert kind_of(cadence) == name
        outcomes[name] = judge(cadence, dated, as_of)
    assert outcomes["annual"][:3] == (False, dt.date(2026, 10, 31), Status.LATE)
    assert outcomes["max_age"][:3] == (True, dt.date(2026, 12, 20), Status.PASS)
    assert outcomes["on_change"][0] is None
    assert [r.kind for r in outcomes["on_change"][3]] == [ReasonKind.NOT_JUDGEABLE]
