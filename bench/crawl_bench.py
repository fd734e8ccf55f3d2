"""Crawl benchmark: xxgk's audit against Scrapy's crawl on a generated 5,000-page VSB site.

    make bench                       # installs bench/requirements.txt (Scrapy), then this
    .venv/bin/python bench/crawl_bench.py [--profiles campus,lan] [--concurrency 8] [--repeat 1]

1. Generates ``bench/out/site/`` (vsbsite.py; again whenever vsbsite.py is newer): 50 VSB
   columns paginating downwards (``sx18.htm``, ``sx18/13.htm`` … ``sx18/1.htm``; a fifth with
   the older ``a.Next`` pager), about 4,650 article pages of 10–30 KB (5 columns in GBK),
   about 100 PDF attachments.
2. For each network profile, serves it from a separate process (shaped_server.py) and runs,
   each in its own subprocess: Scrapy, xxgk's whole audit (crawl, evaluation, every report)
   with an empty cache (cold), and again with the same cache (warm). Peak RSS of each run is
   the child's ``ru_maxrss`` (os.wait4), so xxgk's covers evaluation too; seconds are the
   crawl's own wall time, imports excluded (``audit s`` adds evaluation and reports).
3. Prints a table per profile and its checks, among them whether xxgk fetched every URL
   Scrapy fetched and every URL of the site (``every_scrapy_url_fetched_by_xxgk``: ``ok
   (5016/5016)`` or ``FAILED: N missing …`` by list pages, articles and attachments), and
   writes ``bench/out/results.json``.

Targets (issue): xxgk cold pages/s >= Scrapy's, xxgk peak RSS <= Scrapy's, warm run at
least 5x faster than cold, all judged on the ``campus`` profile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import vsbsite  # noqa: E402  (a sibling module of this script)
from shaped_server import STATS_PATH  # noqa: E402


@dataclass(frozen=True)
class Profile:
    name: str
    latency: float  # seconds before every response's first byte (200 and 304 alike)
    connect_latency: float  # seconds for each new TCP connection (the handshake's RTT)
    bandwidth: float  # bytes per second per connection, headers included; 0 = unlimited
    about: str


PROFILES = {
    # A school's server seen from an auditor in the same province: 20 ms round trip,
    # 2 Mbit/s per connection (a shared campus uplink / CERNET interconnect at busy hours).
    "campus": Profile("campus", 0.020, 0.020, 256 * 1024, "20 ms RTT, 2 Mbit/s per connection"),
    # No shaping at all: loopback, so each crawler's own CPU cost per page decides.
    "lan": Profile("lan", 0.0, 0.0, 0.0, "loopback, no shaping (CPU-bound)"),
}
TARGET_PROFILE = "campus"
WARM_TARGET = 5.0


# --------------------------------------------------------------------------- plumbing


def _python_env(xxgk_src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONPATH", None)
    if xxgk_src is not None:  # benchmark a patched copy of the package instead
        env["PYTHONPATH"] = str(xxgk_src)
    return env


class SiteServer:
    """The shaped server in its own process, for one profile."""

    def __init__(self, site: Path, profile: Profile, logs: Path) -> None:
        self.log = (logs / f"server-{profile.name}.log").open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(HERE / "shaped_server.py"),
                str(site),
                f"--latency={profile.latency}",
                f"--connect-latency={profile.connect_latency}",
                f"--bandwidth={profile.bandwidth}",
            ],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("PORT "):
            self.process.kill()
            raise SystemExit(f"server did not start: {line!r} (see {self.log.name})")
        self.base = f"http://127.0.0.1:{int(line.split()[1])}"

    def counts(self) -> dict[str, int]:
        with urllib.request.urlopen(self.base + STATS_PATH, timeout=30) as response:
            counts: dict[str, int] = json.loads(response.read())
        return counts

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _diff(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    out = {key: after.get(key, 0) - before.get(key, 0) for key in after if key != "in_flight"}
    out["connections"] = out.get("connections", 0) - 1  # the stats request's own
    out["peak_in_flight"] = after.get("peak_in_flight", 0)  # since the previous stats request
    return {key: value for key, value in out.items() if value}


def run_child(
    name: str, argv: list[str], env: dict[str, str], logs: Path, server: SiteServer
) -> dict[str, Any]:
    """Run one crawler process; its report plus peak RSS (ru_maxrss of that child)."""
    out = logs / f"{name}.json"
    out.unlink(missing_ok=True)
    before = server.counts()
    with (logs / f"{name}.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, *argv, "--out", str(out)], env=env, stdout=log, stderr=log
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0 or not out.exists():
        raise SystemExit(f"{name} failed (exit {process.returncode}): see {logs / (name + '.log')}")
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    report["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    report["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    report["server"] = _diff(server.counts(), before)
    report["pages_per_s"] = report["pages"] / report["seconds"]
    return report


# --------------------------------------------------------------------------- one profile


def bench_profile(
    profile: Profile, site: Path, args: argparse.Namespace, logs: Path
) -> dict[str, Any]:
    manifest = site / "manifest.json"
    concurrency = str(args.concurrency)
    server = SiteServer(site, profile, logs)
    runs: dict[str, list[dict[str, Any]]] = {"scrapy": [], "xxgk cold": [], "xxgk warm": []}
    try:
        for attempt in range(args.repeat):
            tag = f"{profile.name}-{attempt + 1}"
            common = ["--base", server.base, "--manifest", str(manifest)]
            common += ["--concurrency", concurrency]
            if not args.skip_scrapy:
                print(f"  [{tag}] scrapy …", flush=True)
                runs["scrapy"].append(
                    run_child(
                        f"scrapy-{tag}",
                        [str(HERE / "run_scrapy.py"), *common],
                        _python_env(None),
                        logs,
                        server,
                    )
                )
            cache = args.out / f"cache-{tag}"
            shutil.rmtree(cache, ignore_errors=True)
            xxgk = [str(HERE / "run_xxgk.py"), *common, "--cache", str(cache)]
            env = _python_env(args.xxgk_src)
            for mode in ("cold", "warm"):
                print(f"  [{tag}] xxgk {mode} …", flush=True)
                runs[f"xxgk {mode}"].append(
                    run_child(f"xxgk-{mode}-{tag}", xxgk, env, logs, server)
                )
            shutil.rmtree(cache, ignore_errors=True)
    finally:
        server.close()
    kinds = vsbsite.site_paths(vsbsite.load_manifest(site))
    return {"profile": profile.__dict__, "runs": runs, "summary": summarize(runs, kinds)}


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median time (the table shows one real run, not a blend)."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["peak_rss_mb"] = max(run["peak_rss_mb"] for run in runs)
    if len(runs) > 1:
        chosen["seconds_all"] = [round(run["seconds"], 2) for run in runs]
        chosen["seconds_stdev"] = statistics.stdev(run["seconds"] for run in runs)
    return chosen


# --------------------------------------------------------------------------- URL checks

KIND_NAMES = {"list": "list pages", "article": "articles", "attachment": "attachments"}


def _site_path(url: str) -> str:
    """A fetched URL without its origin: each profile's server has its own port."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fetched_all(expected: dict[str, str], fetched: list[str]) -> dict[str, Any]:
    """Which of ``expected`` (site path -> kind) a crawler did not fetch, by kind."""
    got = {_site_path(url) for url in fetched}
    missing = [path for path in sorted(expected) if path not in got]
    by_kind = Counter(expected[path] for path in missing)
    return {
        "ok": not missing,
        "expected": len(expected),
        "fetched": len(expected) - len(missing),
        "missing": {kind: by_kind[kind] for kind in KIND_NAMES if by_kind[kind]},
        "examples": {
            kind: [path for path in missing if expected[path] == kind][:5]
            for kind in KIND_NAMES
            if by_kind[kind]
        },
    }


def url_checks(
    runs: dict[str, list[dict[str, Any]]], kinds: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Did xxgk fetch every URL Scrapy fetched (and every URL of the generated site)?

    Every run counts, not only the median one: for each crawler the run that missed most
    is reported. A URL Scrapy fetched that the site does not list is kind ``other``.
    """
    checks: dict[str, dict[str, Any]] = {}

    def worst(results: list[dict[str, Any]]) -> dict[str, Any]:
        return min(results, key=lambda result: result["fetched"] - result["expected"])

    scrapy_paths = {_site_path(url) for run in runs.get("scrapy", []) for url in run["urls"]}
    scrapy_kinds = {path: kinds.get(path, "other") for path in scrapy_paths}
    for mode in ("cold", "warm"):
        xxgk = runs.get(f"xxgk {mode}", [])
        if xxgk and scrapy_kinds:
            found = [fetched_all(scrapy_kinds, run["urls"]) for run in xxgk]
            checks[f"every_scrapy_url_fetched_by_xxgk ({mode})"] = worst(found)
        if xxgk:
            found = [fetched_all(kinds, run["urls"]) for run in xxgk]
            checks[f"every_site_url_fetched_by_xxgk ({mode})"] = worst(found)
    if runs.get("scrapy"):
        found = [fetched_all(kinds, run["urls"]) for run in runs["scrapy"]]
        checks["every_site_url_fetched_by_scrapy"] = worst(found)
    return checks


def describe_url_check(check: dict[str, Any]) -> str:
    """``ok (5016/5016)``, or ``FAILED: 876 missing (list pages 40, …), e.g. …``."""
    if check["ok"]:
        return f"ok ({check['fetched']}/{check['expected']})"
    missing = check["expected"] - check["fetched"]
    counts = ", ".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in check["missing"].items())
    examples = [path for paths in check["examples"].values() for path in paths[:2]]
    return (
        f"FAILED: {missing} missing of {check['expected']} ({counts}), e.g. {', '.join(examples)}"
    )


def summarize(runs: dict[str, list[dict[str, Any]]], kinds: dict[str, str]) -> dict[str, Any]:
    rows = {name: _median_run(found) for name, found in runs.items() if found}
    summary: dict[str, Any] = {
        "rows": {
            name: {
                key: row.get(key)
                for key in (
                    "pages",
                    "ok",
                    "errors",
                    "cached",
                    "seconds",
                    "audit_seconds",
                    "statuses",
                    "pages_per_s",
                    "peak_rss_mb",
                    "cpu_seconds",
                    "server",
                    "seconds_all",
                    "xxgk_file",
                )
            }
            for name, row in rows.items()
        }
    }
    cold, warm, scrapy = rows.get("xxgk cold"), rows.get("xxgk warm"), rows.get("scrapy")
    checks: dict[str, Any] = {}
    if cold and warm:
        summary["warm_speedup"] = cold["seconds"] / warm["seconds"]
        # Conditional requests answered 304, and URLs not asked at all (a cached copy
        # still fresh by RFC 9111): together they should cover every page.
        asked = sum(v for k, v in warm["server"].items() if k.isdigit())
        checks["warm_requests"] = {
            "sent": asked,
            "not_modified": warm["server"].get("304", 0),
            "not_sent": warm["pages"] + 1 - asked,  # +1: robots.txt is always asked
            "from_cache": warm["cached"],
        }
        checks["warm_same_statuses"] = cold.get("statuses") == warm.get("statuses")
    if cold and scrapy:
        checks["same_urls"] = cold["urls"] == scrapy["urls"]
        if not checks["same_urls"]:
            only_x = sorted(set(cold["urls"]) - set(scrapy["urls"]))
            only_s = sorted(set(scrapy["urls"]) - set(cold["urls"]))
            checks["only_xxgk"], checks["only_scrapy"] = only_x[:20], only_s[:20]
        summary["targets"] = {
            "cold_pages_per_s_vs_scrapy": {
                "xxgk": cold["pages_per_s"],
                "scrapy": scrapy["pages_per_s"],
                "met": cold["pages_per_s"] >= scrapy["pages_per_s"],
            },
            "peak_rss_vs_scrapy": {
                "xxgk": max(cold["peak_rss_mb"], warm["peak_rss_mb"] if warm else 0),
                "scrapy": scrapy["peak_rss_mb"],
                "met": max(cold["peak_rss_mb"], warm["peak_rss_mb"] if warm else 0)
                <= scrapy["peak_rss_mb"],
            },
        }
    if cold and warm:
        summary.setdefault("targets", {})["warm_5x_faster"] = {
            "ratio": summary["warm_speedup"],
            "met": summary["warm_speedup"] >= WARM_TARGET,
        }
    summary["checks"] = checks
    summary["url_checks"] = url_checks(runs, kinds)
    return summary


def print_table(result: dict[str, Any]) -> None:
    profile = result["profile"]
    summary = result["summary"]
    print(f"\nprofile {profile['name']}: {profile['about']}")
    header = (
        f"{'crawler':<11} {'pages':>6} {'seconds':>8} {'pages/s':>8} {'audit s':>8} "
        f"{'peak RSS MB':>12} {'CPU s':>7}  server"
    )
    print(header)
    print("-" * len(header))
    for name, row in summary["rows"].items():
        server = ", ".join(f"{k}:{v}" for k, v in sorted(row["server"].items()))
        audit = f"{row['audit_seconds']:>8.1f}" if row.get("audit_seconds") else f"{'-':>8}"
        print(
            f"{name:<11} {row['pages']:>6} {row['seconds']:>8.1f} {row['pages_per_s']:>8.1f} "
            f"{audit} {row['peak_rss_mb']:>12.0f} {row['cpu_seconds']:>7.1f}  {server}"
        )
    if "warm_speedup" in summary:
        print(f"warm/cold speed-up: {summary['warm_speedup']:.2f}x")
    for name, target in summary.get("targets", {}).items():
        shown = {k: round(v, 2) if isinstance(v, float) else v for k, v in target.items()}
        print(f"  {name}: {shown}")
    for name, value in summary["checks"].items():
        print(f"  check {name}: {value}")
    for name, check in summary["url_checks"].items():
        print(f"  check {name}: {describe_url_check(check)}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--profiles", default="campus,lan", help="comma list of: " + ", ".join(PROFILES)
    )
    parser.add_argument(
        "--concurrency", type=int, default=8, help="connections per host, both crawlers"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per crawler; the median is shown"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="site, caches, logs, results"
    )
    parser.add_argument("--skip-scrapy", action="store_true")
    parser.add_argument(
        "--regenerate", action="store_true", help="rebuild the site even if present"
    )
    parser.add_argument(
        "--xxgk-src",
        type=Path,
        help="benchmark the xxgk package under this folder (a patched copy)",
    )
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.profiles.split(",") if name.strip()]
    unknown = [name for name in names if name not in PROFILES]
    if unknown:
        parser.error(f"unknown profile(s): {', '.join(unknown)}")

    args.out.mkdir(parents=True, exist_ok=True)
    logs = args.out / "logs"
    logs.mkdir(exist_ok=True)
    site = args.out / "site"
    made = site / "manifest.json"
    stale = made.exists() and made.stat().st_mtime < Path(vsbsite.__file__).stat().st_mtime
    if args.regenerate or stale or not made.exists():  # a changed generator: a new site
        print(f"generating {site} …", flush=True)
        vsbsite.generate(site)
    manifest = vsbsite.load_manifest(site)
    print(
        f"site: {manifest['pages']} pages to fetch ({len(manifest['columns'])} columns, "
        f"{manifest['attachments']} attachments), {manifest['bytes'] / 1e6:.0f} MB; "
        f"article bytes min/max/mean {manifest['article_bytes']}; concurrency {args.concurrency}"
    )

    results: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "scrapy": _version("scrapy"),
            "xxgk_src": str(args.xxgk_src) if args.xxgk_src else "installed package",
        },
        "site": {k: v for k, v in manifest.items() if k != "columns"},
        "concurrency": args.concurrency,
        "repeat": args.repeat,
        "target_profile": TARGET_PROFILE,
        "profiles": {},
    }
    for name in names:
        print(f"profile {name}: {PROFILES[name].about}", flush=True)
        started = time.monotonic()
        result = bench_profile(PROFILES[name], site, args, logs)
        result["wall_seconds"] = time.monotonic() - started
        results["profiles"][name] = result
        print_table(result)
    for result in results["profiles"].values():
        for runs in result["runs"].values():
            for run in runs:
                run.pop("urls", None)  # kept in logs/*.json
    path = args.out / "results.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nresults: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 0


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
