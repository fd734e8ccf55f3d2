"""The required parts of an annual report, found by their headings as schools write them.

A heading is a line that starts with a numbering marker (一、 / （一） / 1. / 第一部分) and
whose title names a part. Schools number their top level in different ways, so the style
that names the most parts is taken as the top level; headings of other styles are
sub-headings (（二）主动公开清单所列事项情况 inside 二、主动公开情况). A part named in body
text has no marker and never counts; a table of contents (lines ending in page numbers) is
skipped. One heading may name two parts (merged: 依申请公开和不予公开情况及举报、复议、诉讼).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from xxgk.annual.numerals import parse_chinese_number
from xxgk.models import Frozen

PartKey = Literal[
    "overview", "proactive", "on_request", "review", "complaints", "problems", "other"
]
NumberingStyle = Literal["part", "cn_comma", "cn_paren", "arabic", "arabic_paren", "none"]


@dataclass(frozen=True)
class PartSpec:
    key: PartKey
    name: str  # the part's name in the Ministry's notice, for people
    pattern: re.Pattern[str]  # searched in a heading's title with its spaces removed


# The Ministry's order (教办厅函〔2018〕80号 and later notices).
PARTS: tuple[PartSpec, ...] = (
    PartSpec("overview", "概述", re.compile(r"概述|概况|总体情况|^基本情况")),
    PartSpec(
        "proactive", "主动公开情况", re.compile(r"主动公开(?:的|信息的?|工作的?|事项的?)?情况")
    ),
    PartSpec("on_request", "依申请公开和不予公开情况", re.compile(r"依申请公开|不予公开")),
    PartSpec("review", "对信息公开工作的评议情况", re.compile(r"评议")),
    PartSpec(
        "complaints",
        "因学校信息公开工作受到举报、复议、诉讼的情况",
        re.compile(r"举报|复议|诉讼"),
    ),
    PartSpec(
        "problems",
        "存在的主要问题及改进措施",
        re.compile(r"问题.{0,12}(?:改进|整改|措施)|改进措施|整改措施|存在的?(?:主要)?问题"),
    ),
    PartSpec(
        "other",
        "其他需要报告的事项",
        re.compile(r"其他(?:需要|需)?(?:报告|说明)的?(?:事项|情况)|其他事项"),
    ),
)
PART_NAMES: dict[PartKey, str] = {spec.key: spec.name for spec in PARTS}
ANNEX_NAME = "清单事项公开情况表"
_ANNEX = re.compile(r"清单(?:所列)?事项(?:公开)?(?:情况)?(?:一览)?表")

_CN = "一二三四五六七八九十"
# Most specific first: 第一部分 before 一、; （一） before (1).
_MARKERS: tuple[tuple[NumberingStyle, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第(?P<n>[{_CN}]+|\d{{1,2}})部分[、.．:：]?")),
    ("cn_paren", re.compile(rf"^[（(](?P<n>[{_CN}]+)[）)][、.．]?")),
    ("arabic_paren", re.compile(r"^[（(](?P<n>\d{1,2})[）)][、.．]?")),
    ("cn_comma", re.compile(rf"^(?P<n>[{_CN}]+)[、.．，,]")),
    ("arabic", re.compile(r"^(?P<n>\d{1,2})(?:[、．]|\.(?!\d))")),
)
# When two styles name as many parts, the one more often used for a top level wins.
_STYLE_RANK: tuple[NumberingStyle, ...] = (
    "part",
    "cn_comma",
    "cn_paren",
    "arabic",
    "arabic_paren",
    "none",
)
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_TITLE_END = re.compile(r"[。：:；;！!？?]")
# a table of contents' line: dot leaders or a space, then a page number
_TOC_LINE = re.compile(r"(?:[.…·．]{2,}|[\s\u3000])\s*\d{1,3}$")
MAX_TITLE = 40  # characters (spaces removed): longer is a sentence, not a heading
MAX_BARE_HEADING = 30  # an unnumbered heading is a whole short line
MIN_CONTENTS_RUN = 3  # part headings in a row, with no text between: a table of contents


class PartFound(Frozen):
    """A required part, and where the report has it (nothing set when it is missing)."""

    key: PartKey
    name: str
    found: bool
    heading: str | None = None  # the heading line as written (outer spaces stripped)
    line: int | None = None  # 1-based line number in the report's text
    order: int | None = None  # 1-based position among the parts' headings, in reading order
    number: int | None = None  # the heading's own number (三 in 三、…), when it has one
    merged_with: tuple[PartKey, ...] = ()  # other parts named by the same heading


class AnnexFound(Frozen):
    """The 清单事项公开情况表 annex: whether the province requires it, whether it is there."""

    required: bool
    found: bool
    heading: str | None = None
    line: int | None = None


class Structure(Frozen):
    parts: tuple[PartFound, ...]  # every required part, in the Ministry's order
    in_order: bool
    out_of_order: tuple[PartKey, ...]  # parts whose heading comes before an earlier part's
    style: NumberingStyle | None  # the numbering of the top-level headings
    annex: AnnexFound


@dataclass(frozen=True)
class _Heading:
    line: int  # 1-based
    text: str  # as written, outer spaces stripped
    style: NumberingStyle
    number: int | None
    keys: tuple[PartKey, ...]


def squeeze(text: str) -> str:
    """Text with every space removed: headings are matched whatever spacing they have."""
    return _SPACES.sub("", text)


def _marker(line: str) -> tuple[NumberingStyle, int | None, str]:
    """The numbering style of a line, its number and the title after the marker."""
    for style, pattern in _MARKERS:
        match = pattern.match(line)
        if match is not None:
            raw = match["n"]
            number = int(raw) if raw.isdigit() else parse_chinese_number(raw)
            return style, number, line[match.end() :]
    return "none", None, line


def _title(rest: str, style: NumberingStyle, line: str) -> str | None:
    """The heading's title, or None when the line is body text."""
    if style == "none":
        # an unnumbered heading stands alone on a short line, without sentence punctuation
        if len(line) > MAX_BARE_HEADING or re.search(r"[。，,；;]", line):
            return None
        return line
    title = _TITLE_END.split(rest, maxsplit=1)[0]  # 一、概述。2023年… : the heading ends at 。
    return title if 0 < len(title) <= MAX_TITLE else None


def _headings(lines: Sequence[str]) -> Iterator[_Heading]:
    for index, raw in enumerate(lines, start=1):
        text = raw.strip(" \t\u00a0\u3000\ufeff")
        line = squeeze(text)
        if not line or _TOC_LINE.search(text):
            continue
        style, number, rest = _marker(line)
        title = _title(rest, style, line)
        if title is None:
            continue
        keys = tuple(spec.key for spec in PARTS if spec.pattern.search(title))
        if keys:
            yield _Heading(index, text, style, number, keys)


def _top_style(headings: Sequence[_Heading]) -> NumberingStyle | None:
    named: dict[NumberingStyle, set[PartKey]] = {}
    for heading in headings:
        named.setdefault(heading.style, set()).update(heading.keys)
    if not named:
        return None
    return max(named, key=lambda style: (len(named[style]), -_STYLE_RANK.index(style)))


def _out_of_order(headings: Sequence[_Heading]) -> tuple[PartKey, ...]:
    """The parts of the headings outside the longest run that follows the Ministry's order.

    A merged heading takes the place of its first part.
    """
    rank = {spec.key: index for index, spec in enumerate(PARTS)}
    ranks = [min(rank[key] for key in heading.keys) for heading in headings]
    best: list[list[int]] = []  # best[i]: longest non-decreasing run ending at i (indices)
    for i, r in enumerate(ranks):
        runs = [best[j] for j in range(i) if ranks[j] <= r]
        best.append([*max(runs, key=len, default=[]), i])
    longest: list[int] = max(best, key=len) if best else []
    return tuple(
        key for i, heading in enumerate(headings) if i not in longest for key in heading.keys
    )


def _annex(lines: Sequence[str], required: bool) -> AnnexFound:
    for index, raw in enumerate(lines, start=1):
        line = squeeze(raw)
        if line and len(line) <= MAX_TITLE and _ANNEX.search(line) and not _TOC_LINE.search(raw):
            return AnnexFound(required=required, found=True, heading=raw.strip(), line=index)
    return AnnexFound(required=required, found=False)


def _without_contents(headings: Sequence[_Heading], lines: Sequence[str]) -> list[_Heading]:
    """The headings less a table of contents without page numbers: a run of part headings
    with no text between them, whose parts come again further on."""
    runs: list[list[_Heading]] = []
    for heading in headings:
        previous = runs[-1][-1] if runs else None
        if previous is not None and not any(
            line.strip() for line in lines[previous.line : heading.line - 1]
        ):
            runs[-1].append(heading)
        else:
            runs.append([heading])
    kept: list[_Heading] = []
    for index, run in enumerate(runs):
        later = {key for other in runs[index + 1 :] for h in other for key in h.keys}
        if len(run) < MIN_CONTENTS_RUN or not later & {key for h in run for key in h.keys}:
            kept += run
    return kept


def find_structure(text: str, *, annex_required: bool = False) -> Structure:
    """The required parts the report has, where, and whether in the Ministry's order."""
    lines = text.splitlines()
    headings = list(_headings(lines))
    style = _top_style(headings)
    top = _without_contents([h for h in headings if h.style == style], lines)
    first: dict[PartKey, _Heading] = {}
    for heading in top:
        for key in heading.keys:
            first.setdefault(key, heading)  # a repeated heading counts once, where it starts
    ordered = sorted(set(first.values()), key=lambda h: h.line)
    order = {heading.line: position for position, heading in enumerate(ordered, start=1)}
    parts = tuple(
        PartFound(
            key=spec.key,
            name=spec.name,
            found=True,
            heading=h.text,
            line=h.line,
            order=order[h.line],
            number=h.number,
            merged_with=tuple(k for k in h.keys if k != spec.key),
        )
        if (h := first.get(spec.key)) is not None
        else PartFound(key=spec.key, name=spec.name, found=False)
        for spec in PARTS
    )
    late = _out_of_order(ordered)
    return Structure(
        parts=parts,
        in_order=not late,
        out_of_order=late,
        style=style,
        annex=_annex(lines, annex_required),
    )
