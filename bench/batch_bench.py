"""Batch benchmark: `xxgk batch` over N generated schools against the same schools audited
one after another with `xxgk audit`. A benchmark, not a test.

Each school is a VSB-style site from vsbsite.py with a seed of its own (so its three row
layouts, two pager kinds and GBK columns fall differently), served with the others by one
server process on 127.0.0.1 that routes by Host header (xxgk.sitehost), reached through
`--resolve`. Its rules name `--items` columns, each with its first list page and
`--articles` articles: about 100 pages a school by default. Both runs keep every school's
default politeness (2 requests/s, 2 connections per host) and write every report format.

Reported per run: wall time, schools/min, pages/s, CPU seconds per page (user + system of
the whole process tree, workers included) and peak RSS of the whole tree (the sum over
the batch process and its workers, sampled from /proc every 0.2 s).

    .venv/bin/python bench/batch_bench.py                     # 100 schools (long: rate-bound)
    .venv/bin/python bench/batch_bench.py --schools 8 --jobs 2,8
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vsbsite

BENCH = Path(__file__).resolve().parent
XXGK = Path(sys.executable).parent / "xxgk"
AS_OF = vsbsite.AS_OF.isoformat()
SITE_VARIANTS = 4  # distinct generated sites; schools share them by host, not by pages
SERVER = """
import sys, time
from pathlib import Path
from xxgk import sitehost
with sitehost.serve(Path(sys.argv[1])) as port:
    print(port, flush=True)
    while True:
        time.sleep(3600)
"""


def host_of(n: int) -> str:
    return f"xxgk.school{n:03d}.edu.cn"


def generate(root: Path, schools: int, items: int, articles: int) -> list[Path]:
    """The sites (root/sites/<host>/) and rules files (root/rules/), reused when present.

    SITE_VARIANTS full VSB sites are generated (seeds of their own); each school's host is
    one of them, and its rules pick their own `items` columns from it."""
    stamp = root / "params.json"
    params = {"schools": schools, "items": items, "articles": articles}
    rules_dir, sites = root / "rules", root / "sites"
    if stamp.is_file() and json.loads(stamp.read_text()) == params:
        return sorted(rules_dir.glob("*.yaml"))
    subprocess.run(["rm", "-rf", str(rules_dir), str(sites)], check=True)
    rules_dir.mkdir(parents=True)
    manifests = []
    for k in range(SITE_VARIANTS):
        manifests.append(vsbsite.generate(root / "variants" / str(k), seed=2026 + k))
    for n in range(schools):
        k = n % SITE_VARIANTS
        (sites / host_of(n)).parent.mkdir(parents=True, exist_ok=True)
        (sites / host_of(n)).symlink_to(root / "variants" / str(k))
        manifest = manifests[k]
        chosen = random.Random(n).sample(manifest.columns, items)
        rules = {
            "school": {"name": f"基准学校{n:03d}", "kind": "graduate"},
            "site": {"base_url": f"http://{host_of(n)}/"},  # default politeness
            "items": {
                c.item: {
                    "department": "信息公开办公室",
                    "urls": [c.path],
                    "section": manifest.section,
                    "pages": 1,
                    "articles": articles,
                }
                for c in sorted(chosen, key=lambda c: c.item)
            },
        }
        text = yaml.safe_dump(rules, allow_unicode=True)
        (rules_dir / f"school{n:03d}.yaml").write_text(text, encoding="utf-8")
    stamp.write_text(json.dumps(params))
    return sorted(rules_dir.glob("*.yaml"))


def _tree_rss(root_pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


@dataclass
class Measured:
    seconds: float
    cpu: float
    peak_rss: int


def measure(command: list[str]) -> Measured:
    """Run a command; its wall time, the CPU of its whole tree and the tree's peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.wait(0.2):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:3])}…: exit {process.returncode}")
    # a child's rusage includes the descendants it waited for (the batch's workers)
    return Measured(seconds, usage.ru_utime + usage.ru_stime, peak)


def pages_and_statuses(reports: list[Path]) -> tuple[int, dict[str, dict[int, str]]]:
    pages, statuses = 0, {}
    for path in reports:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages += data["fetch"]["pages"]
        statuses[data["school"]["name"]] = {i["id"]: i["status"] for i in data["items"]}
    return pages, statuses


def row(label: str, schools: int, pages: int, m: Measured) -> dict[str, Any]:
    return {
        "run": label,
        "schools": schools,
        "pages": pages,
        "seconds": round(m.seconds, 1),
        "schools_per_min": round(schools / m.seconds * 60, 2),
        "pages_per_s": round(pages / m.seconds, 2),
        "cpu_s_per_page": round(m.cpu / pages, 4),
        "peak_rss_mb": round(m.peak_rss / 2**20, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--items", type=int, default=25, help="columns in each school's rules")
    parser.add_argument("--articles", type=int, default=3, help="articles opened per column")
    parser.add_argument("--jobs", default=str(os.cpu_count() or 1), help="comma list of --jobs")
    parser.add_argument("--skip-sequential", action="store_true")
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "batch")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()  # the school hosts are symbolic links into it

    rules = generate(args.out, args.schools, args.items, args.articles)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(args.out / "sites")], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    port = int(server.stdout.readline())
    resolve = [f"{host_of(n)}=127.0.0.1:{port}" for n in range(args.schools)]
    common = ["--as-of", AS_OF, "--no-cache", "--no-history", "--quiet"]
    results: list[dict[str, Any]] = []
    statuses: dict[str, dict[str, dict[int, str]]] = {}
    try:
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = args.out / f"run-batch-j{jobs}"
            command = [str(XXGK), "batch", str(args.out / "rules"), "--out", str(out),
                       "--jobs", str(jobs), *common]  # fmt: skip
            command += [a for r in resolve for a in ("--resolve", r)]
            subprocess.run(["rm", "-rf", str(out)], check=True)
            measured = measure(command)
            pages, statuses[f"batch -j{jobs}"] = pages_and_statuses(
                sorted(out.glob("schools/*/report.json"))
            )
            results.append(row(f"xxgk batch --jobs {jobs}", len(rules), pages, measured))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
        if not args.skip_sequential:
            out = args.out / "run-sequential"
            total = Measured(0.0, 0.0, 0)
            for n, path in enumerate(rules):
                command = [str(XXGK), "audit", "--rules", str(path), "--out",
                           str(out / path.stem), "--resolve", resolve[n], *common]  # fmt: skip
                m = measure(command)
                total = Measured(total.seconds + m.seconds, total.cpu + m.cpu,
                                 max(total.peak_rss, m.peak_rss))  # fmt: skip
            pages, statuses["sequential"] = pages_and_statuses(sorted(out.glob("*/report.json")))
            results.append(row("xxgk audit, one school after another", len(rules), pages, total))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        server.terminate()
        server.wait()
    same = len({json.dumps(s, sort_keys=True) for s in statuses.values()}) == 1
    print(f"check same_statuses_in_every_run: {'ok' if same else 'FAILED'}")
    if not args.skip_sequential and len(results) > 1:
        base = results[-1]
        for r in results[:-1]:
            print(
                f"{r['run']}: {r['pages_per_s'] / base['pages_per_s']:.2f}× the sequential pages/s;"
                f" CPU per page {r['cpu_s_per_page'] / base['cpu_s_per_page']:.2f}× a single audit's"
            )
    (args.out / "results.json").write_text(
        json.dumps({"results": results, "same_statuses": same}, ensure_ascii=False, indent=1)
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
