"""Dates benchmark: an article's publication date, read by xxgk, gne and htmldate.

    make bench-dates                 # creates bench/.venv-peers if needed, then this
    .venv/bin/python bench/dates.py [--corpus DIR] [--only xxgk]

Reads every page of the date corpus (default ``../shared/reference/date-corpus`` from the
repository root: real pages with hand-labelled dates, see its README.md and truth.csv):

- xxgk, in this venv, as the product reads a page: the raw bytes decoded by
  ``xxgk.fetch.decode_body`` (the crawl's own charset detection), a ``Page`` at the page's
  URL from truth.csv (else ``http://example.invalid/<file>``), then
  ``xxgk.extract.read_page(page, as_of=2026-12-01, section=None, pagination=False)`` and its
  ``published`` (with ``published_source`` where the reader has it).
- GeneralNewsExtractor (gne) and htmldate, in their own venv ``bench/.venv-peers`` (created
  from ``bench/requirements-dates.txt`` on first use), through ``bench/dates_peers.py``.
  gne answers free text ("2022-02-13 04:22:18", "2020年10月4日"): the first date in it is
  taken by ``PEER_DATE`` (year-month-day with - / . or 年月日 between, else month/day/year
  with slashes); text with no such date counts as no answer.

A date is correct when it equals the label, wrong when it differs, none when there is no
answer. Prints a line per page and, for zh, other and all pages, ``dates: READER A/N
correct, wrong W, none X``; writes ``bench/out/dates.json``. Exits 0 whatever the scores.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import platform
import re
import subprocess
import sys
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xxgk.extract import read_page
from xxgk.fetch import decode_body
from xxgk.models import Page

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "reference" / "date-corpus"
PEERS_VENV = HERE / ".venv-peers"
PEERS_REQUIREMENTS = HERE / "requirements-dates.txt"
AS_OF = dt.date(2026, 12, 1)
READERS = ("xxgk", "gne", "htmldate")
PEERS = ("gne", "htmldate")
LANGS = ("zh", "other", "all")
MARKS = {"correct": "✓", "wrong": "✗", "none": "–"}

# The first date in a peer's free text: 2022-02-13 04:22:18, 2005/3/11, 2022.01.20,
# 2020年10月4日; else 9/17/2004 5:54:13 AM (month/day/year, as US-style pages write it).
PEER_DATE = (
    (re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), (3, 1, 2)),
)


@dataclass
class Answer:
    date: dt.date | None
    raw: str | None = None  # the reader's own answer, when it is not a date already
    source: str | None = None  # where xxgk says its date comes from
    error: str | None = None

    def grade(self, expected: dt.date) -> str:
        if self.date is None:
            return "none"
        return "correct" if self.date == expected else "wrong"


@dataclass
class Row:
    file: str
    lang: str
    expected: dt.date
    url: str
    note: str
    answers: dict[str, Answer] = field(default_factory=dict)


def load_truth(corpus: Path) -> list[Row]:
    with (corpus / "truth.csv").open(encoding="utf-8", newline="") as f:
        return [
            Row(
                file=line["file"],
                lang=line["lang"],
                expected=dt.date.fromisoformat(line["expected_date"]),
                url=line["url"],
                note=line.get("note", ""),
            )
            for line in csv.DictReader(f)
        ]


# --------------------------------------------------------------------------- xxgk


def read_with_xxgk(corpus: Path, row: Row) -> Answer:
    body = (corpus / "pages" / row.file).read_bytes()
    headers = {"content-type": "text/html"}
    text, encoding, notes = decode_body(body, headers)
    url = row.url or f"http://example.invalid/{row.file}"
    page = Page(
        url=url,
        final_url=url,
        status=200,
        headers=headers,
        content=body,
        text=text,
        encoding=encoding,
        notes=tuple(notes),
    )
    try:
        facts = read_page(page, as_of=AS_OF, section=None, pagination=False)
    except Exception as exc:  # the benchmark reports a crash, it does not stop on it
        return Answer(None, error=f"{type(exc).__name__}: {exc}")
    source = getattr(facts, "published_source", None)  # present once the reader has it
    return Answer(facts.published, source=None if source is None else str(source))


# --------------------------------------------------------------------------- peers


def peers_python(venv_dir: Path) -> Path:
    """The peers' interpreter, creating their venv (or reinstalling) when needed."""
    python = venv_dir / "bin" / "python"
    stamp = venv_dir / ".installed"
    fresh = stamp.exists() and stamp.stat().st_mtime >= PEERS_REQUIREMENTS.stat().st_mtime
    if python.exists() and fresh:
        return python
    print(f"installing {PEERS_REQUIREMENTS.name} into {venv_dir} …", file=sys.stderr, flush=True)
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(venv_dir)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-r", str(PEERS_REQUIREMENTS)], check=True
    )
    stamp.touch()
    return python


def parse_peer_date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    for pattern, (y, m, d) in PEER_DATE:
        for match in pattern.finditer(raw):
            try:
                return dt.date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                continue
    return None


def read_with_peers(
    corpus: Path, names: list[str], python: Path
) -> tuple[dict[str, dict[str, Answer]], dict[str, str]]:
    done = subprocess.run(
        [
            str(python),
            str(HERE / "dates_peers.py"),
            str(corpus),
            f"--as-of={AS_OF}",
            f"--readers={','.join(names)}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"dates_peers.py failed (exit {done.returncode}):\n{done.stderr}")
    found = json.loads(done.stdout)
    answers: dict[str, dict[str, Answer]] = {}
    for file, by_reader in found["pages"].items():
        answers[file] = {}
        for name, got in by_reader.items():
            raw = got.get("raw")
            answers[file][name] = Answer(parse_peer_date(raw), raw=raw, error=got.get("error"))
    return answers, found["versions"]


# --------------------------------------------------------------------------- report


def summarize(rows: list[Row], names: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    summary: dict[str, dict[str, dict[str, int]]] = {}
    for lang in LANGS:
        chosen = [row for row in rows if lang == "all" or row.lang == lang]
        summary[lang] = {}
        for name in names:
            counts = {"pages": len(chosen), "correct": 0, "wrong": 0, "none": 0}
            for row in chosen:
                counts[row.answers[name].grade(row.expected)] += 1
            summary[lang][name] = counts
    return summary


def shown(answer: Answer, expected: dt.date, with_source: bool) -> str:
    mark = MARKS[answer.grade(expected)]
    if answer.error:
        return f"{mark} error"
    text = f"{mark} {answer.date or ''}".rstrip()
    if answer.date is None and answer.raw:
        text += f" ({answer.raw[:12]!r})"
    if with_source and answer.source:
        text += f" [{answer.source}]"
    return text


def print_rows(rows: list[Row], names: list[str]) -> None:
    widths = {"xxgk": 34, "gne": 14, "htmldate": 14}
    header = f"{'file':<46} {'lang':<5} {'expected':<10}  " + "  ".join(
        f"{name:<{widths[name]}}" for name in names
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        file = row.file if len(row.file) <= 46 else row.file[:45] + "…"
        cells = "  ".join(
            f"{shown(row.answers[name], row.expected, name == 'xxgk'):<{widths[name]}}"
            for name in names
        )
        print(f"{file:<46} {row.lang:<5} {row.expected}  {cells}".rstrip())


def print_summary(summary: dict[str, dict[str, dict[str, int]]]) -> None:
    for lang, by_reader in summary.items():
        pages = next(iter(by_reader.values()))["pages"]
        print(f"\n{lang} ({pages} pages)")
        for name, c in by_reader.items():
            print(
                f"  dates: {name} {c['correct']}/{c['pages']} correct, "
                f"wrong {c['wrong']}, none {c['none']}"
            )


def as_json(row: Row) -> dict[str, Any]:
    return {
        "file": row.file,
        "lang": row.lang,
        "expected": str(row.expected),
        "url": row.url,
        "note": row.note,
        "answers": {
            name: {
                "date": None if answer.date is None else str(answer.date),
                "grade": answer.grade(row.expected),
                **{
                    key: value
                    for key, value in (
                        ("raw", answer.raw),
                        ("source", answer.source),
                        ("error", answer.error),
                    )
                    if value is not None
                },
            }
            for name, answer in row.answers.items()
        },
    }


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with truth.csv and pages/"
    )
    parser.add_argument(
        "--only",
        default=",".join(READERS),
        help="comma list of readers to run (--only xxgk skips the peers' venv)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where dates.json goes")
    parser.add_argument(
        "--peers-venv", type=Path, default=PEERS_VENV, help="venv with gne and htmldate"
    )
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in names if name not in READERS]
    if unknown or not names:
        parser.error(f"--only: unknown reader(s) {', '.join(unknown)} (one of {READERS})")
    names = [name for name in READERS if name in names]
    if not (args.corpus / "truth.csv").exists():
        parser.error(f"--corpus: no truth.csv in {args.corpus}")

    rows = load_truth(args.corpus)
    seconds: dict[str, float] = {}
    versions: dict[str, str] = {}
    if "xxgk" in names:
        started = time.perf_counter()
        for row in rows:
            row.answers["xxgk"] = read_with_xxgk(args.corpus, row)
        seconds["xxgk"] = time.perf_counter() - started
    peers = [name for name in names if name in PEERS]
    if peers:
        python = peers_python(args.peers_venv)
        started = time.perf_counter()
        found, versions = read_with_peers(args.corpus, peers, python)
        seconds["peers (one process)"] = time.perf_counter() - started
        for row in rows:
            row.answers.update(found[row.file])

    print(f"corpus: {args.corpus} ({len(rows)} pages); as_of {AS_OF}\n")
    print_rows(rows, names)
    summary = summarize(rows, names)
    print_summary(summary)
    print("\nseconds: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items()))

    from importlib.metadata import version

    versions = {"xxgk": version("xxgk"), **versions} if "xxgk" in names else versions
    result = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "python": platform.python_version(),
        "corpus": str(args.corpus),
        "as_of": str(AS_OF),
        "versions": versions,
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
        "summary": summary,
        "pages": [as_json(row) for row in rows],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "dates.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"results: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
