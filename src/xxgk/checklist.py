"""The Ministry checklist as data: pydantic models and the loader of checklist/*.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from pydantic import Field, ValidationError

# The cadence models live in cadence.py; these names stay importable from here as well.
from xxgk.cadence import AnnualCadence as AnnualCadence
from xxgk.cadence import Cadence as Cadence
from xxgk.cadence import MaxAgeCadence as MaxAgeCadence
from xxgk.cadence import check_month_day as check_month_day
from xxgk.errors import InputError
from xxgk.models import SCHOOL_KINDS, Frozen, SchoolKind


def _shipped_checklists() -> Path:
    """The repository's checklist/ folder, or its copy inside an installed wheel."""
    in_repo = Path(__file__).resolve().parents[2] / "checklist"
    if in_repo.is_dir():
        return in_repo
    return Path(__file__).resolve().parent / "checklists"


CHECKLIST_DIR = _shipped_checklists()


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
    # Names schools give the item's column (seen in real markup), for matching a site's
    # columns to items (`xxgk init`); never evidence of an element.
    columns: tuple[str, ...] = ()


class Category(Frozen):
    id: int
    name: str
    aliases: tuple[str, ...] = ()  # other names seen for the category (其他信息 for 其他)


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
