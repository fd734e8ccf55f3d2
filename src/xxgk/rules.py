"""A school's rules file: where each checklist item lives, validated with file:line errors.

Every problem in a rules file is reported at once, each as one line in the form
`rules/x.yaml:42: item 18: section: 问题（应为 X，实际为 'Y'）`, before any request is made.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit

import yaml
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from xxgk import safe_yaml
from xxgk.annual.periods import check_period
from xxgk.cadence import CADENCE_FORMS, CADENCE_MODELS, AnnualCadence, Cadence, check_month_day
from xxgk.checklist import Checklist, Item, checklist_path
from xxgk.errors import InputError
from xxgk.extract import css_selector
from xxgk.models import Frozen, SchoolKind, Status
from xxgk.urls import browser_form, host_entry_problem, host_key, normalize_url, url_problem

__all__ = ["normalize_url", "url_problem"]  # the one normaliser, where callers found it

DEFAULT_PAGES = 3
DEFAULT_ARTICLES = 5
KIND_NAMES = {
    "undergraduate": "本科院校",
    "vocational": "高职（专科）院校",
    "graduate": "研究生培养单位",
}


class School(Frozen):
    name: str = Field(min_length=1)
    kind: SchoolKind
    province: str | None = None


def check_host_entry(value: str) -> str:
    problem = host_entry_problem(value)
    if problem:
        raise ValueError(problem)
    return value


HostEntry = Annotated[str, AfterValidator(check_host_entry)]  # `host` or `host:port`


class Site(Frozen):
    base_url: str = Field(
        pattern=r"^https?://[^/\s]+(/\S*)?$", examples=["https://xxgk.example.edu.cn/"]
    )
    hosts: tuple[HostEntry, ...] = ()  # nothing outside these (and base_url's host) is ever fetched
    # requests per second per host; below one per 20 s an audit would never end
    rate: float = Field(2.0, ge=0.05, le=100)
    concurrency: int = Field(2, ge=1, le=32)  # connections per host
    max_pages: int = Field(2000, ge=1)
    timeout: float = Field(15.0, gt=0, le=300)  # seconds, connect and read each
    retries: int = Field(2, ge=0, le=10)
    max_bytes: int = Field(20_000_000, ge=1024)  # per response; longer bodies are cut
    contact: str | None = None  # URL or e-mail put in the User-Agent
    verify_tls: bool | tuple[str, ...] = True  # false, or hosts whose certificate is not checked

    @field_validator("base_url")
    @classmethod
    def _plain_base_url(cls, value: str) -> str:
        if "@" in urlsplit(value).netloc or "\\" in value:
            raise ValueError("网址不能含用户名、密码或反斜杠（凭据不会被发送，请删去）")
        try:
            urlsplit(value).port  # noqa: B018  # only whether it parses
        except ValueError:
            raise ValueError(f"端口无效（应为 1–65535，实际为 '{value}'）") from None
        problem = host_entry_problem(host_key(value))
        if problem:
            raise ValueError(problem)
        return value

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """`host` (default port only) or `host:port` entries: base_url's and `hosts`."""
        return frozenset(h.lower() for h in (*self.hosts, host_key(self.base_url)))


def check_item_id(value: int, info: ValidationInfo) -> int:
    """An item id the checklist has, when the checklist's ids are in the validation context
    (`{"item_ids": frozenset}`); without it, any id passes (the checklist is not known yet)."""
    ids = (info.context or {}).get("item_ids")
    if ids and value not in ids:
        raise ValueError(f"清单中没有第 {value} 项（应为 {min(ids)}–{max(ids)}）")
    return value


ItemId = Annotated[int, AfterValidator(check_item_id)]


class Gate(Frozen):
    """The thresholds a build must meet (the rules' `gate:`; CLI options override it)."""

    min_coverage: float = Field(0.0, ge=0, le=1)
    min_timeliness: float = Field(0.0, ge=0, le=1)
    fail_on: tuple[Status, ...] = (Status.MISSING, Status.UNREACHABLE)
    must_pass: tuple[ItemId, ...] = ()

    @field_validator("fail_on")
    @classmethod
    def _failing_statuses(cls, value: tuple[Status, ...]) -> tuple[Status, ...]:
        wrong = [s.value for s in value if s in (Status.PASS, Status.NOT_APPLICABLE)]
        if wrong:
            raise ValueError(
                f"不能把 {'、'.join(wrong)} 作为失败条件（应为 unreachable、missing、partial、stale、late）"
            )
        return value


def check_date_value(value: object) -> object:
    """A date written as a date: a number (`until: 0`) is not read as seconds since 1970."""
    if isinstance(value, int | float):
        raise ValueError(f"类型错误（应为日期 YYYY-MM-DD，实际为 '{value}'）")
    return value


class Waiver(Frozen):
    item: int
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    until: Annotated[dt.date, BeforeValidator(check_date_value)]


class ItemRule(Frozen):
    """Where one checklist item is published, and who answers for it."""

    department: str | None = None
    urls: tuple[str, ...] = ()
    section: str | None = None  # CSS selector: only this part of each page counts
    pages: int = Field(DEFAULT_PAGES, ge=1, le=100)  # list pages to follow through pagination
    articles: int = Field(DEFAULT_ARTICLES, ge=0, le=100)  # newest articles to open per list page
    cadence: Cadence | None = None  # overrides the checklist's cadence
    not_applicable: str | None = Field(None, min_length=1)  # the reason, in Chinese

    @field_validator("section")
    @classmethod
    def _valid_selector(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                css_selector(value)
            except ValueError:
                raise ValueError(f"CSS 选择器无效（实际为 '{value}'）") from None
        return value

    @model_validator(mode="after")
    def _urls_or_reason(self) -> ItemRule:
        if self.not_applicable and self.urls:
            raise ValueError("同时给出了 urls 和 not_applicable（只能二选一）")
        return self


class AnnualReportRule(Frozen):
    """What a province asks of the annual report (信息公开工作年度报告) beyond the Ministry.

    ```yaml
    annual_report:
      period: "11-01:10-31"   # the statistics period the province's notice sets
      annex: true             # the 清单事项公开情况表 annex is required
    ```
    Its deadline is item 6's entry in `deadlines:`.
    """

    period: Annotated[str, AfterValidator(check_period)] | None = Field(
        None, examples=["11-01:10-31"]
    )
    annex: bool = False


class Rules(Frozen):
    school: School
    checklist: str = Field("moe-2014", min_length=1)  # a shipped checklist's id, or a path
    site: Site
    deadlines: dict[int, Annotated[str, AfterValidator(check_month_day)]] = Field(
        default_factory=dict
    )
    annual_report: AnnualReportRule = AnnualReportRule()
    gate: Gate = Gate()
    waivers: tuple[Waiver, ...] = ()
    items: dict[int, ItemRule] = Field(default_factory=dict)

    def deadline(self, item_id: int) -> AnnualCadence | None:
        value = self.deadlines.get(item_id)
        return AnnualCadence(annual=value) if value else None


def not_applicable_reason(item: Item, rule: ItemRule | None, kind: str) -> str | None:
    """Why an item does not apply to this school (Chinese), or None when it does."""
    if rule is not None and rule.not_applicable:
        return f"不适用：{rule.not_applicable}"
    if kind not in item.kinds and kind not in item.substitutes:
        return f"不适用：本事项不适用于{KIND_NAMES[kind]}"
    if item.conditional and (rule is None or not rule.urls):
        return "不适用：条件性事项，规则未声明位置，视为学校无此类活动（如有，请在规则中声明）"
    return None


# ------------------------------------------------------------------ loading


def load_rules(path: Path, checklist_ids: frozenset[int] | None = None) -> Rules:
    """Parse and validate a rules file; raise InputError listing every problem."""
    label = _label(path)
    source = read_source(path, label)
    try:
        root = safe_yaml.compose(source)
        data = safe_yaml.construct(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise InputError([_yaml_error(label, exc, source)]) from None
    except RecursionError:
        raise InputError([f"{label}:1: YAML 嵌套过深"]) from None
    if root is None or not isinstance(data, dict):
        raise InputError([f"{label}:1: 规则文件应为 YAML 映射（school、site、items 等字段）"])
    lines = dict(_node_lines(root, ()))
    problems = [(line, f"{label}:{line}: {msg}") for line, msg in _duplicate_keys(root)]
    problems += [
        (_line_of(lines, loc), f"{label}:{_line_of(lines, loc)}: {_where(loc)}{msg}")
        for loc, msg in _cross_checks(data, checklist_ids)
    ]
    context = {"item_ids": checklist_ids} if checklist_ids is not None else None
    try:
        rules = Rules.model_validate(data, context=context)
    except ValidationError as exc:
        problems += _pydantic_problems(label, exc, lines)
    if problems:
        raise InputError([text for _, text in sorted(problems, key=lambda p: p[0])])
    return rules


def read_source(path: Path, label: str) -> str:
    """A rules file's text: a regular UTF-8 file, else one line saying what it is."""
    try:
        if path.is_dir():
            raise InputError([f"{label}: 不是规则文件（是目录）"])
        if path.is_symlink() and not path.exists():
            raise InputError([f"{label}: 符号链接无法解析（循环或目标不存在）"])
        if not path.exists():
            raise InputError([f"{label}: 文件不存在"])
        data = path.read_bytes()
    except OSError as exc:  # a symlink loop, no permission, ...
        raise InputError([f"{label}: 无法读取（{exc.strerror or type(exc).__name__}）"]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            [f"{label}:{line}: 文件不是 UTF-8 编码（GBK 等编码请另存为 UTF-8）"]
        ) from None


_M = TypeVar("_M", bound=Frozen)


def override(
    model: _M,
    values: Mapping[str, object],
    labels: Mapping[str, str],
    item_ids: frozenset[int] | None = None,
) -> _M:
    """`model` with `values` in place of its fields, validated by the model itself: a
    command-line override meets the same checks, in the same words, as the rules file.

    `labels` name each field as the user gave it (`{"rate": "--rate"}`); every problem at
    once, as `--rate: 超出范围（应 > 0，实际为 '0'）`.
    """
    if not values:
        return model
    context = {"item_ids": item_ids} if item_ids is not None else None
    try:
        return type(model).model_validate({**model.model_dump(), **values}, context=context)
    except ValidationError as exc:
        problems: dict[str, str] = {}
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.setdefault(labels.get(str(loc[0]), str(loc[0])), _message(error, loc))
        raise InputError([f"{label}: {msg}" for label, msg in problems.items()]) from None


def resolve_url(rules: Rules, url: str) -> str:
    return normalize_url(urljoin(rules.site.base_url, url))


def with_base_url(rules: Rules, url: str) -> Rules:
    """The same rules aimed at another copy of the site (a staging server, a local build).

    Every item URL on the old base's host moves to the new base with its path below the
    base kept (`/xxgk/jbxx.htm` under `https://xxgk.x.edu.cn/` becomes
    `https://staging.x.edu.cn/build/xxgk/jbxx.htm` under `https://staging.x.edu.cn/build/`);
    URLs on the school's other hosts stay. The new host is added to the allowed hosts.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError([f"--base-url: 格式不对（应为 http(s)://主机/路径，实际为 '{url}'）"])
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    new_base = normalize_url(urlunsplit((parts.scheme, parts.netloc, path, "", "")))
    new_host = host_key(new_base)
    items = {
        item_id: rule.model_copy(
            update={"urls": tuple(_moved_url(rules, u, new_base) for u in rule.urls)}
        )
        for item_id, rule in rules.items.items()
    }
    hosts = tuple(dict.fromkeys((*rules.site.hosts, new_host)))
    site = rules.site.model_copy(update={"base_url": new_base, "hosts": hosts})
    return rules.model_copy(update={"site": site, "items": items})


def _moved_url(rules: Rules, url: str, new_base: str) -> str:
    old = urlsplit(resolve_url(rules, url))
    old_base = urlsplit(normalize_url(rules.site.base_url))
    if old.netloc != old_base.netloc:
        return url  # another of the school's platforms: not part of this copy
    base_dir = old_base.path[: old_base.path.rfind("/") + 1]
    query = f"?{old.query}" if old.query else ""
    if old.path.startswith(base_dir):
        return urljoin(new_base, old.path[len(base_dir) :] + query)
    new = urlsplit(new_base)
    return urlunsplit((new.scheme, new.netloc, old.path, old.query, ""))


def rules_json_schema() -> dict[str, Any]:
    schema = Rules.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "xxgk rules file"
    return schema


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # elsewhere; a symlink loop
        return str(path)


def _yaml_error(label: str, exc: yaml.YAMLError, source: str) -> str:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        line = source[: exc.position].count("\n") + 1
        return f"{label}:{line}: 文件含不允许的字符 U+{exc.character:04X}（控制字符等）"
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, safe_yaml.SafeYamlError):
        return f"{label}:{line}: {problem}"
    return f"{label}:{line}: YAML 语法错误：{problem}"


def _node_lines(node: yaml.Node, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], int]]:
    """Map every path in the document (keys as loaded) to its 1-based line."""
    yield path, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            yield (*path, key), key_node.start_mark.line + 1
            for sub_path, line in _node_lines(value_node, (*path, key)):
                if sub_path != (*path, key):
                    yield sub_path, line
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            yield from _node_lines(child, (*path, index))


def _scalar(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        # numbers as numbers: `1:` and `1.0:` are the same key to the loaded mapping
        return yaml.safe_load(node.value) if node.tag.endswith((":int", ":float")) else node.value
    return None


def _duplicate_keys(node: yaml.Node) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in seen:
                yield key_node.start_mark.line + 1, f"{key}: 字段重复（后一个会覆盖前一个）"
            seen.add(key)
            yield from _duplicate_keys(value_node)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _duplicate_keys(child)


def _line_of(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int:
    for end in range(len(loc), -1, -1):
        prefix = tuple(loc[:end])
        if prefix in lines:
            return lines[prefix]
        # YAML keys such as `18:` load as int; pydantic may report them as str
        alt = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in prefix)
        if alt in lines:
            return lines[alt]
    return 1


def _where(loc: tuple[Any, ...]) -> str:
    """`item 18: section: ` from a location like ('items', 18, 'section')."""
    parts: list[str] = []
    rest = list(loc)
    if len(rest) >= 2 and rest[0] in ("items", "deadlines"):
        parts.append(f"item {rest[1]}")
        rest = rest[2:]
    elif len(rest) >= 2 and rest[0] == "waivers" and isinstance(rest[1], int):
        parts.append(f"waivers[{rest[1]}]")
        rest = rest[2:]
    names = [f"[{p}]" if isinstance(p, int) else str(p) for p in rest if not _is_union_branch(p)]
    field = ".".join(names).replace(".[", "[")
    if field:
        parts.append(field)
    return "".join(f"{p}: " for p in parts)


def _is_union_branch(part: Any) -> bool:
    text = str(part)
    return text in ("str", "bool", "int", "float") or text.startswith(
        ("literal[", "tuple[", "function-", *(m.__name__ for m in CADENCE_MODELS))
    )


_BOUNDS = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}
_KIND_WORDS = {
    "int": "整数",
    "float": "数字",
    "bool": "true 或 false",
    "string": "文本",
    "date": "日期 YYYY-MM-DD",
    "dict": "映射（key: value）",
    "tuple": "列表",
    "list": "列表",
    "model": "映射（key: value）",
}


def _pydantic_problems(
    label: str, exc: ValidationError, lines: dict[tuple[Any, ...], int]
) -> list[tuple[int, str]]:
    problems: dict[tuple[Any, ...], str] = {}
    for error in exc.errors():
        loc = tuple(error["loc"])
        key = tuple(p for p in loc if not _is_union_branch(p))
        if (key and key[-1] == "cadence") or "cadence" in key:
            cut = key[: key.index("cadence") + 1]
            got = error.get("input")
            forms = f"{'、'.join(CADENCE_FORMS[:-1])} 或 {CADENCE_FORMS[-1]}"
            msg = f"取值无效（应为 {forms}，实际为 {_show(got)}）"
            problems.setdefault(cut, msg)
            continue
        if key[:1] == ("items",) and len(key) >= 2 and error["type"] == "int_parsing":
            problems.setdefault(key[:2], f"事项编号无效（应为清单中的数字编号，实际为 '{key[1]}'）")
            continue
        problems.setdefault(key, _message(error, loc))
    return [
        (_line_of(lines, loc), f"{label}:{_line_of(lines, loc)}: {_where(loc)}{msg}")
        for loc, msg in problems.items()
    ]


def _message(error: Any, loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    got = _show(error.get("input"))
    if kind == "extra_forbidden":
        allowed = _allowed_fields(loc)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"，是否应为 '{close[0]}'？" if close else ""
        return f"未知字段（可用字段：{'、'.join(allowed)}）{hint}"
    if kind == "missing":
        return "缺少必填字段"
    if kind == "literal_error" or kind == "enum":
        expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
        expected = expected.replace("', '", "'、'")
        return f"取值无效（应为 {expected} 之一，实际为 {got}）"
    if kind == "string_pattern_mismatch":
        return f"格式不对（应符合 {error['ctx']['pattern']}，实际为 {got}）"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(error["ctx"].values()))
        return f"超出范围（应 {_BOUNDS[kind]} {bound}，实际为 {got}）"
    if kind in ("too_short", "string_too_short"):
        return f"不能为空（实际为 {got}）"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    for word, chinese in _KIND_WORDS.items():
        if kind.startswith(word):
            return f"类型错误（应为{chinese}，实际为 {got}）"
    return f"{error['msg']}（实际为 {got}）"


def _allowed_fields(loc: tuple[Any, ...]) -> list[str]:
    model: Any = Rules
    for part in loc[:-1]:
        if isinstance(part, int) or (isinstance(part, str) and part.isdigit()):
            continue
        field = model.model_fields.get(part)
        if field is None:
            break
        inner = _model_in(field.annotation)
        if inner is None:
            break
        model = inner
    return list(model.model_fields)


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Frozen):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _show(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    return f"'{text[:60]}'"


def _cross_checks(
    data: dict[str, Any], checklist_ids: frozenset[int] | None
) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Checks that need the checklist or the site's hosts, on the raw data.

    They run on the raw mapping, not the model, so that they are reported together with
    the model's own errors.
    """
    name = data.get("checklist")
    if isinstance(name, str) and name and not _is_readable_file(checklist_path(name)):
        yield ("checklist",), f"找不到清单（应为 moe-2014 或清单文件的路径，实际为 '{name[:60]}'）"
    items = _mapping(data.get("items"))
    for field in ("items", "deadlines"):
        for key in _mapping(data.get(field)):
            if _reads_as_number(key):
                yield (field, key), f"事项编号应为不加引号的整数（实际为 '{key}'）"
    if checklist_ids is not None:
        span = f"{min(checklist_ids)}–{max(checklist_ids)}"
        name = data.get("checklist", "moe-2014")
        for key in items:
            if isinstance(key, int) and key not in checklist_ids:
                yield ("items", key), f"清单 {name} 中没有这一项（应为 {span}）"
        for key in _mapping(data.get("deadlines")):
            if isinstance(key, int) and key not in checklist_ids:
                yield ("deadlines", key), f"清单中没有这一项（应为 {span}）"
        for index, waiver in enumerate(_sequence(data.get("waivers"))):
            item_id = _mapping(waiver).get("item")
            if isinstance(item_id, int) and item_id not in checklist_ids:
                yield ("waivers", index, "item"), f"清单中没有第 {item_id} 项（应为 {span}）"
    site = _mapping(data.get("site"))
    base_url = site.get("base_url")
    if not isinstance(base_url, str):
        return
    hosts = [h for h in _sequence(site.get("hosts")) if isinstance(h, str)]
    allowed = frozenset(h.lower() for h in [*hosts, host_key(base_url)])
    for key, rule in items.items():
        for index, url in enumerate(_sequence(_mapping(rule).get("urls"))):
            if isinstance(url, str):
                problem = url_problem(browser_form(urljoin(base_url, url)), allowed)
                if problem:
                    yield ("items", key, "urls", index), problem


def _reads_as_number(key: object) -> bool:
    """A key the models would quietly read as an item id although it is not an int
    (`'1'`, `1.0`, `true`): two of them may name one item and silently override it."""
    if isinstance(key, bool | float):
        return True
    return isinstance(key, str) and key.strip().lstrip("+-").isdigit()


def _is_readable_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long, a symlink loop
        return False


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# ------------------------------------------------------------------ a starter file


def yaml_scalar(value: str) -> str:
    """`value` as one double-quoted YAML scalar (the dumper escapes quotes, newlines,
    `#`, `: ` and the rest): what a person typed can never become another key."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=2**31).strip()


def rules_template(checklist: Checklist, name: str, kind: SchoolKind, base_url: str) -> str:
    """A rules file to fill in: every item of the checklist, with its title as a comment.

    Items that cannot apply to the school's kind are left out; conditional items are
    written as not applicable with a reason to confirm or replace by URLs.
    """
    host = host_key(base_url)
    lines = [
        "# xxgk 规则文件：为每一项填写发布位置（urls）和责任部门（department）。",
        "# 检查：xxgk check-rules 本文件；编辑器补全：xxgk schema > rules.schema.json",
        "school:",
        f"  name: {yaml_scalar(name)}",
        f"  kind: {kind}",
        f"checklist: {checklist.id}",
        "site:",
        f"  base_url: {yaml_scalar(base_url)}",
        f"  hosts: [{yaml_scalar(host)}]   # 招生网、就业网、财务处等其他平台的主机名也写在这里",
        "  rate: 2",
        "  concurrency: 2",
        "items:",
    ]
    category = 0
    for item in checklist.items:
        if kind not in item.kinds and kind not in item.substitutes:
            continue
        if item.category_id != category:
            category = item.category_id
            lines.append(f"  # ===== {checklist.category_name(category)} =====")
        lines.append(f"  # {item.id}. {item.title}")
        lines.append(f"  {item.id}:")
        if item.conditional:
            lines.append("    not_applicable: 本校无此类活动   # 有则删去此行，改填 urls")
            continue
        department = item.departments[0] if item.departments else ""
        lines.append(f"    department: {department}")
        lines.append("    urls: []   # 例如 [/xxgk/jbxx.htm]")
    return "\n".join(lines) + "\n"
