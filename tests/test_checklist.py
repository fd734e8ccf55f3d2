"""The shipped MOE checklist (checklist/moe-2014.yaml) and its loader."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from pydantic import TypeAdapter

from xxgk.cadence import AnnualCadence, Cadence, MaxAgeCadence
from xxgk.checklist import Checklist, load_checklist
from xxgk.errors import InputError

# The research transcription the checklist was built from; CI has ../shared beside the repo.
REFERENCE = Path(__file__).resolve().parents[2] / "shared/reference/moe-checklist-2014.yaml"

# Used only when the reference is absent: titles copied from it, one per kind of difficulty
# (long title, full-width ，and （）, a reconstructed one, the last item).
FALLBACK_TITLES = {
    1: "办学规模、校级领导班子简介及分工、学校机构设置、学科情况、专业情况、各类在校生情况、"
    "教师和专业技术人员数量等办学基本情况",
    6: "信息公开年度报告",
    11: "研究生招生简章、招生专业目录、复试录取办法，各院（系、所）或学科、专业招收研究生人数",
    20: "收支决算总表、收入决算表、支出决算表、财政拨款支出决算表",
    35: "本科教学质量报告",
    50: "自然灾害等突发事件的应急处理预案、预警信息和处置情况，涉及学校的重大事件的调查和处理情况",
}

CATEGORY_COUNTS = {1: 6, 2: 8, 3: 7, 4: 5, 5: 9, 6: 4, 7: 3, 8: 4, 9: 2, 10: 2}


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist()


def expected_titles() -> dict[int, str]:
    if not REFERENCE.exists():
        return FALLBACK_TITLES
    reference = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    return {item["id"]: item["title"] for item in reference["items"]}


def test_fifty_items_with_ids_1_to_50(checklist: Checklist) -> None:
    assert [item.id for item in checklist.items] == list(range(1, 51))
    assert checklist.id == "moe-2014"
    assert checklist.doc_number == "教办函〔2014〕23号"


def test_items_per_category(checklist: Checklist) -> None:
    assert [c.id for c in checklist.categories] == list(CATEGORY_COUNTS)
    assert dict(Counter(item.category_id for item in checklist.items)) == CATEGORY_COUNTS


def test_titles_match_the_reference(checklist: Checklist) -> None:
    expected = expected_titles()
    if REFERENCE.exists():
        assert set(expected) == checklist.item_ids
    assert {i: checklist.item(i).title for i in expected} == expected  # type: ignore[union-attr]


def test_item_20_has_the_four_final_account_tables(checklist: Checklist) -> None:
    item = checklist.item(20)
    assert item is not None
    assert [e.name for e in item.elements] == [
        "收支决算总表",
        "收入决算表",
        "支出决算表",
        "财政拨款支出决算表",
    ]


def test_item_11_applies_only_to_graduate_schools(checklist: Checklist) -> None:
    item = checklist.item(11)
    assert item is not None
    assert item.kinds == ("graduate",)


def test_item_35_has_a_vocational_substitute(checklist: Checklist) -> None:
    item = checklist.item(35)
    assert item is not None
    assert "vocational" in item.kinds
    substitute = item.substitutes["vocational"]
    assert substitute.title == "高等职业教育质量年度报告"
    assert "质量年报" in substitute.elements[0].keywords


def test_item_43_doctor_and_master_elements_are_graduate_only(checklist: Checklist) -> None:
    item = checklist.item(43)
    assert item is not None
    assert item.kinds == ("undergraduate", "graduate")
    assert [e.kinds for e in item.elements] == [
        ("graduate",),
        ("graduate",),
        ("undergraduate", "vocational", "graduate"),
    ]


def test_every_element_has_a_keyword(checklist: Checklist) -> None:
    empty = [
        (item.id, element.name)
        for item in checklist.items
        for element in (
            *item.elements,
            *(e for s in item.substitutes.values() for e in s.elements),
        )
        if not element.keywords or not all(k.strip() for k in element.keywords)
    ]
    assert empty == []


def test_no_basis_is_invented(checklist: Checklist) -> None:
    assert [item.id for item in checklist.items if item.basis is not None] == []


def test_every_cadence_parses(checklist: Checklist) -> None:
    adapter = TypeAdapter(Cadence)
    for item in checklist.items:
        cadence = item.cadence
        assert cadence == "on_change" or isinstance(cadence, AnnualCadence | MaxAgeCadence)
        dumped = cadence if isinstance(cadence, str) else cadence.model_dump()
        assert adapter.validate_python(dumped) == cadence
    assert checklist.item(6).cadence == AnnualCadence(annual="10-31")  # type: ignore[union-attr]


def test_bad_field_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "id: bad\n"
        "title: t\n"
        "doc_number: n\n"
        "categories: [{id: 1, name: 基本信息}]\n"
        "items:\n"
        "  - {id: 1, category_id: 1, title: t, colour: red,\n"
        "     elements: [{name: e, keywords: [k]}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_checklist("bad", directory=tmp_path)
    assert caught.value.problems == [f"{path}: items.0.colour: Extra inputs are not permitted"]
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__
