"""Typed parameters shared by the commands that run an audit (audit, demo, gate)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.audit import AuditOptions
from xxgk.errors import InputError
from xxgk.report import FORMATS


@dataclass(frozen=True)
class RunParams:
    """Where and how to run an audit, and where its reports go."""

    as_of: dt.date
    out: Path | None = None  # None: reports/<rules file name>/
    formats: tuple[str, ...] = tuple(FORMATS)
    site_dir: Path | None = None
    resolve: Mapping[str, str] = field(default_factory=dict)
    # crawl bounds as the user gave them (`{"rate": "0.5"}`), checked by the rules' Site model
    crawl: Mapping[str, str] = field(default_factory=dict)
    cache_dir: Path | None = Path("reports/.cache")
    revalidate_all: bool = False
    quiet: bool = False

    def audit_options(self) -> AuditOptions:
        return AuditOptions(
            as_of=self.as_of,
            crawl=self.crawl,
            site_dir=self.site_dir,
            resolve=self.resolve,
            cache_dir=self.cache_dir,
            revalidate_all=self.revalidate_all,
            progress=not self.quiet,
        )


def parse_formats(text: str) -> tuple[str, ...]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError([f"--format: 未知格式 {', '.join(unknown)}（可选：{', '.join(FORMATS)}）"])
    return tuple(formats)


def parse_resolve(pairs: list[str]) -> dict[str, str]:
    """`HOST=ADDR:PORT` pairs (like curl --resolve) as a host -> address map."""
    resolve: dict[str, str] = {}
    for pair in pairs:
        host, sep, address = pair.partition("=")
        if not sep or not host or ":" not in address:
            raise InputError([f"--resolve: 格式应为 HOST=ADDR:PORT（实际为 '{pair}'）"])
        resolve[host.lower()] = address
    return resolve


def parse_list(text: str) -> list[str]:
    """A comma list (`missing,unreachable`, `6,19`); `none` is the empty list."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    return [] if names == ["none"] else names


def add_resolve(parser: argparse.ArgumentParser) -> None:
    """--resolve HOST=ADDR:PORT, as every command that crawls takes it."""
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST=ADDR:PORT",
        help="send requests for HOST to ADDR:PORT over plain HTTP (like curl --resolve)",
    )
