"""The counts a report claims (信息公开专栏发布信息357条, 新闻351条, 未收到公开信息申请 …).

Each figure keeps its sentence, the number as written, its value, its qualifier
(exact, 余 odd, 近 nearly, 超过 over, 约 about) and a key saying what it counts, taken from
the nearest telling word before the number in its clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from xxgk.annual.numerals import CN_NUMERAL_CHARS, FULLWIDTH, parse_number
from xxgk.annual.parts import PartFound, PartKey
from xxgk.models import Frozen

FigureKey = Literal[
    "column_items",
    "news",
    "notices",
    "bidding",
    "requests_received",
    "requests_answered",
    "complaints",
    "reviews",
    "lawsuits",
    "other",
]
Qualifier = Literal["exact", "odd", "nearly", "over", "about"]

FIGURE_LABELS: dict[FigureKey, str] = {
    "column_items": "信息公开专栏发布信息",
    "news": "新闻",
    "notices": "通知公告",
    "bidding": "招投标信息",
    "requests_received": "收到依申请公开申请",
    "requests_answered": "答复依申请公开申请",
    "complaints": "举报",
    "reviews": "行政复议",
    "lawsuits": "行政诉讼",
    "other": "其他",
}
QUALIFIER_LABELS: dict[Qualifier, str] = {
    "exact": "",
    "odd": "余",
    "nearly": "近",
    "over": "超过",
    "about": "约",
}

# What a number counts: the telling word nearest before it in its clause wins.
_KEY_WORDS: tuple[tuple[FigureKey, re.Pattern[str]], ...] = (
    ("column_items", re.compile(r"信息公开(?:专栏|专题网站?|网站?|栏目|平台|目录)")),
    ("news", re.compile(r"新闻(?!网)")),  # 湖南教育新闻网 is a site, not news
    ("notices", re.compile(r"通知(?:及|和|与|、)?公告|公告|通知")),
    ("bidding", re.compile(r"招投标|招标|采购")),
    (
        "requests_received",
        re.compile(r"(?:收到|受理|接到|接收)[^，,。；;]{0,12}申请|依申请公开|公开申请"),
    ),
    ("requests_answered", re.compile(r"答复|办结|回复|处理完毕")),
    ("complaints", re.compile(r"举报")),
    ("reviews", re.compile(r"复议")),
    ("lawsuits", re.compile(r"诉讼")),
)
_PREFIXES: dict[str, Qualifier] = {
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "超过": "over",
    "多于": "over",
    "逾": "over",
    "约": "about",
}
_NUMBER = re.compile(
    rf"(?<![\d.第{CN_NUMERAL_CHARS}])(?P<pre>将近|接近|近|超过|多于|逾|约)?\s*"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+)\s*"
    r"(?P<mul>万|千)?\s*(?P<odd>余|多)?\s*"
    r"(?P<unit>条|篇|件|项|则|次|起|个)(?P<above>以上|有余)?"
)
_ITEM_UNITS = frozenset("条篇件项则")  # units of published items and of requests
_CASE_KEYS = frozenset(
    {"requests_received", "requests_answered", "complaints", "reviews", "lawsuits"}
)
# a clause ends at a comma, colon or stop; not at the comma of 3,570
_CLAUSE = re.compile(r"(?:[^，,。；;：:\n]|,(?=\d{3}))+")
_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")
# 「学校未收到公开信息申请」「没有收到依申请公开申请」「申请数为零」
_NO_REQUESTS = re.compile(
    r"(?:未|没有|无)(?:收到|接到|受理|接收)[^。；;]{0,20}申请|申请[^。；;]{0,6}(?:为零|为0件)"
)
# 「未出现因信息公开工作受到举报、复议、诉讼的情况」
_NO_CASES = re.compile(
    r"(?:未|没有|无)(?:出现|发生|收到|受到|接到)[^。；;]{0,40}(?:举报|复议|诉讼)"
)
_CASE_WORDS: tuple[tuple[FigureKey, str], ...] = (
    ("complaints", "举报"),
    ("reviews", "复议"),
    ("lawsuits", "诉讼"),
)
MAX_LABEL = 30


class Figure(Frozen):
    key: FigureKey
    value: int
    qualifier: Qualifier
    text: str  # the number as written: 3,570余条, 二百余条, 未收到
    label: str  # the words before the number in its clause: 官方网站发布新闻
    sentence: str
    line: int  # 1-based line of the report
    part: PartKey | None = None  # the required part it is stated in


@dataclass(frozen=True)
class _Sentence:
    text: str
    line: int


def _sentences(text: str) -> Iterator[_Sentence]:
    for index, line in enumerate(text.splitlines(), start=1):
        for match in _SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if sentence:
                yield _Sentence(sentence, index)


def _key_of(context: str) -> FigureKey:
    best: tuple[int, int, FigureKey] | None = None
    for key, pattern in _KEY_WORDS:
        for match in pattern.finditer(context):
            rank = (match.end(), len(match.group(0)), key)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return best[2] if best is not None else "other"


def _qualifier(match: re.Match[str]) -> Qualifier:
    if match["pre"]:
        return _PREFIXES[match["pre"]]
    if match["odd"] or match["above"] == "有余":
        return "odd"
    return "over" if match["above"] else "exact"


def _clause_figures(sentence: _Sentence) -> Iterator[Figure]:
    scanned = sentence.text.translate(FULLWIDTH)
    for clause in _CLAUSE.finditer(scanned):
        start = clause.start()
        for match in _NUMBER.finditer(clause.group(0)):
            value = parse_number(match["num"], match["mul"] or "")
            context = clause.group(0)[start - clause.start() : match.start()]
            start = clause.start() + match.end()
            if value is None:
                continue
            key = _key_of(context)
            if match["unit"] not in _ITEM_UNITS and key not in _CASE_KEYS:
                continue  # 点击量6万余次, 岗位1580个: not a count of published items
            if match["num"][0] in CN_NUMERAL_CHARS and not context:
                continue  # 一条…: a word, not a figure, when nothing leads to it
            begin, end = clause.start() + match.start(), clause.start() + match.end()
            yield Figure(
                key=key,
                value=value,
                qualifier=_qualifier(match),
                text=sentence.text[begin:end].strip(),
                label=_label(context),
                sentence=sentence.text,
                line=sentence.line,
            )


def _label(context: str) -> str:
    label = re.sub(r"^[（(]?(?:其中|同时|另外|此外|含|共计?|合计|累计)?", "", context.strip())
    label = re.sub(r"(?:共计?|合计|累计|达到?|为)$", "", label.strip())
    return label[-MAX_LABEL:].strip("、 ")


def _none_figures(sentence: _Sentence) -> Iterator[Figure]:
    match = _NO_REQUESTS.search(sentence.text)
    if match is not None:
        yield _zero("requests_received", match.group(0), sentence)
    match = _NO_CASES.search(sentence.text)
    if match is not None:
        for key, word in _CASE_WORDS:
            if word in match.group(0):
                yield _zero(key, match.group(0), sentence)


def _zero(key: FigureKey, text: str, sentence: _Sentence) -> Figure:
    return Figure(
        key=key,
        value=0,
        qualifier="exact",
        text=text,
        label=FIGURE_LABELS[key],
        sentence=sentence.text,
        line=sentence.line,
    )


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every claimed count of published items, requests and cases, in reading order."""
    figures: list[Figure] = []
    for sentence in _sentences(text):
        figures += _clause_figures(sentence)
        figures += _none_figures(sentence)
    return tuple(figures)


def figures_of(figures: Sequence[Figure], key: FigureKey) -> list[Figure]:
    return [figure for figure in figures if figure.key == key]


def with_parts(figures: Sequence[Figure], parts: Sequence[PartFound]) -> tuple[Figure, ...]:
    """Each figure with the part whose heading comes last before its line."""
    starts = sorted((part.line, part.key) for part in parts if part.line is not None)

    def part_of(line: int) -> PartKey | None:
        before = [key for start, key in starts if start <= line]
        return before[-1] if before else None

    return tuple(figure.model_copy(update={"part": part_of(figure.line)}) for figure in figures)
