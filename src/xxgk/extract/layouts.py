"""How CMSs lay out a list row around its link: one entry per layout, with where it is
seen. A row is the smallest element of one of these tags around a link; a link in none
of them is a card (the largest block around it holding no other link: WebPlus's
``<a><div class="news_title">…</div><div class="news_date">…</div></a>``).

A new layout is one line here and a fixture copied from real markup in
``tests/fixtures/extract/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class RowLayout:
    tag: str  # the row's element
    seen_in: str  # which CMSs write it, and how


LIST_LAYOUTS = MappingProxyType(
    {
        "definition": RowLayout(
            "dd", "大汉 JCMS and older lists: <dl><dd><a>标题</a><span>2024-03-05</span></dd>"
        ),
        "list-item": RowLayout(
            "li",
            "VSB, WebPlus, TRS, WordPress: <ul><li><a>标题</a><span>2024-03-05</span></li>",
        ),
        "paragraph": RowLayout("p", "hand-made lists: <p><a>标题</a>（2024-03-05）</p>"),
        "table-row": RowLayout(
            "tr",
            "ASP/IIS and 帝国CMS tables: <tr><td><a>标题</a></td><td>[03-05]</td></tr>",
        ),
    }
)

ROW_TAGS = frozenset(layout.tag for layout in LIST_LAYOUTS.values())
