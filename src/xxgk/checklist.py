"""The Ministry checklist as data: pydantic models and the loader of checklist/*.yaml."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, ValidationError, field_validator

from xxgk.errors import InputError
from xxgk.models import SCHOOL_KINDS, Frozen, SchoolKind


def _shipped_checklists() -> Path:
    """The repository's checklist/ folder, or its copy inside an installed wheel."""
    in_repo = Path(__file__).resolve().parents[2] / "checklist"
    if in_repo.is_dir():
        return in_repo
    return Path(__file__).resolve().parent / "checklists"


CHECKLIST_DIR = _shipped_checklists()

_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def check_month_day(value: str) -> str:
    """`"MM-DD"` naming a day that exists in some year (02-29 included)."""
    parts = value.split("-")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 2 for p in parts):
        raise ValueError(f"截止日期无效（应为 \"MM-DD\"，实际为 '{value}'）")
    month, day = int(parts[0]), int(parts[1])
    if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month - 1]:
        raise ValueError(f"截止日期无效（应为 \"MM-DD\"，实际为 '{value}'）")
    return value


class AnnualCadence(Frozen):
    """A new edition every year by this month-day (`"10-31"`); `"02-29"` means end of February."""

    annual: str = Field(pattern=r"^\d{2}-\d{2}$", examples=["10-31"])

    @field_validator("annual")
    @classmethod
    def _real_day(cls, value: str) -> str:
        return check_month_day(value)

    @property
    def month_day(self) -> tuple[int, int]:
        month, day = (int(part) for part in self.annual.split("-"))
        return month, day


class MaxAgeCadence(Frozen):
    """The newest dated evidence is at most this old (`"180d"`)."""

    max_age: str = Field(pattern=r"^[1-9]\d{0,4}d$", examples=["365d"])

    @property
    def days(self) -> int:
        return int(self.max_age[:-1])


Cadence = Annotated[
    Literal["on_change"] | AnnualCadence | MaxAgeCadence,
    Field(description='on_change | {annual: "MM-DD"} | {max_age: "NNNd"}'),
]


class Element(Frozen):
    """One distinct thing an item names; found when any keyword matches."""

    name: str
    keywords: tuple[str, ...] = Field(min_length=1)
    kinds: tuple[SchoolKind, ...] = SCHOOL_KINDS  # school kinds this element applies to


class Substitute(Frozen):
    """What a school of another kind publishes in place of the item (e.g. 高职质量年报)."""

    title: str
    elements: tuple[Element, ...] = Field(min_length=1)


class Item(Frozen):
    id: int = Field(ge=1)
    category_id: int
    title: str
    title_check: str = ""
    elements: tuple[Element, ...] = Field(min_length=1)
    cadence: Cadence = "on_change"
    kinds: tuple[SchoolKind, ...] = SCHOOL_KINDS
    conditional: bool = False  # applies only if the school has the activity
    applies_note: str = ""
    substitutes: dict[SchoolKind, Substitute] = Field(default_factory=dict)
    departments: tuple[str, ...] = ()
    basis: str | None = None
    sources: tuple[str, ...] = ()


class Category(Frozen):
    id: int
    name: str


class Checklist(Frozen):
    id: str
    title: str
    doc_number: str
    categories: tuple[Category, ...]
    items: tuple[Item, ...]

    def category_name(self, category_id: int) -> str:
        return next(c.name for c in self.categories if c.id == category_id)

    def item(self, item_id: int) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    @property
    def item_ids(self) -> frozenset[int]:
        return frozenset(i.id for i in self.items)


def checklist_path(name: str, directory: Path = CHECKLIST_DIR) -> Path:
    """A checklist by id (`moe-2014`) from the shipped folder, or a path to a YAML file."""
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        return directory / f"{name}.yaml"
    return Path(name)


def load_checklist(name: str = "moe-2014", directory: Path = CHECKLIST_DIR) -> Checklist:
    path = checklist_path(name, directory)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            [f"{path}: checklist not found (expected one of: {_known(directory)})"]
        ) from None
    except yaml.YAMLError as exc:
        raise InputError([f"{path}: not valid YAML: {exc}"]) from None
    try:
        checklist = Checklist.model_validate(raw)
    except ValidationError as exc:
        raise InputError(
            [f"{path}: {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        ) from None
    ids = [i.id for i in checklist.items]
    if len(ids) != len(set(ids)):
        raise InputError([f"{path}: item ids are not unique"])
    return checklist


def _known(directory: Path) -> str:
    return ", ".join(sorted(p.stem for p in directory.glob("*.yaml"))) or "none"
