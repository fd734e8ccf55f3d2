"""How well a site's label (a column title, a menu entry, a catalogue row) names a checklist item.

Two signals, no word segmentation (Chinese titles need none at this length):

- keywords: a keyword of one of the item's elements, or a column name schools use
  (`columns:` in the checklist), found inside the label. Scored by how much of the label it
  explains, so that 「学生资助」 names item 37 fully and 「关于开展助学金评审的通知」 barely.
- character bigrams: the share of the label's bigrams that occur in the item's title and
  element names, each bigram weighted by how rare it is among the 50 titles (「信息」「公开」
  「管理」 say little; 「申诉」「章程」 a lot). Containment, not Dice: a column title is usually
  a shortened title (「学术规范制度」, 「受捐赠财产使用与管理」), rarely a longer one.

A label takes the better of the two. Measured on the 74 labelled column names of
`tests/test_draft_matching.py` (the sample site's menus, jlau's and SWU's labels, the fixture
sites', and 22 look-alikes that name no item): bigrams alone get 61 right (they miss names that
share little wording with the title: 学生资助, 收费公示, 预算公开, 信息公开年报), keywords alone 68
(they tie 学术委员会 between items 4 and 40, 专业设置 between 1 and 28, and miss shortened titles
such as 录取信息, 人员招聘); both 73, and no look-alike reaches the threshold. A fuzzy-matching
library would add a dependency for the part bigrams already do; keywords are what it lacks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from xxgk.checklist import Checklist, Item

SIGNALS = frozenset({"keywords", "bigrams"})
# Below this, a label is not taken as naming an item.
MIN_SCORE = 0.6
# Keywords that name a kind of document, not a subject: evidence inside a page, never the
# name of a column (「合同管理办法」 is not item 2, 「信息公开年度报告」 not item 4).
_DOCUMENT_WORDS = frozenset(
    {
        *("管理办法", "管理制度", "年度报告", "工作报告", "工作安排", "重点工作", "审核办法"),
        *("处理结果", "情况通报", "资格审查", "课程考试", "学位申请", "申报材料", "论证材料"),
        *("申报公示", "评选办法", "审计报告", "整改情况", "质量年度报告", "学生管理规定"),
    }
)
# Bigrams every page of a disclosure column says: near-zero weight whatever the titles say.
_GENERIC = {"信息": 0.1, "息公": 0.1, "公开": 0.1, "学校": 0.3, "情况": 0.3, "管理": 0.4}
_NUMBERING_RE = re.compile(r"^[（(]?\d+(\.\d+)?[)）、.．]|[（(]\d+项[)）]|^\d+[、.．]")
_PUNCT_RE = re.compile(r"[\s、，,。；;：:“”\"'《》〈〉「」【】\[\]（）()·•\-—_/|>＞…]+")


def normalize(label: str) -> str:
    """A label without its numbering (（1）, 1.2, （6项）), spaces and punctuation."""
    label = _NUMBERING_RE.sub("", label.strip())
    return _PUNCT_RE.sub("", label)


def bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


@dataclass(frozen=True)
class Match:
    item_id: int
    score: float
    how: str  # "keyword:学生资助" | "bigrams" | "title"


class Matcher:
    """Scores labels against every item of a checklist."""

    def __init__(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self._titles = {i.id: normalize(i.title) for i in checklist.items}
        texts = {i.id: _item_text(i) for i in checklist.items}
        self._grams = {i: set(bigrams(t)) for i, t in texts.items()}
        counts: Counter[str] = Counter(g for grams in self._grams.values() for g in grams)
        n = len(checklist.items)
        self._weight = {g: math.log(1 + n / c) / math.log(1 + n) for g, c in counts.items()}
        self._weight.update(_GENERIC)
        self._keywords = {i.id: _keywords(i) for i in checklist.items}
        self._categories = {
            normalize(name)
            for c in checklist.categories
            for name in (c.name, *c.aliases, c.name.removesuffix("信息"))
        }

    def is_category(self, label: str) -> bool:
        """A category's name (基本信息, 其他, 其他信息 …): a heading, not an item."""
        return normalize(label) in self._categories

    def score(self, label: str, item_id: int, signals: frozenset[str] = SIGNALS) -> Match:
        """`signals`: both by default; one of them alone to measure what each brings."""
        text = normalize(label)
        if len(text) < 2 or text in self._categories:
            return Match(item_id, 0.0, "")
        if text == self._titles[item_id]:
            return Match(item_id, 1.0, "title")
        shared = self._bigram_score(text, item_id) if "bigrams" in signals else 0.0
        best = Match(item_id, shared, "bigrams")
        keywords = self._keywords[item_id] if "keywords" in signals else []
        for keyword in keywords:
            if keyword in text:
                value = 0.55 + 0.45 * len(keyword) / len(text)
                if value > best.score:
                    best = Match(item_id, value, f"keyword:{keyword}")
        # ties (学术委员会: item 4's title, item 40's keyword) go to the item whose own
        # wording the label shortens
        return Match(item_id, round(0.9 * best.score + 0.1 * shared, 3), best.how)

    def matches(
        self, label: str, minimum: float = MIN_SCORE, signals: frozenset[str] = SIGNALS
    ) -> list[Match]:
        """Items the label names, best first."""
        found = [self.score(label, item.id, signals) for item in self.checklist.items]
        return sorted((m for m in found if m.score >= minimum), key=lambda m: -m.score)

    def _bigram_score(self, text: str, item_id: int) -> float:
        grams = bigrams(text)
        total = sum(self._weight.get(g, 1.0) for g in grams)
        if total <= 0:
            return 0.0
        inside = sum(self._weight.get(g, 1.0) for g in grams if g in self._grams[item_id])
        # a short label, or one of generic words only (信息公开), is weak evidence whatever
        # it shares
        length = min(1.0, total / 2.4)
        return round(inside / total * length, 3)


def _item_text(item: Item) -> str:
    return normalize(item.title) + "|" + "|".join(normalize(e.name) for e in item.elements)


def _keywords(item: Item) -> list[str]:
    words: Iterable[str] = (
        *(k for e in item.elements for k in e.keywords),
        *item.columns,
        *(k for s in item.substitutes.values() for e in s.elements for k in e.keywords),
    )
    # one-word keywords like 预警 or 查处 are evidence in a page, not a column's name
    kept = {w for k in words if len(w := normalize(k)) >= 3 and w not in _DOCUMENT_WORDS}
    return sorted(kept, key=len, reverse=True)
