"""The school's name and kind, read from its site when the user did not give them."""

from __future__ import annotations

import re

from xxgk.draft.explore import SiteMap
from xxgk.models import SchoolKind

# A school's name: Chinese characters ending in one of these (longest first).
_NAME_RE = re.compile(
    r"[\u4e00-\u9fff（）()]{2,20}?(?:职业技术大学|职业技术学院|职业学院|高等专科学校|专科学校|大学|学院)"
)
_VOCATIONAL_RE = re.compile(r"职业技术学院|职业学院|高等专科学校|专科学校|职业技术师范")
# Signs that the school trains graduate students.
GRADUATE_WORDS = (
    "研究生院",
    "研究生招生",
    "研究生处",
    "硕士研究生",
    "博士研究生",
    "研招网",
    "学位评定委员会",
)


def school_name(site: SiteMap) -> str | None:
    """The name in the first pages' titles (示例职业技术学院信息公开网), else their footers."""
    pages = [p for p in site.pages.values() if p.is_ok]
    for text in [p.title for p in pages[:5]] + [p.footer for p in pages[:5]]:
        found = _NAME_RE.search(text.replace("信息公开", " "))
        if found:
            return found.group(0)
    return None


def school_kind(name: str, site: SiteMap) -> SchoolKind:
    """vocational for a 职业技术学院 / 专科学校; graduate when the site links a graduate
    school or graduate admissions; else undergraduate."""
    if _VOCATIONAL_RE.search(name):
        return "vocational"
    for page in site.pages.values():
        if any(word in link.text for link in page.links for word in GRADUATE_WORDS):
            return "graduate"
    return "undergraduate"
