"""The peer readers of the dates benchmark, run in their own venv (bench/.venv-peers).

    bench/.venv-peers/bin/python bench/dates_peers.py CORPUS [--as-of 2026-12-01]
        [--readers gne,htmldate]

Reads every page listed in CORPUS/truth.csv and prints one JSON object on stdout:
``{"versions": {...}, "pages": {file: {reader: {"raw": ..., "error": ..., "seconds": ...}}}}``.
``raw`` is what the reader returned, untouched: bench/dates.py turns it into a date.

This script never imports xxgk, and xxgk's venv never has gne or htmldate: they pin their
own lxml. Both peers get the same text, decoded here: UTF-8 (with or without a BOM), else
GB18030 (every corpus page is one of the two), undecodable bytes replaced.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
import warnings
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

READERS = ("gne", "htmldate")


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("gb18030", errors="replace")


def gne_reader() -> Callable[[str, str | None], str | None]:
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def read(html: str, url: str | None) -> str | None:
        found = extractor.extract(html).get("publish_time")
        return str(found) if found else None

    return read


def htmldate_reader(as_of: dt.date) -> Callable[[str, str | None], str | None]:
    from htmldate import find_date

    # extensive_search=True is htmldate's default (it then also looks at free text);
    # max_date pins "today" to as_of so that a run next year reads the same.
    latest = dt.datetime.combine(as_of, dt.time(23, 59, 59))

    def read(html: str, url: str | None) -> str | None:
        found: str | None = find_date(
            html,
            extensive_search=True,
            original_date=True,
            outputformat="%Y-%m-%d",
            url=url,
            max_date=latest,
        )
        return found

    return read


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 12, 1))
    parser.add_argument("--readers", default=",".join(READERS))
    args = parser.parse_args(argv)
    names = [name for name in args.readers.split(",") if name]
    makers: dict[str, Callable[[], Callable[[str, str | None], str | None]]] = {
        "gne": gne_reader,
        "htmldate": lambda: htmldate_reader(args.as_of),
    }
    readers = {name: makers[name]() for name in names}
    warnings.simplefilter("ignore")  # both peers warn on odd markup; the answer is what counts

    with (args.corpus / "truth.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    pages: dict[str, dict[str, Any]] = {}
    for row in rows:
        html = decode((args.corpus / "pages" / row["file"]).read_bytes())
        url = row["url"] or None
        found: dict[str, Any] = {}
        for name, read in readers.items():
            started = time.perf_counter()
            try:
                found[name] = {"raw": read(html, url)}
            except Exception as exc:  # a peer's crash is its result on that page
                found[name] = {"raw": None, "error": f"{type(exc).__name__}: {exc}"}
            found[name]["seconds"] = round(time.perf_counter() - started, 4)
        pages[row["file"]] = found
    versions = {name: version(name) for name in names}
    json.dump({"versions": versions, "pages": pages}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
