"""`xxgk batch` and `xxgk batch-merge` end to end: fixture schools on real 127.0.0.1 servers
(virtual hosts through --resolve), worker processes, time limits, SIGKILL and resume,
shards, and the summary tables (CSV, XLSX, JSON; the HTML in headless Chromium)."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import CountingSite
from test_browser import Browser, Tab, browser, chromium  # noqa: F401  (fixtures)

from xxgk import history
from xxgk.batch.roster import Shard, parse_shard, read_roster
from xxgk.batch.tables import json as summary_json
from xxgk.cli import main
from xxgk.errors import InputError
from xxgk.report import json as report_json
from xxgk.report.labels import STATUS_LABELS

SITES = Path(__file__).parent / "sites"
XXGK = Path(sys.executable).parent / "xxgk"
AS_OF = "2026-11-30"
EVIL_NAME = '<script>window.__pwned = 1</script><style>body{display:none}</style>注入"学院'


class HangingServer:
    """Accepts connections and never answers: a school that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rules_copy(
    source: str, folder: Path, key: str, name: str, host: str | None = None, **site: object
) -> Path:
    """A fixture school's rules under another file name and school name (host, site: fields)."""
    rules = yaml.safe_load((SITES / f"{source}.yaml").read_text(encoding="utf-8"))
    rules["school"]["name"] = name
    rules["site"].update(site)
    if host is not None:
        rules["site"]["base_url"] = f"http://{host}/"
        rules["site"].pop("hosts", None)
    path = folder / f"{key}.yaml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[CountingSite, HangingServer]]:
    sites, hang = CountingSite(SITES), HangingServer()
    yield sites, hang
    sites.close()
    hang.close()


def resolve_args(port: int, hosts: list[str]) -> list[str]:
    return [arg for host in hosts for arg in ("--resolve", f"{host}=127.0.0.1:{port}")]


SITE_HOSTS = ["xxgk.mini.edu.cn", "xxgk.inject.edu.cn", "xxgk.attach.edu.cn", "www.ylzy.edu.cn"]


@pytest.fixture(scope="module")
def fixture_batch(
    tmp_path_factory: pytest.TempPathFactory, servers: tuple[CountingSite, HangingServer]
) -> Path:
    """A roster of eight: three audited, one unreachable, one with invalid rules, one that
    hangs past the time limit, one with neither rules nor an address, one audited with
    rules drafted from its address."""
    sites, hang = servers
    folder = tmp_path_factory.mktemp("roster")
    rules_copy("mini", folder, "mini", "示例学院")
    rules_copy("attach", folder, "attach", "附件学院")
    rules_copy("inject", folder, "inject", EVIL_NAME)
    rules_copy("mini", folder, "down", "停机学院", host="xxgk.down.edu.cn", retries=0)
    rules_copy("mini", folder, "hang", "挂起学院", host="xxgk.hang.edu.cn")
    (folder / "bad.yaml").write_text(
        "school: {name: 规则有误学院, kind: undergraduate}\nchecklist: moe-2014\n"
        "site: {base_url: 'http://xxgk.bad.edu.cn/'}\nitems:\n  99: {urls: [/a.htm]}\n",
        encoding="utf-8",
    )
    roster = folder / "名单.csv"
    rows = [("学校名称", "类型", "网址", "规则文件")]
    names = {"mini": "示例学院", "attach": "附件学院", "inject": "注入学院", "down": "停机学院",
             "hang": "挂起学院", "bad": "规则有误学院"}  # fmt: skip
    rows += [(name, "本科", "", f"{key}.yaml") for key, name in names.items()]
    rows += [("无规则学院", "高职", "", "")]
    rows += [("起草学院", "高职", "http://www.ylzy.edu.cn/", "")]  # rules drafted from its site
    roster.write_text("\ufeff" + "\n".join(",".join(r) for r in rows) + "\n", encoding="utf-8")
    out = folder / "out"
    args = ["batch", str(roster), "--out", str(out), "--as-of", AS_OF, "--jobs", "3"]
    args += ["--school-timeout", "8", "--no-cache", "--no-history", "--quiet", "--rate", "50"]
    args += resolve_args(sites.port, SITE_HOSTS)
    args += resolve_args(closed_port(), ["xxgk.down.edu.cn"])
    args += resolve_args(hang.port, ["xxgk.hang.edu.cn"])
    started = time.monotonic()
    assert main(args) == 0
    assert time.monotonic() - started < 25  # the hung school stopped at its limit
    return out


def test_batch_records_every_outcome_and_audits_the_rest(
    fixture_batch: Path, servers: tuple[CountingSite, HangingServer], tmp_path: Path
) -> None:
    summary = summary_json.parse((fixture_batch / "summary.json").read_bytes())
    assert {s.key: s.outcome.value for s in summary.schools} == {
        "attach": "ok",
        "bad": "invalid_rules",
        "down": "unreachable",
        "hang": "timeout",
        "inject": "ok",
        "mini": "ok",
        "无规则学院": "no_rules",
        "起草学院": "ok",
    }
    by_key = {s.key: s for s in summary.schools}
    assert by_key["bad"].message.endswith(
        "bad.yaml:5: item 99: 清单 moe-2014 中没有这一项（应为 1–50）"
    )
    assert by_key["hang"].message == "超过单校时限 8秒，已停止核查"
    assert by_key["down"].message.startswith("站点没有任何响应")
    assert by_key["无规则学院"].message == "名单未给出规则文件，也没有网址可据以起草"
    drafted = fixture_batch / "schools" / "起草学院"
    assert "base_url:" in (drafted / "rules.draft.yaml").read_text(encoding="utf-8")
    report = report_json.parse((drafted / "report.json").read_bytes())
    assert sum(1 for i in report.items if i.mapping and i.mapping.confidence > 0) >= 10
    assert summary.outcomes == {"ok": 4, "no_rules": 1, "invalid_rules": 1, "unreachable": 1,
                                "timeout": 1, "crashed": 0}  # fmt: skip
    assert [i.id for i in summary.items] == list(range(1, 51))

    # each audited school's row is its own report, and the same as a single audit's
    for key in ("attach", "inject", "mini"):
        report = report_json.parse((fixture_batch / "schools" / key / "report.json").read_bytes())
        row = by_key[key]
        assert row.statuses == {i.id: i.status for i in report.items}
        assert (row.coverage, row.pass_rate) == (report.summary.coverage, report.summary.pass_rate)
        assert row.report == f"schools/{key}/report.html"
    sites, _ = servers
    single = tmp_path / "single"
    code = main(["audit", "--rules", str(fixture_batch.parent / "mini.yaml"), "--as-of", AS_OF,
                 "--out", str(single), "--no-cache", "--no-history", "--quiet",
                 *resolve_args(sites.port, SITE_HOSTS)])  # fmt: skip
    assert code == 0
    alone = report_json.parse((single / "report.json").read_bytes())
    batched = report_json.parse((fixture_batch / "schools/mini/report.json").read_bytes())
    assert alone.model_dump(exclude={"fetch"}) == batched.model_dump(exclude={"fetch"})
    assert by_key["mini"].worst_categories == ("基本信息", "学生管理服务信息")

    # summary.csv: UTF-8 with a BOM, a row per school, in the summary's order
    raw = (fixture_batch / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["学校"] for r in table] == [s.name for s in summary.schools]
    mini = next(r for r in table if r["学校"] == "示例学院")
    assert (mini["核查结果"], mini["要素覆盖率"], mini["报告"]) == (
        "已完成", f"{by_key['mini'].coverage * 100:.1f}%", "schools/mini/report.html")  # fmt: skip
    assert next(r for r in table if r["学校"] == "挂起学院")["核查结果"] == "超时"

    # summary.xlsx: the schools, then a sheet per category with every school's items
    book = openpyxl.load_workbook(fixture_batch / "summary.xlsx")
    assert book.sheetnames[0] == "学校汇总"
    assert len(book.sheetnames) == 1 + len({i.category for i in summary.items})
    sheet = book["学校汇总"]
    assert sheet.max_row == 1 + len(summary.schools)
    names = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
    assert names == [s.name for s in summary.schools]  # the evil name is text, not a formula
    basic = book["基本信息"]
    header = [c.value for c in basic[1]]
    assert header[:3] == ["学校", "1. 办学规模、校级领导班子简介及分工、学校机构设置、学科情况、专业情况、各类在校生情况、教师和专业技术人员数量等办学基本情况", "2. 学校章程及制定的各项规章制度"]  # fmt: skip
    mini_row = next(r for r in basic.iter_rows(min_row=2, values_only=True) if r[0] == "示例学院")
    assert mini_row[1:7] == tuple(STATUS_LABELS[by_key["mini"].statuses[i]] for i in range(1, 7))


def test_rerun_skips_finished_schools(
    fixture_batch: Path, servers: tuple[CountingSite, HangingServer]
) -> None:
    sites, hang = servers
    before = {p: p.stat().st_mtime_ns for p in fixture_batch.glob("schools/*/done.json")}
    hits = sites.total
    roster = fixture_batch.parent / "名单.csv"
    code = main(["batch", str(roster), "--out", str(fixture_batch), "--as-of", AS_OF,
                 "--no-cache", "--no-history", "--quiet", "--school-timeout", "8"])  # fmt: skip
    assert code == 0
    assert sites.total == hits  # nothing fetched again
    assert {p: p.stat().st_mtime_ns for p in fixture_batch.glob("schools/*/done.json")} == before

    # --retry-failed audits again only the schools that did not end ok
    code = main(["batch", str(roster), "--out", str(fixture_batch), "--as-of", AS_OF,
                 "--no-cache", "--no-history", "--quiet", "--school-timeout", "5", "--retry-failed",
                 *resolve_args(sites.port, SITE_HOSTS),
                 *resolve_args(closed_port(), ["xxgk.down.edu.cn"]),
                 *resolve_args(hang.port, ["xxgk.hang.edu.cn"])])  # fmt: skip
    assert code == 0
    assert sites.total == hits
    after = {p.parent.name: p.stat().st_mtime_ns for p in fixture_batch.glob("schools/*/done.json")}
    again = {
        key
        for key, mtime in after.items()
        if mtime != before[fixture_batch / "schools" / key / "done.json"]
    }
    assert again == {"bad", "down", "hang", "无规则学院"}
    assert summary_json.parse((fixture_batch / "summary.json").read_bytes()).outcomes == {
        "ok": 4, "no_rules": 1, "invalid_rules": 1, "unreachable": 1, "timeout": 1, "crashed": 0}  # fmt: skip


def test_roster_and_shard_problems_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,规则文件\n甲,a.yaml\n乙,a.yaml\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_roster(roster)
    assert caught.value.problems == [
        f"{roster}:3: 学校标识 'a' 与第 2 行重复（同名学校请各自指定规则文件）"
    ]
    assert main(["batch", str(tmp_path), "--shard", "3/2", "--out", str(tmp_path / "o")]) == 2
    assert "--shard: 格式应为 I/N，1 ≤ I ≤ N（实际为 '3/2'）" in capsys.readouterr().err
    assert main(["batch", str(roster), "--jobs", "0", "--rate", "0"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "--jobs: 应为正整数（实际为 '0'）",
        "--rate: 超出范围（应 ≥ 0.05，实际为 '0'）",
    ]
    assert parse_shard("2/3") == Shard(2, 3)


def test_shards_merged_equal_one_unsharded_run(
    tmp_path: Path, servers: tuple[CountingSite, HangingServer]
) -> None:
    sites, _ = servers
    folder = tmp_path / "rules"
    folder.mkdir()
    for n, source in enumerate(["mini", "attach", "inject", "mini"]):
        rules_copy(source, folder, f"school-{n}", f"学校{n}")
    common = ["--as-of", AS_OF, "--no-cache", "--no-history", "--quiet", "--jobs", "2",
              *resolve_args(sites.port, SITE_HOSTS)]  # fmt: skip
    assert main(["batch", str(folder), "--out", str(tmp_path / "all"), *common]) == 0
    for shard in ("1/2", "2/2"):
        out = str(tmp_path / f"shard{shard[0]}")
        assert main(["batch", str(folder), "--out", out, "--shard", shard, *common]) == 0
    keys = [
        {s.key for s in summary_json.parse((tmp_path / f"shard{n}/summary.json").read_bytes()).schools}
        for n in (1, 2)
    ]  # fmt: skip
    assert keys[0] and keys[1] and not keys[0] & keys[1]
    assert keys[0] | keys[1] == {f"school-{n}" for n in range(4)}
    merged = tmp_path / "merged"
    code = main(["batch-merge", str(tmp_path / "shard1"), str(tmp_path / "shard2"),
                 "--out", str(merged), "--quiet"])  # fmt: skip
    assert code == 0
    for name in ("summary.json", "summary.csv", "summary.html", "summary.xlsx"):
        assert (merged / name).read_bytes() == (tmp_path / "all" / name).read_bytes(), name
    assert (merged / "schools/school-0/report.html").is_file()


def test_change_since_previous_run_with_history(
    tmp_path: Path, servers: tuple[CountingSite, HangingServer]
) -> None:
    sites, _ = servers
    folder = tmp_path / "rules"
    folder.mkdir()
    rules_copy("mini", folder, "mini", "历史学院")
    db = tmp_path / "history.sqlite"
    for as_of in ("2026-06-30", AS_OF):
        code = main(["batch", str(folder), "--out", str(tmp_path / as_of), "--as-of", as_of,
                     "--history", str(db), "--no-cache", "--quiet",
                     *resolve_args(sites.port, SITE_HOSTS)])  # fmt: skip
        assert code == 0
    row = summary_json.parse((tmp_path / AS_OF / "summary.json").read_bytes()).schools[0]
    runs = history.runs(db, "历史学院")
    assert [r.as_of.isoformat() for r in runs] == ["2026-06-30", AS_OF]
    assert row.change is not None
    assert row.change.run_id == runs[1].id
    assert row.change.previous_as_of is not None
    assert row.change.previous_as_of.isoformat() == "2026-06-30"
    assert row.change.pass_rate == round(runs[1].pass_rate - runs[0].pass_rate, 4)
    found = history.diff(db, runs[0].id, runs[1].id)
    assert (row.change.newly_failing, row.change.fixed) == (
        len(found.newly_failing),
        len(found.fixed),
    )
    assert row.change.newly_failing > 0  # items that were still current in June are stale now


def test_sigkill_mid_batch_then_rerun_audits_each_school_once(tmp_path: Path) -> None:
    """SIGKILL the batch while schools are in flight; the rerun audits only the unfinished
    ones, and every school is in the history and the tables exactly once."""
    root = tmp_path / "sites"
    root.mkdir()
    hosts = [f"xxgk.s{n}.edu.cn" for n in range(6)]
    for host in hosts:
        (root / host).symlink_to((SITES / "xxgk.mini.edu.cn").resolve())
    sites = CountingSite(root)
    folder = tmp_path / "rules"
    folder.mkdir()
    for n, host in enumerate(hosts):
        rules_copy("mini", folder, f"s{n}", f"续跑学院{n}", host=host)
    out, db = tmp_path / "out", tmp_path / "history.sqlite"
    command = [str(XXGK), "batch", str(folder), "--out", str(out), "--as-of", AS_OF,
               "--jobs", "2", "--rate", "4", "--no-cache", "--history", str(db),
               *resolve_args(sites.port, hosts)]  # fmt: skip
    try:
        first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(list(out.glob("schools/*/done.json"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        finished_before = {p.parent.name for p in out.glob("schools/*/done.json")}
        assert 2 <= len(finished_before) < 6
        seeds_before = {h: sites.hits[(h, "/xxgknb.htm")] for h in hosts}
        time.sleep(0.5)  # the killed batch's workers die with it: they fetch nothing more
        assert {h: sites.hits[(h, "/xxgknb.htm")] for h in hosts} == seeds_before

        rerun = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert rerun.returncode == 0, rerun.stderr
        assert f"续跑：{len(finished_before)} 所学校已完成，跳过" in rerun.stderr
    finally:
        sites.close()
    for n, host in enumerate(hosts):
        # a school finished before the kill was not fetched again
        if f"s{n}" in finished_before:
            assert sites.hits[(host, "/xxgknb.htm")] == 1, host
    summary = summary_json.parse((out / "summary.json").read_bytes())
    assert [s.key for s in summary.schools] == [f"s{n}" for n in range(6)]
    assert {s.outcome.value for s in summary.schools} == {"ok"}
    assert Counter(r.school for r in history.runs(db)) == {f"续跑学院{n}": 1 for n in range(6)}


def test_summary_html_in_chromium(browser: Browser, fixture_batch: Path) -> None:  # noqa: F811
    summary = summary_json.parse((fixture_batch / "summary.json").read_bytes())
    tab = Tab(browser)
    tab.open((fixture_batch / "summary.html").as_uri())
    names = "[...document.querySelectorAll('#schools tbody tr')].filter(r => !r.hidden).map(r => r.dataset.key)"
    heat = "[...document.querySelectorAll('#heat tbody tr')].filter(r => !r.hidden).map(r => r.dataset.key)"
    assert tab.eval(names) == [s.key for s in summary.schools]
    # nothing from a school's name ran: no script, no style, the name shown as text
    assert tab.eval("typeof window.__pwned") == "undefined"
    assert tab.eval("document.querySelectorAll('script').length") == 1
    assert tab.eval("document.querySelectorAll('style').length") == 1
    assert tab.eval("getComputedStyle(document.body).display") == "block"
    assert EVIL_NAME in tab.eval("document.querySelector('#schools').innerText")

    # sort by pass rate: ascending, then descending; schools without a score always last
    tab.click('button[data-sort="pass"]')
    audited = sorted((s for s in summary.schools if s.pass_rate is not None),
                     key=lambda s: (s.pass_rate, s.key))  # fmt: skip
    others = [s.key for s in summary.schools if s.pass_rate is None]
    assert tab.eval(names) == [s.key for s in audited] + others
    assert tab.eval(heat) == [s.key for s in audited] + others  # the heat map follows
    tab.click('button[data-sort="pass"]')
    descending = sorted(audited, key=lambda s: (-(s.pass_rate or 0), s.key))
    assert tab.eval(names)[: len(audited)] == [s.key for s in descending]
    assert tab.eval("document.querySelector('button[data-sort=\"pass\"]').parentNode.getAttribute('aria-sort')") == "descending"  # fmt: skip

    # filters: by outcome, then by name as typed
    tab.eval("(() => { const s = document.getElementById('f-outcome'); s.value = 'timeout';"
             " s.dispatchEvent(new Event('change')); })()")  # fmt: skip
    assert tab.eval(names) == ["hang"]
    assert tab.eval(heat) == ["hang"]
    assert tab.eval("document.getElementById('shown').textContent") == "1"
    tab.eval("(() => { const s = document.getElementById('f-outcome'); s.value = '';"
             " s.dispatchEvent(new Event('change'));"
             " const q = document.getElementById('q'); q.value = '附件';"
             " q.dispatchEvent(new Event('input')); })()")  # fmt: skip
    assert tab.eval(names) == ["attach"]
    # a bar per school, and the heat map's 50 cells per school coloured by status
    assert tab.eval("document.querySelectorAll('#schools .fill.cov').length") == len(
        summary.schools
    )
    mini = next(s for s in summary.schools if s.key == "mini")
    assert tab.eval("document.querySelector('#heat tr[data-key=\"mini\"] td:nth-of-type(6)').className") == f"s-{mini.statuses[6].value}"  # fmt: skip
    assert tab.problems() == []


def test_xlsx_roster(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "学校名称", "类型", "网址", "规则文件"])
    sheet.append([1, "甲职业技术学院", "高职", "https://xxgk.jia.edu.cn/", "rules/jia.yaml"])
    sheet.append([None, None, None, None, None])
    sheet.append([2, "乙 大学", "本科", "https://xxgk.yi.edu.cn/", None])
    book.save(tmp_path / "名单.xlsx")
    entries = read_roster(tmp_path / "名单.xlsx")
    assert [(e.key, e.name, e.kind, e.url, e.rules, e.line) for e in entries] == [
        (
            "jia",
            "甲职业技术学院",
            "高职",
            "https://xxgk.jia.edu.cn/",
            tmp_path / "rules/jia.yaml",
            2,
        ),
        ("乙_大学", "乙 大学", "本科", "https://xxgk.yi.edu.cn/", None, 4),
    ]
